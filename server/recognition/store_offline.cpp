#include "server/recognition/store_offline.hpp"

#include <nlohmann/json.hpp>

namespace tanu::server::store {

namespace {

std::string ids_json(const std::vector<std::int64_t>& ids) { return nlohmann::json(ids).dump(); }

std::vector<std::int64_t> ids_of(const std::string& text) {
    std::vector<std::int64_t> out;
    const auto j = nlohmann::json::parse(text, nullptr, false);
    if (!j.is_array()) return out;
    for (const auto& x : j)
        if (x.is_number_integer()) out.push_back(x.get<std::int64_t>());
    return out;
}

}  // namespace

void put_attendance(db& d, const attendance_row& a) {
    auto& s = d.cached(
        "INSERT INTO offline_attendance(sitting, candidate_present, members, workstation, accessibility, note, "
        "recorded_by, recorded_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(sitting) DO UPDATE SET candidate_present = excluded.candidate_present, members = excluded.members, "
        "workstation = excluded.workstation, accessibility = excluded.accessibility, note = excluded.note, "
        "recorded_by = excluded.recorded_by, recorded_ms = excluded.recorded_ms");
    s.bind(1, a.sitting).bind(2, a.candidate_present ? 1 : 0).bind(3, ids_json(a.members)).bind(4, a.workstation);
    s.bind(5, a.accessibility).bind(6, a.note).bind(7, a.recorded_by).bind(8, a.recorded_ms).run();
}

std::optional<attendance_row> attendance_of(db& d, std::int64_t sitting) {
    auto& q = d.cached(
        "SELECT candidate_present, members, workstation, accessibility, note, recorded_by, recorded_ms "
        "FROM offline_attendance WHERE sitting = ?");
    q.bind(1, sitting);
    std::optional<attendance_row> out;
    if (q.step()) {
        attendance_row a;
        a.sitting = sitting;
        a.candidate_present = q.i32(0) != 0;
        a.members = ids_of(q.text(1));
        a.workstation = q.text(2);
        a.accessibility = q.text(3);
        a.note = q.text(4);
        a.recorded_by = q.i64(5);
        a.recorded_ms = q.i64(6);
        out = a;
    }
    q.reset();
    return out;
}

void mark_offline_act(db& d, std::int64_t act, const std::vector<std::int64_t>& witnesses, std::int64_t recorded_by) {
    auto& s = d.cached("UPDATE acts SET channel = 'offline', witnesses = ?, recorded_by = ? WHERE id = ?");
    s.bind(1, ids_json(witnesses)).bind(2, recorded_by).bind(3, act).run();
}

std::optional<offline_act_row> offline_act(db& d, std::int64_t act) {
    auto& q = d.cached("SELECT witnesses, recorded_by FROM acts WHERE id = ? AND channel = 'offline'");
    q.bind(1, act);
    std::optional<offline_act_row> out;
    if (q.step()) out = offline_act_row{act, ids_of(q.text(0)), q.opt_i64(1)};
    q.reset();
    return out;
}

bool sign_act(db& d, std::int64_t act, std::int64_t member, std::int64_t now_ms) {
    auto& s = d.cached("INSERT INTO act_signatures(act, member, signed_ms) VALUES (?, ?, ?) ON CONFLICT DO NOTHING");
    s.bind(1, act).bind(2, member).bind(3, now_ms).run();
    return d.changes() == 1;
}

std::vector<act_signature_row> act_signatures_of(db& d, std::int64_t act) {
    auto& q = d.cached(
        "SELECT s.member, COALESCE(u.login, ''), s.signed_ms FROM act_signatures s LEFT JOIN users u ON u.id = s.member "
        "WHERE s.act = ? ORDER BY s.signed_ms, s.member");
    q.bind(1, act);
    std::vector<act_signature_row> out;
    while (q.step()) out.push_back({q.i64(0), q.text(1), q.i64(2)});
    q.reset();
    return out;
}

void confirm_signed_act(db& d, std::int64_t act, std::int64_t member, std::int64_t now_ms) {
    auto& s = d.cached("UPDATE acts SET status = 'confirmed', reviewed_by = ?, reviewed_ms = ? WHERE id = ? AND status = 'draft'");
    s.bind(1, member).bind(2, now_ms).bind(3, act).run();
}

std::vector<offline_sitting_row> offline_sittings_on(db& d, const std::string& day, int limit) {
    auto& q = d.cached(
        "SELECT s.id, s.candidate, '', s.programme, s.lang, s.status, sl.day, sl.starts, sl.ends, "
        "sl.place FROM sittings s JOIN sitting_slots sl ON sl.sitting = s.id AND sl.stage = 'theory' "
        "WHERE s.mode = 'offline' AND sl.day = ? "
        "ORDER BY sl.starts_ms, s.id LIMIT ?");
    q.bind(1, day).bind(2, limit);
    std::vector<offline_sitting_row> out;
    while (q.step())
        out.push_back({q.i64(0), q.i64(1), q.text(2), q.text(3), q.text(4), q.text(5), q.text(6), q.text(7), q.text(8),
                       q.text(9)});
    q.reset();
    return out;
}

}  // namespace tanu::server::store
