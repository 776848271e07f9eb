// What an appeal decides, by the appeal commission's vote (seed 002 p.20-23;
// issue 11, W4), as use cases on a migrated SQLite file.
#include <catch2/catch.hpp>

#include "exam/theory/attempts.hpp"
#include "server/exam/store_schedule.hpp"
#include "server/platform/domain_error.hpp"
#include "server/recognition/appeals.hpp"
#include "server/recognition/commissions.hpp"
#include "server/recognition/protocol.hpp"
#include "tests/server/recognition/procedure_fixture.hpp"
#include "tests/server/refusal.hpp"

using namespace tanu::server;
using namespace tanu::server::recognition;
using tanu::exam::appeal_outcome;
using tanu_test::procedure_fixture;
using tanu_test::refusal;

namespace {

// The appeal commission of a1 (chair), a2 and a3, chair and majority, serving W1.
struct vote_fixture : procedure_fixture {
    std::int64_t appeal2 = 0, appeal3 = 0;
    vote_fixture() {
        appeal2 = store::insert_user(d, "a2", "appeal", "x", t0);
        appeal3 = store::insert_user(d, "a3", "appeal", "x", t0);
        commission_input in;
        in.kind = "appeal";
        in.name = "Апелляционная комиссия";
        in.order_no = "3-П";
        in.order_date = "2026-02-02";
        in.members = {{appeal_member, "", "chair"}, {appeal2, "", "member"}, {appeal3, "", "secretary"}};
        in.programmes = {"W1"};
        create_commission(d, in, admin, t0);
    }

    // The seed's worst case: 2 of 90, terminated, the protocol signed: not passed.
    std::int64_t terminated_2_of_90() {
        const auto s = ended_sitting(false, "ru", "terminated");
        stmt(d, ("UPDATE sittings SET correct = 2 WHERE id = " + std::to_string(s)).c_str()).run();
        sign_protocol(d, centre, {s, member1}, t0);
        return s;
    }

    decide_appeal_result vote(std::int64_t appeal, std::int64_t member, appeal_outcome o, const std::string& reasons,
                              std::int64_t t) {
        decide_appeal_input in{appeal, member, false, ""};
        in.outcome = o;
        in.reasons = reasons;
        return decide_appeal(d, centre, in, t);
    }
};

}  // namespace

TEST_CASE("appeal vote: the 2-of-90 terminated candidate's appeal annulled by two votes - no document, no attempt",
          "[recognition][appeal][vote]") {
    vote_fixture f;
    const auto sitting = f.terminated_2_of_90();
    const auto a = file_appeal(f.d, f.centre, {sitting, f.candidate_user, f.candidate, "прошу пересдачу: пропал свет"}, f.t0);
    REQUIRE(a.commission);
    CHECK(a.members == std::vector<std::int64_t>{f.appeal_member, f.appeal2, f.appeal3});
    const auto t = tanu_test::kz_ms(2026, 2, 11, 11);

    // one click on "uphold" no longer recognises anything: the member must say what
    const auto legacy = refusal([&] { decide_appeal(f.d, f.centre, {a.id, f.appeal2, true, "да"}, t); });
    CHECK(legacy.kind == error_kind::unprocessable);
    CHECK(legacy.code == "outcome_required");
    CHECK(refusal([&] { f.vote(a.id, f.appeal2, appeal_outcome::annulled, "  ", t); }).code == "reasons_required");

    const auto first = f.vote(a.id, f.appeal2, appeal_outcome::annulled, "акт о сбое электропитания", t);
    CHECK_FALSE(first.decided());
    CHECK(first.status == tanu::exam::appeal_status::registered);
    CHECK(first.count.rule == "chair_and_majority");
    CHECK(first.count.tally.quorum.have == 1);
    CHECK(first.count.tally.quorum.needed == 2);
    CHECK(store::find_appeal(f.d, a.id)->status == "registered");
    CHECK(store::find_sitting(f.d, sitting)->status == "terminated");
    CHECK(f.audits("appeal.vote") == 1);

    const auto t2 = tanu_test::kz_ms(2026, 2, 12, 9);
    const auto second = f.vote(a.id, f.appeal_member, appeal_outcome::annulled, "сбой подтверждён", t2);
    REQUIRE(second.decided());
    CHECK(second.outcome == appeal_outcome::annulled);
    CHECK(second.status == tanu::exam::appeal_status::upheld);  // outside clients: upheld
    CHECK(second.document.empty());
    CHECK_FALSE(store::document_of_sitting(f.d, sitting));
    const auto s = *store::find_sitting(f.d, sitting);
    CHECK(s.status == "voided");
    CHECK(s.closed_reason == "appeal_annulled");
    CHECK_FALSE(tanu::exam::counts_as_attempt(s.status));  // no attempt
    CHECK_FALSE(store::protocol_amended_by(f.d, sitting));
    const auto stored = *store::find_appeal(f.d, a.id);
    CHECK(stored.outcome == "annulled");
    CHECK(stored.quorum == "chair_and_majority");
    CHECK(stored.reasons == "сбой подтверждён\nакт о сбое электропитания");  // the chair's first
    CHECK(stored.minutes_date == "2026-02-12");
    CHECK(stored.minutes_sha256 == sha256_hex(stored.minutes));
    CHECK(stored.minutes.find("decision: annulled") != std::string::npos);
    CHECK(f.audits("appeal.vote") == 2);
    CHECK(f.audits("appeal.uphold") == 1);
    const auto n = f.notices().back();
    CHECK(n.kind == "appeal_decided");
    CHECK(n.body.find("результат аннулирован и не засчитывается как попытка. Центр назначит новую дату") != std::string::npos);

    // decided: the third member's vote comes too late
    CHECK(refusal([&] { f.vote(a.id, f.appeal3, appeal_outcome::rejected, "", t2 + 1000); }).code == "appeal_decided");
}

