// Scheduling a sitting (server/exam/schedule.hpp) in-process, on a migrated
// temporary SQLite file: the attempt rule of seed 002 p.19 with the programme's
// own numbers (attempts 2: the first sitting and one retake), the bank and
// language checks, and what the use case writes.
#include <catch2/catch.hpp>

#include "server/accounts/store.hpp"
#include "server/db/migrator.hpp"
#include "server/db/sqlite.hpp"
#include "server/exam/schedule.hpp"
#include "server/exam/store.hpp"
#include "server/people/store.hpp"
#include "server/platform/domain_error.hpp"
#include "server/platform/json_map.hpp"
#include "server/programmes/store.hpp"
#include "server/recognition/owner.hpp"
#include "server/recognition/store.hpp"
#include "tests/server/temp_dir.hpp"

using namespace tanu::server;

namespace {

// 2026-03-02 09:00 Almaty (UTC+5), a Monday.
constexpr std::int64_t monday_ms = 1772424000000;

struct fixture {
    tanu_test::temp_dir dir{"tanu-schedule-"};
    db d{dir.path / "t.db"};
    std::int64_t candidate = 0;
    logger log;
    sitting_owners owners;  // the programme's kind (recognition) decides what an earlier sitting's outcome is

    fixture() {
        migrate(d, embedded_migrations());
        owners.add(recognition::kind, recognition::make_sitting_owner(log));
        tanu::exam::programme p;
        p.code = "WELD-3";
        p.profession = "Welder";
        p.oked = "25110";
        p.nqf_level = 3;
        p.languages = {"kk", "ru"};
        p.theory.questions = 3;
        store::insert_programme(d, p, to_json(p).dump(), monday_ms);
        for (int i = 1; i <= 3; ++i) {
            tanu::exam::question q;
            q.id = "q" + std::to_string(i);
            q.lang = "ru";
            q.topic = "safety";
            q.text = "Вопрос " + std::to_string(i);
            q.options = {"да", "нет"};
            q.correct = {0};
            store::upsert_question(d, "WELD-3", q, monday_ms);
        }
        const auto user = store::insert_user(d, "aigerim", "candidate", "x", monday_ms);
        candidate_row c;
        c.iin = "900101300016";
        c.full_name = "Айгерим Серикова";
        c.birth_date = "1990-01-01";
        candidate = store::insert_candidate(d, user, c, monday_ms);
    }

    sitting_request ask(const std::string& lang = "ru") const { return {candidate, "WELD-3", lang, "online", 1, {}, "none", {}}; }

    // The sitting is sat and ends with its theory result (no protocol yet).
    void end(std::int64_t id, bool passed) {
        REQUIRE(store::begin_sitting(d, id, monday_ms, monday_ms + 5'400'000));
        REQUIRE(store::end_sitting(d, id, "finished", "finished", monday_ms + 3'600'000, passed ? 3 : 1, 3, passed));
    }

    // The commission's bound protocol: the procedure's decision (p.17).
    void decide(std::int64_t id, bool passed) {
        protocol_row p;
        p.sitting = id;
        p.decision = passed ? "passed" : "not_passed";
        p.reasons = "[]";
        p.created_ms = monday_ms + 3'700'000;
        p.created_by = 1;
        const auto protocol = store::insert_protocol(d, p);
        protocol_binding b;
        b.bound_ms = monday_ms + 3'700'000;
        b.signed_date = "2026-03-02";
        store::bind_protocol(d, protocol, b);
    }
};

domain_error refusal(fixture& f, const sitting_request& in) {
    try {
        schedule_sitting(f.d, f.owners, in, monday_ms);
    } catch (const domain_error& e) {
        return e;
    }
    FAIL("no refusal");
    return {error_kind::internal, "", ""};
}

}  // namespace

TEST_CASE("a first sitting is attempt 1, written with its audit entry", "[exam][schedule]") {
    fixture f;
    const auto made = schedule_sitting(f.d, f.owners, f.ask(), monday_ms);
    CHECK(made.attempt == 1);
    auto s = store::find_sitting(f.d, made.id);
    REQUIRE(s);
    CHECK(s->candidate == f.candidate);
    CHECK(s->programme == "WELD-3");
    CHECK(s->lang == "ru");
    CHECK(s->mode == "online");
    CHECK(s->status == "scheduled");
    CHECK(s->created_ms == monday_ms);
    stmt a(f.d, "SELECT actor, action, object FROM audit_log ORDER BY id DESC LIMIT 1");
    REQUIRE(a.step());
    CHECK(a.i64(0) == 1);
    CHECK(a.text(1) == "session.create");
    CHECK(a.text(2) == "session " + std::to_string(made.id));
}

