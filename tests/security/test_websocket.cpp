// Attacks on the exam WebSocket (issue 8): a flood of recorded events, many
// sockets for one sitting, sockets that never read, a message over the limit.
#include <catch2/catch.hpp>

#include <thread>

#include "tests/security/proctor_attack.hpp"

using namespace attack;

TEST_CASE("security: a flood of focus messages is limited per sitting, a real focus loss is still recorded",
          "[security][ws][rate]") {
    server_process srv;
    auto s = prepare(srv.port(), "flood");
    ws_client ws;
    REQUIRE(ws.connect(srv.port(), ws_target(s.session.id, s.cand.token)) == 101);
    start_sitting(ws);
    ws.send_json({{"type", "focus"}, {"state", "lost"}});  // the real one
    ws.send_json({{"type", "focus"}, {"state", "back"}});
    for (int i = 0; i < 2000; ++i) ws.send_json({{"type", "focus"}, {"state", i % 2 ? "back" : "lost"}});
    std::vector<json> said = stream(ws, {}, 100ms, 3s);
    INFO(dump_all(said));
    auto errors = of_type(said, "error");
    REQUIRE(errors.size() == 1);  // one per burst, not one per message
    CHECK(errors[0].value("error", "") == "rate_limited");
    // A token comes back every second: a real focus loss later is recorded,
    // and the burst goes on (no second error frame).
    std::this_thread::sleep_for(1500ms);
    ws.send_json({{"type", "focus"}, {"state", "lost"}});
    said = stream(ws, {}, 100ms, 1s);
    INFO(dump_all(said));
    CHECK(of_type(said, "error").empty());
    // The burst's summary: when it is over, at the latest when the sitting's last connection closes.
    ws.close();
    auto ev = events_until(srv.port(), s.admin, s.session.id,
                           [](const json& e) { return count_kind(e, "events_rate_limited") > 0; });
    const int focus = count_kind(ev, "focus_lost") + count_kind(ev, "focus_back");
    INFO("focus events: " << focus);
    CHECK(focus >= 61);  // the first 60 (a full bucket) and the one sent after the pause
    CHECK(focus <= 75);  // and what came back while the flood was sent
    REQUIRE(!ev.empty());
    const json* first = find_kind(ev, "focus_lost");
    REQUIRE(first != nullptr);
    CHECK(count_kind(ev, "events_rate_limited") == 1);
    const json* summary = find_kind(ev, "events_rate_limited");
    REQUIRE(summary != nullptr);
    CHECK(summary->value("detail", "").find("refused") != std::string::npos);
}

TEST_CASE("security: a sitting keeps at most ws.max_sockets_per_sitting sockets, the newest win",
          "[security][ws][sockets]") {
    server_process srv;
    auto s = prepare(srv.port(), "manysockets");
    std::vector<std::unique_ptr<ws_client>> socks;
    for (int i = 0; i < 6; ++i) {
        socks.push_back(std::make_unique<ws_client>());
        REQUIRE(socks.back()->connect(srv.port(), ws_target(s.session.id, s.cand.token)) == 101);
        socks.back()->pump(100ms);  // in the order opened
    }
    // The default bound is 4: the two oldest are closed with 1008 (policy).
    for (int i = 0; i < 2; ++i) {
        INFO("socket " << i);
        CHECK(socks[static_cast<std::size_t>(i)]->wait_closed(10s));
        CHECK(socks[static_cast<std::size_t>(i)]->close_code() == std::optional<int>(1008));
    }
    for (int i = 2; i < 6; ++i) {
        INFO("socket " << i);
        socks[static_cast<std::size_t>(i)]->pump(100ms);
        CHECK(socks[static_cast<std::size_t>(i)]->is_open());
    }
    // The newest one works.
    socks.back()->send_json({{"type", "start"}});
    CHECK(socks.back()->read_until_type("paper").is_object());
    // 300 more: still at most 4 open, the server still answers.
    for (int i = 0; i < 300; ++i) {
        ws_client extra;
        REQUIRE(extra.connect(srv.port(), ws_target(s.session.id, s.cand.token)) == 101);
    }
    CHECK(http_call(srv.port(), "GET", "/api/health").status == 200);
}

TEST_CASE("security: a socket that never reads is closed once its queue passes ws.max_queue_bytes",
          "[security][ws][queue]") {
    // 64 KiB (the smallest bound) and papers of ~45 kB: a hundred `start`s
    // make ~4.5 MB of answers in 200 messages, far below ws.max_queue (512).
    server_options o;
    o.config_extra = {{"ws", {{"max_queue_bytes", 65536}}}};
    server_process srv(o);
    auto s = prepare(srv.port(), "noreader", {}, false, 30, 1500);
    raw_ws raw;
    REQUIRE(raw.connect(srv.port(), ws_target(s.session.id, s.cand.token)) == 101);
    for (int i = 0; i < 100; ++i) {
        if (!raw.send_text(R"({"type":"start"})")) break;
        std::this_thread::sleep_for(40ms);  // one at a time: a `start` while one is pending is ignored
    }
    std::this_thread::sleep_for(1s);
    INFO(srv.log());
    CHECK(srv.log().find("outbound queue full") != std::string::npos);
    CHECK(raw.drain_until_closed(15s));
    // One message bigger than the bound (a paper of ~95 kB) still goes out to a client that reads.
    auto big = prepare(srv.port(), "bigpaper", {}, false, 60, 1500);
    ws_client ws;
    REQUIRE(ws.connect(srv.port(), ws_target(big.session.id, big.cand.token)) == 101);
    ws.send_json({{"type", "start"}});
    auto paper = ws.read_until_type("paper");
    CHECK(paper["questions"].size() == 60);
    CHECK(paper.dump().size() > 65536);
}

TEST_CASE("security: a message over ws.max_message is closed with 1009", "[security][ws][size]") {
    server_process srv;
    auto s = prepare(srv.port(), "toobig");
    ws_client ws;
    REQUIRE(ws.connect(srv.port(), ws_target(s.session.id, s.cand.token)) == 101);
    try {
        ws.send_binary(std::string(9 * 1024 * 1024, '\x01'));
    } catch (const std::exception& e) {
        WARN("the write of the 9 MiB message failed: " << e.what());
    }
    CHECK(ws.wait_closed(15s));
    INFO("read error: " << ws.read_error());
    CHECK(ws.close_code() == std::optional<int>(1009));
    // The server is fine and the candidate can come back.
    ws_client again;
    REQUIRE(again.connect(srv.port(), ws_target(s.session.id, s.cand.token)) == 101);
    again.send_json({{"type", "start"}});
    CHECK(again.read_until_type("paper").is_object());
}
