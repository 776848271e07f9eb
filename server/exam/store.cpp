#include "server/exam/store.hpp"
#include "server/programmes/store.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "server/platform/json_map.hpp"

namespace tanu::server::store {

static std::string join_ints(const std::vector<int>& v) {
    std::string out;
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (i) out += ',';
        out += std::to_string(v[i]);
    }
    return out;
}

static std::vector<int> split_ints(const std::string& s) {
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

std::int64_t insert_sitting(db& d, const sitting_row& r) {
    auto& s = d.cached(
        "INSERT INTO sittings(candidate, programme, lang, mode, attempt, status, created_ms, reschedule_reason, replaces) "
        "VALUES (?, ?, ?, ?, ?, 'scheduled', ?, ?, ?)");
    s.bind(1, r.candidate).bind(2, r.programme).bind(3, r.lang).bind(4, r.mode).bind(5, r.attempt);
    s.bind(6, r.created_ms).bind(7, r.reschedule_reason);
    if (r.replaces) s.bind(8, *r.replaces); else s.bind_null(8);
    s.run();
    return d.last_insert_id();
}

static constexpr const char* sitting_columns =
    "id, candidate, programme, lang, mode, attempt, status, created_ms, started_ms, deadline_ms, finished_ms, "
    "finish_reason, correct, total, passed, violations, reschedule_reason, replaces, closed_reason, closed_note, closed_ms, "
    "closed_by, disconnected_ms, credited_ms";

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
    r.reschedule_reason = s.text(16);
    r.replaces = s.opt_i64(17);
    if (!s.null(18)) r.closed_reason = s.text(18);
    if (!s.null(19)) r.closed_note = s.text(19);
    r.closed_ms = s.opt_i64(20);
    r.closed_by = s.opt_i64(21);
    r.disconnected_ms = s.opt_i64(22);
    r.credited_ms = s.i64(23);
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
    // an attempt whose candidate is away waits for him (X6): away_sittings ends it past the limit
    auto& s = d.cached(
        "SELECT id FROM sittings WHERE status = 'in_progress' AND deadline_ms <= ? AND disconnected_ms IS NULL LIMIT 1000");
    s.bind(1, now_ms);
    std::vector<std::int64_t> out;
    while (s.step()) out.push_back(s.i64(0));
    return out;
}

bool mark_disconnected(db& d, std::int64_t sitting, std::int64_t now_ms) {
    auto& s = d.cached(
        "UPDATE sittings SET disconnected_ms = ?1 WHERE id = ?2 AND status = 'in_progress' AND disconnected_ms IS NULL "
        "AND deadline_ms > ?1");
    s.bind(1, now_ms).bind(2, sitting).run();
    return d.changes() == 1;
}

int mark_all_disconnected(db& d, std::int64_t now_ms) {
    auto& s = d.cached(
        "UPDATE sittings SET disconnected_ms = ?1 WHERE status = 'in_progress' AND disconnected_ms IS NULL "
        "AND deadline_ms > ?1");
    s.bind(1, now_ms).run();
    return d.changes();
}

bool mark_returned(db& d, std::int64_t sitting, std::int64_t credit_ms) {
    auto& s = d.cached(
        "UPDATE sittings SET disconnected_ms = NULL, deadline_ms = deadline_ms + ?1, credited_ms = credited_ms + ?1 "
        "WHERE id = ?2 AND status = 'in_progress' AND disconnected_ms IS NOT NULL");
    s.bind(1, credit_ms).bind(2, sitting).run();
    return d.changes() == 1;
}

