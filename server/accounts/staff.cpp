#include "server/accounts/staff.hpp"

#include <algorithm>
#include <string>

#include "server/audit/audit.hpp"
#include "server/platform/domain_error.hpp"

namespace tanu::server::accounts {

user_row change_staff(db& d, const staff_change& in, std::int64_t now_ms) {
    if (!in.roles && !in.disabled) throw unprocessable("give \"roles\", \"disabled\" or both");
    auto user = store::find_user_by_id(d, in.user);
    if (!user || user->role == "candidate") throw not_found("no such staff account");
    if (in.roles) {
        const auto& rs = *in.roles;
        if (rs.empty() || rs.size() > 5)
            throw unprocessable("roles is a list of one to five of admin, commission, appeal, registrar, head");
        for (std::size_t i = 0; i < rs.size(); ++i) {
            if (rs[i] == role::candidate) throw unprocessable("a staff account cannot hold the candidate's role");
            if (std::find(rs.begin(), rs.begin() + static_cast<std::ptrdiff_t>(i), rs[i]) != rs.begin() + static_cast<std::ptrdiff_t>(i))
                throw unprocessable("a role is given twice");
        }
    }
    if (in.user == in.actor) {
        if (in.disabled.value_or(false))
            throw conflict("own_account", "you cannot disable your own account: another administrator must do it");
        if (in.roles && std::find(in.roles->begin(), in.roles->end(), role::admin) == in.roles->end())
            throw conflict("own_account", "you cannot drop your own administrator role: another administrator must do it");
    }
    std::string detail;
    if (in.roles) {
        store::set_roles(d, in.user, *in.roles);
        detail = "roles:";
        for (auto r : *in.roles) detail += " " + std::string(role_name(r));
    }
    if (in.disabled && *in.disabled != user->disabled) {
        store::set_disabled(d, in.user, *in.disabled);
        if (*in.disabled) store::delete_user_tokens(d, in.user);
        detail += std::string(detail.empty() ? "" : "; ") + (*in.disabled ? "disabled, its logins ended" : "enabled");
    }
    if (detail.empty()) detail = "unchanged";
    audit::record(d, now_ms, in.actor, "user.update", "user " + std::to_string(in.user), user->login + ": " + detail);
    auto out = *store::find_user_by_id(d, in.user);
    out.password_hash.clear();
    out.roles = store::roles_of_user(d, in.user);
    return out;
}

}  // namespace tanu::server::accounts
