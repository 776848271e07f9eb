// violation_policy on synthetic findings: windows, pauses, gaps, cooldowns.
#include <catch2/catch.hpp>

#include "proctor/proctor.hpp"

using namespace tanu::proctor;

namespace {

frame_finding frame(std::int64_t t, int faces, frame_quality q = frame_quality::ok) {
    frame_finding f;
    f.t_ms = t;
    f.quality = q;
    f.faces = q == frame_quality::ok ? faces : -1;
    return f;
}

audio_finding audio(std::int64_t t, double dbfs, double seconds = 0.5) {
    audio_finding a;
    a.t_ms = t;
    a.dbfs = dbfs;
    a.seconds = seconds;
    return a;
}

}  // namespace

TEST_CASE("a single frame is never a violation", "[proctor][policy]") {
    proctor_config cfg;
    cfg.no_face_ms = 0;  // even with no window
    violation_policy p(cfg);
    CHECK_FALSE(p.on_frame(frame(0, 0)));
    CHECK_FALSE(p.on_frame(frame(1000, 1)));
    CHECK_FALSE(p.on_frame(frame(2000, 2)));
}

TEST_CASE("no face for the window raises no_face with its start and evidence", "[proctor][policy]") {
    proctor_config cfg;  // no_face_ms 6000
    violation_policy p(cfg);
    CHECK_FALSE(p.on_frame(frame(0, 1)));
    std::optional<violation> v;
    std::int64_t t = 2000;
    for (; t <= 20000 && !v; t += 2000) v = p.on_frame(frame(t, 0));
    REQUIRE(v);
    CHECK(v->kind == "no_face");
    CHECK(v->start_ms == 2000);
    CHECK(v->duration_ms == 6000);
    CHECK(v->evidence_t_ms == 8000);
    CHECK(v->detail == "no face for 6.0 s");
}

TEST_CASE("indeterminate frames pause a run: they neither start nor break it", "[proctor][policy]") {
    proctor_config cfg;
    violation_policy p(cfg);
    // only dark frames: nothing (camera_blocked needs 20 s)
    for (std::int64_t t = 0; t <= 10000; t += 1000) CHECK_FALSE(p.on_frame(frame(t, 0, frame_quality::too_dark)));
    // 0, 1, 2 s no face; 3-7 s dark; 8, 9, 10 s no face: 2 + 2 s of evidence, no violation
    violation_policy q(cfg);
    for (std::int64_t t : {0, 1000, 2000}) CHECK_FALSE(q.on_frame(frame(t, 0)));
    for (std::int64_t t : {3000, 4000, 5000, 6000, 7000}) CHECK_FALSE(q.on_frame(frame(t, 0, frame_quality::blurred)));
    for (std::int64_t t : {8000, 9000, 10000}) CHECK_FALSE(q.on_frame(frame(t, 0)));
    // the run goes on: two more seconds make six
    CHECK_FALSE(q.on_frame(frame(11000, 0)));
    const auto v = q.on_frame(frame(12000, 0));
    REQUIRE(v);
    CHECK(v->kind == "no_face");
    CHECK(v->start_ms == 0);
    CHECK(v->evidence_t_ms == 12000);
}

TEST_CASE("a judged frame showing a face breaks the run", "[proctor][policy]") {
    proctor_config cfg;
    violation_policy p(cfg);
    for (std::int64_t t = 0; t < 60000; t += 1000) {
        CHECK_FALSE(p.on_frame(frame(t, (t / 1000) % 5 == 4 ? 1 : 0)));  // a face every fifth second
    }
}

TEST_CASE("a gap with no frames longer than the window breaks the run", "[proctor][policy]") {
    proctor_config cfg;
    violation_policy p(cfg);
    CHECK_FALSE(p.on_frame(frame(0, 0)));
    CHECK_FALSE(p.on_frame(frame(3000, 0)));
    CHECK_FALSE(p.on_frame(frame(10000, 0)));  // 7 s without frames: a new run
    CHECK_FALSE(p.on_frame(frame(13000, 0)));
    CHECK(p.on_frame(frame(16000, 0)));
}

TEST_CASE("the same kind is not raised again within the cooldown", "[proctor][policy]") {
    proctor_config cfg;  // cooldown 30 s
    violation_policy p(cfg);
    std::vector<violation> got;
    for (std::int64_t t = 0; t <= 70000; t += 1000) {
        if (auto v = p.on_frame(frame(t, 2))) got.push_back(*v);
    }
    REQUIRE(got.size() == 3);  // at 4 s, 34 s, 64 s
    CHECK(got[0].kind == "multiple_faces");
    CHECK(got[0].evidence_t_ms == 4000);
    CHECK(got[0].detail == "2 faces for 4.0 s");
    CHECK(got[1].evidence_t_ms == 34000);
    CHECK(got[1].start_ms == 4000);
    CHECK(got[2].evidence_t_ms == 64000);
}

