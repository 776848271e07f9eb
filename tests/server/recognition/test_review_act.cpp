// Reviewing a violation act (seed 002 p.13-14) as a use case on a migrated
// SQLite file. Acts are made as the proctoring makes them
// (proctoring::insert_proctor_event): the event appended to the sitting's
// chain, then a draft act for it.
#include <catch2/catch.hpp>

#include <algorithm>

#include "server/audit/audit.hpp"
#include "server/platform/domain_error.hpp"
#include "server/recognition/acts.hpp"
#include "server/recognition/protocol.hpp"
#include "server/recognition/queue.hpp"
#include "tests/server/recognition/procedure_fixture.hpp"
#include "tests/server/refusal.hpp"

using namespace tanu::server;
using namespace tanu::server::recognition;
using tanu_test::procedure_fixture;
using tanu_test::refusal;

namespace {

// The draft act of a violation the proctoring registered in `sitting` (its
// `strike`-th, p.13); returns the act's id.
std::int64_t violation_act(procedure_fixture& f, std::int64_t sitting, int strike) {
    const std::int64_t t = f.t0 - 600'000 + strike * 60'000;
    const auto event = audit::append_event(f.d, {sitting, t, "multiple_faces", "2 faces", true, strike, "", "", ""});
    store::insert_act(f.d, sitting, event, t);
    for (const auto& a : store::acts_of(f.d, sitting))
        if (a.event == event) return a.id;
    FAIL("no act for event " << event);
    return 0;
}

struct audit_entry {
    std::int64_t actor = 0;
    std::string action, object, detail;
};

audit_entry last_audit(procedure_fixture& f) {
    stmt a(f.d, "SELECT actor, action, object, detail FROM audit_log ORDER BY id DESC LIMIT 1");
    REQUIRE(a.step());
    return {a.i64(0), a.text(1), a.text(2), a.text(3)};
}

// n characters of Cyrillic (2 bytes each in UTF-8).
std::string cyrillic(std::size_t n) {
    std::string s;
    for (std::size_t i = 0; i < n; ++i) s += "ж";
    return s;
}

}  // namespace

TEST_CASE("review act: a violation makes a draft act, confirmed with who and when", "[recognition][acts]") {
    procedure_fixture f;
    const auto sitting = f.ended_sitting(true);
    const auto id = violation_act(f, sitting, 1);
    const auto draft = store::find_act(f.d, id);
    REQUIRE(draft);
    CHECK(draft->status == "draft");
    CHECK(draft->sitting == sitting);
    CHECK(draft->kind == "multiple_faces");
    CHECK(draft->strike == 1);
    CHECK_FALSE(draft->evidence);
    CHECK_FALSE(draft->reviewed_by);

    const auto t = f.t0 + 5'000;
    const auto a = review_act(f.d, {id, f.member1, act_decision::confirm, ""}, t);
    CHECK(a.id == id);
    CHECK(a.status == "confirmed");
    CHECK(a.reviewed_by == f.member1);
    CHECK(a.reviewed_by_login == "c1");
    CHECK(a.reviewed_ms == t);
    CHECK(a.reason.empty());
    CHECK(store::find_act(f.d, id)->status == "confirmed");

    CHECK(f.audits("act.confirm") == 1);
    const auto e = last_audit(f);
    CHECK(e.actor == f.member1);
    CHECK(e.action == "act.confirm");
    CHECK(e.object == "act " + std::to_string(id));
    CHECK(audit::verify(f.d).ok());  // the entry joined the chain
}

TEST_CASE("review act: annulled with its reason, audited", "[recognition][acts]") {
    procedure_fixture f;
    const auto sitting = f.ended_sitting(true);
    const auto id = violation_act(f, sitting, 1);
    const auto a = review_act(f.d, {id, f.member2, act_decision::annul, "второй человек — проктор центра"}, f.t0);
    CHECK(a.status == "annulled");
    CHECK(a.reason == "второй человек — проктор центра");
    CHECK(a.reviewed_by == f.member2);
    CHECK(f.audits("act.annul") == 1);
    CHECK(f.audits("act.confirm") == 0);
    const auto e = last_audit(f);
    CHECK(e.actor == f.member2);
    CHECK(e.object == "act " + std::to_string(id));
    CHECK(e.detail == "второй человек — проктор центра");
}

