// Online proctoring over the exam WebSocket, with real photos (fixtures made
// from Debian's python3-skimage images by tests/fixtures/make_proctor_fixtures.py):
// honest streams are never warned; two faces, an empty seat, loud noise and a
// different person each bring their violation; the second violation ends the
// attempt (seed 002 p.13); evidence is kept and shown to staff only.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <set>
#include <thread>

#include "tests/integration/harness.hpp"

using namespace it;

namespace {

// One second of a 440 Hz tone at the given amplitude (0..1), 16 kHz, as an
// audio message (0x02, rate, PCM s16le).
std::string audio_message(double amplitude) {
    const std::uint32_t rate = 16000;
    std::string m(1, '\x02');
    for (int i = 0; i < 4; ++i) m += static_cast<char>((rate >> (8 * i)) & 0xff);
    for (std::uint32_t i = 0; i < rate / 2; ++i) {
        auto v = static_cast<std::int16_t>(std::lround(amplitude * 32767 * std::sin(2 * M_PI * 440 * i / rate)));
        m += static_cast<char>(v & 0xff);
        m += static_cast<char>((v >> 8) & 0xff);
    }
    return m;
}

struct sitting_setup {
    std::string admin;
    candidate cand;
    session_ref session;
};

// The signals a programme counts as violations (seed 002 p.13): the defaults
// unless the test names its own.
const std::vector<std::string> counts_defaults{};
const std::vector<std::string> counts_empty_seat_and_noise{"multiple_faces", "identity_mismatch", "no_face", "noise"};

sitting_setup prepare(int port, const std::string& login, const std::string& photo, bool focus_violation = false,
                      const std::vector<std::string>& strikes = counts_defaults) {
    sitting_setup s;
    s.admin = admin_token(port);
    json prog = make_programme("PROC-" + login, 5, 30, "above", 2, {"ru"});
    prog["proctoring"] = {{"focus_lost_is_violation", focus_violation}};
    if (!strikes.empty()) prog["proctoring"]["strikes"] = strikes;
    create_programme(port, s.admin, prog);
    import_questions(port, s.admin, "PROC-" + login, make_questions("P" + login, "ru", 5));
    s.cand = create_candidate(port, s.admin, login);
    if (!photo.empty()) {
        auto r = http_raw(port, "PUT", "/api/candidates/" + std::to_string(s.cand.id) + "/photo", fixture(photo),
                          "image/jpeg", s.admin);
        INFO(describe(r));
        REQUIRE(r.status == 204);
    }
    s.session = create_session(port, s.admin, s.cand.id, "PROC-" + login);
    return s;
}

// Starts the sitting and reads the paper and the room-scan request.
json start(ws_client& ws) {
    ws.send_json({{"type", "start"}});
    json paper = ws.read_until_type("paper");
    bool scan_asked = false;
    for (int i = 0; i < 5 && !scan_asked; ++i) {
        auto m = ws.poll_json(2s);
        if (m && m->value("type", "") == "room_scan") scan_asked = true;
    }
    CHECK(scan_asked);
    return paper;
}

std::vector<json> of_type(const std::vector<json>& msgs, const std::string& type) {
    std::vector<json> out;
    for (const auto& m : msgs)
        if (m.value("type", "") == type) out.push_back(m);
    return out;
}

std::string dump_all(const std::vector<json>& msgs) {
    std::string s;
    for (const auto& m : msgs) s += m.dump() + "\n";
    return s;
}

json events(int port, const std::string& token, std::int64_t session) {
    auto r = http_call(port, "GET", "/api/sessions/" + std::to_string(session) + "/events", nullptr, token);
    INFO(describe(r));
    REQUIRE(r.status == 200);
    return r.body_json;
}

}  // namespace

