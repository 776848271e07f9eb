// Recognition as the owner of its sittings (server/recognition/owner.hpp), in
// process on a migrated SQLite file with the shipped 2026 calendar: what the
// engine's four questions get from it.
#include <catch2/catch.hpp>

#include "server/accounts/principal.hpp"
#include "server/audit/audit.hpp"
#include "server/recognition/acts.hpp"
#include "server/recognition/appeals.hpp"
#include "server/recognition/protocol.hpp"
#include "tests/server/recognition/procedure_fixture.hpp"

using namespace tanu::server;
using namespace tanu::server::recognition;
using tanu_test::kz_ms;
using tanu_test::procedure_fixture;

TEST_CASE("owner: the theory's end fixes the procedure's local date and the protocol due 2 working days later",
          "[recognition][owner]") {
    procedure_fixture f;
    const auto s = f.ended_sitting(false);  // ended Monday 9 February 2026, 09:59 in Astana
    auto dates = store::procedure_dates_of(f.d, s);
    REQUIRE(dates);
    CHECK(dates->procedure_date == "2026-02-09");
    CHECK(dates->protocol_due == "2026-02-11");  // p.17: 10, 11 February

    // Friday 20 March 2026, 23:30: 23-25 March are days off (Nauryz), so the
    // protocol is due on Friday the 27th (26, 27).
    const auto nauryz = f.ended_sitting(false);
    f.d.exec(("DELETE FROM recognition_sittings WHERE sitting = " + std::to_string(nauryz)).c_str());
    f.theory_ended(nauryz, kz_ms(2026, 3, 20, 23) + 30 * 60'000);
    dates = store::procedure_dates_of(f.d, nauryz);
    REQUIRE(dates);
    CHECK(dates->procedure_date == "2026-03-20");
    CHECK(dates->protocol_due == "2026-03-27");

    // Once fixed, a second telling changes nothing; and 00:30 in Astana is
    // already the next local day (19:30 UTC the day before).
    f.theory_ended(nauryz, kz_ms(2026, 3, 21, 0) + 30 * 60'000);
    CHECK(store::procedure_dates_of(f.d, nauryz)->procedure_date == "2026-03-20");
    const auto night = f.ended_sitting(false);
    f.d.exec(("DELETE FROM recognition_sittings WHERE sitting = " + std::to_string(night)).c_str());
    f.theory_ended(night, kz_ms(2026, 3, 3, 0) + 30 * 60'000);
    CHECK(store::procedure_dates_of(f.d, night)->procedure_date == "2026-03-03");
}

TEST_CASE("owner: without the year in the calendar the date is kept and the deadline left open", "[recognition][owner]") {
    procedure_fixture f;
    const auto s = f.ended_sitting(false);
    f.d.exec(("DELETE FROM recognition_sittings WHERE sitting = " + std::to_string(s)).c_str());
    f.theory_ended(s, kz_ms(2031, 6, 2, 10));  // no 2031 calendar is shipped
    const auto dates = store::procedure_dates_of(f.d, s);
    REQUIRE(dates);
    CHECK(dates->procedure_date == "2031-06-02");
    CHECK(dates->protocol_due.empty());
}

TEST_CASE("owner: a violation opens a draft act, and the outcome is the protocol's", "[recognition][owner]") {
    procedure_fixture f;
    const auto s = f.ended_sitting(true);
    const auto event = audit::append_event(f.d, {s, f.t0 - 120'000, "no_face", "no face for 10 s", true, 1, "", "", ""});
    f.owner->violation_logged(f.d, s, event, f.t0 - 119'000);
    const auto acts = store::acts_of(f.d, s);
    REQUIRE(acts.size() == 1);
    CHECK(acts[0].event == event);
    CHECK(acts[0].status == "draft");

    const auto row = *store::find_sitting(f.d, s);
    auto o = f.owner->outcome(f.d, row);
    CHECK_FALSE(o.decided);  // a theory pass is not the procedure's decision (p.17-18)
    review_act(f.d, {acts[0].id, f.member1, act_decision::confirm, ""}, f.t0);
    sign_protocol(f.d, f.centre, {s, f.member1}, f.t0);
    o = f.owner->outcome(f.d, row);
    CHECK(o.decided);
    CHECK(o.passed);
}

TEST_CASE("owner: an appeal member reads only the sittings of appeals assigned to them", "[recognition][owner]") {
    procedure_fixture f;
    const auto s = f.ended_sitting(false);
    sign_protocol(f.d, f.centre, {s, f.member1}, f.t0);
    const auto other = f.ended_sitting(false);
    principal member;
    member.user = f.appeal_member;
    member.role = "appeal";
    member.held = role_set{role::appeal};
    const auto row = *store::find_sitting(f.d, s);
    CHECK_FALSE(f.owner->reader(f.d, member, row));  // no appeal yet
    file_appeal(f.d, f.centre, {s, f.candidate_user, f.candidate, "несогласен"}, kz_ms(2026, 2, 10, 9));
    CHECK(f.owner->reader(f.d, member, row) == tanu::exam::reader::appeal_member);
    CHECK_FALSE(f.owner->reader(f.d, member, *store::find_sitting(f.d, other)));
    principal examiner = member;
    examiner.role = "commission";
    examiner.held = role_set{role::commission};
    CHECK_FALSE(f.owner->reader(f.d, examiner, row));  // the engine's own policy lets staff in, not the owner
}
