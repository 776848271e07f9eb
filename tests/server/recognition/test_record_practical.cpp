// Recording the practical stage (seed 002 p.15-17) as a use case on a
// migrated SQLite file, with the card of practical_fixture (p1 mandatory, p2
// optional) and the fixture's two commission members.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "server/platform/domain_error.hpp"
#include "server/recognition/practical.hpp"
#include "server/recognition/protocol.hpp"
#include "tests/server/recognition/practical_fixture.hpp"
#include "tests/server/refusal.hpp"

using namespace tanu::server;
using namespace tanu::server::recognition;
using tanu::exam::item_result;
using tanu_test::practical_fixture;
using tanu_test::refusal;

namespace {

int marks(practical_fixture& f, std::int64_t sitting) { return static_cast<int>(store::marks_of(f.d, sitting).size()); }

}  // namespace

TEST_CASE("record practical: a member's marks are stored, audited, and give the outcome", "[recognition][practical]") {
    practical_fixture f;
    const auto sitting = f.card_sitting(true);
    const auto t = f.t0 + 60'000;
    const auto o = record_practical(f.d, {sitting, f.member1, {{"p1", true, "ровно"}, {"p2", false, ""}}}, t);
    CHECK(o.complete);
    CHECK(o.passed);  // p2 is not mandatory
    CHECK(o.order == std::vector<std::string>{"p1", "p2"});
    CHECK(o.items.at("p1") == item_result::done);
    CHECK(o.items.at("p2") == item_result::not_done);
    CHECK(o.failed_mandatory.empty());
    CHECK(o.failed_optional == std::vector<std::string>{"p2"});

    const auto m = store::marks_of(f.d, sitting);
    REQUIRE(m.size() == 2);
    CHECK(m[0].member == f.member1);
    CHECK(m[0].login == "c1");
    CHECK(m[0].item == "p1");
    CHECK(m[0].done);
    CHECK(m[0].note == "ровно");
    CHECK(m[0].recorded_ms == t);
    CHECK(m[1].item == "p2");
    CHECK_FALSE(m[1].done);

    CHECK(f.audits("practical.mark") == 1);
    stmt a(f.d, "SELECT actor, object, detail FROM audit_log WHERE action = 'practical.mark'");
    REQUIRE(a.step());
    CHECK(a.i64(0) == f.member1);
    CHECK(a.text(1) == "session " + std::to_string(sitting));
    CHECK(nlohmann::json::parse(a.text(2)) ==
          nlohmann::json::parse(R"([{"id":"p1","done":true,"note":"ровно"},{"id":"p2","done":false,"note":""}])"));
}

TEST_CASE("record practical: an item nobody marked leaves the stage incomplete", "[recognition][practical]") {
    practical_fixture f;
    const auto sitting = f.card_sitting(true);
    const auto o = record_practical(f.d, {sitting, f.member1, {{"p1", true, ""}}}, f.t0);
    CHECK_FALSE(o.complete);
    CHECK_FALSE(o.passed);
    CHECK(o.items.at("p2") == item_result::unscored);
    CHECK(o.failed_optional == std::vector<std::string>{"p2"});
    // and the protocol waits for it (p.17)
    const auto e = refusal([&] { sign_protocol(f.d, f.centre, {sitting, f.member1}, f.t0); });
    CHECK(e.code == "practical_incomplete");
}

TEST_CASE("record practical: a later mark of the same item replaces the member's earlier one", "[recognition][practical]") {
    practical_fixture f;
    const auto sitting = f.card_sitting(true);
    record_practical(f.d, {sitting, f.member1, {{"p1", false, "течь"}, {"p2", true, ""}}}, f.t0);
    const auto o = record_practical(f.d, {sitting, f.member1, {{"p1", true, "переделал"}}}, f.t0 + 1000);
    CHECK(o.items.at("p1") == item_result::done);
    CHECK(o.passed);
    const auto m = store::marks_of(f.d, sitting);
    REQUIRE(m.size() == 2);  // one mark per member and item
    CHECK(m[0].item == "p1");
    CHECK(m[0].done);
    CHECK(m[0].note == "переделал");
    CHECK(m[0].recorded_ms == f.t0 + 1000);
    CHECK(m[1].item == "p2");  // not given again: kept
    CHECK(m[1].done);
    CHECK(f.audits("practical.mark") == 2);
}