TEST_CASE("proctoring: an honest stream is never warned and its identity is confirmed", "[integration][proctor]") {
    server_process srv(fast_proctoring());
    auto s = prepare(srv.port(), "honest", "id_photo.jpg");
    ws_client ws;
    REQUIRE(ws.connect(srv.port(), ws_target(s.session.id, s.cand.token)) == 101);
    start(ws);
    std::vector<std::string> honest;
    for (int i = 0; i < 10; ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "honest_%03d.jpg", i);
        honest.push_back(fixture(name));
    }
    auto said = stream_media(ws, honest, 300ms, 8s, audio_message(0.002));
    INFO(dump_all(said));
    CHECK(of_type(said, "warning").empty());
    CHECK(of_type(said, "terminated").empty());
    auto identity = of_type(said, "identity");
    REQUIRE(identity.size() == 1);
    CHECK(identity[0].value("state", "") == "confirmed");
    auto ev = events(srv.port(), s.admin, s.session.id);
    INFO(ev.dump());
    for (const auto& e : ev) CHECK_FALSE(e.value("violation", true));
    // The recording keeps sampled frames and audio levels.
    auto rec = http_call(srv.port(), "GET", "/api/sessions/" + std::to_string(s.session.id) + "/recording", nullptr,
                         s.admin);
    REQUIRE(rec.status == 200);
    CHECK(rec.body_json["frames"].size() >= 3);
    CHECK(rec.body_json["audio"].size() >= 1);
}

TEST_CASE("proctoring: two faces bring a warning then the end of the attempt", "[integration][proctor]") {
    server_process srv(fast_proctoring());
    auto s = prepare(srv.port(), "twofaces", "id_photo.jpg");
    ws_client ws;
    REQUIRE(ws.connect(srv.port(), ws_target(s.session.id, s.cand.token)) == 101);
    start(ws);
    auto one = fixture("one_face.jpg");
    auto two = fixture("two_faces.jpg");
    auto said = stream_media(ws, {one}, 300ms, 2s);
    CHECK(of_type(said, "warning").empty());
    said = stream_media(ws, {two}, 300ms, 8s, {}, "warning");
    INFO(dump_all(said));
    auto warnings = of_type(said, "warning");
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0].value("violation", "") == "multiple_faces");
    CHECK(warnings[0].value("strike", 0) == 1);
    // After the cooldown the second person is still there: the second strike.
    said = stream_media(ws, {two}, 300ms, 12s, {}, "result");
    INFO(dump_all(said));
    auto terminated = of_type(said, "terminated");
    REQUIRE(terminated.size() == 1);
    CHECK(terminated[0].value("reason", "") == "multiple_faces");
    auto results = of_type(said, "result");
    REQUIRE(results.size() == 1);
    CHECK(results[0].value("passed", true) == false);
    CHECK(results[0].value("reason", "") == "terminated");
    CHECK(results[0].value("attempts_left", -1) == 1);
    // X1: the exam commission decides on a terminated attempt before any retake (seed 002 p.17, p.19)
    CHECK(results[0].value("next", "") == "none");
    CHECK(results[0].value("awaiting_decision", false) == true);
    // The session says so; answers are refused now.
    auto g = http_call(srv.port(), "GET", "/api/sessions/" + std::to_string(s.session.id), nullptr, s.admin);
    CHECK(g.body_json.value("status", "") == "terminated");
    CHECK(g.body_json.value("violations", 0) == 2);
    ws.send_json({{"type", "answer"}, {"n", 1}, {"choice", {0}}, {"seq", "late"}});
    auto err = ws.read_until_type("error");
    CHECK(err.value("error", "") == "finished");
}