std::vector<std::int64_t> away_sittings(db& d, std::int64_t away_since_ms, int limit) {
    auto& s = d.cached(
        "SELECT id FROM sittings WHERE status = 'in_progress' AND disconnected_ms IS NOT NULL AND disconnected_ms < ? "
        "ORDER BY disconnected_ms LIMIT ?");
    s.bind(1, away_since_ms).bind(2, limit);
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


void count_violation(db& d, std::int64_t sitting) {
    d.cached("UPDATE sittings SET violations = violations + 1 WHERE id = ?").bind(1, sitting).run();
}

void set_violations(db& d, std::int64_t sitting, int standing) {
    d.cached("UPDATE sittings SET violations = ? WHERE id = ?").bind(1, standing).bind(2, sitting).run();
}

bool lift_termination(db& d, std::int64_t sitting, bool passed) {
    auto& s = d.cached("UPDATE sittings SET status = 'finished', passed = ? WHERE id = ? AND status = 'terminated'");
    s.bind(1, passed ? 1 : 0).bind(2, sitting).run();
    return d.changes() == 1;
}

bool restore_termination(db& d, std::int64_t sitting) {
    auto& s = d.cached(
        "UPDATE sittings SET status = 'terminated', passed = 0 "
        "WHERE id = ? AND status = 'finished' AND finish_reason = 'terminated'");
    s.bind(1, sitting).run();
    return d.changes() == 1;
}

int answered_count(db& d, std::int64_t sitting) {
    auto& st = d.cached("SELECT count(*) FROM answers WHERE sitting = ? AND choice <> ''");
    st.bind(1, sitting);
    const int n = st.step() ? st.i32(0) : 0;
    st.reset();
    return n;
}

exam::marked_paper mark_sitting(db& d, std::int64_t sitting, const question_lookup& lookup, bool titled) {
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
    auto marked = exam::mark_paper(items, given);
    if (!titled) return marked;
    if (auto s = find_sitting(d, sitting)) title_topics(d, s->programme, marked.topics);
    return marked;
}

std::vector<std::string> topic_order(db& d, const std::string& programme) {
    // The order the bank was written in: each topic where its first question is
    // (any language, deactivated ones too: a renumbered topic would confuse).
    // An empty topic is marked as "general" (exam::mark_paper).
    auto& q = d.cached("SELECT topic FROM questions WHERE programme = ? GROUP BY topic ORDER BY min(id)");
    q.bind(1, programme);
    std::vector<std::string> out;
    while (q.step()) out.push_back(q.text(0).empty() ? "general" : q.text(0));
    q.reset();
    return out;
}

void title_topics(db& d, const std::string& programme, std::vector<exam::topic_score>& topics) {
    if (topics.empty()) return;
    const auto prog = find_programme(d, programme);
    const auto order = topic_order(d, programme);
    for (auto& t : topics) {
        const auto at = std::find(order.begin(), order.end(), t.topic);
        t.number = at == order.end() ? 0 : static_cast<int>(at - order.begin()) + 1;
        std::map<std::string, std::string> given;
        if (prog) {
            if (auto it = prog->topics.find(t.topic); it != prog->topics.end()) given = it->second;
        }
        t.title.clear();
        for (const char* lang : {"kk", "ru", "en"}) t.title[lang] = exam::topic_name(given, t.number, lang);
    }
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

std::string late_answer_detail(int n, const std::vector<int>& choice, const std::string& seq, std::int64_t late_by_ms) {
    std::string out = "question " + std::to_string(n) + ": [" + join_ints(choice) + "] arrived " +
                      std::to_string(late_by_ms / 1000) + "." + std::to_string((late_by_ms % 1000) / 100) +
                      " s after the deadline, not counted";
    if (!seq.empty()) out += " (seq " + seq + ")";
    return out;
}

void insert_late_answer(db& d, std::int64_t sitting, int n, const std::vector<int>& choice, std::int64_t arrived_ms,
                        std::int64_t event) {
    d.cached("INSERT INTO late_answers(sitting, n, choice, arrived_ms, event) VALUES (?, ?, ?, ?, ?)")
        .bind(1, sitting)
        .bind(2, n)
        .bind(3, join_ints(choice))
        .bind(4, arrived_ms)
        .bind(5, event)
        .run();
}

std::vector<late_answer> late_answers(db& d, std::int64_t sitting) {
    auto& s = d.cached("SELECT n, arrived_ms FROM late_answers WHERE sitting = ? ORDER BY arrived_ms, n");
    s.bind(1, sitting);
    std::vector<late_answer> out;
    while (s.step()) out.push_back({s.i32(0), s.i64(1)});
    return out;
}

bool has_late_answer(db& d, std::int64_t sitting, int n) {
    auto& s = d.cached("SELECT 1 FROM late_answers WHERE sitting = ? AND n = ?");
    s.bind(1, sitting).bind(2, n);
    const bool found = s.step();
    s.reset();
    return found;
}

}  // namespace tanu::server::store
