// A year as the staff's calendar shows it (calendar::view_year, GET
// /api/calendar/{year}): each day told shipped (exam::shipped_days) or the
// centre's change, and the shipped days the centre took out.
#include <catch2/catch.hpp>

#include <algorithm>

#include "exam/common/calendar.hpp"
#include "server/accounts/store.hpp"
#include "server/calendar/calendar.hpp"
#include "server/db/migrator.hpp"
#include "server/db/sqlite.hpp"
#include "tests/server/temp_dir.hpp"

using namespace tanu::server;
using tanu::exam::calendar_day;
using tanu::exam::date;
using tanu::exam::day_kind;

namespace {

struct calendar_fixture {
    tanu_test::temp_dir dir{"tanu-calendar-"};
    db d{dir.path / "t.db"};
    std::int64_t admin = 0;
    calendar_fixture() {
        migrate(d, embedded_migrations());
        admin = store::insert_user(d, "admin", "admin", "x", 1000);
    }
};

const calendar::marked_day* day_of(const calendar::year_view& v, date day) {
    auto it = std::find_if(v.days.begin(), v.days.end(), [&](const calendar::marked_day& m) { return m.day.day == day; });
    return it == v.days.end() ? nullptr : &*it;
}

}  // namespace

TEST_CASE("the shipped year shows every day as shipped and nothing taken out", "[calendar]") {
    calendar_fixture f;
    const auto v = calendar::view_year(f.d, 2026);
    REQUIRE(v);
    CHECK(v->year == 2026);
    CHECK_FALSE(v->updated_by);
    CHECK(v->days.size() == tanu::exam::shipped_days(2026).size());
    CHECK(std::all_of(v->days.begin(), v->days.end(), [](const calendar::marked_day& m) { return m.shipped && m.shipped_kind == m.day.kind; }));
    CHECK(v->removed.empty());
    CHECK(std::is_sorted(v->days.begin(), v->days.end(), [](const auto& a, const auto& b) { return a.day.day < b.day.day; }));
    CHECK_FALSE(calendar::view_year(f.d, 2031));  // no data
}

TEST_CASE("the centre's changes are told apart from the shipped days", "[calendar]") {
    calendar_fixture f;
    auto days = tanu::exam::shipped_days(2026);
    // a holiday added (a decree's day off), a shipped holiday made a working day, one taken out
    days.push_back({{2026, 12, 31}, day_kind::day_off, "decree"});
    auto jan7 = std::find_if(days.begin(), days.end(), [](const calendar_day& d) { return d.day == date{2026, 1, 7}; });
    REQUIRE(jan7 != days.end());
    jan7->kind = day_kind::working;
    auto may1 = std::find_if(days.begin(), days.end(), [](const calendar_day& d) { return d.day == date{2026, 5, 1}; });
    REQUIRE(may1 != days.end());
    const auto removed = *may1;
    days.erase(may1);
    calendar::put_year(f.d, {2026, days, "centre: decree of 2026", f.admin}, 5000);

    const auto v = calendar::view_year(f.d, 2026);
    REQUIRE(v);
    CHECK(v->source == "centre: decree of 2026");
    CHECK(v->updated_ms == 5000);
    CHECK(v->updated_by == f.admin);
    const auto* added = day_of(*v, {2026, 12, 31});
    REQUIRE(added);
    CHECK_FALSE(added->shipped);
    CHECK_FALSE(added->shipped_kind);
    const auto* changed = day_of(*v, {2026, 1, 7});
    REQUIRE(changed);
    CHECK(changed->day.kind == day_kind::working);
    CHECK_FALSE(changed->shipped);
    CHECK(changed->shipped_kind == day_kind::holiday);
    const auto* kept = day_of(*v, {2026, 1, 1});
    REQUIRE(kept);
    CHECK(kept->shipped);
    CHECK_FALSE(day_of(*v, {2026, 5, 1}));
    REQUIRE(v->removed.size() == 1);
    CHECK(v->removed[0] == removed);
    CHECK(std::count_if(v->days.begin(), v->days.end(), [](const auto& m) { return !m.shipped; }) == 2);
}

TEST_CASE("a year the server does not ship is all the centre's", "[calendar]") {
    calendar_fixture f;
    calendar::put_year(f.d, {2030, {{{2030, 1, 1}, day_kind::holiday, "New Year"}}, "centre", f.admin}, 5000);
    const auto v = calendar::view_year(f.d, 2030);
    REQUIRE(v);
    REQUIRE(v->days.size() == 1);
    CHECK_FALSE(v->days[0].shipped);
    CHECK(v->removed.empty());
}
