// Attacks on the online proctoring (issue 8): switching it off with a room
// scan nobody asked for (C3), the JPEG scan bomb as a frame and as an ID photo
// (H1), one sitting's frames eating the proctoring CPU of all, and ID photo
// files left behind.
#include <catch2/catch.hpp>

#include <filesystem>
#include <set>
#include <thread>

#include "tests/security/proctor_attack.hpp"

using namespace attack;

namespace {

server_options with(json extra) {
    server_options o = fast_proctoring();  // the harness's short windows
    for (auto& [section, values] : extra.items())
        for (auto& [k, v] : values.items()) o.config_extra[section][k] = v;
    return o;
}

std::vector<std::string> room_scan_files(const server_process& srv, std::int64_t session) {
    std::vector<std::string> out;
    std::filesystem::path dir = std::filesystem::path(srv.data_dir()) / "recordings" / std::to_string(session);
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(dir, ec))
        if (e.path().filename().string().find("room_scan") != std::string::npos) out.push_back(e.path().string());
    return out;
}

int room_scan_rows(int port, const std::string& admin, std::int64_t session) {
    auto rec = http_call(port, "GET", "/api/sessions/" + std::to_string(session) + "/recording", nullptr, admin);
    INFO(describe(rec));
    REQUIRE(rec.status == 200);
    int n = 0;
    for (const auto& f : rec.body_json["frames"]) n += f.value("part", "") == "room_scan";
    return n;
}

// prepare's sitting on a programme that counts an empty seat (no_face) as a
// violation besides the defaults (seed 002 p.13: the programme's setting);
// these tests watch for the analysis by its no_face warning.
sitting_setup prepare_counting_empty_seat(int port, const std::string& login, const std::string& photo) {
    sitting_setup s;
    s.admin = admin_token(port);
    json prog = make_programme("ATK-" + login, 5, 30, "above", 2, {"ru"});
    prog["proctoring"] = {{"strikes", {"multiple_faces", "identity_mismatch", "no_face"}}};
    create_programme(port, s.admin, prog);
    import_questions(port, s.admin, "ATK-" + login, make_questions("A" + login, "ru", 5));
    s.cand = create_candidate(port, s.admin, login);
    auto r = http_raw(port, "PUT", "/api/candidates/" + std::to_string(s.cand.id) + "/photo", fixture(photo),
                      "image/jpeg", s.admin);
    INFO(describe(r));
    REQUIRE(r.status == 204);
    s.session = create_session(port, s.admin, s.cand.id, "ATK-" + login);
    return s;
}

}  // namespace

TEST_CASE("security: a room scan the server did not ask for is refused and the analysis goes on",
          "[security][proctor][room_scan]") {
    server_process srv(with(json::object()));
    auto s = prepare_counting_empty_seat(srv.port(), "scanfree", "id_photo.jpg");
    ws_client ws;
    REQUIRE(ws.connect(srv.port(), ws_target(s.session.id, s.cand.token)) == 101);
    REQUIRE(start_sitting(ws));
    // The scan asked for at the start, done as the page does it.
    ws.send_json({{"type", "room_scan"}, {"state", "begin"}});
    stream(ws, {fixture("one_face.jpg")}, 300ms, 1500ms);
    ws.send_json({{"type", "room_scan"}, {"state", "end"}});
    // Another `begin`, of the candidate's own accord: refused, changes nothing.
    ws.send_json({{"type", "room_scan"}, {"state", "begin"}});
    auto said = stream(ws, {}, 100ms, 3s, "error");
    INFO(dump_all(said));
    auto errors = of_type(said, "error");
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].value("error", "") == "room_scan_not_requested");
    // An empty seat is still seen.
    said = stream(ws, {fixture("empty_room.jpg")}, 300ms, 12s, "warning");
    INFO(dump_all(said));
    auto w = of_type(said, "warning");
    REQUIRE(w.size() == 1);
    CHECK(w[0].value("violation", "") == "no_face");
    auto ev = events(srv.port(), s.admin, s.session.id);
    INFO(ev.dump());
    CHECK(count_kind(ev, "room_scan_requested") == 1);
    CHECK(count_kind(ev, "room_scan_begin") == 1);
    CHECK(count_kind(ev, "room_scan_end") == 1);
}

