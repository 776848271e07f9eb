#pragma once
// Changing a staff account (PUT /api/users/{id}): its roles, and disabling or
// enabling it. A use case on db&, run in the writer's transaction.
#include <cstdint>
#include <optional>
#include <vector>

#include "server/accounts/store.hpp"
#include "server/db/sqlite.hpp"

namespace tanu::server::accounts {

struct staff_change {
    std::int64_t user = 0;                  // the account changed
    std::optional<std::vector<role>> roles;  // its roles from now on (the first is its main one)
    std::optional<bool> disabled;
    std::int64_t actor = 0;                  // the administrator changing it
};

// Refuses: not_found for no such staff account (a candidate's account
// included); unprocessable for no change asked, an empty list, the candidate's
// role or a role twice; conflict `own_account` when the actor would disable
// his own account or drop his own admin role (he would lock himself out).
// Disabling ends every login of the account (its tokens). Writes the audit
// entry user.update. Returns the account as GET /api/users shows it.
user_row change_staff(db& d, const staff_change& in, std::int64_t now_ms);

}  // namespace tanu::server::accounts
