// HTTP API: health, login and throttling, roles, programmes and question
// imports, candidates, scheduling of sessions.
#include <catch2/catch.hpp>

#include "tests/integration/harness.hpp"

using namespace it;

TEST_CASE("health login throttling and roles", "[integration][http]") {
    server_process srv;
    const int port = srv.port();

    auto h = http_call(port, "GET", "/api/health");
    INFO(describe(h));
    REQUIRE(h.status == 200);
    CHECK(h.body_json == json({{"status", "ok"}}));

    // login ok
    auto ok = http_call(port, "POST", "/api/login", {{"login", admin_login}, {"password", admin_password}});
    INFO(describe(ok));
    REQUIRE(ok.status == 200);
    REQUIRE(ok.body_json["token"].is_string());
    CHECK(!ok.body_json["token"].get<std::string>().empty());
    CHECK(ok.body_json.value("role", "") == "admin");
    const std::string admin = ok.body_json["token"].get<std::string>();

    // wrong password, unknown login
    auto bad = http_call(port, "POST", "/api/login", {{"login", admin_login}, {"password", "not-the-password"}});
    INFO(describe(bad));
    CHECK(bad.status == 401);
    CHECK(bad.error() == "invalid_credentials");
    CHECK(bad.body_json.contains("message"));
    auto unknown = http_call(port, "POST", "/api/login", {{"login", "nobody-here"}, {"password", "whatever-1"}});
    INFO(describe(unknown));
    CHECK(unknown.status == 401);
    CHECK(unknown.error() == "invalid_credentials");

    // Throttling: 5 failures of one login from one address, the 6th is 429 (and
    // so is the right password from that address while the back-off lasts: 1 s
    // after the 5th failure). Other accounts are not affected; the owner from
    // another address neither (tests/security/test_accounts.cpp).
    candidate c = create_candidate(port, admin, "lockme");
    for (int i = 1; i <= 5; ++i) {
        auto r = http_call(port, "POST", "/api/login", {{"login", c.login}, {"password", "wrong-password-x"}});
        INFO("failed login #" << i << ": " << describe(r));
        CHECK(r.status == 401);
        CHECK(r.error() == "invalid_credentials");
    }
    {
        auto r = http_call(port, "POST", "/api/login", {{"login", c.login}, {"password", "wrong-password-x"}});
        INFO("failed login #6: " << describe(r));
        CHECK(r.status == 429);
        CHECK(r.error() == "too_many_attempts");
    }
    {
        auto r = http_call(port, "POST", "/api/login", {{"login", c.login}, {"password", c.password}});
        INFO("right password while throttled: " << describe(r));
        CHECK(r.status == 429);
        CHECK(r.error() == "too_many_attempts");
    }
    {
        auto r = http_call(port, "POST", "/api/login", {{"login", admin_login}, {"password", admin_password}});
        INFO("another account is not throttled: " << describe(r));
        CHECK(r.status == 200);
    }

    // Roles. The candidate's token was issued before the lockout.
    const json prog = make_programme("ROLES-1", 10, 10, "above", 2);
    {
        auto r = http_call(port, "POST", "/api/programmes", prog, c.token);
        INFO("candidate creates a programme: " << describe(r));
        CHECK(r.status == 403);
        CHECK(r.error() == "forbidden");
    }
    {
        auto r = http_call(port, "POST", "/api/programmes", prog);
        INFO("no token: " << describe(r));
        CHECK(r.status == 401);
        CHECK(r.error() == "unauthorized");
    }
    {
        auto r = http_call(port, "POST", "/api/programmes", prog, "not-a-real-token");
        INFO("unknown token: " << describe(r));
        CHECK(r.status == 401);
        CHECK(r.error() == "unauthorized");
    }
    {
        auto r = http_call(port, "GET", "/api/no-such-route", nullptr, admin);
        INFO("unknown route: " << describe(r));
        CHECK(r.status == 404);
        CHECK(r.error() == "not_found");
    }
    {
        auto r = http_call(port, "POST", "/api/programmes", prog, admin);
        INFO("admin creates a programme: " << describe(r));
        CHECK(r.status == 201);
    }
}

