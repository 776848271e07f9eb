// The programme settings of W11 on the server, in process: the programme JSON
// reads and writes every setting (a programme of the contract before regimes
// loads as before), scheduling checks each blueprint topic's bank (X17), and
// the engine draws the paper per topic. The rules: tests/exam/theory/test_regime.cpp.
#include <catch2/catch.hpp>

#include <atomic>
#include <functional>
#include <future>

#include "server/accounts/store.hpp"
#include "server/db/db_readers.hpp"
#include "server/db/db_writer.hpp"
#include "server/db/migrator.hpp"
#include "server/db/sqlite.hpp"
#include "server/exam/exam_service.hpp"
#include "server/exam/schedule.hpp"
#include "server/exam/store.hpp"
#include "server/people/store.hpp"
#include "server/platform/domain_error.hpp"
#include "server/platform/json_map.hpp"
#include "server/programmes/store.hpp"
#include "server/recognition/owner.hpp"
#include "tests/server/temp_dir.hpp"

using namespace tanu::server;

namespace {

// 2026-03-02 09:00 Almaty (UTC+5), a Monday.
constexpr std::int64_t monday_ms = 1772424000000;

// A programme of today's contract: no regime, no settings.
json legacy_json() {
    return json::parse(R"({"code": "WELD-3", "profession": "Welder", "oked": "25110", "nqf_level": 3,
        "languages": ["ru"], "theory": {"questions": 3, "minutes": 30, "pass_percent": 70, "pass_rule": "above"},
        "attempts": 2})");
}

domain_error refusal_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const domain_error& e) {
        return e;
    }
    FAIL("no refusal");
    return {error_kind::internal, "", ""};
}

}  // namespace

TEST_CASE("programme JSON: today's contract loads with the defaults and validates as before", "[programme][json]") {
    auto p = programme_from_json(legacy_json());
    CHECK(p.regime == tanu::exam::legal_regime::custom);
    CHECK(p.modes == std::vector<std::string>{"online"});
    CHECK(p.methodology.empty());
    CHECK(p.allowed_items.empty());
    CHECK_FALSE(p.briefing_required);
    CHECK_FALSE(p.document_valid_years.has_value());
    CHECK_FALSE(p.admission.education_required);
    CHECK(p.admission.experience_years == 0);
    CHECK(p.blueprint.empty());
    CHECK_FALSE(p.strikes.has_value());
    CHECK_FALSE(tanu::exam::validate(p).has_value());
    // written out: every setting, so a page shows them
    json out = to_json(p);
    CHECK(out["regime"] == "custom");
    CHECK(out["modes"] == json::array({"online"}));
    CHECK(out["methodology"] == json::object());
    CHECK(out["allowed_items"] == json::array());
    CHECK(out["briefing_required"] == false);
    CHECK(out["document_valid_years"].is_null());
    CHECK(out["admission"] == json({{"education_required", false}, {"experience_years", 0}}));
    CHECK(out["blueprint"] == json::object());
    CHECK(out["proctoring"] ==
          json({{"focus_lost_is_violation", false}, {"strikes", json::array({"multiple_faces", "identity_mismatch"})}}));
    CHECK(out["attempts"] == 2);
    // what is written reads back the same
    CHECK(to_json(programme_from_json(out)) == out);
}

TEST_CASE("programme JSON: every setting read and written back", "[programme][json]") {
    json j = legacy_json();
    j["languages"] = {"kk", "ru"};
    j["attempts"] = 0;
    j["regime"] = "recognition_002";
    j["modes"] = {"online", "offline"};
    j["methodology"] = {{"kk", "Тест"}, {"ru", "Тест и практическое задание"}};
    j["allowed_items"] = {"calculators"};
    j["briefing_required"] = true;
    j["document_valid_years"] = 5;
    j["admission"] = {{"education_required", true}, {"experience_years", 3}};
    j["blueprint"] = {{"safety", 2}, {"welding", 1}};
    j["proctoring"] = {{"focus_lost_is_violation", true}, {"strikes", {"no_face"}}};
    auto p = programme_from_json(j);
    CHECK(p.regime == tanu::exam::legal_regime::recognition_002);
    CHECK(p.attempts == 0);
    CHECK(p.modes == std::vector<std::string>{"online", "offline"});
    CHECK(p.methodology.at("ru") == "Тест и практическое задание");
    CHECK(p.allowed_items == std::vector<std::string>{"calculators"});
    CHECK(p.briefing_required);
    CHECK(p.document_valid_years == 5);
    CHECK(p.admission.education_required);
    CHECK(p.admission.experience_years == 3);
    CHECK(p.blueprint == std::map<std::string, int>{{"safety", 2}, {"welding", 1}});
    CHECK(p.strikes == std::vector<std::string>{"no_face"});
    CHECK_FALSE(tanu::exam::validate(p).has_value());
    json out = to_json(p);
    CHECK(out["regime"] == "recognition_002");
    CHECK(out["document_valid_years"] == 5);
    CHECK(out["proctoring"]["strikes"] == json::array({"no_face", "focus_lost"}));  // what counts
    CHECK(to_json(programme_from_json(out)) == out);
}

