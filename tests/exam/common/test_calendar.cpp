#include <catch2/catch.hpp>

#include <string>

#include "exam/common/calendar.hpp"

using namespace tanu::exam;

namespace {

const calendar_day* find_day(const std::vector<calendar_day>& days, const date& d) {
    for (const auto& x : days)
        if (x.day == d) return &x;
    return nullptr;
}

work_calendar loaded(std::initializer_list<int> years) {
    work_calendar cal;
    for (int y : years) cal.add_year(y, shipped_days(y));
    return cal;
}

}  // namespace

TEST_CASE("weekday and day arithmetic", "[calendar]") {
    CHECK(weekday(date{2026, 3, 20}) == 5);  // Friday 20 March 2026
    CHECK(weekday(date{2026, 3, 21}) == 6);  // Saturday
    CHECK(weekday(date{2026, 3, 22}) == 7);  // Sunday
    CHECK(weekday(date{2026, 3, 23}) == 1);  // Monday
    CHECK(weekday(date{1970, 1, 1}) == 4);   // the epoch was a Thursday
    CHECK(weekday(date{2000, 1, 1}) == 6);   // Saturday
    CHECK(weekday(date{1969, 12, 31}) == 3); // Wednesday, before the epoch

    CHECK(add_days(date{2026, 1, 31}, 1) == date{2026, 2, 1});
    CHECK(add_days(date{2026, 2, 28}, 1) == date{2026, 3, 1});   // 2026 is not a leap year
    CHECK(add_days(date{2024, 2, 28}, 1) == date{2024, 2, 29});  // 2024 is
    CHECK(add_days(date{2000, 2, 28}, 1) == date{2000, 2, 29});  // divisible by 400
    CHECK(add_days(date{2100, 2, 28}, 1) == date{2100, 3, 1});   // divisible by 100 only
    CHECK(add_days(date{2025, 12, 31}, 1) == date{2026, 1, 1});
    CHECK(add_days(date{2026, 1, 1}, -1) == date{2025, 12, 31});
    CHECK(add_days(date{2024, 3, 1}, -1) == date{2024, 2, 29});
    CHECK(add_days(date{2026, 3, 20}, 12) == date{2026, 4, 1});
    CHECK(add_days(date{2026, 3, 20}, 365) == date{2027, 3, 20});
    CHECK(add_days(date{2024, 3, 20}, 365) == date{2025, 3, 20});
    CHECK(add_days(date{2024, 1, 1}, 366) == date{2025, 1, 1});
    CHECK(add_days(date{2026, 3, 20}, 0) == date{2026, 3, 20});
}

TEST_CASE("days_from_civil and civil_from_days round-trip", "[calendar]") {
    CHECK(days_from_civil(date{1970, 1, 1}) == 0);
    CHECK(days_from_civil(date{1970, 1, 2}) == 1);
    CHECK(days_from_civil(date{1969, 12, 31}) == -1);
    // 56 years of 365 days and 14 leap days (1972..2024) to 2026-01-01, then 78.
    CHECK(days_from_civil(date{2026, 3, 20}) == 56 * 365 + 14 + 78);
    CHECK(civil_from_days(20532) == date{2026, 3, 20});
    CHECK(civil_from_days(-1) == date{1969, 12, 31});

    // Every day of 1970..2100: consecutive numbers, valid dates, round-trip.
    const std::int64_t first = days_from_civil(date{1970, 1, 1});
    const std::int64_t last = days_from_civil(date{2100, 12, 31});
    CHECK(last - first + 1 == 131 * 365 + 32);  // 32 leap years: 1972..2096
    int bad = 0;
    date prev = civil_from_days(first - 1);
    for (std::int64_t n = first; n <= last; ++n) {
        const date d = civil_from_days(n);
        if (!is_valid_date(d.year, d.month, d.day) || days_from_civil(d) != n || !(prev < d) ||
            add_days(prev, 1) != d)
            ++bad;
        prev = d;
    }
    CHECK(bad == 0);
    CHECK(prev == date{2100, 12, 31});
}