namespace {

std::string moodle_quiz() {
    return R"(<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category">
    <category><text>$course$/top/Safety</text></category>
  </question>
  <question type="multichoice">
    <name><text>XML one</text></name>
    <questiontext format="html"><text><![CDATA[<p>What is <b>XML-one</b>?</p>]]></text></questiontext>
    <idnumber>X1</idnumber>
    <single>true</single>
    <shuffleanswers>true</shuffleanswers>
    <answer fraction="0" format="html"><text>wrong-X1-1</text></answer>
    <answer fraction="100" format="html"><text><![CDATA[<p>right-X1</p>]]></text></answer>
    <answer fraction="0" format="html"><text>wrong-X1-2</text></answer>
  </question>
  <question type="multichoice">
    <name><text>X2</text></name>
    <questiontext format="html"><text>What is XML-two?</text></questiontext>
    <single>true</single>
    <answer fraction="100"><text>right-X2</text></answer>
    <answer fraction="0"><text>wrong-X2-1</text></answer>
  </question>
  <question type="truefalse">
    <name><text>X3</text></name>
    <questiontext format="html"><text>Is this a true/false question?</text></questiontext>
    <answer fraction="100"><text>true</text></answer>
    <answer fraction="0"><text>false</text></answer>
  </question>
</quiz>
)";
}

}  // namespace

TEST_CASE("a staff account holds a set of roles and every one of them admits it", "[integration][http][roles]") {
    server_process srv;
    const int port = srv.port();
    const std::string admin = admin_token(port);

    // An exam commission member who also sits on the appeal commission.
    auto u = http_call(port, "POST", "/api/users",
                       {{"login", "aigul"}, {"password", "aigul-password"}, {"roles", {"commission", "appeal"}}}, admin);
    INFO(describe(u));
    REQUIRE(u.status == 201);
    CHECK(u.body_json.value("role", "") == "commission");  // the first is the main one
    CHECK(u.body_json["roles"] == json({"commission", "appeal"}));

    auto login = http_call(port, "POST", "/api/login", {{"login", "aigul"}, {"password", "aigul-password"}});
    INFO(describe(login));
    REQUIRE(login.status == 200);
    CHECK(login.body_json["roles"] == json({"commission", "appeal"}));
    const std::string token = login.body_json["token"].get<std::string>();
    auto me = http_call(port, "GET", "/api/me", nullptr, token);
    INFO(describe(me));
    CHECK(me.body_json["roles"] == json({"commission", "appeal"}));
    // The commission's queue (commission) and the appeals (appeal) both open; the admin's routes do not.
    CHECK(http_call(port, "GET", "/api/commission/queue", nullptr, token).status == 200);
    CHECK(http_call(port, "GET", "/api/appeals", nullptr, token).status == 200);
    CHECK(http_call(port, "GET", "/api/users", nullptr, token).status == 403);

    auto list = http_call(port, "GET", "/api/users", nullptr, admin);
    INFO(describe(list));
    REQUIRE(list.status == 200);
    bool found = false;
    for (const auto& row : list.body_json)
        if (row.value("login", "") == "aigul") {
            found = true;
            CHECK(row["roles"] == json({"commission", "appeal"}));
        }
    CHECK(found);

    // Refused: a candidate's role, a role twice, an empty list, an unknown role; nothing is created.
    for (const json& roles : {json({"commission", "candidate"}), json({"appeal", "appeal"}), json::array(), json({"dean"})}) {
        auto r = http_call(port, "POST", "/api/users", {{"login", "refused"}, {"password", "refused-password"}, {"roles", roles}},
                           admin);
        INFO(roles.dump() << ": " << describe(r));
        CHECK(r.status == 422);
    }
    auto again = http_call(port, "POST", "/api/login", {{"login", "refused"}, {"password", "refused-password"}});
    CHECK(again.status == 401);
}

