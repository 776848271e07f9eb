#include "server/exam/store_schedule.hpp"

#include <nlohmann/json.hpp>

namespace tanu::server::store {

namespace {
std::optional<std::string> opt_text(const stmt& s, int col) {
    if (s.null(col)) return std::nullopt;
    return s.text(col);
}

slot_row read_slot(const stmt& s) {
    slot_row r;
    r.stage = s.text(0);
    r.day = s.text(1);
    r.starts = s.text(2);
    r.ends = s.text(3);
    r.starts_ms = s.i64(4);
    r.ends_ms = s.i64(5);
    r.place = s.text(6);
    r.link = s.text(7);
    r.commission = s.opt_i64(8);
    return r;
}
}  // namespace

void insert_slot(db& d, std::int64_t sitting, const slot_row& r) {
    auto& s = d.cached(
        "INSERT INTO sitting_slots(sitting, stage, day, starts, ends, starts_ms, ends_ms, place, link, commission) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, sitting).bind(2, r.stage).bind(3, r.day).bind(4, r.starts).bind(5, r.ends).bind(6, r.starts_ms);
    s.bind(7, r.ends_ms).bind(8, r.place).bind(9, r.link).bind(10, r.commission).run();
}

std::vector<slot_row> slots_of(db& d, std::int64_t sitting) {
    auto& s = d.cached(
        "SELECT stage, day, starts, ends, starts_ms, ends_ms, place, link, commission FROM sitting_slots "
        "WHERE sitting = ? ORDER BY stage = 'practical', starts_ms");
    s.bind(1, sitting);
    std::vector<slot_row> out;
    while (s.step()) out.push_back(read_slot(s));
    return out;
}

std::optional<slot_row> slot_of(db& d, std::int64_t sitting, const std::string& stage) {
    auto& s = d.cached(
        "SELECT stage, day, starts, ends, starts_ms, ends_ms, place, link, commission FROM sitting_slots "
        "WHERE sitting = ? AND stage = ?");
    s.bind(1, sitting).bind(2, stage);
    if (!s.step()) return std::nullopt;
    return read_slot(s);
}

void insert_sitting_notice(db& d, std::int64_t sitting, const std::string& kind, const std::string& sent_day,
                           std::optional<std::int64_t> notice, const std::string& gap_rule, std::int64_t now_ms) {
    auto& s = d.cached(
        "INSERT INTO sitting_notices(sitting, kind, sent_day, notice, gap_rule, created_ms) VALUES (?, ?, ?, ?, ?, ?)");
    s.bind(1, sitting).bind(2, kind).bind(3, sent_day).bind(4, notice).bind(5, gap_rule).bind(6, now_ms).run();
}

bool close_sitting(db& d, std::int64_t sitting, const std::string& status, const std::vector<std::string>& from,
                   const std::string& reason, const std::string& note, std::optional<std::int64_t> by,
                   std::int64_t now_ms) {
    nlohmann::json allowed = from;
    auto& s = d.cached(
        "UPDATE sittings SET status = ?, closed_reason = ?, closed_note = ?, closed_ms = ?, closed_by = ? "
        "WHERE id = ? AND status IN (SELECT value FROM json_each(?))");
    s.bind(1, status).bind(2, reason).bind(3, note).bind(4, now_ms).bind(5, by).bind(6, sitting).bind(7, allowed.dump());
    s.run();
    return d.changes() == 1;
}

std::optional<std::int64_t> replaced_by(db& d, std::int64_t sitting) {
    auto& s = d.cached("SELECT id FROM sittings WHERE replaces = ?");
    s.bind(1, sitting);
    if (!s.step()) return std::nullopt;
    return s.i64(0);
}

std::vector<sitting_row> list_sittings(db& d, const sitting_filter& f) {
    nlohmann::json statuses = f.statuses;
    auto& s = d.cached(
        "SELECT st.id FROM sittings st LEFT JOIN sitting_slots sl ON sl.sitting = st.id AND sl.stage = 'theory' "
        "WHERE (?1 IS NULL OR st.candidate = ?1) "
        "AND (?2 = '[]' OR st.status IN (SELECT value FROM json_each(?2))) "
        "AND (?3 = '' OR sl.day >= ?3) AND (?4 = '' OR sl.day <= ?4) "
        "AND (?5 = 0 OR EXISTS (SELECT 1 FROM sick_leaves k WHERE k.sitting = st.id AND k.status IN ('reported', 'proved'))) "
        "AND (?6 = 0 OR (st.status IN ('cancelled', 'voided', 'no_show') "
        "     AND NOT EXISTS (SELECT 1 FROM sittings r WHERE r.replaces = st.id))) "
        "ORDER BY sl.starts_ms IS NULL, sl.starts_ms, st.id LIMIT ?7");
    s.bind(1, f.candidate).bind(2, statuses.dump()).bind(3, f.from).bind(4, f.to).bind(5, f.sick_leave_open ? 1 : 0);
    s.bind(6, f.unreplaced ? 1 : 0).bind(7, f.limit);
    std::vector<std::int64_t> ids;
    while (s.step()) ids.push_back(s.i64(0));
    std::vector<sitting_row> out;
    out.reserve(ids.size());
    for (auto id : ids)
        if (auto r = find_sitting(d, id)) out.push_back(std::move(*r));
    return out;
}

std::vector<std::int64_t> missed_sittings(db& d, std::int64_t before_ms, int limit) {
    auto& s = d.cached(
        // driven by the few scheduled sittings (a partial index), never by the slots of years past:
        // the sweep asks every half second
        "SELECT st.id FROM sittings st WHERE st.status = 'scheduled' "
        "AND (SELECT sl.starts_ms FROM sitting_slots sl WHERE sl.sitting = st.id AND sl.stage = 'theory') < ? "
        "AND NOT EXISTS (SELECT 1 FROM sick_leaves k WHERE k.sitting = st.id AND k.status IN ('reported', 'proved')) "
        "ORDER BY st.id LIMIT ?");
    s.bind(1, before_ms).bind(2, limit);
    std::vector<std::int64_t> out;
    while (s.step()) out.push_back(s.i64(0));
    return out;
}

std::int64_t insert_sick_leave(db& d, const sick_leave_row& r) {
    auto& s = d.cached(
        "INSERT INTO sick_leaves(sitting, status, channel, period_from, period_to, note, reported_ms, reported_by) "
        "VALUES (?, 'reported', ?, ?, ?, ?, ?, ?)");
    s.bind(1, r.sitting).bind(2, r.channel).bind(3, r.period_from).bind(4, r.period_to).bind(5, r.note);
    s.bind(6, r.reported_ms).bind(7, r.reported_by).run();
    return d.last_insert_id();
}

namespace {
#define TANU_SICK_LEAVE_COLUMNS                                                                                    \
    "SELECT id, sitting, status, channel, period_from, period_to, note, reported_ms, reported_by, sheet_number, " \
    "sheet_issuer, sheet_from, sheet_to, sheet_sha256, sheet_type, sheet_size, sheet_ms, decided_ms, decided_by, " \
    "decision_note FROM sick_leaves WHERE sitting = ? "

sick_leave_row read_sick_leave(const stmt& s) {
    sick_leave_row r;
    r.id = s.i64(0);
    r.sitting = s.i64(1);
    r.status = s.text(2);
    r.channel = s.text(3);
    r.period_from = s.text(4);
    r.period_to = opt_text(s, 5);
    r.note = s.text(6);
    r.reported_ms = s.i64(7);
    r.reported_by = s.i64(8);
    r.sheet_number = opt_text(s, 9);
    r.sheet_issuer = opt_text(s, 10);
    r.sheet_from = opt_text(s, 11);
    r.sheet_to = opt_text(s, 12);
    r.sheet_sha256 = opt_text(s, 13);
    r.sheet_type = opt_text(s, 14);
    r.sheet_size = s.opt_i64(15);
    r.sheet_ms = s.opt_i64(16);
    r.decided_ms = s.opt_i64(17);
    r.decided_by = s.opt_i64(18);
    r.decision_note = s.text(19);
    return r;
}
}  // namespace

std::optional<sick_leave_row> sick_leave_of(db& d, std::int64_t sitting) {
    auto& s = d.cached(TANU_SICK_LEAVE_COLUMNS "ORDER BY id DESC LIMIT 1");
    s.bind(1, sitting);
    if (!s.step()) return std::nullopt;
    return read_sick_leave(s);
}

std::vector<sick_leave_row> sick_leaves_of(db& d, std::int64_t sitting) {
    auto& s = d.cached(TANU_SICK_LEAVE_COLUMNS "ORDER BY id");
    s.bind(1, sitting);
    std::vector<sick_leave_row> out;
    while (s.step()) out.push_back(read_sick_leave(s));
    return out;
}
#undef TANU_SICK_LEAVE_COLUMNS

void attach_sick_sheet(db& d, std::int64_t id, const std::string& number, const std::string& issuer,
                       const std::string& from, const std::string& to, const std::string& sha256,
                       const std::string& type, std::int64_t size, std::int64_t now_ms) {
    auto& s = d.cached(
        "UPDATE sick_leaves SET status = 'proved', sheet_number = ?, sheet_issuer = ?, sheet_from = ?, sheet_to = ?, "
        "sheet_sha256 = ?, sheet_type = ?, sheet_size = ?, sheet_ms = ? WHERE id = ? AND status IN ('reported', 'proved')");
    s.bind(1, number).bind(2, issuer).bind(3, from).bind(4, to).bind(5, sha256).bind(6, type).bind(7, size);
    s.bind(8, now_ms).bind(9, id).run();
}

void decide_sick_leave(db& d, std::int64_t id, bool accept, const std::string& note, std::int64_t by, std::int64_t now_ms) {
    auto& s = d.cached(
        "UPDATE sick_leaves SET status = ?, decision_note = ?, decided_by = ?, decided_ms = ? "
        "WHERE id = ? AND status IN ('reported', 'proved')");
    s.bind(1, accept ? "accepted" : "rejected").bind(2, note).bind(3, by).bind(4, now_ms).bind(5, id).run();
}

std::int64_t insert_technical_act(db& d, const technical_act_row& a) {
    nlohmann::json ev = a.evidence;
    auto& s = d.cached(
        "INSERT INTO technical_acts(sitting, kind, description, evidence, recorded_ms, recorded_by) VALUES (?, ?, ?, ?, ?, ?)");
    s.bind(1, a.sitting).bind(2, a.kind).bind(3, a.description).bind(4, ev.dump()).bind(5, a.recorded_ms);
    s.bind(6, a.recorded_by).run();
    return d.last_insert_id();
}

std::vector<technical_act_row> technical_acts_of(db& d, std::int64_t sitting) {
    auto& s = d.cached(
        "SELECT id, sitting, kind, description, evidence, recorded_ms, recorded_by FROM technical_acts "
        "WHERE sitting = ? ORDER BY id");
    s.bind(1, sitting);
    std::vector<technical_act_row> out;
    while (s.step()) {
        technical_act_row r;
        r.id = s.i64(0);
        r.sitting = s.i64(1);
        r.kind = s.text(2);
        r.description = s.text(3);
        r.evidence = nlohmann::json::parse(s.text(4)).get<std::vector<std::int64_t>>();
        r.recorded_ms = s.i64(5);
        r.recorded_by = s.opt_i64(6);
        out.push_back(std::move(r));
    }
    return out;
}

}  // namespace tanu::server::store