TEST_CASE("the local date in Kazakhstan is UTC+5", "[calendar]") {
    // 2026-03-20 is day 20532: 20532 * 86 400 000 = 1 773 964 800 000 ms (00:00Z).
    const std::int64_t midnight_utc = 1'773'964'800'000;
    const std::int64_t t19 = midnight_utc + 19LL * 3600 * 1000;  // 2026-03-20T19:00:00Z
    CHECK(kz_local_date(t19) == date{2026, 3, 21});               // 00:00 on 21 March in Astana
    CHECK(kz_local_date(t19 - 1) == date{2026, 3, 20});           // 18:59:59.999Z
    CHECK(kz_local_date(midnight_utc) == date{2026, 3, 20});      // 05:00 local
    CHECK(kz_local_date(midnight_utc - 5LL * 3600 * 1000) == date{2026, 3, 20});      // 00:00 local
    CHECK(kz_local_date(midnight_utc - 5LL * 3600 * 1000 - 1) == date{2026, 3, 19});  // 23:59:59.999 local
    CHECK(kz_local_date(0) == date{1970, 1, 1});
    CHECK(kz_local_date(-5LL * 3600 * 1000 - 1) == date{1969, 12, 31});

    CHECK(kz_start_of_day_ms(date{2026, 3, 21}) == t19);
    CHECK(kz_end_of_day_ms(date{2026, 3, 20}) == t19);
    CHECK(kz_start_of_day_ms(date{2026, 3, 20}) == midnight_utc - 5LL * 3600 * 1000);
    CHECK(kz_end_of_day_ms(date{2026, 3, 20}) - kz_start_of_day_ms(date{2026, 3, 20}) == 86'400'000);
}

TEST_CASE("day kinds print and parse", "[calendar]") {
    for (auto k : {day_kind::holiday, day_kind::day_off, day_kind::working}) {
        auto back = parse_day_kind(to_string(k));
        REQUIRE(back.has_value());
        CHECK(*back == k);
    }
    CHECK(to_string(day_kind::day_off) == "day_off");
    CHECK_FALSE(parse_day_kind("Holiday").has_value());
    CHECK_FALSE(parse_day_kind("").has_value());
    CHECK_FALSE(parse_day_kind("weekend").has_value());
}

TEST_CASE("statutory days of 2026", "[calendar]") {
    const auto days = statutory_days(2026, date{2026, 5, 27});
    // 1 Jan 2026 is a Thursday. Weekend holidays: 8 Mar (Sun), 21-22 Mar
    // (Sat-Sun; 23 Mon is Nauryz itself), 9 May (Sat), 30 Aug (Sun), 25 Oct (Sun).
    const std::vector<calendar_day> expected = {
        {{2026, 1, 1}, day_kind::holiday, "New Year"},                    // Thu
        {{2026, 1, 2}, day_kind::holiday, "New Year"},                    // Fri
        {{2026, 1, 7}, day_kind::holiday, "Orthodox Christmas"},          // Wed
        {{2026, 3, 8}, day_kind::holiday, "International Women's Day"},   // Sun
        {{2026, 3, 9}, day_kind::day_off, "moved from 2026-03-08 (International Women's Day)"},  // Mon
        {{2026, 3, 21}, day_kind::holiday, "Nauryz"},                     // Sat
        {{2026, 3, 22}, day_kind::holiday, "Nauryz"},                     // Sun
        {{2026, 3, 23}, day_kind::holiday, "Nauryz"},                     // Mon
        {{2026, 3, 24}, day_kind::day_off, "moved from 2026-03-21 (Nauryz)"},  // Tue
        {{2026, 3, 25}, day_kind::day_off, "moved from 2026-03-22 (Nauryz)"},  // Wed
        {{2026, 5, 1}, day_kind::holiday, "Unity Day of the People of Kazakhstan"},  // Fri
        {{2026, 5, 7}, day_kind::holiday, "Defender of the Fatherland Day"},         // Thu
        {{2026, 5, 9}, day_kind::holiday, "Victory Day"},                 // Sat
        {{2026, 5, 11}, day_kind::day_off, "moved from 2026-05-09 (Victory Day)"},  // Mon (10 is Sun)
        {{2026, 5, 27}, day_kind::holiday, "Kurban Ait"},                 // Wed
        {{2026, 7, 6}, day_kind::holiday, "Capital Day"},                 // Mon
        {{2026, 8, 30}, day_kind::holiday, "Constitution Day"},           // Sun
        {{2026, 8, 31}, day_kind::day_off, "moved from 2026-08-30 (Constitution Day)"},  // Mon
        {{2026, 10, 25}, day_kind::holiday, "Republic Day"},              // Sun
        {{2026, 10, 26}, day_kind::day_off, "moved from 2026-10-25 (Republic Day)"},  // Mon
        {{2026, 12, 16}, day_kind::holiday, "Independence Day"},          // Wed
    };
    REQUIRE(days.size() == expected.size());
    for (std::size_t i = 0; i < days.size(); ++i) {
        INFO(to_iso(expected[i].day));
        CHECK(days[i] == expected[i]);
    }
    CHECK(weekday(date{2026, 1, 7}) == 3);
    CHECK(weekday(date{2026, 8, 30}) == 7);
    CHECK(weekday(date{2026, 10, 25}) == 7);

    CHECK_THROWS_AS(statutory_days(2026, date{2025, 6, 6}), std::invalid_argument);
}

