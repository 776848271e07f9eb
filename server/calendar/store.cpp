#include "server/calendar/store.hpp"

#include <map>

namespace tanu::server::store {

exam::work_calendar load_calendar(db& d) {
    std::map<int, std::vector<exam::calendar_day>> years;
    {
        auto& q = d.cached("SELECT year FROM calendar_years");
        while (q.step()) years[q.i32(0)];
        q.reset();
    }
    auto& q = d.cached("SELECT day, year, kind, note FROM calendar_days ORDER BY day");
    while (q.step()) {
        auto day = exam::parse_iso_date(q.text(0));
        auto kind = exam::parse_day_kind(q.text(2));
        if (!day || !kind) continue;  // refused on input; a hand-edited row is skipped
        years[q.i32(1)].push_back({*day, *kind, q.text(3)});
    }
    q.reset();
    exam::work_calendar c;
    for (const auto& [year, days] : years) c.add_year(year, days);
    return c;
}

std::vector<calendar_year_info> calendar_years(db& d) {
    std::vector<calendar_year_info> out;
    auto& q = d.cached("SELECT year, source, updated_ms, updated_by FROM calendar_years ORDER BY year");
    while (q.step()) out.push_back({q.i32(0), q.text(1), q.i64(2), q.opt_i64(3)});
    q.reset();
    return out;
}

void put_calendar_year(db& d, int year, const std::vector<exam::calendar_day>& days, const std::string& source,
                       std::int64_t actor, std::int64_t now_ms) {
    d.cached("DELETE FROM calendar_days WHERE year = ?").bind(1, year).run();
    auto& y = d.cached(
        "INSERT INTO calendar_years(year, source, updated_ms, updated_by) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(year) DO UPDATE SET source = excluded.source, updated_ms = excluded.updated_ms, "
        "updated_by = excluded.updated_by");
    y.bind(1, year).bind(2, source).bind(3, now_ms).bind(4, actor).run();
    auto& ins = d.cached("INSERT INTO calendar_days(day, year, kind, note) VALUES (?, ?, ?, ?)");
    for (const auto& day : days) {
        ins.reset();
        ins.bind(1, exam::to_iso(day.day)).bind(2, year).bind(3, exam::to_string(day.kind)).bind(4, day.note).run();
    }
}

}  // namespace tanu::server::store
