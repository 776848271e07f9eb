// Changing a programme (PUT /api/programmes/{code}, replace_programme) and its
// bank's summary (GET /api/programmes/{code}/bank) on a migrated temporary
// SQLite file: the use case in process, and the routes through the route table
// (router.handle, the request as the server receives it, the admin's token).
#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>

#include "server/accounts/store.hpp"
#include "server/db/db_readers.hpp"
#include "server/db/db_writer.hpp"
#include "server/db/migrator.hpp"
#include "server/db/sqlite.hpp"
#include "server/exam/schedule.hpp"
#include "server/exam/sitting_owner.hpp"
#include "server/http/router.hpp"
#include "server/people/store.hpp"
#include "server/platform/json_map.hpp"
#include "server/platform/module.hpp"
#include "server/programmes/routes.hpp"
#include "server/programmes/store.hpp"
#include "server/programmes/update.hpp"
#include "server/recognition/owner.hpp"
#include "tests/server/refusal.hpp"
#include "tests/server/temp_dir.hpp"

using namespace tanu::server;
using tanu_test::refusal;

namespace {

constexpr std::int64_t t0 = 1772424000000;  // 2026-03-02 09:00 Almaty

struct fixed_clock final : tanu::exam::clock {
    std::atomic<std::int64_t> t{t0};
    std::int64_t now_ms() const override { return t.load(); }
};

// "Bearer admin" (user 1, the one stored), "Bearer commission", "Bearer registrar" (they only read).
principal test_auth(const request& req) {
    const std::string auth(req[http::field::authorization]);
    if (auth == "Bearer admin") return {1, "root", "admin", std::nullopt, {}};
    if (auth == "Bearer commission") return {2, "member", "commission", std::nullopt, {}};
    if (auth == "Bearer registrar") return {3, "clerk", "registrar", std::nullopt, {}};
    throw unauthorized("unauthorized", "the token is not valid or has expired");
}

json weld_json() {
    return json::parse(R"({"code": "WELD-3", "profession": "Сварщик", "oked": "25110", "nqf_level": 3,
        "languages": ["kk", "ru"], "theory": {"questions": 3, "minutes": 30, "pass_percent": 70, "pass_rule": "above"},
        "attempts": 2, "topics": {"safety": {"kk": "Қауіпсіздік", "ru": "Безопасность"}}})");
}

struct fixture {
    tanu_test::temp_dir dir{"tanu-programmes-"};
    std::filesystem::path path = dir.path / "t.db";
    fixed_clock clock;
    logger log{log_level::off};
    db d{path};
    int migrated = migrate(d, embedded_migrations());
    db_writer writer{path, log, 16};
    db_readers readers{path, 2};
    boost::asio::thread_pool workers{1};
    notice_bell bell;
    server_config cfg;
    platform p{cfg, writer, readers, clock, log, workers, bell, ""};
    int banks_changed = 0;
    programmes_routes routes{p, [] { return std::vector<std::string>{"recognition"}; },
                             [this](const std::string&) { ++banks_changed; }};
    router r{test_auth, 1 << 20, {}, log};
    sitting_owners owners;

    fixture() {
        REQUIRE(store::insert_user(d, "root", "admin", "x", t0) == 1);  // the admin of the token
        routes.routes(r);
        owners.add(recognition::kind, recognition::make_sitting_owner(log));
    }
    ~fixture() { workers.join(); }

    response send(http::verb m, const std::string& target, const std::string& token, const json* body = nullptr,
                  const std::string& type = "application/json", const std::string& raw = "") {
        request req{m, target, 11};
        req.set(http::field::authorization, "Bearer " + token);
        if (body || !raw.empty()) {
            req.set(http::field::content_type, type);
            req.body() = body ? body->dump() : raw;
            req.prepare_payload();
        }
        return r.handle(req, "127.0.0.1");
    }
    static json body_of(const response& res) { return json::parse(res.body()); }

