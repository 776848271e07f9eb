// Accounts and tokens (issue 8): login throttling that does not lock the owner
// out (by login and address, with back-off, atomic), X-Forwarded-For believed
// only from a configured proxy, expired tokens purged on a timer, and the
// one-time ticket of the exam WebSocket.
//
// Clients come from several loopback addresses (127.0.0.2, 127.0.0.3 …: all
// of 127/8 is loopback on Linux), so that "another address" is real.
#include <signal.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <future>
#include <thread>
#include <vector>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <catch2/catch.hpp>

#include "tests/integration/harness.hpp"

using namespace it;

namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

struct raw_response {
    int status = 0;
    std::string retry_after;  // the Retry-After header, "" when absent
    json body;
    std::string error() const { return body.is_object() ? body.value("error", "") : ""; }
};

// One HTTP request sent from the local address `source`, with extra headers.
raw_response request_from(int port, const std::string& source, const std::string& method, const std::string& target,
                          const json& body, const std::vector<std::pair<std::string, std::string>>& headers = {},
                          const std::string& token = {}) {
    net::io_context ioc;
    beast::tcp_stream stream(ioc);
    stream.socket().open(tcp::v4());
    stream.socket().bind(tcp::endpoint(net::ip::make_address(source), 0));
    stream.expires_after(30s);
    stream.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)));
    http::request<http::string_body> req{http::string_to_verb(method), target, 11};
    req.set(http::field::host, "127.0.0.1:" + std::to_string(port));
    for (const auto& [k, v] : headers) req.insert(k, v);
    if (!token.empty()) req.set(http::field::authorization, "Bearer " + token);
    if (!body.is_null()) {
        req.set(http::field::content_type, "application/json");
        req.body() = body.dump();
    }
    req.prepare_payload();
    http::write(stream, req);
    beast::flat_buffer buf;
    http::response<http::string_body> res;
    http::read(stream, buf, res);
    raw_response out;
    out.status = static_cast<int>(res.result_int());
    out.retry_after = std::string(res[http::field::retry_after]);
    out.body = json::parse(res.body(), nullptr, false);
    beast::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_both, ec);
    return out;
}

raw_response login_from(int port, const std::string& source, const std::string& login, const std::string& password,
                        const std::vector<std::pair<std::string, std::string>>& headers = {}) {
    return request_from(port, source, "POST", "/api/login", {{"login", login}, {"password", password}}, headers);
}

std::string show(const raw_response& r) {
    return std::to_string(r.status) + " Retry-After: '" + r.retry_after + "' " + r.body.dump();
}

// Waits out a back-off: the Retry-After seconds and a little more.
void wait_out(const raw_response& refused) {
    REQUIRE(!refused.retry_after.empty());
    std::this_thread::sleep_for(std::chrono::milliseconds(std::stoi(refused.retry_after) * 1000 + 300));
}

}  // namespace

TEST_CASE("login throttling: someone else's failures never lock the owner out from another address",
          "[security][accounts]") {
    server_process srv;
    const int port = srv.port();
    const std::string admin = admin_token(port);
    candidate c = create_candidate(port, admin, "owner");

    // A guesser at 127.0.0.2: five failures, then back-off.
    for (int i = 1; i <= 5; ++i) {
        auto r = login_from(port, "127.0.0.2", c.login, "guess-" + std::to_string(i));
        INFO("guess " << i << ": " << show(r));
        CHECK(r.status == 401);
    }
    auto refused = login_from(port, "127.0.0.2", c.login, "guess-6");
    INFO("guess 6: " << show(refused));
    CHECK(refused.status == 429);
    CHECK(refused.error() == "too_many_attempts");
    REQUIRE(!refused.retry_after.empty());
    CHECK(std::stoi(refused.retry_after) >= 1);

    // The owner, from another address, logs in at once.
    auto owner = login_from(port, "127.0.0.1", c.login, c.password);
    INFO("the owner from 127.0.0.1: " << show(owner));
    CHECK(owner.status == 200);

    // The back-off doubles with each failure past the limit: 1 s, then 2 s.
    wait_out(refused);
    auto seventh = login_from(port, "127.0.0.2", c.login, "guess-7");
    INFO("after the back-off: " << show(seventh));
    CHECK(seventh.status == 401);
    auto eighth = login_from(port, "127.0.0.2", c.login, "guess-8");
    INFO("right after: " << show(eighth));
    CHECK(eighth.status == 429);
    CHECK(eighth.retry_after == "2");

    // Once the back-off has passed, the right password from that address works
    // too, and the success forgets the pair's failures.
    wait_out(eighth);
    auto back = login_from(port, "127.0.0.2", c.login, c.password);
    INFO("the right password from 127.0.0.2: " << show(back));
    CHECK(back.status == 200);
    auto typo = login_from(port, "127.0.0.2", c.login, "typo");
    CHECK(typo.status == 401);
}

