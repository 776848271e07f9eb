#pragma once
// p.20-23: a candidate appeals the commission's results; the appeal
// commission decides by its vote what it upholds: the result recognised (the
// document, p.23), or annulled (sat again, no attempt), or the appeal rejected.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "exam/recognition/outcome.hpp"
#include "server/db/sqlite.hpp"
#include "server/exam/store.hpp"
#include "server/accounts/principal.hpp"
#include "server/platform/config.hpp"
#include "server/recognition/store.hpp"

namespace tanu::server::recognition {

struct file_appeal_input {
    std::int64_t sitting = 0;
    std::int64_t user = 0;                 // the candidate's account
    std::optional<std::int64_t> candidate; // the account's candidate
    std::string reason;                    // 1 to max_reason characters
};

// Registers the appeal (p.21) with the appeal commission's members
// (assign_appeal: the appeal commission serving the programme, less the
// sitting's exam commission), due by appeal_decide_by (p.22); audited
// appeal.file; notice appeal_registered. not_found unless the sitting is the
// candidate's; conflicts no_results_yet (no bound protocol), appeal_window_closed
// (p.20), appeal_open (one is being decided), appeal_exists (the decision was
// appealed already: one appeal per decision, W5), no_appeal_commission (X13),
// calendar_missing.
// W5, p.21: `paper_received` set: an appeal handed in on paper, entered by the centre's
// staff (`in.user`) for the sitting's candidate; it is filed the day the centre received
// it (field_invalid unless from the protocol's day to today), and the window and the
// term count from that day. p.20: the window runs from the results' receipt, open until it.
appeal_row file_appeal(db& d, const centre_config& centre, const file_appeal_input& in, std::int64_t now_ms,
                       const std::optional<exam::date>& paper_received = std::nullopt);

struct decide_appeal_input {
    decide_appeal_input() = default;
    // the first form: {appeal, member, upheld, note}
    decide_appeal_input(std::int64_t appeal_, std::int64_t member_, bool upheld_, std::string note_)
        : appeal(appeal_), member(member_), upheld(upheld_), note(std::move(note_)) {}
    std::int64_t appeal = 0;
    std::int64_t member = 0;  // a member the appeal is assigned to
    bool upheld = false;      // the first form: false = rejected; true = see outcome_of_upheld
    std::string note;         // at most max_note characters
    std::optional<exam::appeal_outcome> outcome;  // the member's choice; when given, upheld is not read
    std::string reasons;      // at most max_reason; required for recognised and annulled
};

// An appeal's votes and where its quorum stands.
struct appeal_count {
    std::string rule;  // chair_and_majority, majority, all; first_vote (the short path)
    std::vector<appeal_vote_row> votes;
    exam::appeal_tally tally;
};
// The votes of the appeal's members counted by the quorum rule of its appeal
// commission (its members who sit on the appeal, exam::tally_appeal), or,
// without a commission, the first vote (exam::tally_first_vote).
appeal_count count_votes(db& d, const appeal_row& a);

struct decide_appeal_result {
    exam::appeal_status status = exam::appeal_status::registered;  // registered until decided
    std::optional<exam::appeal_outcome> outcome;                    // the decision, once decided
    std::string document;  // recognised: the sitting's document (prepared now when none); else ''
    appeal_count count;    // after this vote
    bool decided() const { return outcome.has_value(); }
};

// The member's vote (p.22, W4, X7): recorded (a member may change it until
// the appeal is decided), audited appeal.vote; once the quorum has voted the
// appeal is decided (exam::tally_appeal): the minutes of the vote written and
// hashed (dated the day of the last required vote), audited appeal.uphold or
// appeal.reject with the outcome, notice appeal_decided. Then recognised:
// the document prepared for the head's signature (p.23 as p.18) and the
// protocol marked amended; annulled: the sitting voided (appeal_annulled: no
// attempt, rescheduled by the centre); rejected: nothing changes.
// not_found; forbidden unless assigned to the member; conflict appeal_decided;
// 422 outcome_required (upheld without an outcome where the theory failed or
// the sitting was terminated), reasons_required; conflict document_stands
// (annulled while the sitting's document stands: revoke it first),
// not_voidable.
decide_appeal_result decide_appeal(db& d, const centre_config& centre, const decide_appeal_input& in,
                                   std::int64_t now_ms);

// The minutes of a decided vote (their SHA-256 is stored beside them).
std::string appeal_minutes(const appeal_row& a, const sitting_row& s, const appeal_count& c,
                           exam::appeal_outcome decision, const std::string& reasons, const std::string& date);

// The appeals' access policy (p.20-22), for the list and for one appeal alike:
// the administrator reads every appeal, an appeal commission member the ones
// assigned to them, a candidate their own.
bool may_read_appeal(const principal& who, const appeal_row& a);
// The appeals `who` may read, the undecided first by their deadline; forbidden
// for anyone whose roles read no appeal.
std::vector<appeal_row> readable_appeals(db& d, const principal& who);

}  // namespace tanu::server::recognition
