#pragma once
// Storage of the working-day calendar (migrations/0004_procedure.sql:
// calendar_years, calendar_days). Other domains read the calendar only here.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "exam/common/calendar.hpp"
#include "server/db/sqlite.hpp"

namespace tanu::server::store {

// Every year loaded; a year without a row is missing (exam::calendar_missing).
exam::work_calendar load_calendar(db& d);

struct calendar_year_info {
    int year = 0;
    std::string source;
    std::int64_t updated_ms = 0;
    std::optional<std::int64_t> updated_by;
};
std::vector<calendar_year_info> calendar_years(db& d);

// Replaces the year's days.
void put_calendar_year(db& d, int year, const std::vector<exam::calendar_day>& days, const std::string& source,
                       std::int64_t actor, std::int64_t now_ms);

}  // namespace tanu::server::store
