// Before the procedure (W6, seed 002 p.8, p.12) on a migrated SQLite file: the
// recognition owner's before_start, the acknowledgements, the safety
// briefing's journal entry, and the practical stage that waits for it.
#include <catch2/catch.hpp>

#include "server/platform/domain_error.hpp"
#include "server/platform/sha256.hpp"
#include "server/recognition/briefing.hpp"
#include "server/recognition/practical.hpp"
#include "server/recognition/store_briefing.hpp"
#include "tests/server/recognition/practical_fixture.hpp"
#include "tests/server/refusal.hpp"

using namespace tanu::server;
using namespace tanu::server::recognition;
using tanu_test::practical_fixture;
using tanu_test::refusal;

namespace {

// practical_fixture plus BRIEF-2: a recognition_002 programme with a practical card that asks the briefing.
struct briefing_fixture : practical_fixture {
    int n = 0;
    briefing_fixture() {
        tanu::exam::programme p;
        p.code = "BRIEF-2";
        p.profession = "Электрик";
        p.oked = "43210";
        p.nqf_level = 3;
        p.languages = {"kk", "ru"};
        p.regime = tanu::exam::legal_regime::recognition_002;
        p.attempts = 0;
        p.allowed_items = {"calculators"};
        p.briefing_required = true;
        p.practical = {{"p1", {{"kk", "Қалқанды жинау"}, {"ru", "Собрать щит"}}, true}};
        store::insert_programme(d, p, to_json(p).dump(), t0);
    }
    std::int64_t sitting(const std::string& programme, const std::string& mode, const std::string& lang = "ru") {
        sitting_row s;
        s.candidate = candidate;
        s.programme = programme;
        s.lang = lang;
        s.mode = mode;
        s.attempt = ++n + 10;
        s.created_ms = t0 - 3'600'000;
        return store::insert_sitting(d, s);
    }
    sitting_row row(std::int64_t id) { return *store::find_sitting(d, id); }
    std::optional<sitting_owner::start_block> block(std::int64_t id) { return owner->before_start(d, row(id)); }
    void ack(std::int64_t id, std::vector<std::string> items, std::int64_t t) {
        acknowledge(d, row(id), items, "10.0.0.7", candidate_user, centre, t);
    }
    void journal(std::int64_t id, const std::string& day = "2026-02-09") {
        record_journal(d, row(id), {day, "Серік Ахметов", "ТБ-3", 12, 7}, admin, t0);
    }
};

}  // namespace

TEST_CASE("briefing: a custom programme without methodology asks nothing and starts at once",
          "[recognition][briefing]") {
    briefing_fixture f;
    const auto id = f.sitting("W1", "online");
    CHECK_FALSE(f.block(id));
    const auto v = briefing_json(f.d, f.row(id), f.centre);
    CHECK(v["items"].empty());
    CHECK(v["start_allowed"] == true);
    CHECK(refusal([&] { f.ack(id, {"methodology"}, f.t0); }).kind == error_kind::unprocessable);
}

TEST_CASE("briefing: a recognition_002 sitting waits for the three acknowledgements, each named",
          "[recognition][briefing]") {
    briefing_fixture f;
    const auto id = f.sitting("BRIEF-2", "online");
    auto b = f.block(id);
    REQUIRE(b);
    CHECK(b->code == "acknowledgements_required");
    CHECK(b->message.find("methodology, appeal_rules, prohibited_items") != std::string::npos);
    f.ack(id, {"appeal_rules"}, f.t0);
    b = f.block(id);
    REQUIRE(b);
    CHECK(b->message.find("methodology, prohibited_items") != std::string::npos);
    CHECK(b->message.find("appeal_rules") == std::string::npos);
    f.ack(id, {"methodology", "prohibited_items"}, f.t0 + 1000);
    CHECK_FALSE(f.block(id));  // online: the theory needs no journal entry
    CHECK(f.audits("briefing.acknowledge") == 2);
}

