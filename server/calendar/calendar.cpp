#include "server/calendar/calendar.hpp"

#include <map>
#include <stdexcept>

#include "server/audit/audit.hpp"
#include "server/calendar/store.hpp"

namespace tanu::server::calendar {

domain_error missing(const exam::calendar_missing& e) {
    return {error_kind::conflict, "calendar_missing",
            std::string(e.what()) + "; an administrator loads it with PUT /api/calendar/{year}"};
}

void put_year(db& d, const put_year_input& in, std::int64_t now_ms) {
    try {
        exam::work_calendar check;
        check.add_year(in.year, in.days);  // refuses days of another year, duplicates
    } catch (const std::invalid_argument& e) {
        throw unprocessable(e.what());
    }
    store::put_calendar_year(d, in.year, in.days, in.source, in.actor, now_ms);
    audit::record(d, now_ms, in.actor, "calendar.put", "calendar " + std::to_string(in.year),
                  std::to_string(in.days.size()) + " days; " + in.source);
}

std::optional<year_view> view_year(db& d, int year) {
    const auto cal = store::load_calendar(d);
    const auto* days = cal.year_days(year);
    if (!days) return std::nullopt;
    year_view out;
    out.year = year;
    for (const auto& y : store::calendar_years(d))
        if (y.year == year) {
            out.source = y.source;
            out.updated_ms = y.updated_ms;
            out.updated_by = y.updated_by;
        }
    std::map<exam::date, exam::calendar_day> shipped;
    for (const auto& s : exam::shipped_days(year)) shipped.emplace(s.day, s);
    std::map<exam::date, bool> present;
    for (const auto& day : *days) {
        marked_day m{day, false, std::nullopt};
        if (auto it = shipped.find(day.day); it != shipped.end()) {
            m.shipped_kind = it->second.kind;
            m.shipped = it->second.kind == day.kind;
        }
        present[day.day] = true;
        out.days.push_back(std::move(m));
    }
    for (const auto& [day, s] : shipped)
        if (!present.count(day)) out.removed.push_back(s);
    return out;
}

}  // namespace tanu::server::calendar