TEST_CASE("review act: refusals by kind and code, the act unchanged", "[recognition][acts]") {
    procedure_fixture f;
    const auto sitting = f.ended_sitting(true);
    const auto id = violation_act(f, sitting, 1);

    SECTION("an annulment without a reason") {
        const auto e = refusal([&] { review_act(f.d, {id, f.member1, act_decision::annul, ""}, f.t0); });
        CHECK(e.kind == error_kind::unprocessable);
    }
    SECTION("a reason over 2000 characters (counted as letters, not bytes)") {
        const auto e = refusal([&] { review_act(f.d, {id, f.member1, act_decision::annul, cyrillic(2001)}, f.t0); });
        CHECK(e.kind == error_kind::unprocessable);
    }
    SECTION("no such act") {
        const auto e = refusal([&] { review_act(f.d, {id + 100, f.member1, act_decision::confirm, ""}, f.t0); });
        CHECK(e.kind == error_kind::not_found);
    }
    const auto a = store::find_act(f.d, id);
    CHECK(a->status == "draft");
    CHECK_FALSE(a->reviewed_by);
    CHECK(a->reason.empty());
    CHECK(f.audits("act.annul") == 0);
    CHECK(f.audits("act.confirm") == 0);
}

TEST_CASE("review act: a reason of 2000 Cyrillic letters is taken", "[recognition][acts]") {
    procedure_fixture f;
    const auto id = violation_act(f, f.ended_sitting(true), 1);
    const auto a = review_act(f.d, {id, f.member1, act_decision::annul, cyrillic(2000)}, f.t0);
    CHECK(a.reason.size() == 4000);  // bytes
}

TEST_CASE("review act: a reviewed act may be reviewed again until the protocol is signed", "[recognition][acts]") {
    procedure_fixture f;
    const auto id = violation_act(f, f.ended_sitting(true), 1);
    review_act(f.d, {id, f.member1, act_decision::confirm, ""}, f.t0);
    const auto a = review_act(f.d, {id, f.member2, act_decision::annul, "ошибка детектора"}, f.t0 + 1000);
    CHECK(a.status == "annulled");
    CHECK(a.reviewed_by == f.member2);  // the last review stands
    CHECK(f.audits("act.confirm") == 1);
    CHECK(f.audits("act.annul") == 1);
}

TEST_CASE("review act: once the protocol is signed the acts are final", "[recognition][acts]") {
    procedure_fixture f;
    const auto sitting = f.ended_sitting(true);
    const auto id = violation_act(f, sitting, 1);
    review_act(f.d, {id, f.member1, act_decision::confirm, ""}, f.t0);
    sign_protocol(f.d, f.centre, {sitting, f.member1}, f.t0 + 1000);

    const auto e = refusal([&] { review_act(f.d, {id, f.member2, act_decision::annul, "передумали"}, f.t0 + 2000); });
    CHECK(e.kind == error_kind::conflict);
    CHECK(e.code == "protocol_signed");
    const auto a = store::find_act(f.d, id);
    CHECK(a->status == "confirmed");
    CHECK(a->reviewed_by == f.member1);
    CHECK(f.audits("act.annul") == 0);
}

TEST_CASE("review act: a draft holds the protocol back, either review releases it", "[recognition][acts]") {
    procedure_fixture f;
    const auto sitting = f.ended_sitting(true);
    const auto id = violation_act(f, sitting, 1);

    auto queue = commission_queue(f.d, f.t0);
    REQUIRE(queue["acts"].size() == 1);
    CHECK(queue["acts"][0]["id"] == id);
    REQUIRE(queue["protocols"].size() == 1);
    CHECK(queue["protocols"][0]["draft_acts"] == 1);
    CHECK(queue["protocols"][0]["ready"] == false);

    const auto held = refusal([&] { sign_protocol(f.d, f.centre, {sitting, f.member1}, f.t0); });
    CHECK(held.kind == error_kind::conflict);
    CHECK(held.code == "acts_unreviewed");
    CHECK_FALSE(store::protocol_of(f.d, sitting));

    // p.13: a first violation is a warning, the procedure goes on; a passed
    // theory stays passed whether the commission confirms or annuls the act.
    const auto decision = GENERATE(act_decision::confirm, act_decision::annul);
    INFO(to_string(decision));
    review_act(f.d, {id, f.member1, decision, "рассмотрено"}, f.t0 + 1000);
    queue = commission_queue(f.d, f.t0 + 1000);
    CHECK(queue["acts"].empty());
    CHECK(queue["protocols"][0]["draft_acts"] == 0);
    CHECK(queue["protocols"][0]["ready"] == true);
    const auto r = sign_protocol(f.d, f.centre, {sitting, f.member1}, f.t0 + 2000);
    CHECK(r.protocol.decision == "passed");
    CHECK(store::document_of_sitting(f.d, sitting));
}

