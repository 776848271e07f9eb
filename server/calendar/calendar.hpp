#pragma once
// The calendar as the other domains use it: loading a year of days (a use
// case on db&), and the one refusal a missing year becomes.
#include <cstdint>
#include <memory>
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

}  // namespace calendar

// The calendar's routes (GET /api/calendar/working-days, GET and PUT /api/calendar/{year}).
std::unique_ptr<module> make_calendar_module(platform& p);

}  // namespace tanu::server