TEST_CASE("sustained looking away is movement, a glance is not", "[proctor][policy]") {
    proctor_config cfg;  // movement_ms 8000
    violation_policy p(cfg);
    auto away = [](std::int64_t t, bool a) {
        auto f = frame(t, 1);
        f.looking_away = a;
        return f;
    };
    for (std::int64_t t = 0; t < 40000; t += 2000) CHECK_FALSE(p.on_frame(away(t, (t / 2000) % 3 == 0)));
    std::optional<violation> v;
    for (std::int64_t t = 40000; t <= 60000 && !v; t += 2000) v = p.on_frame(away(t, true));
    REQUIRE(v);
    CHECK(v->kind == "movement");
    CHECK(v->start_ms == 40000);
    CHECK(v->duration_ms == 8000);
}

TEST_CASE("identity mismatch needs identity_ms of mismatching frames", "[proctor][policy]") {
    proctor_config cfg;  // identity_ms 10000
    violation_policy p(cfg);
    auto id = [](std::int64_t t, std::optional<bool> match) {
        auto f = frame(t, 1);
        f.identity_match = match;
        if (match) f.identity_distance = *match ? 0.2 : 0.9;
        return f;
    };
    for (std::int64_t t = 0; t < 8000; t += 2000) CHECK_FALSE(p.on_frame(id(t, false)));
    CHECK_FALSE(p.on_frame(id(8000, std::nullopt)));  // not checked: a pause
    CHECK_FALSE(p.on_frame(id(10000, false)));
    CHECK_FALSE(p.on_frame(id(12000, false)));
    const auto v = p.on_frame(id(14000, false));
    REQUIRE(v);
    CHECK(v->kind == "identity_mismatch");
    CHECK(v->start_ms == 0);
}

TEST_CASE("a camera kept dark for long is camera_blocked", "[proctor][policy]") {
    proctor_config cfg;  // camera_blocked_ms 20000
    violation_policy p(cfg);
    std::optional<violation> v;
    std::int64_t t = 0;
    for (; t <= 40000 && !v; t += 2000) v = p.on_frame(frame(t, 0, frame_quality::too_dark));
    REQUIRE(v);
    CHECK(v->kind == "camera_blocked");
    CHECK(v->duration_ms == 20000);
    cfg.camera_blocked_ms = 0;  // off
    violation_policy off(cfg);
    for (t = 0; t <= 60000; t += 2000) CHECK_FALSE(off.on_frame(frame(t, 0, frame_quality::too_dark)));
}

TEST_CASE("noise: sustained sound above the level only", "[proctor][policy]") {
    proctor_config cfg;  // noise_ms 3000, noise_dbfs -25
    violation_policy p(cfg);
    // quiet, then a loud second (a cough), then quiet
    std::int64_t t = 0;
    for (int i = 0; i < 10; ++i, t += 500) CHECK_FALSE(p.on_audio(audio(t, -50)));
    for (int i = 0; i < 2; ++i, t += 500) CHECK_FALSE(p.on_audio(audio(t, -10)));
    for (int i = 0; i < 4; ++i, t += 500) CHECK_FALSE(p.on_audio(audio(t, -50)));
    // invalid chunks do not count either way
    audio_finding bad = audio(t, -5);
    bad.valid = false;
    CHECK_FALSE(p.on_audio(bad));
    t += 500;
    // sustained talking at -15 dBFS
    const std::int64_t start = t;
    std::optional<violation> v;
    for (int i = 0; i < 20 && !v; ++i, t += 500) v = p.on_audio(audio(t, i == 3 ? -12 : -15));
    REQUIRE(v);
    CHECK(v->kind == "noise");
    CHECK(v->start_ms == start);
    CHECK(v->duration_ms == 3000);
    CHECK(v->evidence_t_ms == 0);
    CHECK(v->detail == "sound up to -12.0 dBFS for 3.0 s");
}

TEST_CASE("during a room scan only a second person counts", "[proctor][policy][room_scan]") {
    proctor_config cfg;  // no_face 6 s, multiple_faces 4 s
    auto scan = [](std::int64_t t, int faces) {
        frame_finding f = frame(t, faces);
        f.room_scan = true;
        return f;
    };
    // An empty room for 30 s of scan: nothing.
    violation_policy p(cfg);
    for (std::int64_t t = 0; t <= 30000; t += 1000) CHECK_FALSE(p.on_frame(scan(t, 0)));
    // Two people in view during the scan: multiple_faces as ever.
    violation_policy q(cfg);
    std::optional<violation> v;
    for (std::int64_t t = 0; t <= 10000 && !v; t += 1000) v = q.on_frame(scan(t, 2));
    REQUIRE(v);
    CHECK(v->kind == "multiple_faces");
    // After the scan, an empty seat counts again (the scan paused the run, it did not break it).
    violation_policy r(cfg);
    for (std::int64_t t : {0, 1000, 2000}) CHECK_FALSE(r.on_frame(frame(t, 0)));
    for (std::int64_t t = 3000; t <= 20000; t += 1000) CHECK_FALSE(r.on_frame(scan(t, 0)));
    std::optional<violation> w;
    for (std::int64_t t = 21000; t <= 30000 && !w; t += 1000) w = r.on_frame(frame(t, 0));
    REQUIRE(w);
    CHECK(w->kind == "no_face");
    CHECK(w->evidence_t_ms == 25000);  // 2 s before the scan and 4 s after it
}