namespace {

// A sitting the proctoring ended on its second violation (p.13), as
// exam_service::finish leaves it: terminated, not passed, its score kept
// (`correct` of 90), two strikes counted; returns it with its two acts.
struct terminated_sitting {
    std::int64_t id = 0, act1 = 0, act2 = 0;
};
terminated_sitting terminated_by_two(procedure_fixture& f, int correct) {
    terminated_sitting t;
    t.id = f.ended_sitting(false, "ru", "terminated");
    stmt u(f.d, "UPDATE sittings SET finish_reason = 'terminated', correct = ?, violations = 2 WHERE id = ?");
    u.bind(1, correct).bind(2, t.id).run();
    t.act1 = violation_act(f, t.id, 1);
    t.act2 = violation_act(f, t.id, 2);
    return t;
}

}  // namespace

TEST_CASE("review act: annulling one of two false positives lifts the termination - the theory score decides",
          "[recognition][acts][strikes]") {
    procedure_fixture f;
    const auto t = terminated_by_two(f, 80);  // 80 of 90: 88.9 %, more than 70 %
    review_act(f.d, {t.act1, f.member1, act_decision::confirm, ""}, f.t0);
    CHECK(store::find_sitting(f.d, t.id)->status == "terminated");  // both stand
    CHECK(f.audits("sitting.termination_lifted") == 0);

    review_act(f.d, {t.act2, f.member1, act_decision::annul, "второе лицо — отражение в окне"}, f.t0 + 1000);
    const auto s = store::find_sitting(f.d, t.id);
    CHECK(s->violations == 1);  // the count follows the acts that stand (p.14)
    CHECK(s->status == "finished");
    CHECK(s->finish_reason == "terminated");  // what happened to the attempt stays said
    CHECK(s->passed == true);
    CHECK(f.audits("sitting.termination_lifted") == 1);
    const auto e = last_audit(f);
    CHECK(e.action == "sitting.termination_lifted");
    CHECK(e.object == "session " + std::to_string(t.id));
    CHECK(e.actor == f.member1);

    const auto r = sign_protocol(f.d, f.centre, {t.id, f.member1}, f.t0 + 2000);
    CHECK(r.protocol.decision == "passed");
    CHECK(r.protocol.reasons == "[]");
}

TEST_CASE("review act: a lifted termination with a failing score is not passed on the score, not terminated",
          "[recognition][acts][strikes]") {
    procedure_fixture f;
    const auto t = terminated_by_two(f, 40);
    review_act(f.d, {t.act1, f.member1, act_decision::annul, "ложное срабатывание"}, f.t0);
    review_act(f.d, {t.act2, f.member1, act_decision::annul, "ложное срабатывание"}, f.t0 + 500);
    const auto s = store::find_sitting(f.d, t.id);
    CHECK(s->violations == 0);
    CHECK(s->status == "finished");
    CHECK(s->passed == false);
    CHECK(f.audits("sitting.termination_lifted") == 1);  // once
    const auto r = sign_protocol(f.d, f.centre, {t.id, f.member1}, f.t0 + 1000);
    CHECK(r.protocol.decision == "not_passed");
    CHECK(r.protocol.reasons == "[\"theory_not_passed\"]");
}

TEST_CASE("review act: an annulled act confirmed again restores the termination", "[recognition][acts][strikes]") {
    procedure_fixture f;
    const auto t = terminated_by_two(f, 80);
    review_act(f.d, {t.act1, f.member1, act_decision::confirm, ""}, f.t0);
    review_act(f.d, {t.act2, f.member1, act_decision::annul, "ошибка"}, f.t0 + 100);
    REQUIRE(store::find_sitting(f.d, t.id)->status == "finished");
    review_act(f.d, {t.act2, f.member2, act_decision::confirm, ""}, f.t0 + 200);
    const auto s = store::find_sitting(f.d, t.id);
    CHECK(s->status == "terminated");
    CHECK(s->passed == false);
    CHECK(s->violations == 2);
    CHECK(f.audits("sitting.termination_restored") == 1);
    const auto r = sign_protocol(f.d, f.centre, {t.id, f.member1}, f.t0 + 1000);
    CHECK(r.protocol.decision == "not_passed");
    CHECK(r.protocol.reasons == "[\"terminated\",\"theory_not_passed\"]");  // a terminated attempt is not passed
}

TEST_CASE("review act: a finished sitting with an annulled warning keeps its status, its count drops",
          "[recognition][acts][strikes]") {
    procedure_fixture f;
    const auto sitting = f.ended_sitting(false);
    stmt u(f.d, "UPDATE sittings SET violations = 1 WHERE id = ?");
    u.bind(1, sitting).run();
    const auto id = violation_act(f, sitting, 1);
    review_act(f.d, {id, f.member1, act_decision::annul, "ошибка"}, f.t0);
    const auto s = store::find_sitting(f.d, sitting);
    CHECK(s->violations == 0);
    CHECK(s->status == "finished");
    CHECK(s->passed == false);  // not re-marked: only a fallen termination is
    CHECK(f.audits("sitting.termination_lifted") == 0);
}