TEST_CASE("login throttling: parallel guesses get no more tries than the limit", "[security][accounts]") {
    // The real Argon2 cost (~50 ms a try) and many request workers: the window
    // in which parallel tries slipped past a check made before verifying.
    server_options o;
    o.config_extra = {{"workers", 12}, {"auth", {{"argon2_ops", 2}, {"argon2_mem_kib", 19456}}}};
    server_process srv(o);
    const int port = srv.port();
    const std::string admin = admin_token(port);
    candidate c = create_candidate(port, admin, "parallel");

    constexpr int tries = 12;
    std::vector<std::future<raw_response>> all;
    for (int i = 0; i < tries; ++i)
        all.push_back(std::async(std::launch::async,
                                 [&, i] { return login_from(port, "127.0.0.3", c.login, "guess-" + std::to_string(i)); }));
    int verified = 0, refused = 0;
    for (auto& f : all) {
        auto r = f.get();
        INFO(show(r));
        if (r.status == 401) ++verified;
        else if (r.status == 429) ++refused;
        else FAIL("unexpected answer " << show(r));
    }
    INFO(verified << " tries verified, " << refused << " refused");
    CHECK(verified <= 5);  // auth.max_failures_per_login
    CHECK(verified + refused == tries);
    CHECK(login_from(port, "127.0.0.1", c.login, c.password).status == 200);
}

TEST_CASE("login throttling: a hall behind one address is slowed, never locked", "[security][accounts]") {
    // Many candidates behind one NAT. The per-address threshold is set low here
    // (10) so that the test reaches it; the default is 100 failures in 15 minutes.
    server_options o;
    o.config_extra = {{"auth", {{"argon2_ops", 1}, {"argon2_mem_kib", 64}, {"max_failures_per_address", 10}}}};
    server_process srv(o);
    const int port = srv.port();
    const std::string admin = admin_token(port);
    std::vector<candidate> hall;
    for (int i = 0; i < 11; ++i) hall.push_back(create_candidate(port, admin, "hall-" + std::to_string(i)));

    for (int i = 0; i < 10; ++i) {  // ten candidates mistype once each
        auto r = login_from(port, "127.0.0.4", hall[i].login, "typo");
        INFO("candidate " << i << ": " << show(r));
        CHECK(r.status == 401);
    }
    // The address reached its threshold: a short back-off, not a lock-out.
    auto slowed = login_from(port, "127.0.0.4", hall[10].login, hall[10].password);
    INFO(show(slowed));
    CHECK(slowed.status == 429);
    CHECK(slowed.retry_after == "1");
    // Meanwhile another address is untouched.
    CHECK(login_from(port, "127.0.0.5", hall[0].login, hall[0].password).status == 200);
    wait_out(slowed);
    auto in = login_from(port, "127.0.0.4", hall[10].login, hall[10].password);
    INFO("after the back-off: " << show(in));
    CHECK(in.status == 200);
}

