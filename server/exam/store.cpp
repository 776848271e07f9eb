#include "server/exam/store.hpp"

#include <nlohmann/json.hpp>

#include "server/platform/json_map.hpp"

namespace tanu::server::store {

std::string join_ints(const std::vector<int>& v) {
    std::string out;
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (i) out += ',';
        out += std::to_string(v[i]);
    }
    return out;
}

std::vector<int> split_ints(const std::string& s) {
    std::vector<int> out;
    int cur = 0;
    bool any = false;
    for (char c : s) {
        if (c == ',') {
            if (any) out.push_back(cur);
            cur = 0;
            any = false;
        } else if (c >= '0' && c <= '9') {
            cur = cur * 10 + (c - '0');
            any = true;
        }
    }
    if (any) out.push_back(cur);
    return out;
}

std::optional<user_row> find_user(db& d, const std::string& login) {
    auto& s = d.cached("SELECT id, login, role, password_hash, disabled FROM users WHERE login = ?");
    s.bind(1, login);
    if (!s.step()) return std::nullopt;
    return user_row{s.i64(0), s.text(1), s.text(2), s.text(3), s.i32(4) != 0};
}

std::vector<user_row> staff_users(db& d) {
    auto& q = d.cached("SELECT id, login, role, disabled FROM users WHERE role != 'candidate' ORDER BY id");
    std::vector<user_row> out;
    while (q.step()) out.push_back({q.i64(0), q.text(1), q.text(2), std::string(), q.i32(3) != 0});
    return out;
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
    const std::string held = s.null(4) ? std::string() : s.text(4);
    for (std::size_t i = 0; i < held.size();) {
        auto comma = held.find(',', i);
        if (comma == std::string::npos) comma = held.size();
        if (auto r = parse_role(std::string_view(held).substr(i, comma - i))) p.held.add(*r);
        i = comma + 1;
    }
    return p;
}

void delete_token(db& d, const std::string& hash) { d.cached("DELETE FROM tokens WHERE hash = ?").bind_blob(1, hash).run(); }

void delete_expired_tokens(db& d, std::int64_t now_ms) {
    d.cached("DELETE FROM tokens WHERE expires_ms <= ?").bind(1, now_ms).run();
}

bool insert_programme(db& d, const exam::programme& p, const std::string& body, std::int64_t now_ms) {
    auto& s = d.cached("INSERT INTO programmes(code, body, created_ms) VALUES (?, ?, ?) ON CONFLICT(code) DO NOTHING");
    s.bind(1, p.code).bind(2, body).bind(3, now_ms).run();
    return d.changes() == 1;
}

std::optional<exam::programme> find_programme(db& d, const std::string& code) {
    auto& s = d.cached("SELECT body FROM programmes WHERE code = ?");
    s.bind(1, code);
    if (!s.step()) return std::nullopt;
    return programme_from_json(json::parse(s.text(0)));
}

std::vector<exam::programme> list_programmes(db& d) {
    std::vector<exam::programme> out;
    auto& s = d.cached("SELECT body FROM programmes ORDER BY code");
    while (s.step()) out.push_back(programme_from_json(json::parse(s.text(0))));
    return out;
}

std::map<std::string, int> bank_counts(db& d, const std::string& programme) {
    std::map<std::string, int> out;
    auto& s = d.cached("SELECT lang, count(*) FROM questions WHERE programme = ? AND active = 1 GROUP BY lang");
    s.bind(1, programme);
    while (s.step()) out[s.text(0)] = s.i32(1);
    return out;
}

int bank_size(db& d, const std::string& programme, const std::string& lang) {
    auto& s = d.cached("SELECT count(*) FROM questions WHERE programme = ? AND lang = ? AND active = 1");
    s.bind(1, programme).bind(2, lang);
    s.step();
    return s.i32(0);
}

