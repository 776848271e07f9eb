#pragma once
// A lost connection in an open attempt (X6; seed 002 p.11;
// exam/theory/interruption.hpp): use cases on the writer's connection.
#include <cstdint>

#include "exam/theory/interruption.hpp"
#include "server/db/sqlite.hpp"
#include "server/platform/config.hpp"

namespace tanu::server {

exam::interruption_policy interruption_policy_of(const scheduling_config& c);

// The attempt's last connection closed: the candidate is away from now, a
// `connection_lost` event (technical: the evidence of a p.11 act). False when
// nothing changed (not open, past its deadline, away already).
bool note_away(db& d, std::int64_t sitting, std::int64_t now_ms);

// He is back (a start on an open attempt whose candidate was away): the time
// away is given back within the policy (`connection_restored`, technical), or,
// beyond the limit, `ended` is set: the caller ends the attempt
// (connection_lost) as the sweep would have.
struct return_outcome {
    bool was_away = false;
    std::int64_t away_ms = 0, credit_ms = 0;
    bool ended = false;
};
return_outcome note_return(db& d, std::int64_t sitting, std::int64_t now_ms, const exam::interruption_policy& p);

// The event logged when an attempt ends because he stayed away beyond the limit.
void note_away_too_long(db& d, std::int64_t sitting, std::int64_t now_ms, const exam::interruption_policy& p);

}  // namespace tanu::server