TEST_CASE("security: a room scan asked for while the candidate was away is asked for again on resume",
          "[security][proctor][room_scan]") {
    server_process srv(with(json::object()));
    auto s = prepare(srv.port(), "away");
    auto ws = std::make_unique<ws_client>();
    REQUIRE(ws->connect(srv.port(), ws_target(s.session.id, s.cand.token)) == 101);
    REQUIRE(start_sitting(*ws));
    ws->drop();  // before beginning the scan asked for
    std::this_thread::sleep_for(300ms);
    ws = std::make_unique<ws_client>();
    REQUIRE(ws->connect(srv.port(), ws_target(s.session.id, s.cand.token)) == 101);
    ws->send_json({{"type", "start"}});
    ws->read_until_type("paper");
    auto asked = ws->read_until_type("room_scan");
    CHECK(asked.value("reason", "") == "start");
    // It is the same scan: begun now, it is the one asked for.
    ws->send_json({{"type", "room_scan"}, {"state", "begin"}});
    ws->send_json({{"type", "room_scan"}, {"state", "end"}});
    ws->pump(500ms);
    auto ev = events_until(srv.port(), s.admin, s.session.id,
                           [](const json& e) { return count_kind(e, "room_scan_end") > 0; });
    INFO(ev.dump());
    CHECK(count_kind(ev, "room_scan_requested") == 1);
    CHECK(count_kind(ev, "room_scan_begin") == 1);
    CHECK(count_kind(ev, "room_scan_end") == 1);
}

TEST_CASE("security: a room scan never ended ends by itself after room_scan_max_s", "[security][proctor][room_scan]") {
    server_process srv(with({{"proctor", {{"room_scan_max_s", 5}}}}));
    auto s = prepare_counting_empty_seat(srv.port(), "endless", "id_photo.jpg");
    ws_client ws;
    REQUIRE(ws.connect(srv.port(), ws_target(s.session.id, s.cand.token)) == 101);
    REQUIRE(start_sitting(ws));
    ws.send_json({{"type", "room_scan"}, {"state", "begin"}});  // and never `end`
    const auto t0 = clock_type::now();
    auto said = stream(ws, {fixture("empty_room.jpg")}, 300ms, 20s, "warning");
    INFO(dump_all(said));
    auto w = of_type(said, "warning");
    REQUIRE(w.size() == 1);
    CHECK(w[0].value("violation", "") == "no_face");
    // Not during the 5 s of the scan (an empty room is what a scan shows).
    CHECK(clock_type::now() - t0 >= 5s);
    auto ev = events_until(srv.port(), s.admin, s.session.id,
                           [](const json& e) { return count_kind(e, "room_scan_timeout") > 0; });
    INFO(ev.dump());
    CHECK(count_kind(ev, "room_scan_timeout") == 1);
    CHECK(count_kind(ev, "room_scan_end") == 0);
}

TEST_CASE("security: frames during a room scan are still checked for a second person",
          "[security][proctor][room_scan]") {
    server_process srv(with(json::object()));
    auto s = prepare(srv.port(), "helper", "id_photo.jpg");
    ws_client ws;
    REQUIRE(ws.connect(srv.port(), ws_target(s.session.id, s.cand.token)) == 101);
    REQUIRE(start_sitting(ws));
    ws.send_json({{"type", "room_scan"}, {"state", "begin"}});
    auto said = stream(ws, {fixture("two_faces.jpg")}, 300ms, 10s, "warning");
    INFO(dump_all(said));
    auto w = of_type(said, "warning");
    REQUIRE(w.size() == 1);
    CHECK(w[0].value("violation", "") == "multiple_faces");
}

