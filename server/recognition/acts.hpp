#pragma once
// p.14: the commission reviews each violation act the proctoring drafted.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "server/db/sqlite.hpp"
#include "server/recognition/store.hpp"

namespace tanu::server::recognition {

enum class act_decision { confirm, annul };
const char* to_string(act_decision d);                          // "confirm", "annul"
std::optional<act_decision> parse_act_decision(std::string_view s);

struct review_act_input {
    std::int64_t act = 0;
    std::int64_t member = 0;  // the commission member
    act_decision decision = act_decision::confirm;
    std::string reason;       // required to annul; at most max_note characters
};

// Confirms or annuls the act (audited act.confirm / act.annul) and returns it.
// not_found; conflict protocol_signed once the sitting's protocol is signed
// (its acts are final); unprocessable for an annulment without a reason.
act_row review_act(db& d, const review_act_input& in, std::int64_t now_ms);

}  // namespace tanu::server::recognition
