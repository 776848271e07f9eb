// Seed 002 p.6 (notice and the ten-working-day gap), p.7 and p.11 (reschedules
// that waive it), the start window of a slot, p.17 (the completion date), with
// Kazakhstan's shipped calendar: Nauryz 2026 and the New Year 2027.
#include <catch2/catch.hpp>

#include "exam/recognition/scheduling.hpp"

using namespace tanu::exam;

namespace {

work_calendar kz() {
    work_calendar c;
    c.add_year(2026, shipped_days(2026));
    c.add_year(2027, shipped_days(2027));
    return c;
}

date d(int y, int m, int day) { return date{y, m, day}; }

}  // namespace

TEST_CASE("p.6: a notice on Friday 20 March 2026, before Nauryz: the first stage no earlier than 9 April (strict) or 8 April (inclusive)", "[scheduling]") {
    const auto c = kz();
    // 21-23 March Nauryz, 24-25 March moved days off: the working days after
    // the notice are 26, 27, 30, 31 March, 1, 2, 3, 6, 7, 8 (the 10th), 9 (the 11th) April.
    CHECK(earliest_stage_day(c, d(2026, 3, 20), gap_rule::strict, reschedule_reason::none) == d(2026, 4, 9));
    CHECK(earliest_stage_day(c, d(2026, 3, 20), gap_rule::inclusive, reschedule_reason::none) == d(2026, 4, 8));
    CHECK(working_days_strictly_between(c, d(2026, 3, 20), d(2026, 4, 9)) == 10);
    CHECK(working_days_strictly_between(c, d(2026, 3, 20), d(2026, 4, 8)) == 9);
    CHECK(stage_day_allowed(c, d(2026, 3, 20), d(2026, 4, 9), gap_rule::strict, reschedule_reason::none));
    CHECK_FALSE(stage_day_allowed(c, d(2026, 3, 20), d(2026, 4, 8), gap_rule::strict, reschedule_reason::none));
    CHECK(stage_day_allowed(c, d(2026, 3, 20), d(2026, 4, 8), gap_rule::inclusive, reschedule_reason::none));
    CHECK_FALSE(stage_day_allowed(c, d(2026, 3, 20), d(2026, 4, 7), gap_rule::inclusive, reschedule_reason::none));
    // never on a day off, even far enough
    CHECK_FALSE(stage_day_allowed(c, d(2026, 3, 20), d(2026, 4, 11), gap_rule::strict, reschedule_reason::none));  // Saturday
}

TEST_CASE("p.6: a notice on 30 December 2026: the New Year, 4 January moved and Orthodox Christmas push the first stage to 19 January 2027", "[scheduling]") {
    const auto c = kz();
    // working days after 30 Dec: 31 Dec, 5, 6, 8, 11, 12, 13, 14, 15, 18 (10th), 19 (11th) January 2027
    CHECK(earliest_stage_day(c, d(2026, 12, 30), gap_rule::strict, reschedule_reason::none) == d(2027, 1, 19));
    CHECK(earliest_stage_day(c, d(2026, 12, 30), gap_rule::inclusive, reschedule_reason::none) == d(2027, 1, 18));
    CHECK(working_days_strictly_between(c, d(2026, 12, 30), d(2027, 1, 19)) == 10);
}

TEST_CASE("p.7 and p.11: after sick leave or a technical failure the gap is waived, the stage is still on a working day", "[scheduling]") {
    const auto c = kz();
    for (auto why : {reschedule_reason::sick_leave, reschedule_reason::technical_failure}) {
        CHECK(earliest_stage_day(c, d(2026, 3, 20), gap_rule::strict, why) == d(2026, 3, 26));
        CHECK(stage_day_allowed(c, d(2026, 3, 20), d(2026, 3, 26), gap_rule::strict, why));
        CHECK_FALSE(stage_day_allowed(c, d(2026, 3, 20), d(2026, 3, 24), gap_rule::strict, why));  // moved day off
        CHECK_FALSE(stage_day_allowed(c, d(2026, 3, 20), d(2026, 3, 20), gap_rule::strict, why));  // the notice's own day
    }
}

TEST_CASE("a slot's start window: refused before the tolerance, open within it, missed after the late tolerance", "[scheduling]") {
    const std::int64_t slot = 1'773'982'800'000;  // 2026-03-20 10:00 Almaty (05:00 UTC)
    const std::int64_t early = 15 * 60'000, late = 30 * 60'000;
    CHECK(start_window(slot, slot - early - 1, early, late) == window::not_yet);
    CHECK(start_window(slot, slot - early, early, late) == window::open);
    CHECK(start_window(slot, slot, early, late) == window::open);
    CHECK(start_window(slot, slot + late, early, late) == window::open);
    CHECK(start_window(slot, slot + late + 1, early, late) == window::missed);
    CHECK_THROWS_AS(start_window(slot, slot, -1, late), std::invalid_argument);
    CHECK(to_string(window::missed) == "missed");
}

TEST_CASE("p.17, Appendix 2 level 4: the procedure is completed on the practical stage's day where there is one", "[scheduling]") {
    CHECK(completion_date(d(2026, 4, 9), d(2026, 4, 14)) == d(2026, 4, 14));
    CHECK(completion_date(d(2026, 4, 9), std::nullopt) == d(2026, 4, 9));
}

TEST_CASE("p.7: the sick-leave sheet is due the configured working days after its last day", "[scheduling]") {
    const auto c = kz();
    // sheet closed on Friday 20 March 2026; 5 working days: 26, 27, 30, 31 March, 1 April
    CHECK(sick_leave_proof_due(c, d(2026, 3, 20), 5) == d(2026, 4, 1));
    CHECK_THROWS_AS(sick_leave_proof_due(c, d(2026, 3, 20), 0), std::invalid_argument);
}

TEST_CASE("the gap rule and the reschedule reason read and write their names", "[scheduling]") {
    for (auto r : {gap_rule::strict, gap_rule::inclusive}) CHECK(parse_gap_rule(to_string(r)) == r);
    for (auto r : {reschedule_reason::none, reschedule_reason::sick_leave, reschedule_reason::technical_failure})
        CHECK(parse_reschedule_reason(to_string(r)) == r);
    CHECK_FALSE(parse_gap_rule("lenient"));
    CHECK_FALSE(parse_reschedule_reason(""));
}
