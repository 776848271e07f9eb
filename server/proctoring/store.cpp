#include "server/proctoring/store.hpp"

namespace tanu::server::store {

std::optional<std::string> photo_reference_of_sitting(db& d, std::int64_t sitting) {
    auto& s = d.cached("SELECT p.reference FROM sittings s JOIN photos p ON p.candidate = s.candidate WHERE s.id = ?");
    s.bind(1, sitting);
    std::optional<std::string> out;
    if (s.step()) out = s.text(0);
    s.reset();
    return out;
}

std::optional<std::string> photo_path(db& d, std::int64_t candidate) {
    auto& q = d.cached("SELECT path FROM photos WHERE candidate = ?");
    q.bind(1, candidate);
    std::optional<std::string> out;
    if (q.step()) out = q.text(0);
    q.reset();
    return out;
}

void put_photo(db& d, std::int64_t candidate, const std::string& path, const std::string& sha256,
               const std::string& reference_blob, std::int64_t now_ms) {
    d.cached(
         "INSERT INTO photos(candidate, path, sha256, reference, created_ms) VALUES (?, ?, ?, ?, ?) "
         "ON CONFLICT(candidate) DO UPDATE SET path = excluded.path, sha256 = excluded.sha256, "
         "reference = excluded.reference, created_ms = excluded.created_ms")
        .bind(1, candidate).bind(2, path).bind(3, sha256).bind_blob(4, reference_blob).bind(5, now_ms).run();
}

std::optional<open_room_scan> open_scan(db& d, std::int64_t sitting) {
    auto& q = d.cached("SELECT id, began_ms FROM room_scans WHERE sitting = ? AND ended_ms IS NULL ORDER BY id DESC LIMIT 1");
    q.bind(1, sitting);
    std::optional<open_room_scan> out;
    if (q.step()) out = open_room_scan{q.i64(0), q.null(1) ? -1 : q.i64(1)};
    q.reset();
    return out;
}

std::int64_t insert_room_scan(db& d, std::int64_t sitting, const std::string& reason, std::int64_t now_ms) {
    d.cached("INSERT INTO room_scans(sitting, reason, requested_ms) VALUES (?, ?, ?)")
        .bind(1, sitting).bind(2, reason).bind(3, now_ms).run();
    return d.last_insert_id();
}

void begin_room_scan(db& d, std::int64_t id, std::int64_t t_ms) {
    d.cached("UPDATE room_scans SET began_ms = ? WHERE id = ? AND began_ms IS NULL").bind(1, t_ms).bind(2, id).run();
}

void end_room_scan(db& d, std::int64_t id, std::int64_t t_ms, const std::string& by) {
    d.cached("UPDATE room_scans SET ended_ms = ?, ended_by = ? WHERE id = ? AND ended_ms IS NULL")
        .bind(1, t_ms).bind(2, by).bind(3, id).run();
}

std::optional<std::string> owed_scan_reason(db& d, std::int64_t sitting) {
    auto& q = d.cached(
        "SELECT reason FROM room_scans WHERE sitting = ? AND ended_ms IS NULL AND began_ms IS NULL "
        "ORDER BY id DESC LIMIT 1");
    q.bind(1, sitting);
    std::optional<std::string> out;
    if (q.step()) out = q.text(0);
    q.reset();
    return out;
}

void insert_recording(db& d, std::int64_t sitting, std::int64_t t_ms, const std::string& part,
                      const std::string& path, const std::string& sha256) {
    d.cached("INSERT INTO recording(sitting, t_ms, part, path, sha256) VALUES (?, ?, ?, ?, ?)")
        .bind(1, sitting).bind(2, t_ms).bind(3, part).bind(4, path).bind(5, sha256).run();
}

int room_scan_frames(db& d, std::int64_t sitting) {
    auto& n = d.cached("SELECT count(*) FROM recording WHERE sitting = ? AND part = 'room_scan'");
    n.bind(1, sitting);
    int out = n.step() ? static_cast<int>(n.i64(0)) : 0;
    n.reset();
    return out;
}

void put_audio_level(db& d, std::int64_t sitting, std::int64_t t_ms, double dbfs) {
    d.cached("INSERT OR REPLACE INTO audio_levels(sitting, t_ms, dbfs) VALUES (?, ?, ?)")
        .bind(1, sitting).bind(2, t_ms).bind(3, std::to_string(dbfs)).run();
}

std::vector<recording_row> recording_of(db& d, std::int64_t sitting) {
    auto& f = d.cached("SELECT id, t_ms, part, sha256 FROM recording WHERE sitting = ? ORDER BY t_ms");
    f.bind(1, sitting);
    std::vector<recording_row> out;
    while (f.step()) out.push_back({f.i64(0), f.i64(1), f.text(2), f.text(3)});
    return out;
}

std::vector<audio_row> audio_of(db& d, std::int64_t sitting) {
    auto& a = d.cached("SELECT t_ms, dbfs FROM audio_levels WHERE sitting = ? ORDER BY t_ms");
    a.bind(1, sitting);
    std::vector<audio_row> out;
    while (a.step()) out.push_back({a.i64(0), a.f64(1)});
    return out;
}

std::vector<event_row> events_of(db& d, std::int64_t sitting) {
    auto& st = d.cached(
        "SELECT id, t_ms, kind, detail, violation, strike, evidence IS NOT NULL, sha256, args FROM events WHERE sitting = ? "
        "ORDER BY t_ms, id");
    st.bind(1, sitting);
    std::vector<event_row> out;
    while (st.step())
        out.push_back({st.i64(0), st.i64(1), st.text(2), st.text(3), st.i32(4) != 0, st.i32(5), st.i32(6) != 0,
                       st.null(7) ? std::string() : st.text(7), st.null(8) ? std::string() : st.text(8)});
    return out;
}

std::optional<stored_image> evidence_image(db& d, std::int64_t event) {
    auto& st = d.cached("SELECT evidence, sha256, sitting FROM events WHERE id = ?");
    st.bind(1, event);
    std::optional<stored_image> out;
    if (st.step() && !st.null(0)) out = stored_image{st.text(0), st.text(1), st.i64(2)};
    st.reset();
    return out;
}

std::optional<stored_image> recording_image(db& d, std::int64_t frame) {
    auto& st = d.cached("SELECT path, sha256, sitting FROM recording WHERE id = ?");
    st.bind(1, frame);
    std::optional<stored_image> out;
    if (st.step() && !st.null(0)) out = stored_image{st.text(0), st.text(1), st.i64(2)};
    st.reset();
    return out;
}

std::vector<live_row> live_sittings(db& d, int limit) {
    auto& q = d.cached(
        "SELECT s.id, s.candidate, p.full_name, s.programme, s.lang, s.started_ms, s.deadline_ms, s.violations, "
        "(SELECT e.kind FROM events e WHERE e.sitting = s.id AND e.kind IN "
        "('identity_confirmed', 'identity_not_confirmed', 'identity_unchecked', 'identity_mismatch') "
        "ORDER BY e.id DESC LIMIT 1), "
        "l.id, l.t_ms, l.kind, l.detail, l.violation, l.strike, l.evidence IS NOT NULL, COALESCE(l.sha256, ''), "
        "COALESCE(l.args, ''), "
        "(SELECT CASE WHEN r.began_ms IS NULL THEN 'owed' ELSE 'running' END FROM room_scans r "
        " WHERE r.sitting = s.id AND r.ended_ms IS NULL ORDER BY r.id DESC LIMIT 1) "
        "FROM sittings s JOIN candidates c ON c.id = s.candidate JOIN people p ON p.id = c.person "
        "LEFT JOIN events l ON l.id = (SELECT max(x.id) FROM events x WHERE x.sitting = s.id) "
        "WHERE s.status = 'in_progress' ORDER BY s.violations DESC, s.started_ms, s.id LIMIT ?");
    q.bind(1, limit);
    std::vector<live_row> out;
    while (q.step()) {
        live_row r;
        r.sitting = q.i64(0);
        r.candidate = q.i64(1);
        r.full_name = q.text(2);
        r.programme = q.text(3);
        r.lang = q.text(4);
        r.started_ms = q.opt_i64(5).value_or(0);
        r.deadline_ms = q.opt_i64(6).value_or(0);
        r.strikes = q.i32(7);
        if (!q.null(8)) r.identity = q.text(8);
        if (!q.null(9))
            r.last = event_row{q.i64(9), q.i64(10), q.text(11), q.text(12), q.i32(13) != 0, q.i32(14), q.i32(15) != 0,
                               q.text(16), q.text(17)};
        if (!q.null(18)) r.room_scan = q.text(18);
        out.push_back(std::move(r));
    }
    q.reset();
    return out;
}

}  // namespace tanu::server::store
