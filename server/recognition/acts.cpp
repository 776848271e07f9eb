#include "server/recognition/acts.hpp"

#include "server/audit/audit.hpp"
#include "server/platform/domain_error.hpp"
#include "server/recognition/checks.hpp"

namespace tanu::server::recognition {

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
    if (store::protocol_of(d, a->sitting))
        throw domain_error(error_kind::conflict, "protocol_signed", "the protocol of this session is signed: its acts are final");
    store::review_act(d, in.act, in.decision == act_decision::confirm ? "confirmed" : "annulled", in.reason, in.member, now);
    audit::record(d, now, in.member, std::string("act.") + to_string(in.decision), "act " + std::to_string(in.act), in.reason);
    return *store::find_act(d, in.act);
}

}  // namespace tanu::server::recognition