    void create(const json& j = weld_json()) {
        auto res = send(http::verb::post, "/api/programmes", "admin", &j);
        REQUIRE(res.result() == http::status::created);
    }
    void add_questions(const std::string& lang, const std::string& topic, int n, int from = 0) {
        for (int i = from; i < from + n; ++i) {
            tanu::exam::question q;
            q.id = lang + topic + std::to_string(i);
            q.lang = lang;
            q.topic = topic;
            q.text = "Вопрос " + std::to_string(i);
            q.options = {"да", "нет"};
            q.correct = {0};
            store::upsert_question(d, "WELD-3", q, t0);
        }
    }
    // A candidate's first sitting of WELD-3 in Russian (scheduled, nothing issued yet).
    void schedule_one() {
        add_questions("ru", "safety", 3);
        const auto user = store::insert_user(d, "aigerim", "candidate", "x", t0);
        candidate_row c;
        c.iin = "900101300016";
        c.full_name = "Айгерим Серикова";
        c.birth_date = "1990-01-01";
        const auto cand = store::insert_candidate(d, user, c, t0);
        schedule_sitting(d, owners, {cand, "WELD-3", "ru", "online", 1, {}, "none", {}}, t0);
    }
    int audits(const std::string& action) {
        stmt s(d, "SELECT count(*) FROM audit_log WHERE action = ?");
        s.bind(1, action);
        s.step();
        return s.i32(0);
    }
    std::string last_audit_detail(const std::string& action) {
        stmt s(d, "SELECT detail FROM audit_log WHERE action = ? ORDER BY id DESC LIMIT 1");
        s.bind(1, action);
        REQUIRE(s.step());
        return s.text(0);
    }
    // The test's connection reads what the writer committed (no statement of an
    // earlier use case left holding its snapshot).
    tanu::exam::programme stored() {
        d.reset_all();
        auto got = store::find_programme(d, "WELD-3");
        REQUIRE(got);
        return *got;
    }
};

}  // namespace

TEST_CASE("PUT programme: the settings are replaced, read back and audited", "[programmes][update][http]") {
    fixture f;
    f.create();
    json j = weld_json();
    j.erase("code");    // the path names it
    j.erase("topics");  // titles left out are kept
    j["attempts"] = 3;
    j["modes"] = {"online", "offline"};
    j["methodology"] = {{"kk", "Тест"}, {"ru", "Тест и практика"}};
    j["allowed_items"] = {"calculators"};
    j["briefing_required"] = true;
    j["document_valid_years"] = 5;
    j["admission"] = {{"education_required", true}, {"experience_years", 2}};
    j["blueprint"] = {{"safety", 2}, {"welding", 1}};
    j["proctoring"] = {{"strikes", {"multiple_faces", "no_face"}}};
    j["practical"] = json::array({{{"id", "seam"}, {"text", {{"kk", "Жік"}, {"ru", "Шов"}}}}});
    auto res = f.send(http::verb::put, "/api/programmes/WELD-3", "admin", &j);
    REQUIRE(res.result() == http::status::ok);
    const auto out = fixture::body_of(res);
    CHECK(out["code"] == "WELD-3");
    CHECK(out["attempts"] == 3);
    CHECK(out["modes"] == json::array({"online", "offline"}));
    CHECK(out["document_valid_years"] == 5);
    CHECK(out["blueprint"] == json({{"safety", 2}, {"welding", 1}}));
    CHECK(out["proctoring"]["strikes"] == json::array({"multiple_faces", "no_face"}));
    CHECK(out["practical"][0]["id"] == "seam");
    CHECK(out["topics"]["safety"]["ru"] == "Безопасность");
    CHECK(out["bank"] == json({{"kk", 0}, {"ru", 0}}));
    // what GET answers is what PUT stored
    auto got = fixture::body_of(f.send(http::verb::get, "/api/programmes/WELD-3", "registrar"));
    CHECK(got == out);
    CHECK(f.audits("programme.update") == 1);
    const auto detail = f.last_audit_detail("programme.update");
    CHECK(detail.find("attempts") != std::string::npos);
    CHECK(detail.find("blueprint") != std::string::npos);
    CHECK(detail.find("theory") == std::string::npos);  // unchanged
    CHECK(f.banks_changed == 1);  // the engine drops what it read of the programme
}