TEST_CASE("proctoring: the live list shows a sitting in progress and its warning", "[integration][proctor][live]") {
    server_process srv(fast_proctoring());
    auto s = prepare(srv.port(), "live", "id_photo.jpg");
    auto live = [&](const std::string& token) {
        auto r = http_call(srv.port(), "GET", "/api/proctoring/live", nullptr, token);
        INFO(describe(r));
        REQUIRE(r.status == 200);
        return r.body_json;
    };
    CHECK(live(s.admin)["sittings"].empty());  // scheduled, not started
    ws_client ws;
    REQUIRE(ws.connect(srv.port(), ws_target(s.session.id, s.cand.token)) == 101);
    start(ws);
    auto said = stream_media(ws, {fixture("one_face.jpg")}, 300ms, 1500ms);
    auto l = live(s.admin);
    REQUIRE(l["sittings"].size() == 1);
    const auto first = l["sittings"][0];
    CHECK(first.value("session", 0) == s.session.id);
    CHECK(first.value("connections", 0) == 1);
    CHECK(first.value("strikes", -1) == 0);
    CHECK(first.value("remaining_ms", 0) > 0);
    CHECK(first.value("full_name", "") != "");
    CHECK(first["room_scan"] == "owed");  // asked for at the start (seed 002 p.2 item 8)

    said = stream_media(ws, {fixture("two_faces.jpg")}, 300ms, 8s, {}, "warning");
    INFO(dump_all(said));
    REQUIRE(of_type(said, "warning").size() == 1);
    l = live(s.admin);
    REQUIRE(l["sittings"].size() == 1);
    CHECK(l["sittings"][0].value("strikes", 0) == 1);
    // The newest event is the violation or one logged after it; the warning is among the events.
    auto ev = http_call(srv.port(), "GET", "/api/sessions/" + std::to_string(s.session.id) + "/events", nullptr, s.admin);
    bool warned = false;
    for (const auto& e : ev.body_json) warned = warned || (e.value("kind", "") == "multiple_faces" && e.value("strike", 0) == 1);
    CHECK(warned);
    CHECK(l["sittings"][0]["last_event"].is_object());

    // A candidate does not see the list; after the connection closes it says so.
    CHECK(http_call(srv.port(), "GET", "/api/proctoring/live", nullptr, s.cand.token).status == 403);
    ws.drop();
    for (int i = 0; i < 50 && live(s.admin)["sittings"][0].value("connections", 1) != 0; ++i) std::this_thread::sleep_for(100ms);
    CHECK(live(s.admin)["sittings"][0].value("connections", 1) == 0);
}

TEST_CASE("proctoring: evidence is kept with its hash and shown to staff only", "[integration][proctor]") {
    server_process srv(fast_proctoring());
    auto s = prepare(srv.port(), "evidence", "id_photo.jpg");
    ws_client ws;
    REQUIRE(ws.connect(srv.port(), ws_target(s.session.id, s.cand.token)) == 101);
    start(ws);
    auto said = stream_media(ws, {fixture("two_faces.jpg")}, 300ms, 8s, {}, "warning");
    REQUIRE(of_type(said, "warning").size() == 1);
    auto ev = events(srv.port(), s.admin, s.session.id);
    INFO(ev.dump());
    json violation;
    for (const auto& e : ev)
        if (e.value("violation", false)) violation = e;
    REQUIRE(violation.is_object());
    CHECK(violation.value("kind", "") == "multiple_faces");
    CHECK(violation.value("strike", 0) == 1);
    REQUIRE(violation["evidence"].is_string());
    auto url = violation["evidence"].get<std::string>();
    auto img = http_call(srv.port(), "GET", url, nullptr, s.admin);
    CHECK(img.status == 200);
    CHECK(img.content_type == "image/jpeg");
    CHECK(img.body.size() > 1000);
    CHECK(img.body.substr(0, 2) == "\xff\xd8");
    // The candidate sees neither the events nor the evidence.
    CHECK(http_call(srv.port(), "GET", url, nullptr, s.cand.token).status == 403);
    CHECK(http_call(srv.port(), "GET", "/api/sessions/" + std::to_string(s.session.id) + "/events", nullptr,
                    s.cand.token)
              .status == 403);
    CHECK(http_call(srv.port(), "GET", url).status == 401);
    // An appeal-commission member sees it only for an appeal assigned to them.
    auto u = http_call(srv.port(), "POST", "/api/users",
                       {{"login", "appeal-one"}, {"password", "appeal-one-password"}, {"role", "appeal"}}, s.admin);
    REQUIRE(u.status == 201);
    const auto judge = login_token(srv.port(), "appeal-one", "appeal-one-password");
    CHECK(http_call(srv.port(), "GET", url, nullptr, judge).status == 403);
    // (with an appeal assigned, the member sees it: test_procedure.cpp, violation acts)
}

