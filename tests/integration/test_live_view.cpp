// The staff's live view (issue 10, "Live proctoring for staff"): the staff
// WebSocket's events and live list, who may open it, the newest frame on
// demand, and every viewing in the audit log.
#include <catch2/catch.hpp>

#include <thread>

#include "tests/integration/harness.hpp"

using namespace it;

namespace {

struct setup {
    std::string admin, commission, appeal;
    candidate cand;
    session_ref session;
};

std::string staff_member(int port, const std::string& admin, const std::string& login, const std::string& role) {
    auto u = http_call(port, "POST", "/api/users", {{"login", login}, {"password", login + "-password"}, {"roles", {role}}},
                       admin);
    INFO(describe(u));
    REQUIRE(u.status == 201);
    return login_token(port, login, login + "-password");
}

setup prepare(int port, const std::string& login) {
    setup s;
    s.admin = admin_token(port);
    s.commission = staff_member(port, s.admin, "comm-" + login, "commission");
    s.appeal = staff_member(port, s.admin, "appeal-" + login, "appeal");
    create_programme(port, s.admin, make_programme("LIVE-" + login, 5, 30, "above", 2, {"ru"}));
    import_questions(port, s.admin, "LIVE-" + login, make_questions("L" + login, "ru", 5));
    s.cand = create_candidate(port, s.admin, login);
    auto r = http_raw(port, "PUT", "/api/candidates/" + std::to_string(s.cand.id) + "/photo", fixture("id_photo.jpg"),
                      "image/jpeg", s.admin);
    INFO(describe(r));
    REQUIRE(r.status == 204);
    s.session = create_session(port, s.admin, s.cand.id, "LIVE-" + login);
    return s;
}

void start(ws_client& ws) {
    ws.send_json({{"type", "start"}});
    ws.read_until_type("paper");
}

std::string ticket(int port, const std::string& token) {
    auto t = http_call(port, "POST", "/api/proctoring/live/ws-ticket", nullptr, token);
    INFO(describe(t));
    REQUIRE(t.status == 201);
    return t.body_json["ticket"].get<std::string>();
}

// The audit log's lines of `action` (read with the sqlite3 tool, as test_procedure.cpp does).
int audit_count(const server_process& srv, const std::string& action) {
    auto out = run_command({"/usr/bin/sqlite3", srv.data_dir() + "/tanu.db",
                            "SELECT count(*) FROM audit_log WHERE action = '" + action + "';"},
                           "");
    INFO(out.output);
    REQUIRE(out.status.code == 0);
    return std::stoi(out.output);
}

}  // namespace

TEST_CASE("live view: a commission member's socket gets a second face's warning as it happens",
          "[integration][proctor][live_view]") {
    server_process srv(fast_proctoring());
    auto s = prepare(srv.port(), "feed");

    ws_client staff;
    REQUIRE(staff.connect(srv.port(), "/ws/staff/live?ticket=" + ticket(srv.port(), s.commission)) == 101);
    auto hello = staff.read_json(5s);
    REQUIRE(hello.value("type", "") == "hello");
    const auto start_id = hello.value("last_id", std::int64_t{-1});
    CHECK(start_id >= 0);
    staff.send_json({{"type", "ping"}});
    CHECK(staff.read_until_type("pong", 5s).value("type", "") == "pong");
    staff.send_json({{"type", "answer"}});
    auto refused = staff.read_until_type("error", 5s);
    CHECK(refused.value("error", "") == "unknown_type");

    ws_client cand;
    REQUIRE(cand.connect(srv.port(), ws_target(s.session.id, s.cand.token)) == 101);
    start(cand);
    auto said = stream_media(cand, {fixture("two_faces.jpg")}, 300ms, 8s, {}, "warning");
    bool warned = false;
    for (const auto& m : said) warned = warned || m.value("type", "") == "warning";
    REQUIRE(warned);

    // The staff socket has the violation as an event, and a live list with strike 1.
    json strike_event, live_with_strike;
    std::int64_t last_id = start_id;
    bool ordered = true;
    const auto deadline = clock_type::now() + 15s;
    while ((strike_event.is_null() || live_with_strike.is_null()) && clock_type::now() < deadline) {
        auto m = staff.poll_json(1s);
        if (!m) continue;
        if (m->value("type", "") == "event") {
            CHECK(m->value("session", std::int64_t{0}) == s.session.id);
            ordered = ordered && m->value("id", std::int64_t{0}) > last_id;
            last_id = m->value("id", std::int64_t{0});
            if (m->value("kind", "") == "multiple_faces" && m->value("strike", 0) == 1 && m->value("violation", false))
                strike_event = *m;
        } else if (m->value("type", "") == "live") {
            for (const auto& row : (*m)["sittings"])
                if (row.value("session", std::int64_t{0}) == s.session.id && row.value("strikes", 0) == 1)
                    live_with_strike = row;
        }
    }
    CHECK(ordered);  // each event once, in the log's order
    REQUIRE(strike_event.is_object());
    CHECK(strike_event.contains("t_ms"));
    CHECK(strike_event.contains("detail"));
    REQUIRE(live_with_strike.is_object());
    CHECK(live_with_strike.value("connections", 0) == 1);
    CHECK(live_with_strike["last_event"].is_object());
    // The socket's list is the route's: the same members.
    auto route = http_call(srv.port(), "GET", "/api/proctoring/live", nullptr, s.commission);
    REQUIRE(route.status == 200);
    REQUIRE(route.body_json["sittings"].size() == 1);
    for (const auto& [k, v] : route.body_json["sittings"][0].items()) CHECK(live_with_strike.contains(k));
}

