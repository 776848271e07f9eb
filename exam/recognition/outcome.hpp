#pragma once
// The outcome of a sitting's whole procedure, once the commission and, when
// asked, the appeal commission have spoken. Seed 002 p.17-18, p.20-23.
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "exam/recognition/commission.hpp"

namespace tanu::exam {

// An appeal's status: registered by the centre (p.21), then upheld or
// rejected by the appeal commission (p.22).
enum class appeal_status { registered, upheld, rejected };
const char* to_string(appeal_status s);  // "registered", "upheld", "rejected"
std::optional<appeal_status> parse_appeal_status(std::string_view s);

struct sitting_outcome {
    bool decided = false;  // the commission's protocol is signed (p.17)
    bool passed = false;   // the protocol says passed (p.18), or an appeal was upheld (p.23)
};

// `protocol_passed`: the protocol's decision, nullopt while none is signed.
// p.23: on the appeal commission's positive conclusion the centre issues the
// document as p.18 does for a pass, so an upheld appeal means passed, whatever
// the protocol decided.
sitting_outcome decided_outcome(std::optional<bool> protocol_passed, const std::vector<appeal_status>& appeals);

}  // namespace tanu::exam

// ---- What an appeal decides (seed 002 p.20-23; issue 11, W4) ---------------
// The rules are in outcome.cpp; the appeal commission's bodies and quorum are
// commission.hpp's.
namespace tanu::exam {

// The appeal commission chooses what it upholds:
// - recognised: p.23, its positive conclusion: the document is issued as p.18
//   gives it, and the protocol stands amended by the appeal;
// - annulled: the result is annulled (a technical failure, p.11; an act
//   wrongly confirmed, p.14): the sitting is voided, is no attempt, and is sat
//   again on a new date (the seed names no such conclusion: our default, the
//   remedy p.11 gives before the decision, given by the appeal after it);
// - rejected: the protocol stands.
enum class appeal_outcome { recognised, annulled, rejected };
const char* to_string(appeal_outcome o);  // "recognised", "annulled", "rejected"
std::optional<appeal_outcome> parse_appeal_outcome(std::string_view s);
// The status outside clients read: upheld (recognised or annulled) or rejected.
appeal_status status_of(appeal_outcome o);

// What an outcome means for the candidate's procedure.
struct appeal_effect {
    bool passed = false;            // the procedure passed (recognised)
    bool document = false;          // a document is prepared (recognised, p.23)
    bool protocol_amended = false;  // the protocol is marked amended by the appeal (recognised)
    bool void_sitting = false;      // the sitting is voided: no attempt (annulled)
    bool sit_again = false;         // the centre sets a new date (annulled)
};
appeal_effect effect_of(appeal_outcome o);
// Whether the outcome needs the commission's reasons (recognised, annulled).
bool needs_reasons(appeal_outcome o);

// An old client's {"upheld": true} without an outcome (docs/api.md): it means
// recognised only where nothing else can be meant: the theory stage passed and
// the sitting was not terminated. Otherwise nullopt: the member must choose.
std::optional<appeal_outcome> outcome_of_upheld(bool theory_passed, bool terminated);

struct appeal_vote {
    std::int64_t member = 0;
    appeal_outcome outcome = appeal_outcome::rejected;
};

// The votes counted. `quorum` as exam::quorum gives it for the voters;
// `decision`: the outcome decided, nullopt while none is.
struct appeal_tally {
    quorum_state quorum;
    int recognised = 0, annulled = 0, rejected = 0;  // the members' votes
    bool tied = false;  // the quorum voted, but the top outcomes tie and no chair's vote breaks it
    std::optional<appeal_outcome> decision;
};

// p.22, W4: the appeal is decided by the appeal commission's vote. `panel`:
// the commission's members who sit on this appeal (commission.hpp
// appeal_panel: without the sitting's exam commission), with their offices.
// Decided once the quorum of `rule` has voted (exam::quorum: the votes as
// signatures): the outcome most of the panel's votes chose, the chair's vote
// breaking a tie among the first (the seed is silent: our default, as for the
// practical marks). When the chair does not sit on the appeal the rule needs
// no chair's vote (our default: chair_and_majority becomes majority). Votes of
// others do not count; a member has one vote (his last).
appeal_tally tally_appeal(quorum_rule rule, const std::vector<commission_member>& panel,
                          const std::vector<appeal_vote>& votes);
// The short path (no appeal commission body): the first vote of an assigned
// member decides, as the first signature binds a protocol.
appeal_tally tally_first_vote(const std::vector<std::int64_t>& assigned, const std::vector<appeal_vote>& votes);

// The sitting's outcome with the appeals' outcomes (nullopt: not decided yet):
// recognised means passed (p.23); annulled and rejected leave the protocol's
// decision (an annulled sitting is voided: it is no attempt, and no rule asks
// a voided sitting's outcome). Appeals upheld before outcomes existed are
// recognised (migration 18).
sitting_outcome appealed_outcome(std::optional<bool> protocol_passed,
                                const std::vector<appeal_outcome>& appeals);

}  // namespace tanu::exam