TEST_CASE("login throttling: X-Forwarded-For is believed only from a trusted proxy", "[security][accounts]") {
    SECTION("no trusted proxy: the header changes nothing") {
        server_process srv;
        const int port = srv.port();
        const std::string admin = admin_token(port);
        candidate c = create_candidate(port, admin, "xff-none");
        for (int i = 1; i <= 5; ++i)
            CHECK(login_from(port, "127.0.0.6", c.login, "guess", {{"X-Forwarded-For", "203.0.113." + std::to_string(i)}})
                      .status == 401);
        auto r = login_from(port, "127.0.0.6", c.login, "guess", {{"X-Forwarded-For", "203.0.113.99"}});
        INFO("a new X-Forwarded-For on each guess: " << show(r));
        CHECK(r.status == 429);
    }
    SECTION("behind a trusted proxy: the right-most address the proxy did not write itself") {
        server_options o;
        o.config_extra = {{"auth", {{"argon2_ops", 1}, {"argon2_mem_kib", 64}, {"trusted_proxies", {"127.0.0.1"}}}}};
        server_process srv(o);
        const int port = srv.port();
        const std::string admin = admin_token(port);
        candidate c = create_candidate(port, admin, "xff-proxy");
        // The guesser at 203.0.113.7 forges the left part of the header: it does not help.
        for (int i = 1; i <= 5; ++i)
            CHECK(login_from(port, "127.0.0.1", c.login, "guess",
                             {{"X-Forwarded-For", "198.51.100." + std::to_string(i) + ", 203.0.113.7"}})
                      .status == 401);
        auto r = login_from(port, "127.0.0.1", c.login, "guess", {{"X-Forwarded-For", "198.51.100.99, 203.0.113.7"}});
        INFO("the guesser behind the proxy: " << show(r));
        CHECK(r.status == 429);
        // The owner behind the same proxy, from another address, is not held back.
        auto owner = login_from(port, "127.0.0.1", c.login, c.password, {{"X-Forwarded-For", "203.0.113.8"}});
        INFO("the owner behind the proxy: " << show(owner));
        CHECK(owner.status == 200);
        // A peer that is not the proxy cannot claim another address.
        for (int i = 1; i <= 5; ++i)
            CHECK(login_from(port, "127.0.0.7", c.login, "guess", {{"X-Forwarded-For", "192.0.2." + std::to_string(i)}})
                      .status == 401);
        CHECK(login_from(port, "127.0.0.7", c.login, "guess", {{"X-Forwarded-For", "192.0.2.77"}}).status == 429);
    }
}

TEST_CASE("tokens: expired tokens are purged on a timer, without a login", "[security][accounts]") {
    server_options o;
    o.config_extra = {{"clock_start", "2026-03-20T10:00:00+05:00"},
                      {"auth", {{"argon2_ops", 1}, {"argon2_mem_kib", 64}, {"token_hours", 1}, {"token_purge_s", 1}}}};
    server_process srv(o);
    for (int i = 0; i < 20; ++i) admin_token(srv.port());
    const std::string db = srv.data_dir() + "/tanu.db";
    auto count = [&] {
        auto r = run_command({"/usr/bin/sqlite3", db, "SELECT count(*) FROM tokens"}, "");
        INFO(r.output);
        REQUIRE(r.status.exited);
        return std::stoi(r.output);
    };
    CHECK(count() == 20);

    // Three hours later by the server's clock: every token has expired. Nobody logs in.
    srv.kill(SIGTERM);
    REQUIRE(srv.wait_exit().exited);
    json cfg = {{"clock_start", "2026-03-20T13:00:00+05:00"},
                {"auth", {{"argon2_ops", 1}, {"argon2_mem_kib", 64}, {"token_hours", 1}, {"token_purge_s", 1}}}};
    {
        std::ofstream f(srv.config_path());
        f << cfg.dump(2) << "\n";
    }
    srv.restart();
    int left = -1;
    for (int i = 0; i < 100 && left != 0; ++i) {
        std::this_thread::sleep_for(100ms);
        left = count();
    }
    CHECK(left == 0);
}

namespace {

struct ticket_setup {
    std::string admin;
    candidate cand, other;
    session_ref a, b;  // two sittings of cand (two programmes)
};

ticket_setup ticket_fixture(int port) {
    ticket_setup t;
    t.admin = admin_token(port);
    for (const char* code : {"TICKET-A", "TICKET-B"}) {
        create_programme(port, t.admin, make_programme(code, 5, 30, "above", 2, {"ru"}));
        import_questions(port, t.admin, code, make_questions(code, "ru", 5));
    }
    t.cand = create_candidate(port, t.admin, "ticket-owner");
    t.other = create_candidate(port, t.admin, "ticket-other");
    t.a = create_session(port, t.admin, t.cand.id, "TICKET-A");
    t.b = create_session(port, t.admin, t.cand.id, "TICKET-B");
    return t;
}

std::string ticket_for(int port, std::int64_t session, const std::string& token) {
    auto r = http_call(port, "POST", "/api/sessions/" + std::to_string(session) + "/ws-ticket", json::object(), token);
    INFO("ws-ticket: " << describe(r));
    REQUIRE(r.status == 201);
    REQUIRE(r.body_json["ticket"].is_string());
    REQUIRE(r.body_json["expires_ms"].is_number_integer());
    return r.body_json["ticket"].get<std::string>();
}

std::string ws_ticket_target(std::int64_t session, const std::string& ticket) {
    return "/ws/exam/" + std::to_string(session) + "?ticket=" + ticket;
}

}  // namespace

