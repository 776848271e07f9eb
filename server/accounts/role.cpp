#include "server/accounts/role.hpp"

namespace tanu::server {

std::string_view role_name(role r) {
    switch (r) {
        case role::admin: return "admin";
        case role::commission: return "commission";
        case role::appeal: return "appeal";
        case role::candidate: return "candidate";
        case role::registrar: return "registrar";
        case role::head: return "head";
    }
    return "unknown";
}

std::optional<role> parse_role(std::string_view name) {
    for (role r : all_roles)
        if (role_name(r) == name) return r;
    return std::nullopt;
}

std::vector<role> role_set::list() const {
    std::vector<role> out;
    for (role r : all_roles)
        if (has(r)) out.push_back(r);
    return out;
}

}  // namespace tanu::server
