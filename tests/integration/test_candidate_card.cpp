// The exam card a candidate sees before the start (issue 10): the sitting's
// JSON carries the programme's terms (programme_info), and the device check's
// connection test (POST /api/check/upload, GET /api/check/download).
#include <set>
#include <string>

#include <catch2/catch.hpp>

#include "tests/integration/harness.hpp"

using namespace it;

TEST_CASE("exam card: a sitting carries its programme's terms", "[integration][exam][card]") {
    server_process srv;
    const int port = srv.port();
    auto admin = admin_token(port);
    create_programme(port, admin, make_programme("CARD-A", 5, 25, "at_least", 3, {"kk", "ru"}, 75));
    import_questions(port, admin, "CARD-A", make_questions("A", "ru", 5));
    create_programme(port, admin, make_programme("CARD-B", 5, 40, "above", 2, {"kk", "ru"}, 70));
    import_questions(port, admin, "CARD-B", make_questions("B", "kk", 5));
    auto c = create_candidate(port, admin, "cardcand");
    auto a = create_session(port, admin, c.id, "CARD-A", "ru");
    auto offline = http_call(port, "POST", "/api/sessions",
                             {{"candidate", c.id}, {"programme", "CARD-B"}, {"lang", "kk"}, {"mode", "offline"}}, admin);
    REQUIRE(offline.status == 201);
    const auto b = offline.body_json["id"].get<std::int64_t>();

    auto list = http_call(port, "GET", "/api/sessions?candidate=" + std::to_string(c.id), nullptr, c.token);
    INFO("list: " << describe(list));
    REQUIRE(list.status == 200);
    REQUIRE(list.body_json.is_array());
    REQUIRE(list.body_json.size() == 2);
    std::set<std::int64_t> seen;
    for (const auto& s : list.body_json) {
        const auto id = s["id"].get<std::int64_t>();
        seen.insert(id);
        // The old fields stay as they were.
        for (const char* k : {"programme", "lang", "mode", "status", "attempt", "created_ms"}) CHECK(s.contains(k));
        REQUIRE(s["programme_info"].is_object());
        const auto& p = s["programme_info"];
        CHECK(p["scheduled_ms"].is_null());
        if (id == a.id) {
            CHECK(p["profession"] == "Plumber CARD-A");
            CHECK(p["questions"] == 5);
            CHECK(p["minutes"] == 25);
            CHECK(p["pass_percent"] == 75);
            CHECK(p["pass_rule"] == "at_least");
            CHECK(p["attempts"] == 3);
            CHECK(p["proctored"] == true);
            CHECK(s["attempt"] == 1);
        } else {
            CHECK(id == b);
            CHECK(p["profession"] == "Plumber CARD-B");
            CHECK(p["minutes"] == 40);
            CHECK(p["pass_rule"] == "above");
            CHECK(p["attempts"] == 2);
            CHECK(p["proctored"] == false);
        }
    }
    CHECK(seen == std::set<std::int64_t>{a.id, b});

    // The single sitting says the same.
    auto one = http_call(port, "GET", "/api/sessions/" + std::to_string(a.id), nullptr, c.token);
    INFO("one: " << describe(one));
    REQUIRE(one.status == 200);
    CHECK(one.body_json["programme_info"]["minutes"] == 25);
    CHECK(one.body_json["programme_info"]["pass_rule"] == "at_least");
}

TEST_CASE("device check: upload and download for anyone, with limits", "[integration][check]") {
    server_process srv;
    const int port = srv.port();

    const std::string body(128 * 1024, 'x');
    auto up = http_raw(port, "POST", "/api/check/upload", body, "application/octet-stream");
    INFO("upload: " << describe(up));
    REQUIRE(up.status == 200);
    CHECK(up.body_json["bytes"] == 128 * 1024);

    auto big = http_raw(port, "POST", "/api/check/upload", std::string(256 * 1024 + 1, 'x'), "application/octet-stream");
    CHECK(big.status == 413);
    auto edge = http_raw(port, "POST", "/api/check/upload", std::string(256 * 1024, 'x'), "application/octet-stream");
    CHECK(edge.status == 200);

    auto down = http_call(port, "GET", "/api/check/download?kb=128");
    REQUIRE(down.status == 200);
    CHECK(down.body.size() == 128 * 1024);
    CHECK(down.content_type == "application/octet-stream");
    // Incompressible: far more than a handful of distinct byte values.
    std::set<char> distinct(down.body.begin(), down.body.end());
    CHECK(distinct.size() > 200);
    auto def = http_call(port, "GET", "/api/check/download");
    CHECK(def.status == 200);
    CHECK(def.body.size() == 128 * 1024);
    CHECK(http_call(port, "GET", "/api/check/download?kb=512").body.size() == 512 * 1024);
    for (const char* bad : {"513", "0", "-1", "abc", "99999"}) {
        INFO("kb=" << bad);
        CHECK(http_call(port, "GET", std::string("/api/check/download?kb=") + bad).status == 400);
    }
}
