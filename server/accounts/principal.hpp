#pragma once
// Who is calling: the account behind a valid bearer token.
#include <cstdint>
#include <optional>
#include <string>

#include "server/accounts/role.hpp"

namespace tanu::server {

struct principal {
    std::int64_t user = 0;
    std::string login;
    std::string role;
    std::optional<std::int64_t> candidate;  // for role candidate
    role_set held;                          // every role the user holds (user_roles); `role` is the first
    role_set roles() const {
        if (!held.empty()) return held;
        auto r = parse_role(role);
        return r ? role_set{*r} : role_set{};
    }
    bool is(tanu::server::role r) const { return roles().has(r); }
};

}  // namespace tanu::server
