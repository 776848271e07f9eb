#include "exam/common/calendar.hpp"

#include <algorithm>
#include <set>

namespace tanu::exam {

namespace {

constexpr std::int64_t day_ms = 86'400'000;

// Floor division (C++ `/` truncates towards zero).
std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    std::int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
    return q;
}

bool is_weekend(const date& d) { return weekday(d) >= 6; }

void sort_days(std::vector<calendar_day>& days) {
    std::sort(days.begin(), days.end(),
              [](const calendar_day& a, const calendar_day& b) { return a.day < b.day; });
}

// A statutory holiday: its date, English name, and whether a weekend moves it.
struct holiday_def {
    date day;
    std::string name;
    bool moves;
};

}  // namespace

// Howard Hinnant's days_from_civil / civil_from_days (public domain).
std::int64_t days_from_civil(const date& d) {
    std::int64_t y = d.year - (d.month <= 2 ? 1 : 0);
    const std::int64_t era = floor_div(y, 400);
    const std::int64_t yoe = y - era * 400;                                     // [0, 399]
    const std::int64_t mp = (d.month + 9) % 12;                                 // March = 0
    const std::int64_t doy = (153 * mp + 2) / 5 + d.day - 1;                    // [0, 365]
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;             // [0, 146096]
    return era * 146097 + doe - 719468;
}

date civil_from_days(std::int64_t z) {
    z += 719468;
    const std::int64_t era = floor_div(z, 146097);
    const std::int64_t doe = z - era * 146097;                                  // [0, 146096]
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);           // [0, 365]
    const std::int64_t mp = (5 * doy + 2) / 153;                                // [0, 11]
    const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    const int year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
    return date{year, month, day};
}

int weekday(const date& d) {
    // 1970-01-01 was a Thursday (4).
    const std::int64_t days = days_from_civil(d);
    return static_cast<int>(((days % 7 + 7) % 7 + 3) % 7) + 1;
}

date add_days(const date& d, int n) { return civil_from_days(days_from_civil(d) + n); }

date kz_local_date(std::int64_t utc_ms) {
    return civil_from_days(floor_div(utc_ms + kz_utc_offset_ms, day_ms));
}

std::int64_t kz_start_of_day_ms(const date& d) { return days_from_civil(d) * day_ms - kz_utc_offset_ms; }

std::int64_t kz_end_of_day_ms(const date& d) { return kz_start_of_day_ms(d) + day_ms; }

std::string_view to_string(day_kind k) {
    switch (k) {
        case day_kind::holiday: return "holiday";
        case day_kind::day_off: return "day_off";
        case day_kind::working: return "working";
    }
    return "holiday";
}

std::optional<day_kind> parse_day_kind(std::string_view s) {
    if (s == "holiday") return day_kind::holiday;
    if (s == "day_off") return day_kind::day_off;
    if (s == "working") return day_kind::working;
    return std::nullopt;
}

std::vector<calendar_day> statutory_days(int year, const date& kurban_ait) {
    if (kurban_ait.year != year || !is_valid_date(kurban_ait.year, kurban_ait.month, kurban_ait.day))
        throw std::invalid_argument("Kurban Ait " + to_iso(kurban_ait) + " is not a day of " +
                                    std::to_string(year));
    // Law on holidays art. 1 (national) and art. 2 (state holidays), revision of
    // 2022 (25 Oct restored; 16 Dec only); Labour Code art. 84 p.5 (religious).
    const std::vector<holiday_def> defs = {
        {{year, 1, 1}, "New Year", true},
        {{year, 1, 2}, "New Year", true},
        {{year, 1, 7}, "Orthodox Christmas", false},
        {{year, 3, 8}, "International Women's Day", true},
        {{year, 3, 21}, "Nauryz", true},
        {{year, 3, 22}, "Nauryz", true},
        {{year, 3, 23}, "Nauryz", true},
        {{year, 5, 1}, "Unity Day of the People of Kazakhstan", true},
        {{year, 5, 7}, "Defender of the Fatherland Day", true},
        {{year, 5, 9}, "Victory Day", true},
        {{year, 7, 6}, "Capital Day", true},
        {{year, 8, 30}, "Constitution Day", true},
        {{year, 10, 25}, "Republic Day", true},
        {{year, 12, 16}, "Independence Day", true},
        {kurban_ait, "Kurban Ait", false},
    };

    // One row per date: should Kurban Ait fall on another holiday, the names
    // join and the day still moves as that holiday would.
    std::map<date, holiday_def> holidays;
    for (const auto& h : defs) {
        auto [it, fresh] = holidays.emplace(h.day, h);
        if (!fresh) {
            it->second.name += " / " + h.name;
            it->second.moves = it->second.moves || h.moves;
        }
    }

    // Law on holidays art. 5: a holiday on a Saturday or Sunday moves to the
    // next working day. In date order, each moved day takes the next day that is
    // not a weekend, a holiday or an already moved day off (Nauryz on Sat-Mon:
    // Sat -> Tue, Sun -> Wed).
    std::set<date> moved;
    std::vector<calendar_day> out;
    for (const auto& [day, h] : holidays) {
        out.push_back({day, day_kind::holiday, h.name});
        if (!h.moves || !is_weekend(day)) continue;
        date to = add_days(day, 1);
        while (is_weekend(to) || holidays.count(to) != 0 || moved.count(to) != 0) to = add_days(to, 1);
        moved.insert(to);
        out.push_back({to, day_kind::day_off, "moved from " + to_iso(day) + " (" + h.name + ")"});
    }
    sort_days(out);
    return out;
}