TEST_CASE("PUT programme: topic titles given replace the stored ones", "[programmes][update][http]") {
    fixture f;
    f.create();
    json j = weld_json();
    j["topics"] = {{"welding", {{"kk", "Дәнекерлеу"}, {"ru", "Сварка"}}}};
    REQUIRE(f.send(http::verb::put, "/api/programmes/WELD-3", "admin", &j).result() == http::status::ok);
    const auto p = f.stored();
    CHECK(p.topics.count("safety") == 0);
    CHECK(p.topics.at("welding").at("ru") == "Сварка");
}

TEST_CASE("PUT programme: refused for a contradiction, another code, a missing programme or a non-admin",
          "[programmes][update][http]") {
    fixture f;
    f.create();
    json j = weld_json();
    j["regime"] = "recognition_002";  // attempts 2 contradicts seed 002 p.19
    auto res = f.send(http::verb::put, "/api/programmes/WELD-3", "admin", &j);
    CHECK(res.result() == http::status::unprocessable_entity);
    CHECK(fixture::body_of(res)["error"] == "validation_failed");
    CHECK(fixture::body_of(res)["message"] ==
          "regime recognition_002: attempts must be 0 (no cap): seed 002 p.19 sets no limit on retakes");
    CHECK(f.stored().attempts == 2);
    CHECK(f.stored().regime == tanu::exam::legal_regime::custom);

    j = weld_json();
    j["code"] = "WELD-4";
    res = f.send(http::verb::put, "/api/programmes/WELD-3", "admin", &j);
    CHECK(res.result() == http::status::unprocessable_entity);
    CHECK(fixture::body_of(res)["message"] == "code cannot change: the programme is WELD-3 (create a new programme instead)");

    j = weld_json();
    j["kind"] = "expert_register";
    res = f.send(http::verb::put, "/api/programmes/WELD-3", "admin", &j);
    CHECK(res.result() == http::status::unprocessable_entity);
    CHECK(fixture::body_of(res)["error"] == "unknown_kind");

    j = weld_json();
    j["code"] = "NONE-1";
    res = f.send(http::verb::put, "/api/programmes/NONE-1", "admin", &j);
    CHECK(res.result() == http::status::not_found);

    j = weld_json();
    j["attempts"] = 5;
    CHECK(f.send(http::verb::put, "/api/programmes/WELD-3", "commission", &j).result() == http::status::forbidden);
    CHECK(f.send(http::verb::put, "/api/programmes/WELD-3", "registrar", &j).result() == http::status::forbidden);
    res = f.send(http::verb::put, "/api/programmes/WELD-3", "admin", nullptr, "application/json", "[1, 2]");
    CHECK(res.result() == http::status::bad_request);
    CHECK(f.stored().attempts == 2);
    CHECK(f.audits("programme.update") == 0);
}

TEST_CASE("replace_programme: once a sitting exists the theory, languages and kind stay, the rest may change",
          "[programmes][update]") {
    fixture f;
    f.create();
    f.schedule_one();
    auto next = f.stored();
    next.theory.questions = 4;
    next.theory.rule = tanu::exam::pass_rule::at_least;
    auto e = refusal([&] { replace_programme(f.d, next, 1, t0); });
    CHECK(e.kind == error_kind::conflict);
    CHECK(e.code == "programme_in_use");
    CHECK(std::string(e.what()) ==
          "programme WELD-3 has sittings: theory.questions and theory.pass_rule cannot change, since the papers "
          "issued and their scores follow them; create a new programme for the new terms");
    CHECK(f.stored().theory.questions == 3);

    next = f.stored();
    next.languages = {"ru"};
    e = refusal([&] { replace_programme(f.d, next, 1, t0); });
    CHECK(e.code == "programme_in_use");
    CHECK(std::string(e.what()).find(": languages cannot change") != std::string::npos);

    next = f.stored();
    next.languages = {"ru", "kk"};  // the same languages in another order
    next.attempts = 0;
    next.modes = {"offline"};
    next.methodology = {{"ru", "Тест"}};
    replace_programme(f.d, next, 1, t0);
    CHECK(f.stored().attempts == 0);
    CHECK(f.stored().modes == std::vector<std::string>{"offline"});
    CHECK(f.audits("programme.update") == 1);
    CHECK(f.last_audit_detail("programme.update") == "changed: attempts, languages, methodology and modes");
}