TEST_CASE("WebSocket ticket: one upgrade of one sitting, then never again", "[security][accounts][ws]") {
    server_process srv;
    const int port = srv.port();
    auto t = ticket_fixture(port);

    const std::string ticket = ticket_for(port, t.a.id, t.cand.token);
    {
        ws_client ws;
        REQUIRE(ws.connect(port, ws_ticket_target(t.a.id, ticket)) == 101);
        ws.send_json({{"type", "start"}});
        CHECK(ws.read_until_type("paper")["questions"].size() == 5);
        ws.close();
    }
    {
        ws_client ws;
        CHECK(ws.connect(port, ws_ticket_target(t.a.id, ticket)) == 401);  // used
    }
    {
        const std::string for_a = ticket_for(port, t.a.id, t.cand.token);
        ws_client ws;
        CHECK(ws.connect(port, ws_ticket_target(t.b.id, for_a)) == 401);  // another sitting of the same candidate
        ws_client again;
        CHECK(again.connect(port, ws_ticket_target(t.a.id, for_a)) == 401);  // and it is burnt
    }
    {
        ws_client ws;
        CHECK(ws.connect(port, ws_ticket_target(t.a.id, "not-a-ticket")) == 401);
    }
    // Only the sitting's own candidate gets a ticket.
    auto path = "/api/sessions/" + std::to_string(t.a.id) + "/ws-ticket";
    CHECK(http_call(port, "POST", path, json::object(), t.other.token).status == 403);
    CHECK(http_call(port, "POST", path, json::object(), t.admin).status == 403);
    CHECK(http_call(port, "POST", path, json::object()).status == 401);
    CHECK(http_call(port, "POST", "/api/sessions/999999/ws-ticket", json::object(), t.cand.token).status == 404);
    CHECK(http_call(port, "GET", path, nullptr, t.cand.token).status == 405);

    // A logout voids the tickets of its token.
    const std::string before_logout = ticket_for(port, t.b.id, t.cand.token);
    REQUIRE(http_call(port, "POST", "/api/logout", json::object(), t.cand.token).status == 204);
    {
        ws_client ws;
        CHECK(ws.connect(port, ws_ticket_target(t.b.id, before_logout)) == 401);
    }

    // The contract's ?token= keeps working.
    const std::string fresh = login_token(port, t.cand.login, t.cand.password);
    ws_client ws;
    REQUIRE(ws.connect(port, ws_target(t.a.id, fresh)) == 101);
    ws.send_json({{"type", "start"}});
    CHECK(ws.read_until_type("paper")["questions"].size() == 5);
    ws.close();
}

TEST_CASE("WebSocket ticket: refused once its life (auth.ws_ticket_s) is over", "[security][accounts][ws]") {
    server_options o;
    o.config_extra = {{"auth", {{"argon2_ops", 1}, {"argon2_mem_kib", 64}, {"ws_ticket_s", 5}}}};
    server_process srv(o);
    const int port = srv.port();
    auto t = ticket_fixture(port);
    const std::string late = ticket_for(port, t.a.id, t.cand.token);
    const std::string in_time = ticket_for(port, t.a.id, t.cand.token);
    {
        ws_client ws;
        REQUIRE(ws.connect(port, ws_ticket_target(t.a.id, in_time)) == 101);
        ws.close();
    }
    std::this_thread::sleep_for(5500ms);
    ws_client ws;
    CHECK(ws.connect(port, ws_ticket_target(t.a.id, late)) == 401);
}