TEST_CASE("programme JSON: a setting of the wrong type is a 400 naming the field", "[programme][json]") {
    auto bad = [](const char* key, json value) {
        json j = legacy_json();
        if (std::string(key) == "strikes") j["proctoring"] = {{"strikes", value}};
        else if (std::string(key) == "experience_years") j["admission"] = {{"experience_years", value}};
        else j[key] = value;
        return refusal_of([&] { programme_from_json(j); });
    };
    auto check = [&](const char* key, json value, const std::string& message, error_kind kind = error_kind::bad_request) {
        INFO(key);
        auto e = bad(key, std::move(value));
        CHECK(e.kind == kind);
        CHECK(std::string(e.what()) == message);
    };
    check("regime", 2, "field 'regime' must be a string");
    check("regime", "mse", "regime must be 'recognition_002', 'mse_003' or 'custom'", error_kind::unprocessable);
    check("modes", "online", "field 'modes' must be an array of strings");
    check("modes", json::array({1}), "field 'modes' must be an array of strings");
    check("methodology", "text", "field 'methodology' must be an object {lang: text}");
    check("methodology", {{"ru", 1}}, "field 'methodology': 'ru' must be a string");
    check("allowed_items", {{"calculators", true}}, "field 'allowed_items' must be an array of strings");
    check("briefing_required", "yes", "field 'briefing_required' must be true or false");
    check("document_valid_years", "5", "field 'document_valid_years' must be an integer");
    check("document_valid_years", 5.5, "field 'document_valid_years' must be an integer");
    check("admission", json::array(), "field 'admission' must be an object");
    check("experience_years", "3", "field 'admission.experience_years' must be an integer");
    check("blueprint", json::array({30}), "field 'blueprint' must be an object {topic: count}");
    check("blueprint", {{"safety", "3"}}, "field 'blueprint.safety' must be an integer");
    check("strikes", "no_face", "field 'proctoring.strikes' must be an array of strings");
}

namespace {

struct fixed_clock final : tanu::exam::clock {
    std::atomic<std::int64_t> t{monday_ms};
    std::int64_t now_ms() const override { return t.load(); }
};

// WELD-3 with a blueprint of two safety questions and one on welding, its ru
// bank `safety` safety questions and `welding` welding ones.
struct fixture {
    tanu_test::temp_dir dir{"tanu-settings-"};
    std::filesystem::path path = dir.path / "t.db";
    fixed_clock clock;
    logger log{log_level::off};
    db d{path};
    int migrated = migrate(d, embedded_migrations());
    db_writer writer{path, log, 16};
    db_readers readers{path, 2};
    boost::asio::thread_pool workers{2};
    sitting_hub hub;
    sitting_owners owners;
    exam_service exams{writer, readers, clock, hub, workers, log, owners};
    std::int64_t candidate = 0;
    int added = 0;

    fixture() {
        owners.add(recognition::kind, recognition::make_sitting_owner(log));
        json j = legacy_json();
        j["blueprint"] = {{"safety", 2}, {"welding", 1}};
        auto p = programme_from_json(j);
        REQUIRE_FALSE(tanu::exam::validate(p).has_value());
        store::insert_programme(d, p, to_json(p).dump(), monday_ms);
        const auto user = store::insert_user(d, "aigerim", "candidate", "x", monday_ms);
        candidate_row c;
        c.iin = "900101300016";
        c.full_name = "Айгерим Серикова";
        c.birth_date = "1990-01-01";
        candidate = store::insert_candidate(d, user, c, monday_ms);
    }
    ~fixture() { workers.join(); }

    void add(const std::string& topic, int n) {
        for (int i = 0; i < n; ++i, ++added) {
            tanu::exam::question q;
            q.id = "q" + std::to_string(added);
            q.lang = "ru";
            q.topic = topic;
            q.text = "Вопрос " + std::to_string(added);
            q.options = {"да", "нет"};
            q.correct = {0};
            store::upsert_question(d, "WELD-3", q, monday_ms);
        }
    }
    sitting_request ask() const { return {candidate, "WELD-3", "ru", "online", 1, {}, "none", {}}; }

    json start(std::int64_t sitting) {
        std::promise<json> p;
        auto got = p.get_future();
        exams.start(sitting, [&](start_outcome out, std::optional<domain_error> err) {
            if (err) p.set_exception(std::make_exception_ptr(*err));
            else p.set_value(std::move(out.message));
        });
        return got.get();
    }
    std::map<std::string, int> paper_topics(std::int64_t sitting) {
        auto r = readers.acquire();
        std::map<std::string, int> out;
        for (const auto& item : store::paper(*r, sitting)) ++out[store::find_question(*r, item.question)->topic];
        return out;
    }
};

}  // namespace

TEST_CASE("scheduling: a blueprint topic short of questions is a 409 naming the topic", "[exam][schedule][blueprint]") {
    fixture f;
    f.add("safety", 5);  // 5 questions, more than the paper's 3, but none on welding
    auto e = refusal_of([&] { schedule_sitting(f.d, f.owners, f.ask(), monday_ms); });
    CHECK(e.kind == error_kind::conflict);
    CHECK(e.code == "bank_too_small");
    CHECK(std::string(e.what()) == "the ru bank holds 0 questions of topic 'welding'; the blueprint draws 1");
    f.add("welding", 1);
    f.add("history", 4);  // a topic the blueprint does not draw
    const auto made = schedule_sitting(f.d, f.owners, f.ask(), monday_ms);
    CHECK(made.attempt == 1);
    // the paper: two of safety, one of welding, nothing of history
    json paper = f.start(made.id);
    REQUIRE(paper.value("type", "") == "paper");
    CHECK(f.paper_topics(made.id) == std::map<std::string, int>{{"safety", 2}, {"welding", 1}});
}
