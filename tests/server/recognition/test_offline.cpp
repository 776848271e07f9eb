// The offline procedure's use cases (server/recognition/offline.hpp; W7, seed
// 002 p.9, p.10, p.13 offline, p.14) on a migrated SQLite file: the theory
// stage in the centre on Monday 9 February 2026 at 10:00 in Astana, the exam
// commission c1 (chair), c2, c3 of order 3-П of 2 February 2026; c1 and c2 present.
#include <catch2/catch.hpp>

#include "server/audit/audit.hpp"
#include "server/platform/domain_error.hpp"
#include "server/recognition/acts.hpp"
#include "server/recognition/commissions.hpp"
#include "server/recognition/offline.hpp"
#include "tests/server/recognition/procedure_fixture.hpp"
#include "tests/server/refusal.hpp"

using namespace tanu::server;
using namespace tanu::server::recognition;
using tanu_test::count;
using tanu_test::procedure_fixture;
using tanu_test::refusal;

namespace {

struct offline_fixture : procedure_fixture {
    std::int64_t member3 = store::insert_user(d, "c3", "commission", "x", t0);
    std::int64_t outsider = store::insert_user(d, "c9", "commission", "x", t0);
    commission_row commission = [this] {
        commission_input in;
        in.kind = "exam";
        in.name = "Емтихан комиссиясы: дәнекерлеу";
        in.order_no = "3-П";
        in.order_date = "2026-02-02";
        in.members = {{member1, "", "chair"}, {member2, "", "member"}, {member3, "", "secretary"}};
        in.programmes = {"W1"};
        return create_commission(d, in, admin, t0);
    }();

    // A sitting of W1 in `mode`, its theory stage in progress since 10:00.
    std::int64_t sitting(const std::string& mode = "offline") {
        sitting_row s;
        s.candidate = candidate;
        s.programme = "W1";
        s.lang = "kk";
        s.mode = mode;
        s.attempt = ++attempts;
        s.created_ms = t0 - 86'400'000;
        const auto id = store::insert_sitting(d, s);
        stmt u(d, "UPDATE sittings SET status = 'in_progress', started_ms = ?, deadline_ms = ? WHERE id = ?");
        u.bind(1, t0).bind(2, t0 + 3'600'000).bind(3, id).run();
        return id;
    }