TEST_CASE("statutory days of 2027: Christmas and Kurban Ait never move", "[calendar]") {
    const auto days = statutory_days(2027, date{2027, 5, 16});
    // 1 Jan 2027 is a Friday, so 7 Jan is a Thursday.
    CHECK(weekday(date{2027, 1, 7}) == 4);
    REQUIRE(find_day(days, date{2027, 1, 7}));
    CHECK(find_day(days, date{2027, 1, 7})->kind == day_kind::holiday);
    // 2 Jan is a Saturday: moved to Monday 4 Jan.
    REQUIRE(find_day(days, date{2027, 1, 4}));
    CHECK(find_day(days, date{2027, 1, 4})->note == "moved from 2027-01-02 (New Year)");
    // Nauryz 21 (Sun), 22 (Mon), 23 (Tue): only the 21st moves, to Wed 24.
    REQUIRE(find_day(days, date{2027, 3, 24}));
    CHECK(find_day(days, date{2027, 3, 24})->kind == day_kind::day_off);
    CHECK_FALSE(find_day(days, date{2027, 3, 25}));
    // 1 May (Sat) to Mon 3 May; 9 May (Sun) to Mon 10 May.
    REQUIRE(find_day(days, date{2027, 5, 3}));
    CHECK(find_day(days, date{2027, 5, 3})->note == "moved from 2027-05-01 (Unity Day of the People of Kazakhstan)");
    CHECK(weekday(date{2027, 5, 9}) == 7);
    REQUIRE(find_day(days, date{2027, 5, 10}));
    CHECK(find_day(days, date{2027, 5, 10})->kind == day_kind::day_off);
    CHECK(find_day(days, date{2027, 5, 10})->note == "moved from 2027-05-09 (Victory Day)");
    // Kurban Ait on Sunday 16 May: a day off, but Monday 17 May stays working.
    CHECK(weekday(date{2027, 5, 16}) == 7);
    REQUIRE(find_day(days, date{2027, 5, 16}));
    CHECK(find_day(days, date{2027, 5, 16})->note == "Kurban Ait");
    CHECK_FALSE(find_day(days, date{2027, 5, 17}));
    // 15 statutory holidays + 4 moved days (2 Jan, 21 Mar, 1 May, 9 May).
    CHECK(days.size() == 19);

    work_calendar cal;
    cal.add_year(2027, days);
    CHECK(cal.is_working(date{2027, 5, 17}));
    CHECK_FALSE(cal.is_working(date{2027, 5, 10}));
}

TEST_CASE("several weekend holidays take consecutive free days", "[calendar]") {
    // 2028: 1 Jan Sat, 2 Jan Sun -> Mon 3 and Tue 4 Jan (7 Jan is a Friday).
    const auto days = statutory_days(2028, date{2028, 5, 5});
    REQUIRE(find_day(days, date{2028, 1, 3}));
    REQUIRE(find_day(days, date{2028, 1, 4}));
    CHECK(find_day(days, date{2028, 1, 3})->note == "moved from 2028-01-01 (New Year)");
    CHECK(find_day(days, date{2028, 1, 4})->note == "moved from 2028-01-02 (New Year)");
    // A Kurban Ait that falls on another holiday gives one row with both names.
    const auto clash = statutory_days(2026, date{2026, 5, 9});
    REQUIRE(find_day(clash, date{2026, 5, 9}));
    CHECK(find_day(clash, date{2026, 5, 9})->note == "Victory Day / Kurban Ait");
    CHECK(clash.size() == 20);
}