TEST_CASE("proctoring: an empty seat is a no_face violation where the programme counts it", "[integration][proctor]") {
    server_process srv(fast_proctoring());
    auto s = prepare(srv.port(), "empty", "id_photo.jpg", false, counts_empty_seat_and_noise);
    ws_client ws;
    REQUIRE(ws.connect(srv.port(), ws_target(s.session.id, s.cand.token)) == 101);
    start(ws);
    // Frames too dark to judge never accuse.
    auto said = stream_media(ws, {fixture("dark.jpg")}, 300ms, 4s);
    INFO(dump_all(said));
    CHECK(of_type(said, "warning").empty());
    said = stream_media(ws, {fixture("empty_room.jpg")}, 300ms, 8s, {}, "warning");
    INFO(dump_all(said));
    auto w = of_type(said, "warning");
    REQUIRE(w.size() == 1);
    CHECK(w[0].value("violation", "") == "no_face");
}

TEST_CASE("proctoring: sustained loud sound is a noise violation where the programme counts it", "[integration][proctor]") {
    server_process srv(fast_proctoring());
    auto s = prepare(srv.port(), "noisy", "id_photo.jpg", false, counts_empty_seat_and_noise);
    ws_client ws;
    REQUIRE(ws.connect(srv.port(), ws_target(s.session.id, s.cand.token)) == 101);
    start(ws);
    auto one = fixture("one_face.jpg");
    auto said = stream_media(ws, {one}, 300ms, 2s, audio_message(0.002));
    CHECK(of_type(said, "warning").empty());
    said = stream_media(ws, {one}, 300ms, 8s, audio_message(0.8), "warning");
    INFO(dump_all(said));
    auto w = of_type(said, "warning");
    REQUIRE(w.size() == 1);
    CHECK(w[0].value("violation", "") == "noise");
}

TEST_CASE("proctoring: by default an empty seat is no strike - an event with its evidence for the commission",
          "[integration][proctor][strikes]") {
    server_process srv(fast_proctoring());
    auto s = prepare(srv.port(), "emptydefault", "id_photo.jpg");  // counts multiple_faces, identity_mismatch only
    ws_client ws;
    REQUIRE(ws.connect(srv.port(), ws_target(s.session.id, s.cand.token)) == 101);
    start(ws);
    auto said = stream_media(ws, {fixture("one_face.jpg")}, 300ms, 2s);
    said = stream_media(ws, {fixture("empty_room.jpg")}, 300ms, 8s);
    INFO(dump_all(said));
    CHECK(of_type(said, "warning").empty());
    CHECK(of_type(said, "terminated").empty());
    json seen;
    for (int i = 0; i < 30 && !seen.is_object(); ++i) {
        for (const auto& e : events(srv.port(), s.admin, s.session.id))
            if (e.value("kind", "") == "no_face") seen = e;
        if (!seen.is_object()) std::this_thread::sleep_for(100ms);
    }
    INFO(seen.dump());
    REQUIRE(seen.is_object());
    CHECK(seen.value("violation", true) == false);
    CHECK(seen.value("strike", -1) == 0);
    REQUIRE(seen["evidence"].is_string());  // the commission sees what was found
    CHECK(http_call(srv.port(), "GET", seen["evidence"].get<std::string>(), nullptr, s.admin).status == 200);
    auto g = http_call(srv.port(), "GET", "/api/sessions/" + std::to_string(s.session.id), nullptr, s.admin);
    CHECK(g.body_json.value("violations", -1) == 0);
    CHECK(g.body_json.value("status", "") == "in_progress");
    for (const auto& e : events(srv.port(), s.admin, s.session.id)) CHECK_FALSE(e.value("violation", true));
}

TEST_CASE("proctoring: a different person is an identity_mismatch", "[integration][proctor]") {
    server_process srv(fast_proctoring());
    auto s = prepare(srv.port(), "impostor", "id_photo.jpg");
    ws_client ws;
    REQUIRE(ws.connect(srv.port(), ws_target(s.session.id, s.cand.token)) == 101);
    start(ws);
    auto said = stream_media(ws, {fixture("other_person.jpg")}, 300ms, 10s, {}, "warning");
    INFO(dump_all(said));
    auto identity = of_type(said, "identity");
    REQUIRE_FALSE(identity.empty());
    CHECK(identity[0].value("state", "") == "not_confirmed");
    auto w = of_type(said, "warning");
    REQUIRE(w.size() == 1);
    CHECK(w[0].value("violation", "") == "identity_mismatch");
}

