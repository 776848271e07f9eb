#include "server/recognition/acts.hpp"

#include "exam/theory/scoring.hpp"
#include "exam/theory/strikes.hpp"
#include "server/audit/audit.hpp"
#include "server/exam/store.hpp"
#include "server/platform/domain_error.hpp"
#include "server/recognition/checks.hpp"

namespace tanu::server::recognition {

namespace {

// Seed 002 p.14: the count and the decision follow the acts that stand. The
// sitting's count is the standing violations; a termination by the second
// violation falls with fewer than two standing (its theory score decides, the
// protocol no longer says terminated), and comes back when two stand again.
// (W3, next session: a fallen termination's attempt is voided or rescheduled.)
void follow_standing_acts(db& d, std::int64_t sitting, std::int64_t member, std::int64_t now) {
    const int standing = store::standing_strikes(d, sitting);
    store::set_violations(d, sitting, standing);
    const auto s = must_sitting(d, sitting);
    const std::string target = "session " + std::to_string(sitting);
    const std::string why = std::to_string(standing) + " violation(s) stand";
    if (!exam::termination_stands(standing) && s.status == "terminated") {
        const auto prog = must_programme(d, s.programme);
        const bool passed = exam::make_score(s.correct.value_or(0), s.total.value_or(0), prog.theory).passed;
        if (store::lift_termination(d, sitting, passed))
            audit::record(d, now, member, "sitting.termination_lifted", target, why);
    } else if (exam::termination_stands(standing) && s.status == "finished" && s.finish_reason == "terminated") {
        if (store::restore_termination(d, sitting))
            audit::record(d, now, member, "sitting.termination_restored", target, why);
    }
}

}  // namespace

const char* to_string(act_decision d) { return d == act_decision::confirm ? "confirm" : "annul"; }

std::optional<act_decision> parse_act_decision(std::string_view s) {
    if (s == "confirm") return act_decision::confirm;
    if (s == "annul") return act_decision::annul;
    return std::nullopt;
}

act_row review_act(db& d, const review_act_input& in, std::int64_t now) {
    if (in.decision == act_decision::annul && in.reason.empty()) throw unprocessable("annulling an act needs a reason");
    checked_text(in.reason, max_note, "a reason");
    auto a = store::find_act(d, in.act);
    if (!a) throw not_found("no such act");
    // W7: an offline act stands by the signatures of the members present (offline.hpp), not one member's confirm
    if (a->channel == "offline" && in.decision == act_decision::confirm)
        throw domain_error(error_kind::conflict, "signatures_required",
                           "an offline act stands once every member present has signed it (POST /api/acts/{id}/sign)");
    if (store::protocol_of(d, a->sitting))
        throw domain_error(error_kind::conflict, "protocol_signed", "the protocol of this session is signed: its acts are final");
    store::review_act(d, in.act, in.decision == act_decision::confirm ? "confirmed" : "annulled", in.reason, in.member, now);
    audit::record(d, now, in.member, std::string("act.") + to_string(in.decision), "act " + std::to_string(in.act), in.reason);
    follow_standing_acts(d, a->sitting, in.member, now);
    return *store::find_act(d, in.act);
}

}  // namespace tanu::server::recognition