TEST_CASE("the appeal window crosses the Nauryz holidays", "[calendar]") {
    const auto cal = loaded({2026});
    const date result{2026, 3, 20};  // Friday
    // 21-22 weekend, 23 Nauryz, 24-25 moved days off; working: Thu 26, Fri 27,
    // (28-29 weekend) Mon 30, Tue 31 March, Wed 1 April.
    CHECK_FALSE(cal.is_working(date{2026, 3, 24}));
    CHECK_FALSE(cal.is_working(date{2026, 3, 25}));
    CHECK(cal.add_working_days(result, 1) == date{2026, 3, 26});
    CHECK(cal.add_working_days(result, 2) == date{2026, 3, 27});
    CHECK(cal.add_working_days(result, 3) == date{2026, 3, 30});
    CHECK(cal.add_working_days(result, 5) == date{2026, 4, 1});
    CHECK(cal.add_working_days(result, 0) == result);
    CHECK_THROWS_AS(cal.add_working_days(result, -1), std::invalid_argument);
    // `from` itself never counts, even when it is a working day.
    CHECK(cal.add_working_days(date{2026, 3, 26}, 1) == date{2026, 3, 27});

    CHECK(cal.working_days_between(result, date{2026, 4, 1}) == 5);
    CHECK(cal.working_days_between(result, date{2026, 3, 25}) == 0);
    CHECK(cal.working_days_between(result, date{2026, 3, 26}) == 1);
    CHECK(cal.working_days_between(result, result) == 0);
    CHECK(cal.working_days_between(date{2026, 4, 1}, result) == 0);
    // April 2026: 30 days, 1 April a Wednesday -> 22 weekdays, no holidays.
    CHECK(cal.working_days_between(date{2026, 3, 31}, date{2026, 4, 30}) == 22);
}

TEST_CASE("the 2025 decree moves a day off from 5 July to 3 January", "[calendar]") {
    const auto cal = loaded({2025});
    CHECK(weekday(date{2025, 7, 5}) == 6);
    CHECK(cal.is_working(date{2025, 7, 5}));        // Saturday made working
    CHECK_FALSE(cal.is_working(date{2025, 7, 6}));  // Sunday, Capital Day
    CHECK_FALSE(cal.is_working(date{2025, 7, 7}));  // Monday, moved from 6 July
    CHECK_FALSE(cal.is_working(date{2025, 1, 3}));  // Friday, the decree's day off
    CHECK_FALSE(cal.is_working(date{2025, 1, 1}));
    CHECK(cal.is_working(date{2025, 1, 6}));        // Monday
    CHECK_FALSE(cal.is_working(date{2025, 1, 7}));  // Tuesday, Orthodox Christmas
    // Thu 31 Dec 2024 is not loaded; from Thu 2 Jan: 3 off, 4-5 weekend, 6 working.
    CHECK(cal.add_working_days(date{2025, 1, 2}, 1) == date{2025, 1, 6});
    // From Thu 3 July: Fri 4 (1), Sat 5 (2, decree), 6-7 off, Tue 8 (3).
    CHECK(cal.add_working_days(date{2025, 7, 3}, 3) == date{2025, 7, 8});
}

TEST_CASE("working days cross a year boundary", "[calendar]") {
    const auto cal = loaded({2025, 2026});
    // Tue 30 Dec 2025 -> Wed 31 Dec (1); 1-2 Jan holidays, 3-4 weekend;
    // Mon 5 Jan (2); Tue 6 Jan (3). Wed 7 Jan is Orthodox Christmas.
    CHECK(weekday(date{2025, 12, 30}) == 2);
    CHECK(cal.add_working_days(date{2025, 12, 30}, 3) == date{2026, 1, 6});
    CHECK(cal.add_working_days(date{2025, 12, 30}, 4) == date{2026, 1, 8});
    CHECK(cal.working_days_between(date{2025, 12, 30}, date{2026, 1, 8}) == 4);
    CHECK(cal.years() == std::vector<int>{2025, 2026});
}

TEST_CASE("a year without data throws calendar_missing", "[calendar]") {
    const auto cal = loaded({2026});
    CHECK(cal.covers(2026));
    CHECK_FALSE(cal.covers(2027));
    CHECK_THROWS_AS(cal.is_working(date{2027, 1, 4}), calendar_missing);
    // Mon 28 Dec 2026: 29, 30, 31 are working, the fourth day needs 2027.
    CHECK(cal.add_working_days(date{2026, 12, 28}, 3) == date{2026, 12, 31});
    try {
        (void)cal.add_working_days(date{2026, 12, 28}, 4);
        FAIL("no exception");
    } catch (const calendar_missing& e) {
        CHECK(e.year == 2027);
        CHECK(std::string(e.what()) == "the working-day calendar has no data for 2027");
    }
    try {
        (void)cal.working_days_between(date{2025, 12, 30}, date{2026, 1, 5});
        FAIL("no exception");
    } catch (const calendar_missing& e) {
        CHECK(e.year == 2025);  // 31 Dec 2025 is in (from, to]
    }
    // `from` itself is not in (from, to]: its year need not be covered.
    CHECK(cal.working_days_between(date{2025, 12, 31}, date{2026, 1, 5}) == 1);
}