TEST_CASE("programmes and question imports", "[integration][http]") {
    server_process srv;
    const int port = srv.port();
    const std::string admin = admin_token(port);

    json prog = make_programme("PLUMBER-4", 90, 90, "above", 2, {"ru"});
    {
        auto r = http_call(port, "POST", "/api/programmes", prog, admin);
        INFO(describe(r));
        REQUIRE(r.status == 201);
    }
    {
        auto r = http_call(port, "POST", "/api/programmes", prog, admin);
        INFO("duplicate: " << describe(r));
        CHECK(r.status == 409);
        CHECK(r.error() == "programme_exists");
    }
    {
        json inv = make_programme("BAD-OKED", 90, 90, "above", 2);
        inv["oked"] = "12";
        auto r = http_call(port, "POST", "/api/programmes", inv, admin);
        INFO("oked 12: " << describe(r));
        CHECK(r.status == 422);
        CHECK(r.error() == "validation_failed");
        auto g = http_call(port, "GET", "/api/programmes/BAD-OKED", nullptr, admin);
        INFO(describe(g));
        CHECK(g.status == 404);
    }
    {
        // A programme names the procedure that owns its sittings: only one this server runs.
        json other = make_programme("EXPERT-1", 90, 90, "above", 2);
        other["kind"] = "mse_expert";
        auto r = http_call(port, "POST", "/api/programmes", other, admin);
        INFO("kind mse_expert: " << describe(r));
        CHECK(r.status == 422);
        CHECK(r.error() == "unknown_kind");
        other["kind"] = "Recognition!";
        r = http_call(port, "POST", "/api/programmes", other, admin);
        INFO("kind Recognition!: " << describe(r));
        CHECK(r.status == 422);
        CHECK(r.error() == "validation_failed");
        auto g = http_call(port, "GET", "/api/programmes/EXPERT-1", nullptr, admin);
        CHECK(g.status == 404);
    }
    {
        auto r = http_raw(port, "POST", "/api/programmes", "{\"code\": \"X\", oops", "application/json", admin);
        INFO("not JSON: " << describe(r));
        CHECK(r.status == 400);
        CHECK(r.error() == "bad_json");
    }
    {
        auto g = http_call(port, "GET", "/api/programmes/PLUMBER-4", nullptr, admin);
        INFO(describe(g));
        REQUIRE(g.status == 200);
        const json& p = g.body_json;
        CHECK(p.value("kind", "") == "recognition");  // the default
        CHECK(p.value("code", "") == "PLUMBER-4");
        CHECK(p.value("oked", "") == "43221");
        CHECK(p.value("nkz", "") == "71260001");
        CHECK(p.value("nqf_level", 0) == 4);
        CHECK(p["theory"].value("questions", 0) == 90);
        CHECK(p["theory"].value("pass_rule", "") == "above");
        CHECK(p.value("attempts", 0) == 2);
        REQUIRE(p.contains("bank"));
        CHECK(p["bank"].value("ru", -1) == 0);
    }

    // JSON import, some rejected. Programme offers ru only.
    json qs = make_questions("J", "ru", 4);
    json batch = json::array();
    batch.push_back(qs[0]);                                          // 0 ok
    json missing_id = qs[1];
    missing_id.erase("id");
    batch.push_back(missing_id);                                     // 1 missing id
    batch.push_back(qs[1]);                                          // 2 ok
    json kk = make_questions("J", "kk", 1, 50)[0];
    batch.push_back(kk);                                             // 3 language not offered
    json one_opt = make_questions("J", "ru", 1, 60)[0];
    one_opt["options"] = json::array({"only-one"});
    one_opt["correct"] = json::array({0});
    batch.push_back(one_opt);                                        // 4 need 2 to 10 options
    json no_correct = make_questions("J", "ru", 1, 61)[0];
    no_correct["correct"] = json::array();
    batch.push_back(no_correct);                                     // 5 no correct answer
    json out_of_range = make_questions("J", "ru", 1, 62)[0];
    out_of_range["correct"] = json::array({4});                      // 4 options: 0..3
    batch.push_back(out_of_range);                                   // 6 correct index out of range
    json dup = make_questions("J", "ru", 1, 63)[0];
    dup["id"] = qs[0]["id"];
    batch.push_back(dup);                                            // 7 duplicate id in this import
    json last_index = qs[2];
    last_index["correct"] = json::array({3});                        // 0-based: the last of 4 is fine
    last_index["options"] = json::array({"wrong-a", "wrong-b", "wrong-c", "right-J-ru-003"});
    batch.push_back(last_index);                                     // 8 ok
    json empty_text = make_questions("J", "ru", 1, 64)[0];
    empty_text["text"] = "";
    batch.push_back(empty_text);                                     // 9 empty text
    {
        auto r = http_call(port, "POST", "/api/programmes/PLUMBER-4/questions", batch, admin);
        INFO(describe(r));
        REQUIRE(r.status == 200);
        CHECK(r.body_json.value("imported", -1) == 3);
        REQUIRE(r.body_json["rejected"].is_array());
        std::map<int, std::string> rejected;
        for (const auto& x : r.body_json["rejected"]) {
            REQUIRE(x["index"].is_number_integer());
            REQUIRE(x["reason"].is_string());
            rejected[x["index"].get<int>()] = x["reason"].get<std::string>();
        }
        std::map<int, std::string> expected = {{1, "missing id"},
                                               {3, "language not offered by the programme"},
                                               {4, "need 2 to 10 options"},
                                               {5, "no correct answer"},
                                               {6, "correct index out of range"},
                                               {7, "duplicate id in this import"},
                                               {9, "empty text"}};
        CHECK(rejected == expected);
    }

    // Moodle XML with ?lang=ru: a category, two multichoice, one truefalse.
    {
        auto r = http_raw(port, "POST", "/api/programmes/PLUMBER-4/questions?lang=ru", moodle_quiz(),
                          "application/xml", admin);
        INFO(describe(r));
        REQUIRE(r.status == 200);
        CHECK(r.body_json.value("imported", -1) == 2);
        REQUIRE(r.body_json["rejected"].is_array());
        REQUIRE(r.body_json["rejected"].size() == 1);
        CHECK(r.body_json["rejected"][0].value("index", -1) == 2);
        CHECK(r.body_json["rejected"][0].value("reason", "") == "unsupported question type: truefalse");
    }

    // DOCTYPE / ENTITY: refused whole.
    {
        std::string xxe = R"(<?xml version="1.0"?>
<!DOCTYPE quiz [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<quiz>
  <question type="multichoice">
    <name><text>&xxe;</text></name>
    <questiontext><text>&xxe;</text></questiontext>
    <answer fraction="100"><text>right-XXE</text></answer>
    <answer fraction="0"><text>wrong-XXE</text></answer>
  </question>
</quiz>
)";
        auto r = http_raw(port, "POST", "/api/programmes/PLUMBER-4/questions?lang=ru", xxe, "application/xml", admin);
        INFO(describe(r));
        CHECK(r.status == 422);
        CHECK(r.error() == "xml_doctype_forbidden");
        CHECK(r.body.find("root:") == std::string::npos);
    }
    {
        auto r = http_raw(port, "POST", "/api/programmes/PLUMBER-4/questions", "[{oops", "application/json", admin);
        INFO("import not JSON: " << describe(r));
        CHECK(r.status == 400);
        CHECK(r.error() == "bad_json");
    }

    // Bank counts: 3 from JSON + 2 from XML, all ru.
    {
        auto g = http_call(port, "GET", "/api/programmes/PLUMBER-4", nullptr, admin);
        INFO(describe(g));
        REQUIRE(g.status == 200);
        REQUIRE(g.body_json.contains("bank"));
        CHECK(g.body_json["bank"].value("ru", -1) == 5);
        CHECK(g.body_json["bank"].value("kk", 0) == 0);
    }

    // The XML questions as a candidate sees them: HTML reduced to text, the
    // right option found by its fraction.
    {
        create_programme(port, admin, make_programme("XMLONLY", 2, 10, "above", 2, {"ru"}));
        auto r = http_raw(port, "POST", "/api/programmes/XMLONLY/questions?lang=ru", moodle_quiz(), "text/xml", admin);
        INFO(describe(r));
        REQUIRE(r.status == 200);
        REQUIRE(r.body_json.value("imported", -1) == 2);
        candidate c = create_candidate(port, admin, "xmlcand");
        session_ref s = create_session(port, admin, c.id, "XMLONLY");
        ws_client ws;
        REQUIRE(ws.connect(port, ws_target(s.id, c.token)) == 101);
        ws.send_json({{"type", "start"}});
        json paper = ws.read_until_type("paper");
        INFO(paper.dump());
        REQUIRE(paper["questions"].size() == 2);
        bool seen_one = false, seen_two = false;
        for (const auto& q : paper["questions"]) {
            std::string text = q.value("text", "");
            CHECK(text.find('<') == std::string::npos);
            if (text.find("What is XML-one?") != std::string::npos) {
                seen_one = true;
                REQUIRE(q["options"].size() == 3);
                int right = right_option(q);
                CHECK(q["options"][static_cast<std::size_t>(right)].get<std::string>() == "right-X1");
                answer_and_ack(ws, q.value("n", 0), right, "x1");
            }
            if (text.find("What is XML-two?") != std::string::npos) {
                seen_two = true;
                REQUIRE(q["options"].size() == 2);
                answer_and_ack(ws, q.value("n", 0), right_option(q), "x2");
            }
        }
        CHECK(seen_one);
        CHECK(seen_two);
        ws.send_json({{"type", "finish"}});
        json res = ws.read_until_type("result");
        INFO(res.dump());
        CHECK(res.value("correct", -1) == 2);
        CHECK(res.value("total", -1) == 2);
    }
}

