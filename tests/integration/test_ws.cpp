// The exam WebSocket: bad input, access control, idle timeout.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <set>
#include <thread>

#include <catch2/catch.hpp>

#include "tests/integration/harness.hpp"

using namespace it;

namespace {

// A started connection that reconnects (and starts again) when a check has
// left it closed, so one failure does not hide the checks after it.
struct exam_conn {
    int port;
    std::int64_t session;
    std::string token;
    std::unique_ptr<ws_client> ws;
    json paper;
    int seq = 0;

    void open_and_start() {
        ws = std::make_unique<ws_client>();
        REQUIRE(ws->connect(port, ws_target(session, token)) == 101);
        ws->send_json({{"type", "start"}});
        paper = ws->read_until_type("paper");
    }
    void reopen_if_closed(const std::string& after) {
        ws->pump(200ms);
        if (!ws->is_open()) {
            FAIL_CHECK("the connection was closed after " << after << " (" << ws->read_error() << ")");
            open_and_start();
        }
    }
    void expect_error(const std::string& code, const std::string& what) {
        try {
            json e = ws->read_non_time(10s);
            INFO(what << " -> " << e.dump());
            CHECK(e.value("type", "") == "error");
            CHECK(e.value("error", "") == code);
        } catch (const std::exception& ex) {
            FAIL_CHECK(what << ": expected error `" << code << "`, got: " << ex.what());
        }
        reopen_if_closed(what);
    }
    // A valid answer afterwards still gets `saved`.
    void still_usable(int n, const std::string& after) {
        std::string s = "ok-" + std::to_string(++seq);
        try {
            ws->send_json({{"type", "answer"},
                           {"n", n},
                           {"choice", json::array({right_option(paper_question(paper, n))})},
                           {"seq", s}});
            json m = ws->read_non_time(10s);
            INFO("valid answer after " << after << " -> " << m.dump());
            CHECK(m.value("type", "") == "saved");
            CHECK(m.value("n", -1) == n);
            CHECK(m.value("seq", "") == s);
        } catch (const std::exception& ex) {
            FAIL_CHECK("valid answer after " << after << ": " << ex.what());
            reopen_if_closed(after);
        }
    }
};

}  // namespace