    attendance_row attend(std::int64_t id, std::vector<std::int64_t> present) {
        attendance_input in;
        in.sitting = id;
        in.member = member1;
        in.candidate_present = true;
        in.members = std::move(present);
        in.workstation = "Аудитория 204, компьютер №3; сварочный пост №2";
        in.accessibility = "Пандус у входа";
        return record_attendance(d, in, t0 - 300'000);
    }

    oral_warning_result warn(std::int64_t id, const std::string& item, std::int64_t by, std::vector<std::int64_t> witnesses,
                             std::int64_t t) {
        oral_warning_input in;
        in.sitting = id;
        in.member = by;
        in.item = item;
        in.witnesses = std::move(witnesses);
        return record_oral_warning(d, in, t);
    }

    std::string code(const std::function<void()>& f) {
        const auto e = refusal(f);
        return std::to_string(static_cast<int>(e.kind)) + ":" + e.code;
    }
};

std::string conflict(const std::string& c) { return std::to_string(static_cast<int>(error_kind::conflict)) + ":" + c; }
std::string invalid(const std::string& c) { return std::to_string(static_cast<int>(error_kind::unprocessable)) + ":" + c; }
std::string forbids(const std::string& c) { return std::to_string(static_cast<int>(error_kind::forbidden)) + ":" + c; }

}  // namespace

TEST_CASE("offline: the attendance of the members present, the workstation and the accessibility measures",
          "[recognition][offline]") {
    offline_fixture f;
    const auto id = f.sitting();
    const auto a = f.attend(id, {f.member1, f.member2});
    CHECK(a.candidate_present);
    CHECK(a.members == std::vector<std::int64_t>{f.member1, f.member2});
    const auto stored = store::attendance_of(f.d, id);
    REQUIRE(stored);
    CHECK(stored->workstation == "Аудитория 204, компьютер №3; сварочный пост №2");
    CHECK(stored->accessibility == "Пандус у входа");
    CHECK(f.audits("offline.attendance") == 1);
    // a correction replaces it
    f.attend(id, {f.member1, f.member2, f.member3});
    CHECK(store::attendance_of(f.d, id)->members.size() == 3);

    CHECK(f.code([&] { f.attend(id, {f.member1, f.outsider}); }) == invalid("not_a_member"));
    CHECK(f.code([&] { f.attend(id, {}); }) == invalid("no_member_present"));
    CHECK(f.code([&] { f.attend(f.sitting("online"), {f.member1}); }) == conflict("not_offline"));
    attendance_input by_outsider;
    by_outsider.sitting = id;
    by_outsider.member = f.outsider;
    by_outsider.members = {f.member1};
    CHECK(f.code([&] { record_attendance(f.d, by_outsider, f.t0); }) == forbids("not_a_member"));
}

TEST_CASE("offline: p.13 - an oral warning, then the removal, each an act signed by the members present",
          "[recognition][offline]") {
    offline_fixture f;
    const auto id = f.sitting();
    f.attend(id, {f.member1, f.member2});
    const std::int64_t t1 = f.t0 + 20 * 60'000, t2 = f.t0 + 41 * 60'000;  // 10:20 and 10:41

    const auto first = f.warn(id, "smartphones", f.member1, {f.member1, f.member2}, t1);
    CHECK(first.step == tanu::exam::offline_step::oral_warning);
    auto acts = offline_acts_of(f.d, id);
    REQUIRE(acts.size() == 1);
    CHECK(acts[0].act.kind == "oral_warning");
    CHECK(acts[0].act.strike == 1);
    CHECK(acts[0].act.channel == "offline");
    CHECK(acts[0].act.t_ms == t1);
    CHECK(acts[0].act.detail == "smartphones");
    CHECK(acts[0].witnesses == std::vector<std::int64_t>{f.member1, f.member2});
    // the recorder signed; c2 has not: the act does not stand signed yet, and it counts (as a draft online act does)
    CHECK(acts[0].signatures.size() == 1);
    CHECK_FALSE(acts[0].quorum.reached);
    CHECK(acts[0].act.status == "draft");
    CHECK(store::standing_strikes(f.d, id) == 1);
    CHECK(store::find_sitting(f.d, id)->violations == 1);

    // c3 was not present: he does not sign; c2 signs, and the act stands
    CHECK(f.code([&] { sign_offline_act(f.d, first.act, f.member3, t1 + 60'000); }) == forbids("not_present"));
    sign_offline_act(f.d, first.act, f.member2, t1 + 120'000);
    acts = offline_acts_of(f.d, id);
    CHECK(acts[0].quorum.reached);
    CHECK(acts[0].act.status == "confirmed");
    CHECK(f.audits("offline.act_signed") == 1);
    // one member's confirm is not how an offline act stands
    CHECK(f.code([&] { review_act(f.d, {first.act, f.member1, act_decision::confirm, ""}, t1); }) ==
          conflict("signatures_required"));

    const auto second = f.warn(id, "cheat_sheets", f.member2, {f.member2}, t2);
    CHECK(second.step == tanu::exam::offline_step::removal);
    acts = offline_acts_of(f.d, id);
    REQUIRE(acts.size() == 2);
    CHECK(acts[1].act.kind == "offline_removal");
    CHECK(acts[1].act.strike == 2);
    CHECK(store::standing_strikes(f.d, id) == 2);
    CHECK(f.audits("offline.removal") == 1);
    // the events are on the sitting's chain
    CHECK(count(f.d, "SELECT count(*) FROM events WHERE violation = 1 AND kind IN ('oral_warning', 'offline_removal')") == 2);
    CHECK(audit::verify(f.d).ok());
}

TEST_CASE("offline: refusals - online, not in progress, witnesses not present, nothing after the removal",
          "[recognition][offline]") {
    offline_fixture f;
    const auto id = f.sitting();
    const auto t = f.t0 + 600'000;
    CHECK(f.code([&] { f.warn(id, "phones", f.member1, {f.member1}, t); }) == conflict("attendance_required"));
    f.attend(id, {f.member1, f.member2});
    CHECK(f.code([&] { f.warn(f.sitting("online"), "phones", f.member1, {f.member1}, t); }) == conflict("not_offline"));
    CHECK(f.code([&] { f.warn(id, "phones", f.member1, {f.member3}, t); }) == invalid("witness_not_present"));
    CHECK(f.code([&] { f.warn(id, "phones", f.member1, {}, t); }) == invalid("no_witness"));
    CHECK(f.code([&] { f.warn(id, "sandwich", f.member1, {f.member1}, t); }) == invalid("unknown_item"));
    CHECK(f.code([&] { f.warn(id, "phones", f.outsider, {f.member1}, t); }) == forbids("not_a_member"));
    CHECK(f.code([&] { f.warn(id, "phones", f.member3, {f.member1}, t); }) == forbids("not_present"));

    f.warn(id, "phones", f.member1, {f.member1}, t);
    const auto removal = f.warn(id, "headphones", f.member1, {f.member1, f.member2}, t + 60'000);
    // what exam_service::finish("terminated") writes, after the commit
    stmt u(f.d, "UPDATE sittings SET status = 'terminated', finish_reason = 'terminated', finished_ms = ?, passed = 0, correct = 70, total = 90 WHERE id = ?");
    u.bind(1, t + 60'000).bind(2, id).run();
    CHECK(f.code([&] { f.warn(id, "phones", f.member1, {f.member1}, t + 120'000); }) == conflict("removed"));

    // p.14: the commission annuls the removal's act: the termination falls, as online
    review_act(f.d, {removal.act, f.member1, act_decision::annul, "Наушники оказались слуховым аппаратом"}, t + 600'000);
    CHECK(store::standing_strikes(f.d, id) == 1);
    CHECK(store::find_sitting(f.d, id)->status == "finished");
    CHECK(f.code([&] { sign_offline_act(f.d, removal.act, f.member2, t + 700'000); }) == conflict("act_annulled"));

    const auto scheduled = f.sitting();
    stmt s(f.d, "UPDATE sittings SET status = 'scheduled' WHERE id = ?");
    s.bind(1, scheduled).run();
    f.attend(scheduled, {f.member1});
    CHECK(f.code([&] { f.warn(scheduled, "phones", f.member1, {f.member1}, t); }) == conflict("not_in_progress"));
}
