#include "server/proctoring/store_live.hpp"

namespace tanu::server::store {

std::int64_t newest_event_id(db& d) {
    auto& q = d.cached("SELECT COALESCE(max(id), 0) FROM events");
    std::int64_t out = 0;
    if (q.step()) out = q.i64(0);
    q.reset();
    return out;
}

std::vector<live_event> events_after(db& d, std::int64_t after, int limit) {
    auto& q = d.cached(
        "SELECT id, sitting, t_ms, kind, detail, violation, strike, COALESCE(args, '') FROM events WHERE id > ? "
        "ORDER BY id LIMIT ?");
    q.bind(1, after).bind(2, limit);
    std::vector<live_event> out;
    while (q.step())
        out.push_back({q.i64(0), q.i64(1), q.i64(2), q.text(3), q.text(4), q.i32(5) != 0, q.i32(6), q.text(7)});
    q.reset();
    return out;
}

std::optional<latest_frame> newest_frame(db& d, std::int64_t sitting) {
    auto& q = d.cached("SELECT id, t_ms, path, sha256 FROM recording WHERE sitting = ? ORDER BY t_ms DESC, id DESC LIMIT 1");
    q.bind(1, sitting);
    std::optional<latest_frame> out;
    if (q.step()) out = latest_frame{q.i64(0), q.i64(1), q.text(2), q.text(3)};
    q.reset();
    return out;
}

}  // namespace tanu::server::store