TEST_CASE("bad input on the exam WebSocket keeps the connection usable", "[integration][ws]") {
    server_process srv;
    const int port = srv.port();
    const std::string admin = admin_token(port);
    create_programme(port, admin, make_programme("BAD-90", 90, 90, "above", 2, {"ru"}));
    import_questions(port, admin, "BAD-90", make_questions("D", "ru", 90));
    candidate c = create_candidate(port, admin, "badinput");
    session_ref s = create_session(port, admin, c.id, "BAD-90");

    exam_conn x{port, s.id, c.token, std::make_unique<ws_client>(), json(), 0};
    REQUIRE(x.ws->connect(port, ws_target(s.id, c.token)) == 101);

    // Before start.
    x.ws->send_json({{"type", "answer"}, {"n", 1}, {"choice", json::array({0})}, {"seq", "early"}});
    x.expect_error("not_started", "answer before start");
    x.ws->send_json({{"type", "start"}});
    x.paper = x.ws->read_until_type("paper");
    REQUIRE(x.paper["questions"].size() == 90);
    const json& q1 = paper_question(x.paper, 1);
    REQUIRE(q1.value("multi", true) == false);
    REQUIRE(q1["options"].size() == 4);
    const int wrong1 = wrong_option(q1);

    x.still_usable(1, "start");

    x.ws->send_text_raw("{\"type\": \"answer\", \"n\": 1, oops");
    x.expect_error("bad_json", "invalid JSON");
    x.still_usable(2, "invalid JSON");

    x.ws->send_json({{"type", "answer"}, {"n", 1}, {"choice", json::array({wrong1})}, {"seq", 17}});
    x.expect_error("bad_request", "seq not a string");
    x.still_usable(3, "seq not a string");

    x.ws->send_json({{"type", "launch_rockets"}});
    x.expect_error("unknown_type", "unknown type");
    x.still_usable(4, "unknown type");

    x.ws->send_json({{"type", "answer"}, {"n", 0}, {"choice", json::array({0})}, {"seq", "n0"}});
    x.expect_error("bad_question", "n 0");
    x.still_usable(5, "n 0");

    x.ws->send_json({{"type", "answer"}, {"n", 91}, {"choice", json::array({0})}, {"seq", "n91"}});
    x.expect_error("bad_question", "n 91");
    x.still_usable(90, "n 91");

    // Bad choices aimed at question 1, answered right above: if one of them
    // were stored, the score at the end would show it.
    x.ws->send_json({{"type", "answer"}, {"n", 1}, {"choice", json::array({7})}, {"seq", "c7"}});
    x.expect_error("bad_choice", "choice [7]");
    x.still_usable(6, "choice [7]");

    x.ws->send_json({{"type", "answer"}, {"n", 1}, {"choice", json::array({0, 1})}, {"seq", "c01"}});
    x.expect_error("bad_choice", "choice [0,1] on a single-answer question");
    x.still_usable(7, "choice [0,1]");

    x.ws->send_json({{"type", "answer"}, {"n", 1}, {"choice", json::array({1, 1})}, {"seq", "c11"}});
    x.expect_error("bad_choice", "choice [1,1] (repeated)");
    x.still_usable(8, "choice [1,1]");

    x.ws->send_json({{"type", "answer"}, {"choice", json::array({0})}, {"seq", "no-n"}});
    x.expect_error("bad_request", "answer without n");
    x.still_usable(9, "answer without n");

    x.ws->send_json({{"type", "answer"}, {"n", 1}, {"choice", "zero"}, {"seq", "str"}});
    x.expect_error("bad_request", "choice a string");
    x.still_usable(10, "choice a string");

    {
        // 20 KiB text message: a wrong answer to question 1 padded out.
        json big = {{"type", "answer"}, {"n", 1}, {"choice", json::array({wrong1})}, {"seq", "big"},
                    {"pad", std::string(20 * 1024, 'x')}};
        x.ws->send_json(big);
        x.expect_error("message_too_big", "a 20 KiB text message");
        x.still_usable(11, "a 20 KiB text message");
    }
    {
        std::string bin(2 * 1024 * 1024, '\0');
        bin[0] = '\x01';
        x.ws->send_binary(bin);
        x.expect_error("message_too_big", "a 2 MiB binary message");
        x.still_usable(12, "a 2 MiB binary message");
    }
    {
        std::string bin = "\x07hello";
        x.ws->send_binary(bin);
        x.expect_error("bad_binary", "binary with first byte 0x07");
        x.still_usable(13, "binary 0x07");
    }

    // Score: questions 1..13 and 90 answered right, nothing else stored.
    x.ws->send_json({{"type", "finish"}});
    json r = x.ws->read_until_type("result");
    INFO("result: " << r.dump());
    CHECK(r.value("correct", -1) == 14);
    CHECK(r.value("total", -1) == 90);
}

TEST_CASE("exam WebSocket access control", "[integration][ws]") {
    server_process srv;
    const int port = srv.port();
    const std::string admin = admin_token(port);
    create_programme(port, admin, make_programme("ACCESS-5", 5, 30, "above", 2, {"ru"}));
    import_questions(port, admin, "ACCESS-5", make_questions("W", "ru", 5));
    candidate owner = create_candidate(port, admin, "owner");
    candidate other = create_candidate(port, admin, "other");
    session_ref s = create_session(port, admin, owner.id, "ACCESS-5");
    const std::string path = "/ws/exam/" + std::to_string(s.id);

    auto refused = [&](const std::string& what, int status, const std::string& code, const std::string& target,
                       const std::string& bearer = {}, const std::string& origin = {}) {
        ws_client ws;
        int got = ws.connect(port, target, bearer, origin);
        INFO(what << ": HTTP " << got << " " << ws.refusal_body());
        CHECK(got == status);
        json body = json::parse(ws.refusal_body(), nullptr, false);
        CHECK((body.is_object() && body.value("error", "") == code));
    };
    refused("no token", 401, "unauthorized", path);
    refused("unknown token", 401, "unauthorized", path + "?token=bogus-token");
    refused("another candidate's token", 403, "forbidden", path + "?token=" + other.token);
    refused("an admin's token", 403, "forbidden", path + "?token=" + admin);
    refused("Origin http://evil.example", 403, "forbidden", path + "?token=" + owner.token, {},
            "http://evil.example");
    refused("unknown session", 404, "not_found", "/ws/exam/999999?token=" + owner.token);

    {
        ws_client ws;
        int got = ws.connect(port, path + "?token=" + owner.token, {}, srv.origin());
        INFO("Origin " << srv.origin() << ": HTTP " << got << " " << ws.refusal_body());
        REQUIRE(got == 101);
        ws.send_json({{"type", "start"}});
        json paper = ws.read_until_type("paper");
        CHECK(paper["questions"].size() == 5);
        ws.close();
    }
    {
        ws_client ws;
        int got = ws.connect(port, path, owner.token);
        INFO("token in the Authorization header: HTTP " << got << " " << ws.refusal_body());
        REQUIRE(got == 101);
        ws.send_json({{"type", "start"}});
        json paper = ws.read_until_type("paper");
        CHECK(paper["questions"].size() == 5);
        answer_and_ack(ws, 1, right_option(paper_question(paper, 1)), "hdr");
        ws.close();
    }
}