TEST_CASE("live view: only administrators and commission members open it", "[integration][proctor][live_view]") {
    server_process srv(fast_proctoring());
    auto s = prepare(srv.port(), "who");
    {
        ws_client ws;
        CHECK(ws.connect(srv.port(), "/ws/staff/live", s.cand.token) == 403);
    }
    {
        ws_client ws;
        CHECK(ws.connect(srv.port(), "/ws/staff/live", s.appeal) == 403);
    }
    {
        ws_client ws;
        CHECK(ws.connect(srv.port(), "/ws/staff/live") == 401);
        CHECK(ws.connect(srv.port(), "/ws/staff/live?ticket=not-a-ticket") == 401);
    }
    CHECK(http_call(srv.port(), "POST", "/api/proctoring/live/ws-ticket", nullptr, s.cand.token).status == 403);
    CHECK(http_call(srv.port(), "POST", "/api/proctoring/live/ws-ticket", nullptr, s.appeal).status == 403);
    // A ticket is good for one upgrade; the bearer header also admits (clients that can set it).
    const auto t = ticket(srv.port(), s.admin);
    {
        ws_client ws;
        CHECK(ws.connect(srv.port(), "/ws/staff/live?ticket=" + t) == 101);
    }
    {
        ws_client ws;
        CHECK(ws.connect(srv.port(), "/ws/staff/live?ticket=" + t) == 401);
    }
    {
        ws_client ws;
        REQUIRE(ws.connect(srv.port(), "/ws/staff/live", s.commission) == 101);
        CHECK(ws.read_json(5s).value("type", "") == "hello");
    }
    // A ticket dies with its login.
    const auto t2 = ticket(srv.port(), s.commission);
    REQUIRE(http_call(srv.port(), "POST", "/api/logout", nullptr, s.commission).status / 100 == 2);
    ws_client ws;
    CHECK(ws.connect(srv.port(), "/ws/staff/live?ticket=" + t2) == 401);
}

TEST_CASE("live view: the newest frame on demand, and every viewing is logged", "[integration][proctor][live_view]") {
    server_process srv(fast_proctoring());
    auto s = prepare(srv.port(), "frame");
    const auto frame_url = "/api/sessions/" + std::to_string(s.session.id) + "/frame";
    auto none = http_call(srv.port(), "GET", frame_url, nullptr, s.commission);
    CHECK(none.status == 404);
    CHECK(http_call(srv.port(), "GET", "/api/sessions/999999/frame", nullptr, s.commission).status == 404);
    CHECK(http_call(srv.port(), "GET", frame_url, nullptr, s.cand.token).status == 403);
    CHECK(http_call(srv.port(), "GET", frame_url, nullptr, s.appeal).status == 403);

    ws_client cand;
    REQUIRE(cand.connect(srv.port(), ws_target(s.session.id, s.cand.token)) == 101);
    start(cand);
    stream_media(cand, {fixture("one_face.jpg")}, 300ms, 2500ms);
    http_response img;
    for (int i = 0; i < 30; ++i) {
        img = http_call(srv.port(), "GET", frame_url, nullptr, s.commission);
        if (img.status == 200) break;
        std::this_thread::sleep_for(200ms);
    }
    INFO(describe(img));
    REQUIRE(img.status == 200);
    CHECK(img.content_type == "image/jpeg");
    CHECK(img.body.substr(0, 2) == "\xff\xd8");

    auto rec = http_call(srv.port(), "GET", "/api/sessions/" + std::to_string(s.session.id) + "/recording", nullptr,
                         s.admin);
    REQUIRE(rec.status == 200);
    REQUIRE(!rec.body_json["frames"].empty());
    // The images of a recording are not logged one by one: only the opening of its list.
    auto one = http_call(srv.port(), "GET", rec.body_json["frames"][0]["url"].get<std::string>(), nullptr, s.admin);
    CHECK(one.status == 200);
    {
        ws_client staff;
        REQUIRE(staff.connect(srv.port(), "/ws/staff/live?ticket=" + ticket(srv.port(), s.commission)) == 101);
        CHECK(staff.read_json(5s).value("type", "") == "hello");
    }
    CHECK(audit_count(srv, "frame_viewed") == 1);  // the 404s are not viewings
    CHECK(audit_count(srv, "recording_viewed") == 1);
    CHECK(audit_count(srv, "live_view_opened") == 1);
    // The chain still verifies with the viewings in it.
    auto verify = http_call(srv.port(), "GET", "/api/audit/verify", nullptr, s.admin);
    INFO(describe(verify));
    CHECK(verify.status == 200);
}