// p.16-17 (exam::decide_practical): an item is done when more than half of
// the members who marked it say so. Of two members that is both: one against
// one is a tie, and a tie is not done.
TEST_CASE("record practical: two members, an item is done only when both say so", "[recognition][practical]") {
    practical_fixture f;
    const auto sitting = f.card_sitting(true);
    record_practical(f.d, {sitting, f.member1, {{"p1", true, ""}, {"p2", true, ""}}}, f.t0);

    SECTION("both say done: passed") {
        const auto o = record_practical(f.d, {sitting, f.member2, {{"p1", true, ""}, {"p2", true, ""}}}, f.t0 + 1000);
        CHECK(o.items.at("p1") == item_result::done);
        CHECK(o.items.at("p2") == item_result::done);
        CHECK(o.passed);
        CHECK(sign_protocol(f.d, f.centre, {sitting, f.member1}, f.t0 + 2000).protocol.decision == "passed");
    }
    SECTION("a tie on the optional item: still passed") {
        const auto o = record_practical(f.d, {sitting, f.member2, {{"p1", true, ""}, {"p2", false, ""}}}, f.t0 + 1000);
        CHECK(o.items.at("p2") == item_result::not_done);
        CHECK(o.failed_optional == std::vector<std::string>{"p2"});
        CHECK(o.passed);
    }
    SECTION("a tie on the mandatory item: not passed, and the protocol says why") {
        const auto o = record_practical(f.d, {sitting, f.member2, {{"p1", false, "не держит давление"}}}, f.t0 + 1000);
        CHECK(o.complete);
        CHECK(o.items.at("p1") == item_result::not_done);
        CHECK(o.failed_mandatory == std::vector<std::string>{"p1"});
        CHECK_FALSE(o.passed);
        const auto r = sign_protocol(f.d, f.centre, {sitting, f.member1}, f.t0 + 2000);
        CHECK(r.protocol.decision == "not_passed");
        CHECK(nlohmann::json::parse(r.protocol.reasons) == nlohmann::json::array({"practical_not_passed"}));
        const auto stored = nlohmann::json::parse(r.protocol.practical);
        CHECK(stored["passed"] == false);
        CHECK(stored["failed_mandatory"] == nlohmann::json::array({"p1"}));
    }
}

TEST_CASE("record practical: conflicts by the sitting's state, nothing written", "[recognition][practical]") {
    practical_fixture f;
    std::int64_t sitting = 0;
    std::string code;
    SECTION("a programme without a card") {
        sitting = f.ended_sitting(true);  // W1
        code = "no_practical_stage";
    }
    SECTION("the theory stage has not ended") {
        sitting = f.card_sitting(true, "scheduled");
        code = "theory_in_progress";
    }
    SECTION("the theory stage was not passed: 63 of 90 is 70 %, not more (p.15)") {
        sitting = f.card_sitting(false);
        code = "not_admitted";
    }
    SECTION("the procedure was ended by the second violation (p.13)") {
        sitting = f.card_sitting(true, "terminated");
        code = "not_admitted";
    }
    const auto e = refusal([&] { record_practical(f.d, {sitting, f.member1, {{"p1", true, ""}}}, f.t0); });
    CHECK(e.kind == error_kind::conflict);
    CHECK(e.code == code);
    CHECK(marks(f, sitting) == 0);
    CHECK(f.audits("practical.mark") == 0);
}

TEST_CASE("record practical: once the protocol is signed the marks are final", "[recognition][practical]") {
    practical_fixture f;
    const auto sitting = f.card_sitting(true);
    record_practical(f.d, {sitting, f.member1, {{"p1", true, ""}, {"p2", true, ""}}}, f.t0);
    sign_protocol(f.d, f.centre, {sitting, f.member1}, f.t0 + 1000);
    const auto e = refusal([&] { record_practical(f.d, {sitting, f.member2, {{"p1", false, ""}}}, f.t0 + 2000); });
    CHECK(e.kind == error_kind::conflict);
    CHECK(e.code == "protocol_signed");
    CHECK(marks(f, sitting) == 2);
    CHECK(f.audits("practical.mark") == 1);
}

TEST_CASE("record practical: an item not on the card, no marks, or a long note are refused", "[recognition][practical]") {
    practical_fixture f;
    const auto sitting = f.card_sitting(true);
    SECTION("unknown item") {
        const auto e = refusal([&] { record_practical(f.d, {sitting, f.member1, {{"p9", true, ""}}}, f.t0); });
        CHECK(e.kind == error_kind::unprocessable);
        CHECK(e.code == "unknown_item");
    }
    SECTION("no marks") {
        const auto e = refusal([&] { record_practical(f.d, {sitting, f.member1, {}}, f.t0); });
        CHECK(e.kind == error_kind::unprocessable);
    }
    SECTION("a note over 2000 characters") {
        const auto e =
            refusal([&] { record_practical(f.d, {sitting, f.member1, {{"p1", true, std::string(2001, 'x')}}}, f.t0); });
        CHECK(e.kind == error_kind::unprocessable);
    }
    SECTION("no such sitting") {
        const auto e = refusal([&] { record_practical(f.d, {sitting + 100, f.member1, {{"p1", true, ""}}}, f.t0); });
        CHECK(e.kind == error_kind::not_found);
    }
    CHECK(marks(f, sitting) == 0);
    CHECK(f.audits("practical.mark") == 0);
}