TEST_CASE("appeal vote: the chair breaks a tie, a member changes his vote until decided - recognised",
          "[recognition][appeal][vote]") {
    vote_fixture f;
    const auto sitting = f.ended_sitting(false);  // 40 of 90: not passed
    sign_protocol(f.d, f.centre, {sitting, f.member1}, f.t0);
    const auto a = file_appeal(f.d, f.centre, {sitting, f.candidate_user, f.candidate, "вопросы 31-40 некорректны"}, f.t0);
    const auto t = tanu_test::kz_ms(2026, 2, 11, 11);

    CHECK_FALSE(f.vote(a.id, f.appeal2, appeal_outcome::rejected, "", t).decided());
    // two votes without the chair: no quorum under chair and majority
    CHECK_FALSE(f.vote(a.id, f.appeal3, appeal_outcome::recognised, "ключ ошибочен", t + 1000).decided());
    const auto changed = f.vote(a.id, f.appeal2, appeal_outcome::annulled, "пересдача", t + 2000);
    CHECK_FALSE(changed.decided());
    CHECK(changed.count.votes.size() == 2);  // one vote a member
    CHECK(changed.count.tally.annulled == 1);
    CHECK(changed.count.tally.rejected == 0);

    // the chair's vote recognised: 2 recognised against 1 annulled
    const auto r = f.vote(a.id, f.appeal_member, appeal_outcome::recognised, "ключ к вопросам 31-40 ошибочен", t + 3000);
    REQUIRE(r.decided());
    CHECK(r.outcome == appeal_outcome::recognised);
    const auto doc = store::document_of_sitting(f.d, sitting);
    REQUIRE(doc);
    CHECK(r.document == doc->code);
    CHECK(doc->status == "pending_signature");
    CHECK(doc->basis == "appeal");
    CHECK(store::protocol_amended_by(f.d, sitting) == a.id);
    CHECK(store::outcome_of(f.d, sitting).passed);
    CHECK(store::find_sitting(f.d, sitting)->status == "finished");
}

TEST_CASE("appeal vote: rejected by the majority against the chair - nothing changes", "[recognition][appeal][vote]") {
    vote_fixture f;
    const auto sitting = f.ended_sitting(false);
    sign_protocol(f.d, f.centre, {sitting, f.member1}, f.t0);
    const auto a = file_appeal(f.d, f.centre, {sitting, f.candidate_user, f.candidate, "несогласен"}, f.t0);
    const auto t = tanu_test::kz_ms(2026, 2, 11, 11);
    CHECK_FALSE(f.vote(a.id, f.appeal2, appeal_outcome::rejected, "", t).decided());
    CHECK_FALSE(f.vote(a.id, f.appeal3, appeal_outcome::rejected, "доводы не подтверждены", t + 1).decided());  // no chair
    const auto r = f.vote(a.id, f.appeal_member, appeal_outcome::recognised, "довод", t + 2);
    REQUIRE(r.decided());
    CHECK(r.outcome == appeal_outcome::rejected);  // 2 : 1
    CHECK(r.document.empty());
    CHECK_FALSE(store::document_of_sitting(f.d, sitting));
    CHECK(store::find_sitting(f.d, sitting)->status == "finished");
    CHECK_FALSE(store::outcome_of(f.d, sitting).passed);
    CHECK(store::find_appeal(f.d, a.id)->reasons == "доводы не подтверждены");
    CHECK(f.audits("appeal.reject") == 1);
}

TEST_CASE("appeal vote: annulling a result whose document stands is refused", "[recognition][appeal][vote]") {
    vote_fixture f;
    const auto sitting = f.ended_sitting(true);  // passed: the protocol prepares the document
    sign_protocol(f.d, f.centre, {sitting, f.member1}, f.t0);
    REQUIRE(store::document_of_sitting(f.d, sitting));
    const auto a = file_appeal(f.d, f.centre, {sitting, f.candidate_user, f.candidate, "ошибка в ФИО"}, f.t0);
    CHECK(refusal([&] { f.vote(a.id, f.appeal2, appeal_outcome::annulled, "x", f.t0 + 1); }).code == "document_stands");
    CHECK(store::appeal_votes_of(f.d, a.id).empty());
}