namespace {

int raw_connect(int port) {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    REQUIRE(fd >= 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<std::uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    return fd;
}

}  // namespace

TEST_CASE("idle WebSocket client is closed by the server", "[integration][ws]") {
    server_options opts;
    opts.config_extra = {{"ws", {{"idle_timeout_s", 2}}}};
    server_process srv(opts);
    const int port = srv.port();
    const std::string admin = admin_token(port);
    create_programme(port, admin, make_programme("IDLE-5", 5, 30, "above", 2, {"ru"}));
    import_questions(port, admin, "IDLE-5", make_questions("I", "ru", 5));
    candidate silent = create_candidate(port, admin, "silent");
    candidate live = create_candidate(port, admin, "live");
    session_ref s1 = create_session(port, admin, silent.id, "IDLE-5");
    session_ref s2 = create_session(port, admin, live.id, "IDLE-5");

    // A well-behaved client (Beast answers the server's pings) that sends no
    // message of its own.
    ws_client responsive;
    REQUIRE(responsive.connect(port, ws_target(s2.id, live.token)) == 101);

    // The silent one: a raw socket, the upgrade by hand, then nothing at all:
    // it neither sends nor reads (so it never answers a ping).
    int fd = raw_connect(port);
    std::string req = "GET " + ws_target(s1.id, silent.token) +
                      " HTTP/1.1\r\n"
                      "Host: 127.0.0.1:" +
                      std::to_string(port) +
                      "\r\n"
                      "Upgrade: websocket\r\n"
                      "Connection: Upgrade\r\n"
                      "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                      "Sec-WebSocket-Version: 13\r\n\r\n";
    REQUIRE(::send(fd, req.data(), req.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(req.size()));
    // Read the response head byte by byte so no frame after it is consumed.
    std::string head;
    while (head.find("\r\n\r\n") == std::string::npos && head.size() < 8192) {
        pollfd p{fd, POLLIN, 0};
        REQUIRE(::poll(&p, 1, 10000) == 1);
        char ch;
        REQUIRE(::recv(fd, &ch, 1, 0) == 1);
        head += ch;
    }
    INFO("upgrade response: " << head);
    REQUIRE(head.rfind("HTTP/1.1 101", 0) == 0);
    const auto upgraded = clock_type::now();

    // Wait for the server to close: POLLRDHUP/POLLHUP without reading.
    bool closed = false;
    while (clock_type::now() < upgraded + 10s) {
        pollfd p{fd, POLLRDHUP, 0};
        int rc = ::poll(&p, 1, 50);
        if (rc == 1 && (p.revents & (POLLRDHUP | POLLHUP | POLLERR))) {
            closed = true;
            break;
        }
        responsive.pump(50ms);
    }
    const auto after = std::chrono::duration_cast<std::chrono::milliseconds>(clock_type::now() - upgraded).count();
    ::close(fd);
    INFO("silent client closed: " << closed << " after " << after << " ms (idle_timeout_s 2)");
    CHECK(closed);
    CHECK(after >= 1000);  // not at once: only after the idle time

    // The responsive client is not idle: it answers pings. Keep it quiet well
    // past the idle timeout, then use it.
    responsive.pump(std::chrono::milliseconds(std::max<std::int64_t>(0, 6000 - after)));
    INFO("responsive client: " << (responsive.is_open() ? "open" : "closed: " + responsive.read_error()));
    CHECK(responsive.is_open());
    if (responsive.is_open()) {
        responsive.send_json({{"type", "start"}});
        json paper = responsive.read_until_type("paper");
        CHECK(paper["questions"].size() == 5);
    }
}

// Issue 10, "nothing disappears silently": answers that reach the server after
// the deadline are refused `time_over`, not counted, kept once per question as
// `late_answer` events (the commission's and the appeal's record), and listed
// in the result, the stored one a later `start` returns included.
TEST_CASE("late answers are refused, kept in the events and listed in the result", "[integration][ws][exam][slow]") {
    server_process srv;
    const int port = srv.port();
    const std::string admin = admin_token(port);
    create_programme(port, admin, make_programme("LATE-1", 5, 1, "above", 2, {"ru"}));
    import_questions(port, admin, "LATE-1", make_questions("L", "ru", 5));
    candidate ca = create_candidate(port, admin, "late");
    session_ref sa = create_session(port, admin, ca.id, "LATE-1");

    ws_client ws;
    REQUIRE(ws.connect(port, ws_target(sa.id, ca.token)) == 101);
    ws.send_json({{"type", "start"}});
    json paper = ws.read_until_type("paper");
    const auto rem = paper.value("remaining_ms", std::int64_t{-1});
    REQUIRE(rem > 0);
    const std::int64_t deadline_ms = paper.value("deadline_ms", std::int64_t{0});
    answer_and_ack(ws, 1, right_option(paper_question(paper, 1)), "c-1");
    answer_and_ack(ws, 2, right_option(paper_question(paper, 2)), "c-2");

    // The deadline passes; the server ends the attempt and says so.
    json result = ws.read_non_time(std::chrono::milliseconds(rem) + 15s);
    INFO("at the deadline: " << result.dump());
    REQUIRE(result.value("type", "") == "result");
    CHECK(result.value("reason", "") == "time_over");
    CHECK(result["late_answers"] == json::array());

    // Two answers the page held arrive now (one twice): each refused time_over.
    auto late = [&](int n, const std::string& seq) {
        ws.send_json({{"type", "answer"}, {"n", n}, {"choice", json::array({right_option(paper_question(paper, n))})},
                      {"seq", seq}});
        json e = ws.read_non_time(10s);
        INFO("late answer " << seq << ": " << e.dump());
        CHECK(e.value("type", "") == "error");
        CHECK(e.value("error", "") == "time_over");
        CHECK(e.value("seq", "") == seq);
    };
    late(4, "c-4");
    late(5, "c-5");
    late(5, "c-6");
    // Asked again (a finish on an ended attempt), the result lists them.
    ws.send_json({{"type", "finish"}});
    json again = ws.read_until_type("result");
    INFO("result asked again: " << again.dump());
    REQUIRE(again["late_answers"].size() == 2);
    CHECK(again["late_answers"][0].value("n", 0) == 4);
    CHECK(again["late_answers"][1].value("n", 0) == 5);
    for (const auto& a : again["late_answers"]) CHECK(a.value("arrived_ms", std::int64_t{0}) >= deadline_ms);
    CHECK(again.value("correct", -1) == 2);  // not counted
    ws.close();

    // A later connection's start returns the stored result with them.
    ws_client later;
    REQUIRE(later.connect(port, ws_target(sa.id, ca.token)) == 101);
    later.send_json({{"type", "start"}});
    json stored = later.read_until_type("result");
    INFO("stored result: " << stored.dump());
    CHECK(stored["late_answers"] == again["late_answers"]);

    // The commission sees them in the sitting's events, with the arrival time.
    auto ev = http_call(port, "GET", "/api/sessions/" + std::to_string(sa.id) + "/events", nullptr, admin);
    REQUIRE(ev.status == 200);
    std::vector<json> kept;
    for (const auto& e : ev.body_json)
        if (e.value("kind", "") == "late_answer") kept.push_back(e);
    INFO(ev.body_json.dump());
    REQUIRE(kept.size() == 2);
    CHECK(kept[0].value("detail", "").starts_with("question 4: ["));
    CHECK(kept[0].value("detail", "").find("(seq c-4)") != std::string::npos);
    CHECK(kept[1].value("detail", "").find("(seq c-5)") != std::string::npos);  // the first arrival
    CHECK(kept[0].value("t_ms", std::int64_t{0}) == again["late_answers"][0].value("arrived_ms", std::int64_t{-1}));
    CHECK(kept[0].value("violation", true) == false);
    auto g = http_call(port, "GET", "/api/sessions/" + std::to_string(sa.id), nullptr, admin);
    CHECK(g.body_json.value("correct", -1) == 2);
}