TEST_CASE("security: room-scan frames are capped per sitting across reconnects and only JPEGs are kept",
          "[security][proctor][room_scan]") {
    server_process srv(with({{"proctor", {{"room_scan_max_frames", 3}}}}));
    auto s = prepare(srv.port(), "scanfill");
    auto ws = std::make_unique<ws_client>();
    REQUIRE(ws->connect(srv.port(), ws_target(s.session.id, s.cand.token)) == 101);
    REQUIRE(start_sitting(*ws));
    ws->send_json({{"type", "room_scan"}, {"state", "begin"}});
    // Arbitrary bytes as "frames": not stored.
    std::mt19937 rng(7);
    std::string junk(200000, '\0');
    for (auto& c : junk) c = static_cast<char>(rng());
    stream(*ws, {junk}, 1100ms, 3300ms);
    CHECK(room_scan_rows(srv.port(), s.admin, s.session.id) == 0);
    // Two real frames, a reconnect, and a new request by the commission.
    const auto room = fixture("empty_room.jpg");
    stream(*ws, {room}, 1100ms, 2200ms);
    ws->drop();
    std::this_thread::sleep_for(500ms);
    ws = std::make_unique<ws_client>();
    REQUIRE(ws->connect(srv.port(), ws_target(s.session.id, s.cand.token)) == 101);
    ws->send_json({{"type", "start"}});
    ws->read_until_type("paper");
    auto r = http_call(srv.port(), "POST", "/api/sessions/" + std::to_string(s.session.id) + "/room-scan",
                       json::object(), s.admin);
    CHECK(r.status == 202);
    ws->read_until_type("room_scan");
    ws->send_json({{"type", "room_scan"}, {"state", "begin"}});
    stream(*ws, {room}, 1100ms, 5500ms);
    ws->send_json({{"type", "room_scan"}, {"state", "end"}});
    ws->pump(1s);
    CHECK(room_scan_rows(srv.port(), s.admin, s.session.id) == 3);
    CHECK(room_scan_files(srv, s.session.id).size() == 3);
}

TEST_CASE("security: a JPEG scan bomb as a camera frame is refused undecoded and an honest candidate is still warned",
          "[security][proctor][scan_bomb]") {
    server_process srv(with(json::object()));
    const std::string bomb = scan_bomb_jpeg(640, 480, 30000);
    REQUIRE(bomb.size() < 1024 * 1024);  // within the frame bound: only its scans give it away
    auto honest = prepare_counting_empty_seat(srv.port(), "honestroom", "id_photo.jpg");
    auto b1 = prepare(srv.port(), "bomber1", "id_photo.jpg");
    auto b2 = prepare(srv.port(), "bomber2", "id_photo.jpg");
    ws_client h, x, y;
    REQUIRE(h.connect(srv.port(), ws_target(honest.session.id, honest.cand.token)) == 101);
    REQUIRE(x.connect(srv.port(), ws_target(b1.session.id, b1.cand.token)) == 101);
    REQUIRE(y.connect(srv.port(), ws_target(b2.session.id, b2.cand.token)) == 101);
    start_sitting(h);
    start_sitting(x);
    start_sitting(y);
    // The bombers send a bomb twice a second; the honest candidate has left
    // the room (fixture frames of the empty room, three a second).
    const auto room = fixture("empty_room.jpg");
    std::vector<json> said;
    bool warned = false;
    auto end = clock_type::now() + 20s;
    auto next_bomb = clock_type::now();
    while (!warned && clock_type::now() < end) {
        if (clock_type::now() >= next_bomb) {
            x.send_binary(frame_message(bomb));
            y.send_binary(frame_message(bomb));
            next_bomb += 500ms;
        }
        h.send_binary(frame_message(room));
        auto until = clock_type::now() + 300ms;
        while (clock_type::now() < until) {
            auto m = h.poll_json(50ms);
            if (m && m->value("type", "") != "time") said.push_back(*m);
            if (m && m->value("type", "") == "warning") warned = true;
            x.pump(5ms);
            y.pump(5ms);
        }
    }
    INFO(dump_all(said));
    auto w = of_type(said, "warning");
    REQUIRE(w.size() == 1);
    CHECK(w[0].value("violation", "") == "no_face");
    for (const auto* b : {&b1, &b2}) {
        auto ev = events_until(srv.port(), b->admin, b->session.id,
                               [](const json& e) { return find_kind(e, "frame_unreadable") != nullptr; });
        INFO(ev.dump());
        const json* e = find_kind(ev, "frame_unreadable");
        REQUIRE(e != nullptr);
        CHECK(e->value("detail", "").find("scans") != std::string::npos);
    }
}