TEST_CASE("one retake after a failed theory, then no attempts are left", "[exam][schedule]") {
    fixture f;
    const auto first = schedule_sitting(f.d, f.owners, f.ask(), monday_ms);
    auto open = refusal(f, f.ask());
    CHECK(open.kind == error_kind::conflict);
    CHECK(open.code == "session_open");
    f.end(first.id, false);
    // X1: a failed theory waits for the commission's decision too (p.17, p.19)
    CHECK(refusal(f, f.ask()).code == "result_pending");
    f.decide(first.id, false);
    const auto retake = schedule_sitting(f.d, f.owners, f.ask(), monday_ms);
    CHECK(retake.attempt == 2);
    f.end(retake.id, false);
    f.decide(retake.id, false);
    auto none = refusal(f, f.ask());
    CHECK(none.kind == error_kind::conflict);
    CHECK(none.code == "no_attempts_left");
}

TEST_CASE("a passed theory waits for the protocol before anything else", "[exam][schedule]") {
    fixture f;
    const auto first = schedule_sitting(f.d, f.owners, f.ask(), monday_ms);
    f.end(first.id, true);
    auto pending = refusal(f, f.ask());
    CHECK(pending.kind == error_kind::conflict);
    CHECK(pending.code == "result_pending");
}

TEST_CASE("the language must be offered and its bank hold a paper", "[exam][schedule]") {
    fixture f;
    auto kk = refusal(f, f.ask("kk"));  // offered, but the kk bank is empty
    CHECK(kk.kind == error_kind::conflict);
    CHECK(kk.code == "bank_too_small");
    auto en = refusal(f, f.ask("en"));
    CHECK(en.kind == error_kind::unprocessable);
    CHECK(en.code == "language_not_offered");
    auto nobody = refusal(f, {f.candidate + 1, "WELD-3", "ru", "online", 1, {}, "none", {}});
    CHECK(nobody.kind == error_kind::not_found);
    auto no_programme = refusal(f, {f.candidate, "NONE-1", "ru", "online", 1, {}, "none", {}});
    CHECK(no_programme.kind == error_kind::not_found);
    stmt n(f.d, "SELECT count(*) FROM sittings");
    REQUIRE(n.step());
    CHECK(n.i32(0) == 0);  // nothing written by a refusal
}

namespace {

// Another procedure's programmes (the expert register's, say): its owner
// decides every ended sitting at once, as its stub answer says.
struct stub_owner final : sitting_owner {
    owned_outcome answer;
    mutable std::vector<std::int64_t> asked;
    void theory_ended(db&, const sitting_row&, std::int64_t) const override {}
    void violation_logged(db&, std::int64_t, std::int64_t, std::int64_t) const override {}
    owned_outcome outcome(db&, const sitting_row& s) const override {
        asked.push_back(s.id);
        return answer;
    }
    std::optional<tanu::exam::reader> reader(db&, const principal&, const sitting_row&) const override { return std::nullopt; }
};

}  // namespace

TEST_CASE("the engine asks the programme's own procedure what an earlier sitting decided", "[exam][schedule][owner]") {
    fixture f;
    auto stub = std::make_shared<stub_owner>();
    stub->answer = {true, true};
    f.owners.add("stub", stub);
    auto p = *store::find_programme(f.d, "WELD-3");
    p.code = "STUB-1";
    p.kind = "stub";
    store::insert_programme(f.d, p, to_json(p).dump(), monday_ms);
    for (int i = 1; i <= 3; ++i) {
        tanu::exam::question q;
        q.id = "s" + std::to_string(i);
        q.lang = "ru";
        q.text = "Вопрос " + std::to_string(i);
        q.options = {"да", "нет"};
        q.correct = {0};
        store::upsert_question(f.d, "STUB-1", q, monday_ms);
    }
    const sitting_request in{f.candidate, "STUB-1", "ru", "online", 1, {}, "none", {}};
    const auto first = schedule_sitting(f.d, f.owners, in, monday_ms);
    f.end(first.id, false);  // failed theory, but its procedure decided "passed"
    auto passed = refusal(f, in);
    CHECK(passed.code == "already_passed");
    CHECK(stub->asked == std::vector<std::int64_t>{first.id});
    // The recognition programme beside it is untouched by the stub's answer.
    CHECK(schedule_sitting(f.d, f.owners, f.ask(), monday_ms).attempt == 1);
}

TEST_CASE("an owner is registered once per kind", "[exam][owner]") {
    sitting_owners owners;
    logger log;
    owners.add("recognition", recognition::make_sitting_owner(log));
    CHECK(owners.has("recognition"));
    CHECK_FALSE(owners.has("mse"));
    CHECK_THROWS_AS(owners.add("recognition", recognition::make_sitting_owner(log)), std::logic_error);
    CHECK_THROWS_AS(owners.of("mse"), std::logic_error);
    CHECK(owners.kinds() == std::vector<std::string>{"recognition"});
}