TEST_CASE("add_year validates and replaces a year", "[calendar]") {
    work_calendar cal;
    CHECK(cal.years().empty());
    CHECK(cal.year_days(2026) == nullptr);
    const std::vector<calendar_day> stray = {{{2025, 12, 31}, day_kind::holiday, ""}};
    CHECK_THROWS_AS(cal.add_year(2026, stray), std::invalid_argument);
    CHECK_FALSE(cal.covers(2026));
    const std::vector<calendar_day> twice = {{{2026, 3, 24}, day_kind::day_off, ""},
                                             {{2026, 3, 24}, day_kind::holiday, ""}};
    CHECK_THROWS_AS(cal.add_year(2026, twice), std::invalid_argument);
    const std::vector<calendar_day> invalid = {{{2026, 2, 29}, day_kind::holiday, ""}};
    CHECK_THROWS_AS(cal.add_year(2026, invalid), std::invalid_argument);

    cal.add_year(2026, shipped_days(2026));
    REQUIRE(cal.year_days(2026) != nullptr);
    CHECK(*cal.year_days(2026) == shipped_days(2026));
    CHECK_FALSE(cal.is_working(date{2026, 3, 24}));

    // A centre's corrected year replaces the old one entirely.
    cal.add_year(2026, {{{2026, 3, 28}, day_kind::working, "decree: test"}});
    CHECK(cal.is_working(date{2026, 3, 24}));
    CHECK(cal.is_working(date{2026, 3, 28}));   // Saturday
    CHECK_FALSE(cal.is_working(date{2026, 3, 29}));  // Sunday
    CHECK(cal.year_days(2026)->size() == 1);

    // An empty year is covered: weekends only.
    cal.add_year(2030, {});
    CHECK(cal.covers(2030));
    CHECK(cal.is_working(date{2030, 1, 1}));
    // A failed replacement keeps the old data.
    CHECK_THROWS_AS(cal.add_year(2030, stray), std::invalid_argument);
    CHECK(cal.covers(2030));
}

TEST_CASE("shipped days for 2025 to 2027", "[calendar]") {
    CHECK(shipped_days(2026) == statutory_days(2026, date{2026, 5, 27}));
    CHECK(shipped_days(2027) == statutory_days(2027, date{2027, 5, 16}));

    const auto y2025 = shipped_days(2025);
    const auto* jan3 = find_day(y2025, date{2025, 1, 3});
    REQUIRE(jan3);
    CHECK(jan3->kind == day_kind::day_off);
    CHECK(jan3->note.rfind("decree: ", 0) == 0);
    const auto* jul5 = find_day(y2025, date{2025, 7, 5});
    REQUIRE(jul5);
    CHECK(jul5->kind == day_kind::working);
    CHECK(jul5->note.rfind("decree: ", 0) == 0);
    // 2025 statutory: 8 Mar (Sat) -> Mon 10; Nauryz 22-23 (Sat-Sun) -> Mon 24, Tue 25;
    // 6 Jul (Sun) -> Mon 7; 30 Aug (Sat) -> Mon 1 Sep; 25 Oct (Sat) -> Mon 27.
    for (const auto& d : {date{2025, 3, 10}, date{2025, 3, 24}, date{2025, 3, 25}, date{2025, 7, 7},
                          date{2025, 9, 1}, date{2025, 10, 27}}) {
        INFO(to_iso(d));
        REQUIRE(find_day(y2025, d));
        CHECK(find_day(y2025, d)->kind == day_kind::day_off);
    }
    // 15 holidays + 6 moved days + 2 decree rows; sorted by date.
    CHECK(y2025.size() == 23);
    for (std::size_t i = 1; i < y2025.size(); ++i) CHECK(y2025[i - 1].day < y2025[i].day);
    auto without_decree = y2025;
    std::erase_if(without_decree, [](const calendar_day& d) { return d.note.rfind("decree: ", 0) == 0; });
    CHECK(without_decree == statutory_days(2025, date{2025, 6, 6}));

    CHECK(shipped_days(2024).empty());
    CHECK(shipped_days(2028).empty());
}
