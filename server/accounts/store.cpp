#include "server/accounts/store.hpp"

#include "server/accounts/role.hpp"

namespace tanu::server::store {

std::optional<user_row> find_user(db& d, const std::string& login) {
    auto& s = d.cached("SELECT id, login, role, password_hash, disabled FROM users WHERE login = ?");
    s.bind(1, login);
    if (!s.step()) return std::nullopt;
    return user_row{s.i64(0), s.text(1), s.text(2), s.text(3), s.i32(4) != 0, {}};
}

std::optional<user_row> find_user_by_id(db& d, std::int64_t id) {
    auto& s = d.cached("SELECT id, login, role, password_hash, disabled FROM users WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return user_row{s.i64(0), s.text(1), s.text(2), s.text(3), s.i32(4) != 0, {}};
}

namespace {

// The roles of a group_concat of user_roles.role ('' or NULL: none).
role_set roles_of(std::string_view held) {
    role_set out;
    for (std::size_t i = 0; i < held.size();) {
        auto comma = held.find(',', i);
        if (comma == std::string_view::npos) comma = held.size();
        if (auto r = parse_role(held.substr(i, comma - i))) out.add(*r);
        i = comma + 1;
    }
    return out;
}

}  // namespace

std::vector<user_row> staff_users(db& d) {
    auto& q = d.cached(
        "SELECT u.id, u.login, u.role, u.disabled, (SELECT group_concat(r.role) FROM user_roles r WHERE r.user_id = u.id) "
        "FROM users u WHERE u.role != 'candidate' ORDER BY u.id");
    std::vector<user_row> out;
    while (q.step())
        out.push_back({q.i64(0), q.text(1), q.text(2), std::string(), q.i32(3) != 0, roles_of(q.null(4) ? "" : q.text(4))});
    return out;
}

void grant_role(db& d, std::int64_t user, role r) {
    d.cached("INSERT INTO user_roles(user_id, role) VALUES (?, ?) ON CONFLICT DO NOTHING")
        .bind(1, user)
        .bind(2, std::string(role_name(r)))
        .run();
}

void set_roles(db& d, std::int64_t user, const std::vector<role>& roles) {
    d.cached("DELETE FROM user_roles WHERE user_id = ?").bind(1, user).run();
    for (auto r : roles) grant_role(d, user, r);
    d.cached("UPDATE users SET role = ? WHERE id = ?").bind(1, std::string(role_name(roles.front()))).bind(2, user).run();
}

role_set roles_of_user(db& d, std::int64_t user) {
    auto& q = d.cached("SELECT group_concat(role) FROM user_roles WHERE user_id = ?");
    q.bind(1, user);
    role_set out;
    if (q.step() && !q.null(0)) out = roles_of(q.text(0));
    q.reset();
    return out;
}

void set_disabled(db& d, std::int64_t user, bool disabled) {
    d.cached("UPDATE users SET disabled = ? WHERE id = ?").bind(1, disabled ? 1 : 0).bind(2, user).run();
}

void delete_user_tokens(db& d, std::int64_t user) {
    d.cached("DELETE FROM tokens WHERE user_id = ?").bind(1, user).run();
}

std::int64_t insert_user(db& d, const std::string& login, const std::string& role, const std::string& hash,
                         std::int64_t now_ms) {
    auto& s = d.cached("INSERT INTO users(login, role, password_hash, created_ms) VALUES (?, ?, ?, ?)");
    s.bind(1, login).bind(2, role).bind(3, hash).bind(4, now_ms).run();
    const auto id = d.last_insert_id();
    d.cached("INSERT INTO user_roles(user_id, role) VALUES (?, ?)").bind(1, id).bind(2, role).run();
    return id;
}

void insert_token(db& d, const std::string& hash, std::int64_t user, std::int64_t now_ms, std::int64_t expires_ms) {
    auto& s = d.cached("INSERT INTO tokens(hash, user_id, created_ms, expires_ms) VALUES (?, ?, ?, ?)");
    s.bind_blob(1, hash).bind(2, user).bind(3, now_ms).bind(4, expires_ms).run();
}

std::optional<principal> find_token(db& d, const std::string& hash, std::int64_t now_ms) {
    auto& s = d.cached(
        "SELECT u.id, u.login, u.role, c.id, (SELECT group_concat(r.role) FROM user_roles r WHERE r.user_id = u.id) "
        "FROM tokens t JOIN users u ON u.id = t.user_id "
        "LEFT JOIN candidates c ON c.user_id = u.id WHERE t.hash = ? AND t.expires_ms > ? AND u.disabled = 0");
    s.bind_blob(1, hash).bind(2, now_ms);
    if (!s.step()) return std::nullopt;
    principal p{s.i64(0), s.text(1), s.text(2), s.opt_i64(3), {}};
    p.held = roles_of(s.null(4) ? "" : s.text(4));
    return p;
}

void delete_token(db& d, const std::string& hash) { d.cached("DELETE FROM tokens WHERE hash = ?").bind_blob(1, hash).run(); }

void delete_expired_tokens(db& d, std::int64_t now_ms) {
    d.cached("DELETE FROM tokens WHERE expires_ms <= ?").bind(1, now_ms).run();
}

}  // namespace tanu::server::store
