#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "exam/common/date.hpp"

namespace tanu::exam {

// Civil-date arithmetic (proleptic Gregorian).
int weekday(const date& d);                     // 1 = Monday ... 7 = Sunday
date add_days(const date& d, int n);            // calendar days, n may be negative
std::int64_t days_from_civil(const date& d);    // days since 1970-01-01
date civil_from_days(std::int64_t days);

// Kazakhstan is UTC+5 (single zone since 1 March 2024): the local date of an instant.
constexpr std::int64_t kz_utc_offset_ms = 5LL * 3600 * 1000;
date kz_local_date(std::int64_t utc_ms);
std::int64_t kz_start_of_day_ms(const date& d);  // UTC ms of 00:00 local
std::int64_t kz_end_of_day_ms(const date& d);    // UTC ms of 24:00 local (= start of the next day)

// holiday: a public holiday; day_off: a moved day off (a holiday on a weekend,
// or a government decree); working: a Saturday/Sunday made a working day by decree.
enum class day_kind { holiday, day_off, working };
struct calendar_day {
    date day;
    day_kind kind = day_kind::holiday;
    std::string note;
    bool operator==(const calendar_day&) const = default;
};
std::string_view to_string(day_kind k);  // "holiday", "day_off", "working"
std::optional<day_kind> parse_day_kind(std::string_view s);

// The statutory days of `year`, sorted by date. Law on holidays art. 1-2, 5:
// 1-2 Jan, 8 Mar, 21-23 Mar, 1, 7, 9 May, 6 Jul, 30 Aug, 25 Oct, 16 Dec are
// non-working; one that falls on a Saturday or Sunday moves to the next working
// day (kind day_off, note "moved from YYYY-MM-DD (name)"). Labour Code art. 84
// p.5: 7 Jan (Orthodox Christmas) and the first day of Kurban Ait are days off
// and never move. `kurban_ait` follows the lunar calendar, so it is given; it
// must lie in `year` (else std::invalid_argument).
std::vector<calendar_day> statutory_days(int year, const date& kurban_ait);

// The data shipped with the server (migrations/0003_calendar.sql holds the
// same rows): statutory_days plus the decree moves known for 2025, 2026, 2027;
// empty for any other year.
std::vector<calendar_day> shipped_days(int year);

// "the working-day calendar has no data for YYYY"
struct calendar_missing : std::runtime_error {
    int year;
    explicit calendar_missing(int y);
};

// Working days (rules.md "Working days"): Monday-Friday, less the public
// holidays and moved days off, plus the weekend days a decree makes working.
// The calendar is data a centre keeps per year, not code.
class work_calendar {
public:
    work_calendar() = default;
    // Replaces that year. A day outside `year`, an invalid date or the same
    // day twice throws std::invalid_argument.
    void add_year(int year, const std::vector<calendar_day>& days);
    bool covers(int year) const;
    std::vector<int> years() const;
    // Mon-Fri unless holiday/day_off; Sat/Sun only if `working`.
    // Throws calendar_missing if d's year is not covered.
    bool is_working(const date& d) const;
    // The n-th working day after `from` (n >= 1; `from` itself never counts;
    // n == 0 gives `from`, n < 0 throws std::invalid_argument). Throws
    // calendar_missing when it would need a year not covered.
    date add_working_days(const date& from, int n) const;
    // Working days in (from, to]: 0 when to <= from.
    int working_days_between(const date& from, const date& to) const;
    const std::vector<calendar_day>* year_days(int year) const;  // nullptr if not covered

private:
    std::map<int, std::vector<calendar_day>> years_;
    std::map<date, day_kind> kinds_;
};

}  // namespace tanu::exam
