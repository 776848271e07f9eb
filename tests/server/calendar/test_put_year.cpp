// Loading a year of the working-day calendar (calendar::put_year) as a use
// case on a migrated SQLite file, which ships 2025-2027
// (migrations/0003_calendar.sql). The deadline at the end is the protocol's
// (seed 002 p.18, p.20), so the recognition fixture gives the people.
#include <catch2/catch.hpp>

#include <algorithm>
#include <optional>

#include "exam/common/calendar.hpp"
#include "exam/recognition/procedure.hpp"
#include "server/calendar/calendar.hpp"
#include "server/calendar/store.hpp"
#include "server/platform/domain_error.hpp"
#include "server/recognition/protocol.hpp"
#include "tests/server/recognition/procedure_fixture.hpp"

using namespace tanu::server;
using tanu::exam::calendar_day;
using tanu::exam::date;
using tanu::exam::day_kind;
using tanu_test::procedure_fixture;

namespace {

domain_error refusal(procedure_fixture& f, const calendar::put_year_input& in) {
    try {
        calendar::put_year(f.d, in, f.t0);
    } catch (const domain_error& e) {
        return e;
    }
    FAIL("no domain_error thrown");
    return internal_error();
}

std::vector<calendar_day> sorted(std::vector<calendar_day> days) {
    std::sort(days.begin(), days.end(), [](const calendar_day& a, const calendar_day& b) { return a.day < b.day; });
    return days;
}

std::vector<calendar_day> stored_days(procedure_fixture& f, int year) {
    const auto cal = store::load_calendar(f.d);
    const auto* days = cal.year_days(year);
    REQUIRE(days);
    return sorted(*days);
}

std::optional<store::calendar_year_info> info_of(procedure_fixture& f, int year) {
    for (const auto& y : store::calendar_years(f.d))
        if (y.year == year) return y;
    return std::nullopt;
}

// 2027 as shipped, plus a day off on Monday 5 July 2027, between the weekend
// and Capital Day (Tuesday 6 July), as a decree moving days could make it.
std::vector<calendar_day> with_bridge_day() {
    auto days = tanu::exam::shipped_days(2027);
    days.push_back({{2027, 7, 5}, day_kind::day_off, "decree: moved from Saturday 2027-07-03"});
    return days;
}

}  // namespace

TEST_CASE("put year: a year the calendar lacks is loaded and read back", "[calendar][put_year]") {
    procedure_fixture f;
    CHECK_FALSE(store::load_calendar(f.d).covers(2031));
    const std::vector<calendar_day> days = {{{2031, 1, 1}, day_kind::holiday, "New Year"},
                                            {{2031, 1, 2}, day_kind::holiday, "New Year"},
                                            {{2031, 1, 4}, day_kind::working, "decree"}};
    calendar::put_year(f.d, {2031, days, "order of 2030-12-01", f.admin}, f.t0);

    const auto cal = store::load_calendar(f.d);
    CHECK(cal.covers(2031));
    CHECK(stored_days(f, 2031) == days);
    CHECK_FALSE(cal.is_working({2031, 1, 1}));  // Wednesday, a holiday
    CHECK(cal.is_working({2031, 1, 3}));        // Friday
    CHECK(cal.is_working({2031, 1, 4}));        // Saturday made working
    const auto info = info_of(f, 2031);
    REQUIRE(info);
    CHECK(info->source == "order of 2030-12-01");
    CHECK(info->updated_ms == f.t0);
    CHECK(info->updated_by == f.admin);
}

TEST_CASE("put year: audited calendar.put", "[calendar][put_year]") {
    procedure_fixture f;
    calendar::put_year(f.d, {2027, with_bridge_day(), "decree", f.admin}, f.t0);
    CHECK(f.audits("calendar.put") == 1);
    stmt a(f.d, "SELECT actor, object, detail FROM audit_log WHERE action = 'calendar.put'");
    REQUIRE(a.step());
    CHECK(a.i64(0) == f.admin);
    CHECK(a.text(1) == "calendar 2027");
    CHECK(a.text(2) == std::to_string(with_bridge_day().size()) + " days; decree");
}

TEST_CASE("put year: replaces the whole year, not only adds to it", "[calendar][put_year]") {
    procedure_fixture f;
    const auto shipped = stored_days(f, 2027);
    REQUIRE(shipped == sorted(tanu::exam::shipped_days(2027)));
    calendar::put_year(f.d, {2027, with_bridge_day(), "decree", f.admin}, f.t0);
    CHECK(stored_days(f, 2027) == sorted(with_bridge_day()));

    const std::vector<calendar_day> only_new_year = {{{2027, 1, 1}, day_kind::holiday, "New Year"}};
    calendar::put_year(f.d, {2027, only_new_year, "second load", f.member1}, f.t0 + 1000);
    CHECK(stored_days(f, 2027) == only_new_year);
    CHECK(store::load_calendar(f.d).is_working({2027, 3, 8}));  // 8 March is gone with the rest
    CHECK(info_of(f, 2027)->source == "second load");
    CHECK(info_of(f, 2027)->updated_by == f.member1);
    CHECK(stored_days(f, 2026) == sorted(tanu::exam::shipped_days(2026)));  // other years untouched
    CHECK(f.audits("calendar.put") == 2);
}

TEST_CASE("put year: days of another year, twice the same day, or no real date refused", "[calendar][put_year]") {
    procedure_fixture f;
    auto days = tanu::exam::shipped_days(2027);
    SECTION("a day of another year") { days.push_back({{2028, 1, 1}, day_kind::holiday, "New Year"}); }
    SECTION("a day given twice, even as another kind") { days.push_back({{2027, 3, 8}, day_kind::working, ""}); }
    SECTION("not a date") { days.push_back({{2027, 2, 29}, day_kind::holiday, ""}); }
    const auto e = refusal(f, {2027, days, "bad", f.admin});
    CHECK(e.kind == error_kind::unprocessable);
    CHECK(stored_days(f, 2027) == sorted(tanu::exam::shipped_days(2027)));  // nothing replaced
    CHECK(info_of(f, 2027)->source != "bad");
    CHECK(f.audits("calendar.put") == 0);
}

TEST_CASE("put year: deadlines computed afterwards use the new days", "[calendar][put_year]") {
    procedure_fixture f;
    const date thursday{2027, 7, 1};
    const date next_thursday{2027, 7, 8};
    {
        const auto cal = store::load_calendar(f.d);
        // 2, 5, 7, 8 July: Tuesday 6 July is Capital Day
        CHECK(cal.working_days_between(thursday, next_thursday) == 4);
        CHECK(tanu::exam::document_due(cal, thursday) == date{2027, 7, 7});  // p.18: 2, 5, 7
    }
    calendar::put_year(f.d, {2027, with_bridge_day(), "decree", f.admin}, f.t0);
    const auto cal = store::load_calendar(f.d);
    CHECK(cal.working_days_between(thursday, next_thursday) == 3);  // 2, 7, 8
    CHECK(tanu::exam::document_due(cal, thursday) == date{2027, 7, 8});

    // and the use case that computes them: a protocol signed that Thursday
    const auto sitting = f.ended_sitting(true);
    const auto r = recognition::sign_protocol(f.d, f.centre, {sitting, f.member1}, tanu_test::kz_ms(2027, 7, 1, 10));
    CHECK(r.protocol.results_date == "2027-07-01");
    CHECK(r.protocol.document_due == "2027-07-08");  // p.18: 3 working days (2, 7, 8)
    CHECK(r.protocol.appeal_until == "2027-07-12");  // p.20: 5 working days (2, 7, 8, 9, 12)
}
