// Answers first (issue 10) over the real binary: a page that asks for
// media_ack gets the paper's `media` and one media_ack per binary message;
// compact audio levels (0x03) feed the noise rule; the server asks for check
// samples (audio_sample) and a lying 0x04 is an audio_check_failed event; the
// page's `stream` message is a stream_reduced event. Old clients are unchanged.
#include <catch2/catch.hpp>

#include <string>

#include "tests/integration/harness.hpp"

using namespace it;

namespace {

server_options pacing_options() {
    server_options o;
    o.config_extra = {{"proctor",
                       {{"noise_ms", 1500},
                        {"cooldown_ms", 1000},
                        {"media", {{"check_every_ms", 300}, {"check_ms", 1000}, {"audio_window_ms", 250}}}}}};
    return o;
}

struct pacing_setup {
    std::string admin;
    candidate cand;
    session_ref session;
};

pacing_setup prepare(int port, const std::string& login) {
    pacing_setup s;
    s.admin = admin_token(port);
    json prog = make_programme("PACE-" + login, 5, 30, "above", 2, {"ru"});
    // The noise test watches for the noise warning: this programme counts it (seed 002 p.13).
    prog["proctoring"] = {{"strikes", {"multiple_faces", "identity_mismatch", "noise"}}};
    create_programme(port, s.admin, prog);
    import_questions(port, s.admin, "PACE-" + login, make_questions("Q" + login, "ru", 5));
    s.cand = create_candidate(port, s.admin, login);
    s.session = create_session(port, s.admin, s.cand.id, "PACE-" + login);
    return s;
}

// 0x03, uint16 LE window, then the level bytes.
std::string levels_message(int n, unsigned char level, int window_ms = 250) {
    std::string m{'\x03', static_cast<char>(window_ms & 0xff), static_cast<char>((window_ms >> 8) & 0xff)};
    m.append(static_cast<std::size_t>(n), static_cast<char>(level));
    return m;
}

// 0x04: window, n, the claimed levels, rate 8000, then n windows of µ-law.
// 0x80 and 0x00 are +32124 and -32124: a full-scale square wave (about 0 dBFS).
std::string sample_message(int n, unsigned char claimed, bool loud) {
    const int window_ms = 250, rate = 8000;
    std::string m{'\x04', static_cast<char>(window_ms & 0xff), static_cast<char>(window_ms >> 8), static_cast<char>(n)};
    m.append(static_cast<std::size_t>(n), static_cast<char>(claimed));
    for (int i = 0; i < 4; ++i) m += static_cast<char>((rate >> (8 * i)) & 0xff);
    for (int i = 0; i < n * rate * window_ms / 1000; ++i)
        m += loud ? static_cast<char>(i % 2 ? 0x80 : 0x00) : static_cast<char>(0xFF);
    return m;
}

json start_proctored(ws_client& ws) {
    ws.send_json({{"type", "start"}, {"media_ack", true}});
    return ws.read_until_type("paper");
}

// Reads until a message of `type` (others collected in `seen`), or nullopt.
std::optional<json> wait_for(ws_client& ws, const std::string& type, std::chrono::milliseconds within,
                             std::vector<json>* seen = nullptr) {
    const auto until = clock_type::now() + within;
    while (clock_type::now() < until) {
        auto m = ws.poll_json(200ms);
        if (!m) continue;
        if (m->value("type", "") == type) return m;
        if (seen) seen->push_back(*m);
    }
    return std::nullopt;
}

json events_of(int port, const std::string& token, std::int64_t session) {
    auto r = http_call(port, "GET", "/api/sessions/" + std::to_string(session) + "/events", nullptr, token);
    INFO(describe(r));
    REQUIRE(r.status == 200);
    return r.body_json;
}

int count_kind(const json& events, const std::string& kind) {
    int n = 0;
    for (const auto& e : events)
        if (e.value("kind", "") == kind) ++n;
    return n;
}

}  // namespace

TEST_CASE("media pacing: a proctored start gets the media config and a media_ack per binary message",
          "[integration][media]") {
    server_process srv(pacing_options());
    auto s = prepare(srv.port(), "acked");
    ws_client ws;
    REQUIRE(ws.connect(srv.port(), ws_target(s.session.id, s.cand.token)) == 101);
    auto paper = start_proctored(ws);
    INFO(paper.dump());
    REQUIRE(paper.contains("media"));
    CHECK(paper["media"]["levels"].size() == 4);
    CHECK(paper["media"]["levels"][2] == json({{"w", 320}, {"h", 240}, {"every_ms", 4000}}));
    CHECK(paper["media"]["audio"] == "levels");
    CHECK(paper["media"]["audio_window_ms"] == 250);
    CHECK(paper["media"]["ack"] == true);
    const auto frame = frame_message(fixture("one_face.jpg"));
    ws.send_binary(frame);
    auto ack = wait_for(ws, "media_ack", 10s);
    REQUIRE(ack);
    CHECK((*ack)["n"] == 1);
    CHECK((*ack)["bytes"] == frame.size());
    // A refused message is acknowledged too (after its error): the page's gate opens.
    ws.send_binary(std::string{'\x03', '\xfa', '\x00'});
    std::vector<json> seen;
    ack = wait_for(ws, "media_ack", 10s, &seen);
    REQUIRE(ack);
    CHECK((*ack)["n"] == 2);
    bool bad = false;
    for (const auto& m : seen) bad = bad || (m.value("type", "") == "error" && m.value("error", "") == "bad_binary");
    CHECK(bad);
    // The connection stays usable: an answer is saved.
    answer_and_ack(ws, 1, right_option(paper_question(paper, 1)), "c-1");
}