void upsert_question(db& d, const std::string& programme, const exam::question& q, std::int64_t now_ms) {
    d.cached("UPDATE questions SET active = 0 WHERE programme = ? AND lang = ? AND ext_id = ? AND active = 1")
        .bind(1, programme)
        .bind(2, q.lang)
        .bind(3, q.id)
        .run();
    auto& s = d.cached(
        "INSERT INTO questions(programme, lang, ext_id, topic, text, options, correct, created_ms) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, programme)
        .bind(2, q.lang)
        .bind(3, q.id)
        .bind(4, q.topic)
        .bind(5, q.text)
        .bind(6, json(q.options).dump())
        .bind(7, json(q.correct).dump())
        .bind(8, now_ms)
        .run();
}

std::vector<exam::bank_entry> bank(db& d, const std::string& programme, const std::string& lang) {
    std::vector<exam::bank_entry> out;
    auto& s = d.cached(
        "SELECT id, ext_id, json_array_length(options) FROM questions WHERE programme = ? AND lang = ? AND active = 1");
    s.bind(1, programme).bind(2, lang);
    while (s.step()) out.push_back({s.i64(0), s.text(1), s.i32(2)});
    return out;
}

std::set<std::string> seen_questions(db& d, std::int64_t candidate, const std::string& programme,
                                     std::int64_t except_sitting) {
    std::set<std::string> out;
    auto& s = d.cached(
        "SELECT DISTINCT q.ext_id FROM sittings st JOIN papers p ON p.sitting = st.id, json_each(p.items) j "
        "JOIN questions q ON q.id = json_extract(j.value, '$[0]') "
        "WHERE st.candidate = ? AND st.programme = ? AND st.id <> ?");
    s.bind(1, candidate).bind(2, programme).bind(3, except_sitting);
    while (s.step()) out.insert(s.text(0));
    return out;
}

std::int64_t person_of_iin(db& d, const person_row& p, std::int64_t now_ms) {
    auto& find = d.cached("SELECT id FROM people WHERE iin = ?");
    find.bind(1, p.iin);
    if (find.step()) {
        const auto id = find.i64(0);
        find.reset();
        return id;
    }
    find.reset();
    auto& s = d.cached(
        "INSERT INTO people(iin, full_name, birth_date, email, phone, created_ms) VALUES (?, ?, ?, ?, ?, ?)");
    s.bind(1, p.iin).bind(2, p.full_name).bind(3, p.birth_date).bind(4, p.email).bind(5, p.phone).bind(6, now_ms).run();
    return d.last_insert_id();
}

std::optional<person_row> find_person(db& d, std::int64_t id) {
    auto& s = d.cached("SELECT id, iin, full_name, birth_date, email, phone FROM people WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return person_row{s.i64(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5)};
}

std::int64_t insert_candidate(db& d, std::int64_t user, const candidate_row& c, std::int64_t now_ms) {
    const auto person = person_of_iin(d, {0, c.iin, c.full_name, c.birth_date, c.email, c.phone}, now_ms);
    auto& s = d.cached(
        "INSERT INTO candidates(user_id, iin, full_name, birth_date, email, phone, created_ms, person) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, user).bind(2, c.iin).bind(3, c.full_name).bind(4, c.birth_date).bind(5, c.email).bind(6, c.phone);
    s.bind(7, now_ms).bind(8, person).run();
    return d.last_insert_id();
}

std::optional<candidate_row> find_candidate(db& d, std::int64_t id) {
    auto& s = d.cached(
        "SELECT c.id, c.user_id, u.login, p.iin, p.full_name, p.birth_date, p.email, p.phone, p.id "
        "FROM candidates c JOIN users u ON u.id = c.user_id JOIN people p ON p.id = c.person WHERE c.id = ?");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return candidate_row{s.i64(0), s.i64(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6), s.text(7), s.i64(8)};
}

bool iin_taken(db& d, const std::string& iin) {
    auto& s = d.cached("SELECT 1 FROM candidates c JOIN people p ON p.id = c.person WHERE p.iin = ?");
    s.bind(1, iin);
    return s.step();
}

std::int64_t insert_sitting(db& d, const sitting_row& r) {
    auto& s = d.cached(
        "INSERT INTO sittings(candidate, programme, lang, mode, attempt, status, created_ms) "
        "VALUES (?, ?, ?, ?, ?, 'scheduled', ?)");
    s.bind(1, r.candidate).bind(2, r.programme).bind(3, r.lang).bind(4, r.mode).bind(5, r.attempt);
    s.bind(6, r.created_ms).run();
    return d.last_insert_id();
}

static constexpr const char* sitting_columns =
    "id, candidate, programme, lang, mode, attempt, status, created_ms, started_ms, deadline_ms, finished_ms, "
    "finish_reason, correct, total, passed, violations";

static sitting_row read_sitting(stmt& s) {
    sitting_row r;
    r.id = s.i64(0);
    r.candidate = s.i64(1);
    r.programme = s.text(2);
    r.lang = s.text(3);
    r.mode = s.text(4);
    r.attempt = s.i32(5);
    r.status = s.text(6);
    r.created_ms = s.i64(7);
    r.started_ms = s.opt_i64(8);
    r.deadline_ms = s.opt_i64(9);
    r.finished_ms = s.opt_i64(10);
    if (!s.null(11)) r.finish_reason = s.text(11);
    if (!s.null(12)) r.correct = s.i32(12);
    if (!s.null(13)) r.total = s.i32(13);
    if (!s.null(14)) r.passed = s.i32(14) != 0;
    r.violations = s.i32(15);
    return r;
}

std::optional<sitting_row> find_sitting(db& d, std::int64_t id) {
    static const std::string sql = std::string("SELECT ") + sitting_columns + " FROM sittings WHERE id = ?";
    auto& s = d.cached(sql.c_str());
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return read_sitting(s);
}

std::vector<sitting_row> sittings_of(db& d, std::int64_t candidate, const std::string& programme) {
    static const std::string sql = std::string("SELECT ") + sitting_columns +
                                   " FROM sittings WHERE candidate = ? AND (? = '' OR programme = ?) ORDER BY id";
    auto& s = d.cached(sql.c_str());
    s.bind(1, candidate).bind(2, programme).bind(3, programme);
    std::vector<sitting_row> out;
    while (s.step()) out.push_back(read_sitting(s));
    return out;
}

std::vector<std::int64_t> overdue_sittings(db& d, std::int64_t now_ms) {
    auto& s = d.cached("SELECT id FROM sittings WHERE status = 'in_progress' AND deadline_ms <= ? LIMIT 1000");
    s.bind(1, now_ms);
    std::vector<std::int64_t> out;
    while (s.step()) out.push_back(s.i64(0));
    return out;
}

void insert_paper(db& d, std::int64_t sitting, const std::vector<exam::paper_item>& items) {
    std::string text = "[";
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i) text += ',';
        text += '[' + std::to_string(items[i].question) + ",[" + join_ints(items[i].perm) + "]]";
    }
    text += ']';
    d.cached("INSERT INTO papers(sitting, items) VALUES (?, ?)").bind(1, sitting).bind(2, text).run();
}

bool begin_sitting(db& d, std::int64_t sitting, std::int64_t started_ms, std::int64_t deadline_ms) {
    auto& s = d.cached(
        "UPDATE sittings SET status = 'in_progress', started_ms = ?, deadline_ms = ? "
        "WHERE id = ? AND status = 'scheduled'");
    s.bind(1, started_ms).bind(2, deadline_ms).bind(3, sitting).run();
    return d.changes() == 1;
}

std::vector<exam::paper_item> paper(db& d, std::int64_t sitting) {
    auto& s = d.cached("SELECT items FROM papers WHERE sitting = ?");
    s.bind(1, sitting);
    std::vector<exam::paper_item> out;
    if (!s.step()) return out;
    auto items = json::parse(s.text(0));
    out.reserve(items.size());
    for (const auto& it : items) out.push_back({it.at(0).get<std::int64_t>(), it.at(1).get<std::vector<int>>()});
    return out;
}

std::optional<stored_question> find_question(db& d, std::int64_t id) {
    auto& s = d.cached("SELECT text, options, correct, topic FROM questions WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return stored_question{s.text(0), json::parse(s.text(1)).get<std::vector<std::string>>(),
                           json::parse(s.text(2)).get<std::vector<int>>(), s.text(3)};
}

void count_violation(db& d, std::int64_t sitting) {
    d.cached("UPDATE sittings SET violations = violations + 1 WHERE id = ?").bind(1, sitting).run();
}

int answered_count(db& d, std::int64_t sitting) {
    auto& st = d.cached("SELECT count(*) FROM answers WHERE sitting = ? AND choice <> ''");
    st.bind(1, sitting);
    const int n = st.step() ? st.i32(0) : 0;
    st.reset();
    return n;
}

exam::marked_paper mark_sitting(db& d, std::int64_t sitting, const question_lookup& lookup) {
    std::vector<exam::marking_item> items;
    for (auto& item : paper(d, sitting)) {
        // questions are deactivated, never deleted
        std::shared_ptr<const stored_question> q;
        if (lookup) q = lookup(item.question);
        else if (auto found = find_question(d, item.question)) q = std::make_shared<const stored_question>(std::move(*found));
        items.push_back({q ? q->correct : std::vector<int>{}, q ? q->topic : std::string(), std::move(item.perm)});
    }
    std::vector<exam::given_answer> given;
    for (auto& a : answers(d, sitting)) given.push_back({a.n, std::move(a.choice)});
    return exam::mark_paper(items, given);
}

std::vector<saved_answer> answers(db& d, std::int64_t sitting) {
    auto& s = d.cached("SELECT n, choice FROM answers WHERE sitting = ? ORDER BY n");
    s.bind(1, sitting);
    std::vector<saved_answer> out;
    while (s.step()) out.push_back({s.i32(0), split_ints(s.text(1))});
    return out;
}

bool save_answer(db& d, std::int64_t sitting, int n, const std::vector<int>& choice, const std::string& seq,
                 std::int64_t now_ms) {
    auto& s = d.cached(
        "INSERT INTO answers(sitting, n, choice, seq, saved_ms) "
        "SELECT ?1, ?2, ?3, ?4, ?5 WHERE EXISTS (SELECT 1 FROM sittings WHERE id = ?1 AND status = 'in_progress' "
        "AND deadline_ms > ?5) "
        "ON CONFLICT(sitting, n) DO UPDATE SET choice = excluded.choice, seq = excluded.seq, saved_ms = excluded.saved_ms");
    s.bind(1, sitting).bind(2, n).bind(3, join_ints(choice)).bind(4, seq).bind(5, now_ms).run();
    return d.changes() == 1;
}

bool end_sitting(db& d, std::int64_t sitting, const std::string& status, const std::string& reason,
                 std::int64_t now_ms, int correct, int total, bool passed) {
    auto& s = d.cached(
        "UPDATE sittings SET status = ?, finish_reason = ?, finished_ms = ?, correct = ?, total = ?, passed = ? "
        "WHERE id = ? AND status = 'in_progress'");
    s.bind(1, status).bind(2, reason).bind(3, now_ms).bind(4, correct).bind(5, total).bind(6, passed ? 1 : 0);
    s.bind(7, sitting).run();
    return d.changes() == 1;
}

}  // namespace tanu::server::store
