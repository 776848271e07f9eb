#pragma once
// The accounts' storage: users, their roles and bearer tokens. Every function
// takes the connection it runs on; only the stores and migrations/ know the SQL.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "server/accounts/principal.hpp"
#include "server/db/sqlite.hpp"

namespace tanu::server {

struct user_row {
    std::int64_t id = 0;
    std::string login;
    std::string role;  // the first of its roles (users.role)
    std::string password_hash;
    bool disabled = false;
    role_set roles;    // every role it holds (user_roles); staff_users only
};

namespace store {

// users and tokens
std::optional<user_row> find_user(db& d, const std::string& login);
std::optional<user_row> find_user_by_id(db& d, std::int64_t id);
// The staff accounts (every role but candidate), without their password hashes.
std::vector<user_row> staff_users(db& d);
// Another role for the user (a user holds a set: migration 7); holding it already changes nothing.
void grant_role(db& d, std::int64_t user, role r);
// The user's roles become exactly `roles` (not empty; users.role, the main one, is the first).
void set_roles(db& d, std::int64_t user, const std::vector<role>& roles);
// Every role the user holds (user_roles).
role_set roles_of_user(db& d, std::int64_t user);
void set_disabled(db& d, std::int64_t user, bool disabled);
// Ends every login of the user (their bearer tokens).
void delete_user_tokens(db& d, std::int64_t user);
std::int64_t insert_user(db& d, const std::string& login, const std::string& role, const std::string& hash,
                         std::int64_t now_ms);
void insert_token(db& d, const std::string& hash, std::int64_t user, std::int64_t now_ms, std::int64_t expires_ms);
std::optional<principal> find_token(db& d, const std::string& hash, std::int64_t now_ms);
void delete_token(db& d, const std::string& hash);
void delete_expired_tokens(db& d, std::int64_t now_ms);

}  // namespace store
}  // namespace tanu::server
