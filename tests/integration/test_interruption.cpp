// A lost connection (issue 11, X6; seed 002 p.11): the time away is given back
// on return; away beyond the limit the attempt ends for the commission, who
// records the p.11 act (the sitting voided, no attempt) or lets it stand.
#include <catch2/catch.hpp>

#include <thread>


#include "tests/integration/harness.hpp"

using namespace it;
using namespace std::chrono_literals;

namespace {

server_options limit_of(int seconds) {
    server_options o;
    o.config_extra = {{"scheduling", {{"connection_limit_s", seconds}, {"connection_credit_s", 600}}}};
    return o;
}

json events_of(int port, const std::string& staff, std::int64_t session) {
    auto r = http_call(port, "GET", "/api/sessions/" + std::to_string(session) + "/events", {}, staff);
    REQUIRE(r.status == 200);
    return r.body_json;
}

const json* event(const json& events, const std::string& kind) {
    for (const auto& e : events)
        if (e.value("kind", "") == kind) return &e;
    return nullptr;
}

json session_of(int port, const std::string& token, std::int64_t id) {
    auto r = http_call(port, "GET", "/api/sessions/" + std::to_string(id), {}, token);
    REQUIRE(r.status == 200);
    return r.body_json;
}

}  // namespace

TEST_CASE("a lost connection: the time away is given back on return", "[integration][ws][exam]") {
    server_process srv(limit_of(60));
    const int port = srv.port();
    const std::string admin = admin_token(port);
    create_programme(port, admin, make_programme("AWAY-10", 10, 30, "above", 2, {"ru"}));
    import_questions(port, admin, "AWAY-10", make_questions("W", "ru", 10));
    candidate c = create_candidate(port, admin, "weakline");
    session_ref s = create_session(port, admin, c.id, "AWAY-10");

    ws_client ws;
    REQUIRE(ws.connect(port, ws_target(s.id, c.token)) == 101);
    ws.send_json({{"type", "start"}});
    json paper1 = ws.read_until_type("paper");
    answer_and_ack(ws, 1, right_option(paper_question(paper1, 1)), "w1");
    ws.drop();
    std::this_thread::sleep_for(2500ms);
    {
        json g = session_of(port, admin, s.id);
        INFO(g.dump());
        CHECK(g.value("status", "") == "in_progress");
    }

    ws_client ws2;
    REQUIRE(ws2.connect(port, ws_target(s.id, c.token)) == 101);
    ws2.send_json({{"type", "start"}});
    json paper2 = ws2.read_until_type("paper");
    CHECK(paper2["answers"].contains("1"));
    // never more than the attempt had
    CHECK(paper2.value("remaining_ms", std::int64_t{0}) <= paper1.value("remaining_ms", std::int64_t{0}));

    json ev = events_of(port, admin, s.id);
    INFO(ev.dump());
    auto lost = event(ev, "connection_lost");
    auto back = event(ev, "connection_restored");
    REQUIRE(lost);
    REQUIRE(back);
    CHECK((*lost)["args"].value("technical", false));  // the evidence of a p.11 act, never a strike
    CHECK_FALSE(lost->value("violation", true));
    // about the 2.5 s away were given back: the clock waited for him
    CHECK((*back)["args"].value("away_s", 0.0) >= 2.0);
    CHECK((*back)["args"].value("credit_s", 0.0) == (*back)["args"].value("away_s", -1.0));

    ws2.send_json({{"type", "finish"}});
    json res = ws2.read_until_type("result");
    CHECK(res.value("correct", -1) == 1);
}

TEST_CASE("away beyond the limit: the attempt ends, then the commission's p.11 act voids it", "[integration][ws][exam]") {
    server_process srv(limit_of(2));
    const int port = srv.port();
    const std::string admin = admin_token(port);
    create_programme(port, admin, make_programme("AWAY-5", 5, 30, "above", 2, {"ru"}));
    import_questions(port, admin, "AWAY-5", make_questions("V", "ru", 5));
    candidate c = create_candidate(port, admin, "gone");
    session_ref s = create_session(port, admin, c.id, "AWAY-5");
    {
        ws_client ws;
        REQUIRE(ws.connect(port, ws_target(s.id, c.token)) == 101);
        ws.send_json({{"type", "start"}});
        json paper = ws.read_until_type("paper");
        answer_and_ack(ws, 1, right_option(paper_question(paper, 1)), "v1");
        answer_and_ack(ws, 2, right_option(paper_question(paper, 2)), "v2");
        ws.close();
    }
    // the sweep ends it once he has been away beyond the 2 s limit
    json g;
    for (int i = 0; i < 40; ++i) {
        g = session_of(port, admin, s.id);
        if (g.value("status", "") != "in_progress") break;
        std::this_thread::sleep_for(250ms);
    }
    INFO(g.dump());
    CHECK(g.value("status", "") == "finished");
    CHECK(g.value("finish_reason", "") == "connection_lost");
    CHECK(g.value("correct", -1) == 2);  // his answers are kept and scored

    // he comes back: the result, no paper
    json back = start_frame(port, c, s.id);
    INFO(back.dump());
    CHECK(back.value("type", "") == "result");

    json ev = events_of(port, admin, s.id);
    INFO(ev.dump());
    REQUIRE(event(ev, "connection_lost_limit"));
    CHECK((*event(ev, "connection_lost_limit"))["args"].value("limit_s", 0.0) == 2.0);

    // the commission (here the admin) records the p.11 act: the sitting is voided, its evidence the server's record
    auto act = http_call(port, "POST", "/api/sessions/" + std::to_string(s.id) + "/technical-failure",
                         {{"kind", "connection_lost"}, {"description", "the candidate's line was down for minutes"}}, admin);
    INFO(describe(act));
    REQUIRE(act.status == 201);
    CHECK(act.body_json["session"].value("status", "") == "voided");
    const auto evidence = act.body_json["act"]["evidence"];
    CHECK(evidence.size() >= 2);  // connection_lost and connection_lost_limit
}

TEST_CASE("with the limit at zero the clock runs while he is away, as before", "[integration][ws][exam]") {
    server_process srv(limit_of(0));
    const int port = srv.port();
    const std::string admin = admin_token(port);
    create_programme(port, admin, make_programme("AWAY-0", 5, 30, "above", 2, {"ru"}));
    import_questions(port, admin, "AWAY-0", make_questions("Z", "ru", 5));
    candidate c = create_candidate(port, admin, "noclock");
    session_ref s = create_session(port, admin, c.id, "AWAY-0");
    ws_client ws;
    REQUIRE(ws.connect(port, ws_target(s.id, c.token)) == 101);
    ws.send_json({{"type", "start"}});
    json paper1 = ws.read_until_type("paper");
    ws.drop();
    std::this_thread::sleep_for(1500ms);
    ws_client ws2;
    REQUIRE(ws2.connect(port, ws_target(s.id, c.token)) == 101);
    ws2.send_json({{"type", "start"}});
    json paper2 = ws2.read_until_type("paper");
    CHECK(paper2.value("remaining_ms", std::int64_t{0}) <= paper1.value("remaining_ms", std::int64_t{0}) - 1000);
    json ev = events_of(port, admin, s.id);
    CHECK_FALSE(event(ev, "connection_lost"));
}