TEST_CASE("media pacing: a start without media_ack keeps the old protocol", "[integration][media]") {
    server_process srv(pacing_options());
    auto s = prepare(srv.port(), "oldpage");
    ws_client ws;
    REQUIRE(ws.connect(srv.port(), ws_target(s.session.id, s.cand.token)) == 101);
    ws.send_json({{"type", "start"}});
    auto paper = ws.read_until_type("paper");
    CHECK_FALSE(paper.contains("media"));
    ws.send_binary(frame_message(fixture("one_face.jpg")));
    ws.send_binary(levels_message(4, 100));
    CHECK_FALSE(wait_for(ws, "media_ack", 2s));
    answer_and_ack(ws, 1, right_option(paper_question(paper, 1)), "c-1");
}

TEST_CASE("media pacing: loud audio levels for longer than noise_ms are a noise warning", "[integration][media]") {
    server_process srv(pacing_options());
    auto s = prepare(srv.port(), "loudlevels");
    ws_client ws;
    REQUIRE(ws.connect(srv.port(), ws_target(s.session.id, s.cand.token)) == 101);
    start_proctored(ws);
    std::optional<json> warning;
    std::vector<json> seen;
    for (int sec = 0; sec < 6 && !warning; ++sec) {
        ws.send_binary(levels_message(4, 20));  // -10 dBFS for 1 s
        warning = wait_for(ws, "warning", 1s, &seen);
    }
    std::string all;
    for (const auto& m : seen) all += m.dump() + "\n";
    INFO(all);
    REQUIRE(warning);
    CHECK(warning->value("violation", "") == "noise");
}

TEST_CASE("media pacing: the server asks for an audio sample and a lying one is an audio_check_failed event",
          "[integration][media]") {
    server_process srv(pacing_options());
    auto s = prepare(srv.port(), "liar");
    ws_client ws;
    REQUIRE(ws.connect(srv.port(), ws_target(s.session.id, s.cand.token)) == 101);
    start_proctored(ws);
    ws.send_binary(levels_message(4, 200));  // quiet
    auto asked = wait_for(ws, "audio_sample", 10s);
    REQUIRE(asked);
    CHECK((*asked)["ms"] == 1000);
    // Silence claimed (-127.5 dBFS), a full-scale sound sent.
    ws.send_binary(sample_message(4, 255, true));
    REQUIRE(wait_for(ws, "media_ack", 10s));
    // An honest quiet one passes; bad lengths are bad_binary and change nothing.
    ws.send_binary(sample_message(4, 255, false));
    auto bad = sample_message(4, 255, false);
    bad.pop_back();
    ws.send_binary(bad);
    std::vector<json> seen;
    wait_for(ws, "error", 5s, &seen);
    json ev;
    for (int i = 0; i < 50; ++i) {
        ev = events_of(srv.port(), s.admin, s.session.id);
        if (count_kind(ev, "audio_check_failed") > 0) break;
        ws.pump(100ms);
    }
    INFO(ev.dump());
    REQUIRE(count_kind(ev, "audio_check_failed") == 1);
    for (const auto& e : ev)
        if (e.value("kind", "") == "audio_check_failed") {
            CHECK(e.value("detail", "").find("claimed -127.5 dBFS") != std::string::npos);
            CHECK_FALSE(e.value("violation", true));
        }
}

TEST_CASE("media pacing: a stream message is a stream_reduced event, a bad one is bad_message", "[integration][media]") {
    server_process srv(pacing_options());
    auto s = prepare(srv.port(), "reduced");
    ws_client ws;
    REQUIRE(ws.connect(srv.port(), ws_target(s.session.id, s.cand.token)) == 101);
    start_proctored(ws);
    ws.send_json({{"type", "stream"}, {"level", 2}, {"width", 320}, {"height", 240}, {"every_ms", 4000},
                  {"audio", "levels"}, {"link_kbps", 350}});
    ws.send_json({{"type", "stream"}, {"level", "two"}, {"width", 320}, {"height", 240}, {"every_ms", 4000},
                  {"link_kbps", 350}});
    auto err = wait_for(ws, "error", 10s);
    REQUIRE(err);
    CHECK(err->value("error", "") == "bad_message");
    json ev;
    for (int i = 0; i < 50; ++i) {
        ev = events_of(srv.port(), s.admin, s.session.id);
        if (count_kind(ev, "stream_reduced") > 0) break;
        ws.pump(100ms);
    }
    INFO(ev.dump());
    REQUIRE(count_kind(ev, "stream_reduced") == 1);
    for (const auto& e : ev)
        if (e.value("kind", "") == "stream_reduced") CHECK(e.value("detail", "") == "320×240 every 4 s, link ~350 kbit/s");
}
