#pragma once
// The calendar as the other domains use it: loading a year of days (a use
// case on db&), and the one refusal a missing year becomes.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "exam/common/calendar.hpp"
#include "server/db/sqlite.hpp"
#include "server/platform/domain_error.hpp"

namespace tanu::server {

class module;
struct platform;

namespace calendar {

// A deadline needs a year the calendar lacks: conflict calendar_missing (an
// administrator loads the year with PUT /api/calendar/{year}).
domain_error missing(const exam::calendar_missing& e);

struct put_year_input {
    int year = 0;
    std::vector<exam::calendar_day> days;
    std::string source;
    std::int64_t actor = 0;
};

// Refuses (unprocessable) days of another year and duplicates; replaces the
// year and writes the audit entry calendar.put.
void put_year(db& d, const put_year_input& in, std::int64_t now_ms);

// A year as the staff's calendar shows it: each day told shipped or the
// centre's. `shipped`: the server shipped this day with this kind
// (exam::shipped_days); `shipped_kind`: what it shipped on that date, if
// anything (a day the centre changed); `removed`: shipped days the centre took
// out (their dates are ordinary days now).
struct marked_day {
    exam::calendar_day day;
    bool shipped = false;
    std::optional<exam::day_kind> shipped_kind;
};
struct year_view {
    int year = 0;
    std::string source;
    std::int64_t updated_ms = 0;
    std::optional<std::int64_t> updated_by;  // null: the shipped data, untouched
    std::vector<marked_day> days;            // by date
    std::vector<exam::calendar_day> removed;
};
// nullopt when the calendar has no data for the year.
std::optional<year_view> view_year(db& d, int year);

}  // namespace calendar

// The calendar's routes (GET /api/calendar/working-days, GET and PUT /api/calendar/{year}).
std::unique_ptr<module> make_calendar_module(platform& p);

}  // namespace tanu::server