TEST_CASE("candidates and IINs", "[integration][http]") {
    server_process srv;
    const int port = srv.port();
    const std::string admin = admin_token(port);

    auto make = [](const std::string& iin, const std::string& birth, const std::string& login) {
        return json{{"iin", iin},           {"full_name", "Aigerim Test"}, {"birth_date", birth},
                    {"email", "a@ex.kz"},   {"phone", "+77011234567"},     {"login", login},
                    {"password", "secret-pass-1"}};
    };

    // The helper's algorithm agrees with the example.
    REQUIRE(make_iin("06121160001") == std::optional<std::string>("061211600012"));

    for (const std::string& bad : {std::string("061211600013"), std::string("06121160001"),
                                   std::string("0612116000123"), std::string("06121160001a"),
                                   std::string("061311600012") /* month 13 */}) {
        auto r = http_call(port, "POST", "/api/candidates", make(bad, "2006-12-11", "cand-bad"), admin);
        INFO("IIN " << bad << ": " << describe(r));
        CHECK(r.status == 422);
        CHECK(r.error() == "invalid_iin");
    }
    {
        // A valid IIN whose date disagrees with birth_date.
        auto r = http_call(port, "POST", "/api/candidates", make("061211600012", "2006-12-12", "cand-mis"), admin);
        INFO(describe(r));
        CHECK(r.status == 422);
        CHECK(r.error() == "birth_date_mismatch");
    }
    std::int64_t id = 0;
    {
        auto r = http_call(port, "POST", "/api/candidates", make("061211600012", "2006-12-11", "aigerim"), admin);
        INFO(describe(r));
        REQUIRE(r.status == 201);
        REQUIRE(r.body_json["id"].is_number_integer());
        id = r.body_json["id"].get<std::int64_t>();
    }
    {
        auto g = http_call(port, "GET", "/api/candidates/" + std::to_string(id), nullptr, admin);
        INFO(describe(g));
        REQUIRE(g.status == 200);
        CHECK(g.body_json.value("iin", "") == "061211600012");
        CHECK(g.body_json.value("birth_date", "") == "2006-12-11");
        CHECK(!g.body_json.contains("password"));
        CHECK(g.body.find("secret-pass-1") == std::string::npos);
    }
    {
        // The candidate can log in.
        auto r = http_call(port, "POST", "/api/login", {{"login", "aigerim"}, {"password", "secret-pass-1"}});
        INFO(describe(r));
        CHECK(r.status == 200);
        CHECK(r.body_json.value("role", "") == "candidate");
    }
    {
        auto [iin2, birth2] = next_iin();
        auto r = http_call(port, "POST", "/api/candidates", make(iin2, birth2, "aigerim"), admin);
        INFO("login taken: " << describe(r));
        CHECK(r.status == 409);
        CHECK(r.error() == "login_taken");
    }
    {
        auto r = http_call(port, "POST", "/api/candidates", make("061211600012", "2006-12-11", "aigerim-2"), admin);
        INFO("IIN exists: " << describe(r));
        CHECK(r.status == 409);
        CHECK(r.error() == "iin_exists");
    }
}

