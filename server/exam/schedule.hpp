#pragma once
// Scheduling a sitting: the use case behind POST /api/sessions, run inside the
// writer's transaction. The attempt rule is exam::check_new_sitting's (seed 002
// p.19: one retake after "not passed"; a theory pass waits for the decision of
// the procedure that owns the sitting).
#include <cstdint>
#include <string>

#include "server/db/sqlite.hpp"
#include "server/exam/sitting_owner.hpp"

namespace tanu::server {

struct sitting_request {
    std::int64_t candidate = 0;
    std::string programme;
    std::string lang;            // kk or ru, one the programme offers
    std::string mode = "online"; // online or offline (checked by the caller's parser)
    std::int64_t by = 0;         // the staff account scheduling it (audit)
};

struct scheduled_sitting {
    std::int64_t id = 0;
    int attempt = 0;  // 1 for the first sitting of the programme
};

// Throws domain_error: not_found (candidate, programme), unprocessable
// language_not_offered, conflict already_passed, result_pending,
// no_attempts_left, session_open, bank_too_small. `owners` decide what the
// earlier sittings' outcomes are.
scheduled_sitting schedule_sitting(db& d, const sitting_owners& owners, const sitting_request& in, std::int64_t now_ms);

}  // namespace tanu::server