TEST_CASE("PUT programme: a sitting of it makes a change of the pass rule a 409 over HTTP", "[programmes][update][http]") {
    fixture f;
    f.create();
    f.schedule_one();
    json j = weld_json();
    j["theory"]["pass_percent"] = 60;
    auto res = f.send(http::verb::put, "/api/programmes/WELD-3", "admin", &j);
    CHECK(res.result() == http::status::conflict);
    CHECK(fixture::body_of(res)["error"] == "programme_in_use");
    CHECK(fixture::body_of(res)["message"].get<std::string>().find("theory.pass_percent cannot change") !=
          std::string::npos);
    CHECK(f.stored().theory.pass_percent == 70);
    j = weld_json();
    j["attempts"] = 0;
    CHECK(f.send(http::verb::put, "/api/programmes/WELD-3", "admin", &j).result() == http::status::ok);
    CHECK(f.stored().attempts == 0);
}

TEST_CASE("locked_changes names only the theory, the languages and the kind", "[programmes][update]") {
    auto a = programme_from_json(weld_json());
    auto b = a;
    b.attempts = 0;
    b.blueprint = {{"safety", 3}};
    b.languages = {"ru", "kk"};
    CHECK(locked_changes(a, b).empty());
    b.theory.minutes = 45;
    b.languages = {"kk"};
    CHECK(locked_changes(a, b) == std::vector<std::string>{"theory.minutes", "languages"});
}

TEST_CASE("GET bank: per language the total and the count per topic", "[programmes][bank][http]") {
    fixture f;
    f.create();
    f.add_questions("ru", "safety", 3);
    f.add_questions("ru", "welding", 2);
    f.add_questions("ru", "", 1);       // no topic: in the total only
    f.add_questions("ru", "safety", 1);  // the same id again replaces, it does not add
    auto res = f.send(http::verb::get, "/api/programmes/WELD-3/bank", "admin");
    REQUIRE(res.result() == http::status::ok);
    CHECK(fixture::body_of(res) == json::parse(R"({"kk": {"total": 0, "topics": {}},
        "ru": {"total": 6, "topics": {"safety": 3, "welding": 2}}})"));
    CHECK(f.send(http::verb::get, "/api/programmes/WELD-3/bank", "commission").result() == http::status::ok);
    CHECK(f.send(http::verb::get, "/api/programmes/WELD-3/bank", "registrar").result() == http::status::forbidden);
    CHECK(f.send(http::verb::get, "/api/programmes/NONE/bank", "admin").result() == http::status::not_found);
}

TEST_CASE("the bank summary follows a JSON import through the route", "[programmes][bank][http]") {
    fixture f;
    f.create();
    const std::string body = R"([
        {"id": "k1", "lang": "kk", "topic": "safety", "text": "Сұрақ", "options": ["иә", "жоқ"], "correct": [0]},
        {"id": "k2", "lang": "kk", "topic": "safety", "text": "", "options": ["иә", "жоқ"], "correct": [0]}])";
    auto res = f.send(http::verb::post, "/api/programmes/WELD-3/questions", "admin", nullptr, "application/json", body);
    REQUIRE(res.result() == http::status::ok);
    CHECK(fixture::body_of(res)["imported"] == 1);
    CHECK(fixture::body_of(res)["rejected"] == json::parse(R"([{"index": 1, "id": "k2", "reason": "empty text"}])"));
    auto bank = fixture::body_of(f.send(http::verb::get, "/api/programmes/WELD-3/bank", "admin"));
    CHECK(bank["kk"] == json::parse(R"({"total": 1, "topics": {"safety": 1}})"));
}