TEST_CASE("scheduling sessions: bank too small and language not offered", "[integration][http]") {
    server_process srv;
    const int port = srv.port();
    const std::string admin = admin_token(port);

    create_programme(port, admin, make_programme("SMALL-90", 90, 90, "above", 2, {"ru"}));
    import_questions(port, admin, "SMALL-90", make_questions("S", "ru", 80));
    candidate c = create_candidate(port, admin, "sched");
    {
        auto r = http_call(port, "POST", "/api/sessions",
                           {{"candidate", c.id}, {"programme", "SMALL-90"}, {"lang", "ru"}, {"mode", "online"}},
                           admin);
        INFO("80 questions for a 90-question paper: " << describe(r));
        CHECK(r.status == 409);
        CHECK(r.error() == "bank_too_small");
    }
    {
        auto r = http_call(port, "POST", "/api/sessions",
                           {{"candidate", c.id}, {"programme", "SMALL-90"}, {"lang", "kk"}, {"mode", "online"}},
                           admin);
        INFO("kk on a ru-only programme: " << describe(r));
        CHECK(r.status == 422);
        CHECK(r.error() == "language_not_offered");
    }
    {
        auto r = http_call(port, "POST", "/api/sessions",
                           {{"candidate", c.id + 1000}, {"programme", "SMALL-90"}, {"lang", "ru"}, {"mode", "online"}},
                           admin);
        INFO("unknown candidate: " << describe(r));
        CHECK(r.status == 404);
        CHECK(r.error() == "not_found");
    }
    // Ten more questions and it can be scheduled; a second open sitting cannot.
    import_questions(port, admin, "SMALL-90", make_questions("S", "ru", 10, 81));
    session_ref s = create_session(port, admin, c.id, "SMALL-90");
    CHECK(s.attempt == 1);
    {
        auto r = http_call(port, "POST", "/api/sessions",
                           {{"candidate", c.id}, {"programme", "SMALL-90"}, {"lang", "ru"}, {"mode", "online"}},
                           admin);
        INFO("second open sitting: " << describe(r));
        CHECK(r.status == 409);
        CHECK(r.error() == "session_open");
    }
    {
        auto g = http_call(port, "GET", "/api/sessions/" + std::to_string(s.id), nullptr, c.token);
        INFO(describe(g));
        REQUIRE(g.status == 200);
        CHECK(g.body_json.value("status", "") == "scheduled");
        CHECK(g.body_json.value("attempt", 0) == 1);
        CHECK(g.body_json["correct"].is_null());
        CHECK(g.body_json["passed"].is_null());
    }
}

