#pragma once
// The whole record of a sitting (the appeal commission's view, seed 002 p.22),
// each part as far as the reader may see it (exam::may_see).
#include <cstdint>

#include "server/accounts/principal.hpp"
#include "server/db/sqlite.hpp"
#include "server/exam/sitting_owner.hpp"
#include "server/recognition/json.hpp"

namespace tanu::server::recognition {

// not_found, forbidden (server/exam/sitting_access.hpp), conflict
// sitting_in_progress while the sitting has not ended.
json session_record(db& d, const sitting_owners& owners, const principal& who, std::int64_t sitting, std::int64_t now_ms);

}  // namespace tanu::server::recognition