TEST_CASE("proctoring: ID photos with no face or several faces are refused", "[integration][proctor]") {
    server_process srv;
    auto admin = admin_token(srv.port());
    auto c = create_candidate(srv.port(), admin, "photo");
    auto put = [&](const std::string& body, const std::string& type, const std::string& token) {
        return http_raw(srv.port(), "PUT", "/api/candidates/" + std::to_string(c.id) + "/photo", body, type, token);
    };
    auto r = put(fixture("id_two_faces.jpg"), "image/jpeg", admin);
    CHECK(r.status == 422);
    CHECK(r.error() == "multiple_faces");
    r = put(fixture("id_no_face.jpg"), "image/jpeg", admin);
    CHECK(r.status == 422);
    CHECK(r.error() == "no_face");
    r = put(fixture("not_an_image.jpg"), "image/jpeg", admin);
    CHECK(r.status == 422);
    CHECK(r.error() == "unreadable_image");
    CHECK(put(fixture("id_photo.png"), "image/png", c.token).status == 403);
    CHECK(put(fixture("id_photo.png"), "image/png", admin).status == 204);
    CHECK(http_raw(srv.port(), "PUT", "/api/candidates/999999/photo", fixture("id_photo.jpg"), "image/jpeg", admin)
              .status == 404);
}

TEST_CASE("proctoring: without a photo the sitting runs unchecked and says so - room scan and focus",
          "[integration][proctor]") {
    server_process srv(fast_proctoring());
    auto s = prepare(srv.port(), "nophoto", "", /*focus_violation=*/true);
    ws_client ws;
    REQUIRE(ws.connect(srv.port(), ws_target(s.session.id, s.cand.token)) == 101);
    start(ws);
    auto one = fixture("one_face.jpg");
    // The room scan: frames between begin and end are kept as their own part.
    ws.send_json({{"type", "room_scan"}, {"state", "begin"}});
    auto said = stream_media(ws, {fixture("empty_room.jpg"), fixture("empty_coffee.jpg")}, 400ms, 4s);
    ws.send_json({{"type", "room_scan"}, {"state", "end"}});
    INFO(dump_all(said));
    CHECK(of_type(said, "warning").empty());  // an empty room during the scan is expected
    auto identity = of_type(said, "identity");
    REQUIRE(identity.size() == 1);
    CHECK(identity[0].value("state", "") == "no_photo");
    said = stream_media(ws, {one}, 300ms, 2s);
    CHECK(of_type(said, "warning").empty());
    // Staff may ask for another scan.
    auto r = http_call(srv.port(), "POST", "/api/sessions/" + std::to_string(s.session.id) + "/room-scan", json::object(),
                       s.admin);
    CHECK(r.status == 202);
    auto asked = ws.read_until_type("room_scan");
    CHECK(asked.value("reason", "") == "commission");
    // This programme counts a tab switch as a violation.
    ws.send_json({{"type", "focus"}, {"state", "lost"}});
    auto w = ws.read_until_type("warning");
    CHECK(w.value("violation", "") == "focus_lost");
    auto rec = http_call(srv.port(), "GET", "/api/sessions/" + std::to_string(s.session.id) + "/recording", nullptr,
                         s.admin);
    REQUIRE(rec.status == 200);
    int scan_frames = 0;
    for (const auto& f : rec.body_json["frames"]) scan_frames += f.value("part", "") == "room_scan";
    CHECK(scan_frames >= 2);
    auto ev = events(srv.port(), s.admin, s.session.id);
    std::set<std::string> kinds;
    for (const auto& e : ev) kinds.insert(e.value("kind", ""));
    CHECK(kinds.count("identity_unchecked") == 1);
    CHECK(kinds.count("room_scan_begin") == 1);
    CHECK(kinds.count("room_scan_end") == 1);
    CHECK(kinds.count("focus_lost") == 1);
}