TEST_CASE("a Moodle XML import without ?lang takes each question's language from its text", "[integration][http][import]") {
    server_process srv;
    const int port = srv.port();
    const auto admin = admin_token(port);
    auto created = http_call(port, "POST", "/api/programmes", make_programme("PIPE-LANG", 90, 90, "above", 2, {"ru"}), admin);
    INFO(describe(created));
    REQUIRE(created.status == 201);
    // Moodle XML with Content-Type application/xml and no query (the contract):
    // each question's language from its text; one that cannot be told is rejected alone.
    {
        const std::string quiz = R"(<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="multichoice"><name><text>KZ-LANG</text></name>
    <questiontext format="html"><text>Құбырды қалай тексереді?</text></questiontext>
    <answer fraction="100"><text>Қысыммен</text></answer><answer fraction="0"><text>Көзбен</text></answer></question>
  <question type="multichoice"><name><text>RU-LANG</text></name>
    <questiontext format="html"><text>Как проверяют трубу?</text></questiontext>
    <answer fraction="100"><text>Давлением</text></answer><answer fraction="0"><text>На глаз</text></answer></question>
  <question type="multichoice"><name><text>NO-LANG</text></name>
    <questiontext format="html"><text>PN 16?</text></questiontext>
    <answer fraction="100"><text>16 bar</text></answer><answer fraction="0"><text>6 bar</text></answer></question>
</quiz>)";
        auto r = http_raw(port, "POST", "/api/programmes/PIPE-LANG/questions", quiz, "application/xml", admin);
        INFO(describe(r));
        REQUIRE(r.status == 200);
        CHECK(r.body_json.value("imported", -1) == 1);  // RU-LANG; PIPE-LANG offers ru only
        REQUIRE(r.body_json["rejected"].size() == 2);
        CHECK(r.body_json["rejected"][0].value("index", -1) == 0);
        CHECK(r.body_json["rejected"][0].value("reason", "") == "the text is in kk, which programme PIPE-LANG does not offer");
        CHECK(r.body_json["rejected"][1].value("index", -1) == 2);
        CHECK(r.body_json["rejected"][1].value("reason", "").find("cannot be told") != std::string::npos);
    }
}
