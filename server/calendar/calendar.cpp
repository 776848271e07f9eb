#include "server/calendar/calendar.hpp"

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

}  // namespace tanu::server::calendar