std::vector<calendar_day> shipped_days(int year) {
    // Kurban Ait (first day) as announced by the Spiritual Administration of
    // Muslims of Kazakhstan. 2027-05-16 is provisional (the astronomical
    // estimate): the exact day is announced closer to the date; a centre
    // corrects the year's data then.
    std::optional<date> kurban;
    std::vector<calendar_day> decree;
    switch (year) {
        case 2025:
            kurban = date{2025, 6, 6};
            // Labour Code art. 85 p.3: the day off moved from Saturday 5 July to
            // Friday 3 January 2025.
            decree = {
                {{2025, 1, 3}, day_kind::day_off, "decree: day off moved from Saturday 2025-07-05"},
                {{2025, 7, 5}, day_kind::working, "decree: working day, its day off moved to 2025-01-03"},
            };
            break;
        case 2026: kurban = date{2026, 5, 27}; break;  // no decree moves shipped
        case 2027: kurban = date{2027, 5, 16}; break;  // provisional; no decree moves shipped
        default: return {};
    }
    auto days = statutory_days(year, *kurban);
    for (const auto& d : decree) {
        auto same = std::find_if(days.begin(), days.end(), [&](const calendar_day& x) { return x.day == d.day; });
        if (same != days.end())
            *same = d;
        else
            days.push_back(d);
    }
    sort_days(days);
    return days;
}

calendar_missing::calendar_missing(int y)
    : std::runtime_error("the working-day calendar has no data for " + std::to_string(y)), year(y) {}

void work_calendar::add_year(int year, const std::vector<calendar_day>& days) {
    std::map<date, day_kind> kinds;
    for (const auto& d : days) {
        if (!is_valid_date(d.day.year, d.day.month, d.day.day))
            throw std::invalid_argument("not a date: " + to_iso(d.day));
        if (d.day.year != year)
            throw std::invalid_argument(to_iso(d.day) + " is not a day of " + std::to_string(year));
        if (!kinds.emplace(d.day, d.kind).second)
            throw std::invalid_argument(to_iso(d.day) + " is given twice");
    }
    // Replace the year: drop its old entries, then add the new ones.
    kinds_.erase(kinds_.lower_bound(date{year, 1, 1}), kinds_.upper_bound(date{year, 12, 31}));
    kinds_.insert(kinds.begin(), kinds.end());
    auto sorted = days;
    sort_days(sorted);
    years_[year] = std::move(sorted);
}

bool work_calendar::covers(int year) const { return years_.count(year) != 0; }

std::vector<int> work_calendar::years() const {
    std::vector<int> out;
    out.reserve(years_.size());
    for (const auto& [y, days] : years_) out.push_back(y);
    return out;
}

bool work_calendar::is_working(const date& d) const {
    if (!covers(d.year)) throw calendar_missing(d.year);
    auto it = kinds_.find(d);
    if (it != kinds_.end()) return it->second == day_kind::working;
    return !is_weekend(d);
}

date work_calendar::add_working_days(const date& from, int n) const {
    if (n < 0) throw std::invalid_argument("add_working_days: n must not be negative");
    date d = from;
    while (n > 0) {
        d = add_days(d, 1);
        if (is_working(d)) --n;
    }
    return d;
}

int work_calendar::working_days_between(const date& from, const date& to) const {
    int count = 0;
    for (date d = add_days(from, 1); d <= to; d = add_days(d, 1))
        if (is_working(d)) ++count;
    return count;
}

const std::vector<calendar_day>* work_calendar::year_days(int year) const {
    auto it = years_.find(year);
    return it == years_.end() ? nullptr : &it->second;
}

}  // namespace tanu::exam