TEST_CASE("briefing: each acknowledgement keeps its first time, address and the hash of the text shown",
          "[recognition][briefing]") {
    briefing_fixture f;
    const auto id = f.sitting("BRIEF-2", "online", "kk");
    const auto v = briefing_json(f.d, f.row(id), f.centre);
    REQUIRE(v["items"].size() == 3);
    CHECK(v["lang"] == "kk");
    const auto& prohibited = v["items"][2];
    CHECK(prohibited["item"] == "prohibited_items");
    CHECK(prohibited["list"].size() == 16);  // seventeen less the calculators the programme allows
    CHECK(prohibited["allowed"][0]["code"] == "calculators");
    CHECK(v["items"][1]["text"].get<std::string>().find("(Орталық)") != std::string::npos);  // the centre's name
    f.ack(id, {"prohibited_items"}, f.t0);
    f.ack(id, {"prohibited_items"}, f.t0 + 5000);  // again: the first stands, not audited twice
    const auto acks = store::acknowledgements_of(f.d, id);
    REQUIRE(acks.size() == 1);
    CHECK(acks[0].ms == f.t0);
    CHECK(acks[0].client == "10.0.0.7");
    CHECK(acks[0].lang == "kk");
    CHECK(acks[0].text_sha256 == sha256_hex(prohibited["text"].get<std::string>()));
    CHECK(acks[0].text_sha256 == prohibited["sha256"]);
    CHECK(f.audits("briefing.acknowledge") == 1);
    const auto after = briefing_json(f.d, f.row(id), f.centre);
    CHECK(after["items"][2]["acknowledged_ms"] == f.t0);
    CHECK(after["missing"] == nlohmann::json::array({"methodology", "appeal_rules"}));
}

TEST_CASE("briefing: acknowledgements refused after the start and for unknown items", "[recognition][briefing]") {
    briefing_fixture f;
    const auto id = f.sitting("BRIEF-2", "online");
    CHECK(refusal([&] { f.ack(id, {"rules"}, f.t0); }).kind == error_kind::unprocessable);
    CHECK(refusal([&] { f.ack(id, {}, f.t0); }).kind == error_kind::unprocessable);
    stmt u(f.d, "UPDATE sittings SET status = 'in_progress' WHERE id = ?");
    u.bind(1, id).run();
    CHECK(refusal([&] { f.ack(id, {"methodology"}, f.t0); }).code == "already_started");
    CHECK(store::acknowledgements_of(f.d, id).empty());
}

TEST_CASE("briefing: an offline theory waits for the journal entry, which staff record and may correct",
          "[recognition][briefing]") {
    briefing_fixture f;
    const auto id = f.sitting("BRIEF-2", "offline");
    f.ack(id, {"methodology", "appeal_rules", "prohibited_items"}, f.t0);
    auto b = f.block(id);
    REQUIRE(b);
    CHECK(b->code == "briefing_required");
    CHECK(briefing_json(f.d, f.row(id), f.centre)["briefing"]["missing"] == true);
    CHECK(refusal([&] { f.journal(id, "2026-02-10"); }).kind == error_kind::unprocessable);  // tomorrow
    f.journal(id);
    CHECK_FALSE(f.block(id));
    record_journal(f.d, f.row(id), {"2026-02-09", "Серік Ахметов", "ТБ-3", 12, 8}, f.admin, f.t0 + 1);
    const auto j = store::journal_of(f.d, id);
    REQUIRE(j);
    CHECK(j->entry == 8);
    CHECK(j->recorded_login == "admin");
    CHECK(f.audits("briefing.journal") == 2);
    const auto v = briefing_json(f.d, f.row(id), f.centre);
    CHECK(v["briefing"]["journal"]["journal_no"] == "ТБ-3");
    CHECK(v["start_allowed"] == true);
    // a programme that asks no briefing takes no entry
    const auto other = f.sitting("W1", "offline");
    CHECK(refusal([&] { f.journal(other); }).code == "briefing_not_required");
}

TEST_CASE("briefing: the practical stage is not marked before the journal entry (p.8)", "[recognition][briefing]") {
    briefing_fixture f;
    const auto id = f.sitting("BRIEF-2", "online");
    stmt u(f.d, "UPDATE sittings SET status = 'finished', finished_ms = ?, correct = 30, total = 40, passed = 1 WHERE id = ?");
    u.bind(1, f.t0 - 60'000).bind(2, id).run();
    f.theory_ended(id, f.t0 - 60'000);
    const auto e = refusal([&] { record_practical(f.d, {id, f.member1, {{"p1", true, ""}}}, f.t0); });
    CHECK(e.code == "briefing_required");
    CHECK(e.kind == error_kind::conflict);
    f.journal(id);
    CHECK(record_practical(f.d, {id, f.member1, {{"p1", true, ""}}}, f.t0).complete);
    // CARD-4 asks no briefing: marked as before
    CHECK(record_practical(f.d, {f.card_sitting(true), f.member1, {{"p1", true, ""}, {"p2", true, ""}}}, f.t0).complete);
}
