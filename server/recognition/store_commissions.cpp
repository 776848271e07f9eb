#include "server/recognition/store_commissions.hpp"

namespace tanu::server::store {

namespace {

void opt_text(stmt& s, int i, const std::string& v) {
    if (v.empty()) s.bind_null(i);
    else s.bind(i, v);
}

constexpr const char* commission_select =
    "SELECT id, kind, name, order_no, order_date, valid_from, COALESCE(valid_to, ''), quorum, created_ms, created_by, "
    "updated_ms, closed_ms, closed_by FROM commissions ";

std::vector<commission_row> read_commissions(db& d, stmt& q) {
    std::vector<commission_row> out;
    while (q.step()) {
        commission_row c;
        c.id = q.i64(0);
        c.kind = q.text(1);
        c.name = q.text(2);
        c.order_no = q.text(3);
        c.order_date = q.text(4);
        c.valid_from = q.text(5);
        c.valid_to = q.text(6);
        c.quorum = q.text(7);
        c.created_ms = q.i64(8);
        c.created_by = q.opt_i64(9);
        c.updated_ms = q.i64(10);
        c.closed_ms = q.opt_i64(11);
        c.closed_by = q.opt_i64(12);
        out.push_back(std::move(c));
    }
    for (auto& c : out) {
        stmt m(d,
               "SELECT m.member, u.login, m.role FROM commission_members m JOIN users u ON u.id = m.member "
               "WHERE m.commission = ? ORDER BY m.position, m.member");
        m.bind(1, c.id);
        while (m.step()) c.members.push_back({m.i64(0), m.text(1), m.text(2)});
        stmt p(d, "SELECT programme FROM commission_programmes WHERE commission = ? ORDER BY programme");
        p.bind(1, c.id);
        while (p.step()) c.programmes.push_back(p.text(0));
    }
    return out;
}

std::optional<account_brief> read_account(db& d, stmt& q) {
    if (!q.step()) return std::nullopt;
    account_brief a{q.i64(0), q.text(1), q.i32(2) != 0, {}};
    stmt r(d, "SELECT role FROM user_roles WHERE user_id = ? ORDER BY role");
    r.bind(1, a.id);
    while (r.step()) a.roles.push_back(r.text(0));
    return a;
}

}  // namespace

std::int64_t insert_commission(db& d, const commission_row& c) {
    stmt s(d,
           "INSERT INTO commissions(kind, name, order_no, order_date, valid_from, valid_to, quorum, created_ms, "
           "created_by, updated_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, c.kind).bind(2, c.name).bind(3, c.order_no).bind(4, c.order_date).bind(5, c.valid_from);
    opt_text(s, 6, c.valid_to);
    s.bind(7, c.quorum).bind(8, c.created_ms).bind(9, c.created_by).bind(10, c.updated_ms).run();
    return d.last_insert_id();
}

void update_commission(db& d, const commission_row& c) {
    stmt s(d,
           "UPDATE commissions SET name = ?, order_no = ?, order_date = ?, valid_from = ?, valid_to = ?, quorum = ?, "
           "updated_ms = ? WHERE id = ?");
    s.bind(1, c.name).bind(2, c.order_no).bind(3, c.order_date).bind(4, c.valid_from);
    opt_text(s, 5, c.valid_to);
    s.bind(6, c.quorum).bind(7, c.updated_ms).bind(8, c.id).run();
}

void set_commission_members(db& d, std::int64_t commission, const std::vector<commission_member_row>& members) {
    stmt del(d, "DELETE FROM commission_members WHERE commission = ?");
    del.bind(1, commission).run();
    stmt ins(d, "INSERT INTO commission_members(commission, member, role, position) VALUES (?, ?, ?, ?)");
    int pos = 0;
    for (const auto& m : members) {
        ins.reset();
        ins.bind(1, commission).bind(2, m.user).bind(3, m.role).bind(4, ++pos).run();
    }
}

void set_commission_programmes(db& d, std::int64_t commission, const std::vector<std::string>& programmes) {
    stmt del(d, "DELETE FROM commission_programmes WHERE commission = ?");
    del.bind(1, commission).run();
    stmt ins(d, "INSERT OR IGNORE INTO commission_programmes(commission, programme) VALUES (?, ?)");
    for (const auto& p : programmes) {
        ins.reset();
        ins.bind(1, commission).bind(2, p).run();
    }
}

bool close_commission(db& d, std::int64_t commission, std::int64_t by, std::int64_t now_ms) {
    stmt s(d, "UPDATE commissions SET closed_ms = ?, closed_by = ?, updated_ms = ? WHERE id = ? AND closed_ms IS NULL");
    s.bind(1, now_ms).bind(2, by).bind(3, now_ms).bind(4, commission).run();
    return d.changes() > 0;
}

std::optional<commission_row> find_commission(db& d, std::int64_t id) {
    stmt q(d, (std::string(commission_select) + "WHERE id = ?").c_str());
    q.bind(1, id);
    auto v = read_commissions(d, q);
    if (v.empty()) return std::nullopt;
    return v.front();
}

std::vector<commission_row> commissions(db& d, const std::string& kind, const std::string& programme, int limit) {
    stmt q(d, (std::string(commission_select) +
               "WHERE (?1 = '' OR kind = ?1) AND (?2 = '' OR id IN (SELECT commission FROM commission_programmes "
               "WHERE programme = ?2)) ORDER BY order_date DESC, id DESC LIMIT ?3")
                  .c_str());
    q.bind(1, kind).bind(2, programme).bind(3, limit);
    return read_commissions(d, q);
}

bool any_commission(db& d, const std::string& kind) {
    stmt q(d, "SELECT EXISTS (SELECT 1 FROM commissions WHERE kind = ?)");
    q.bind(1, kind);
    return q.step() && q.i32(0) != 0;
}

std::optional<account_brief> find_account(db& d, std::int64_t id) {
    stmt q(d, "SELECT id, login, disabled FROM users WHERE id = ?");
    q.bind(1, id);
    return read_account(d, q);
}

std::optional<account_brief> find_account(db& d, const std::string& login) {
    stmt q(d, "SELECT id, login, disabled FROM users WHERE login = ?");
    q.bind(1, login);
    return read_account(d, q);
}

void fix_sitting_commission(db& d, std::int64_t sitting, std::int64_t commission) {
    stmt s(d, "UPDATE recognition_sittings SET commission = ? WHERE sitting = ? AND commission IS NULL");
    s.bind(1, commission).bind(2, sitting).run();
}

std::optional<std::int64_t> sitting_commission_id(db& d, std::int64_t sitting) {
    stmt q(d, "SELECT commission FROM recognition_sittings WHERE sitting = ?");
    q.bind(1, sitting);
    if (!q.step()) return std::nullopt;
    return q.opt_i64(0);
}

}  // namespace tanu::server::store
