#pragma once
// The commission's work lists: what awaits review, marking or signing, the
// overdue first (p.17's deadline).
#include <cstdint>

#include "server/db/sqlite.hpp"
#include "server/recognition/json.hpp"

namespace tanu::server::recognition {

// {"today", "overdue", "acts", "practical", "protocols"} (docs/api.md).
json commission_queue(db& d, std::int64_t now_ms);
// [{"session", "protocol_due"}]: ended sittings without a protocol past its deadline.
json overdue_protocols(db& d, std::int64_t now_ms);

}  // namespace tanu::server::recognition