TEST_CASE("security: a JPEG scan bomb as an ID photo is refused with 422 before decoding",
          "[security][proctor][scan_bomb]") {
    server_process srv;
    auto admin = admin_token(srv.port());
    auto c = create_candidate(srv.port(), admin, "bombphoto");
    const std::string path = "/api/candidates/" + std::to_string(c.id) + "/photo";
    auto r = http_raw(srv.port(), "PUT", path, scan_bomb_jpeg(640, 480, 30000), "image/jpeg", admin);
    INFO(describe(r));
    CHECK(r.status == 422);
    CHECK(r.error() == "too_many_scans");
    // An ordinary photo still goes in, and the server answers at once.
    CHECK(http_raw(srv.port(), "PUT", path, fixture("id_photo.jpg"), "image/jpeg", admin).status == 204);
    CHECK(http_call(srv.port(), "GET", "/api/health").status == 200);
}

TEST_CASE("security: a sitting over its proctoring CPU budget has its frames dropped, with one event",
          "[security][proctor][cpu_budget]") {
    // The smallest budget there is (100 ms a minute) and frames that each
    // need a full scan of an empty room: the budget is spent within seconds.
    server_process srv(with({{"proctor", {{"cpu_ms_per_minute", 100}}}}));
    auto s = prepare(srv.port(), "greedy");
    ws_client ws;
    REQUIRE(ws.connect(srv.port(), ws_target(s.session.id, s.cand.token)) == 101);
    REQUIRE(start_sitting(ws));
    stream(ws, {fixture("empty_room.jpg"), fixture("empty_coffee.jpg"), fixture("empty_field.jpg")}, 200ms, 6s);
    ws.close();
    auto ev = events_until(srv.port(), s.admin, s.session.id,
                           [](const json& e) { return find_kind(e, "frames_summary") != nullptr; });
    INFO(ev.dump());
    CHECK(count_kind(ev, "frames_throttled") == 1);  // one per episode, not one per frame
    const json* summary = find_kind(ev, "frames_summary");
    REQUIRE(summary != nullptr);
    CHECK(summary->value("detail", "").find(" 0 over the CPU budget") == std::string::npos);
    CHECK(summary->value("detail", "").find("over the CPU budget") != std::string::npos);
}

TEST_CASE("security: a replaced ID photo leaves no file behind", "[security][proctor][photo]") {
    server_process srv;
    auto admin = admin_token(srv.port());
    auto c = create_candidate(srv.port(), admin, "rephoto");
    const std::string path = "/api/candidates/" + std::to_string(c.id) + "/photo";
    auto files = [&] {
        std::set<std::string> out;
        std::error_code ec;
        for (const auto& e : std::filesystem::directory_iterator(std::filesystem::path(srv.data_dir()) / "photos", ec))
            if (e.path().filename().string().rfind(std::to_string(c.id) + "-", 0) == 0)
                out.insert(e.path().filename().string());
        return out;
    };
    REQUIRE(http_raw(srv.port(), "PUT", path, fixture("id_photo.jpg"), "image/jpeg", admin).status == 204);
    const auto first = files();
    REQUIRE(first.size() == 1);
    std::this_thread::sleep_for(5ms);  // another file name (they carry the time)
    REQUIRE(http_raw(srv.port(), "PUT", path, fixture("id_photo.png"), "image/png", admin).status == 204);
    REQUIRE(http_raw(srv.port(), "PUT", path, fixture("id_photo.jpg"), "image/jpeg", admin).status == 204);
    const auto now = files();
    INFO("photo files: " << now.size());
    CHECK(now.size() == 1);
    CHECK(now != first);
}
