// frame_analyzer: quality gates, tracking between full scans, and whole
// sequences through the violation policy.
#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <sstream>

#include <opencv2/imgcodecs.hpp>

#include "fixtures.hpp"
#include "proctor/proctor.hpp"

using namespace tanu::proctor;
using namespace tanu::proctor::test;

namespace {

face_detector& detector() {
    static proctor_config cfg;
    static face_detector det(cfg);
    return det;
}

struct sequence_frame {
    std::string file;
    std::int64_t t_ms;
    std::string phase;
};

std::vector<sequence_frame> sequence(const std::string& prefix) {
    std::ifstream in(fixture("sequences.csv"));
    std::string line;
    std::getline(in, line);
    std::vector<sequence_frame> out;
    while (std::getline(in, line)) {
        std::stringstream ss(line);
        sequence_frame f;
        std::string t;
        std::getline(ss, f.file, ',');
        std::getline(ss, t, ',');
        std::getline(ss, f.phase);
        if (!f.phase.empty() && f.phase.back() == '\r') f.phase.pop_back();
        f.t_ms = std::stoll(t);
        if (f.file.rfind(prefix, 0) == 0) out.push_back(f);
    }
    return out;
}

}  // namespace

TEST_CASE("frames too dark, too bright or too blurred are indeterminate, never no_face", "[proctor][analyzer]") {
    proctor_config cfg;
    const std::pair<const char*, frame_quality> cases[] = {
        {"dark.jpg", frame_quality::too_dark},
        {"bright.jpg", frame_quality::too_bright},
        {"blurred.jpg", frame_quality::blurred},
    };
    for (const auto& [name, q] : cases) {
        INFO(name);
        frame_analyzer a(cfg);
        const auto f = a.analyze_image(fixture_bytes(name), 1000, detector());
        CHECK(f.quality == q);
        CHECK(f.faces == -1);
        CHECK(f.boxes.empty());
    }
}

TEST_CASE("a corrupt or oversized frame is a finding, not an exception", "[proctor][analyzer]") {
    proctor_config cfg;
    frame_analyzer a(cfg);
    auto f = a.analyze_image(fixture_bytes("corrupt.jpg"), 0, detector());
    CHECK(f.quality == frame_quality::corrupt);
    CHECK(f.faces == -1);
    CHECK(a.analyze_image(fixture_bytes("not_an_image.jpg"), 0, detector()).quality == frame_quality::corrupt);
    CHECK(a.analyze_image(fixture_bytes("huge.jpg"), 0, detector()).quality == frame_quality::too_large);
    cfg.max_jpeg_bytes = 10000;
    frame_analyzer small(cfg);
    CHECK(small.analyze_image(fixture_bytes("one_face.jpg"), 0, detector()).quality == frame_quality::too_large);
    // random bytes behind a JPEG signature
    std::vector<std::uint8_t> junk(5000, 0x5A);
    junk[0] = 0xFF;
    junk[1] = 0xD8;
    junk[2] = 0xFF;
    CHECK(a.analyze_image(junk, 0, detector()).quality == frame_quality::corrupt);
}

TEST_CASE("a decoded picture can be given directly", "[proctor][analyzer]") {
    proctor_config cfg;
    frame_analyzer a(cfg);
    const cv::Mat img = cv::imread(fixture("one_face.jpg"));
    const auto f = a.analyze(img, 0, detector());
    CHECK(f.faces == 1);
    CHECK(f.width == 320);
    CHECK(f.scale == 2);
    const auto jpg = a.last_jpeg();
    REQUIRE(jpg.size() > 1000);
    CHECK(jpg[0] == 0xFF);
    CHECK(jpg[1] == 0xD8);
}

TEST_CASE("between full scans the face is tracked", "[proctor][analyzer]") {
    proctor_config cfg;
    frame_analyzer a(cfg);
    const auto seq = sequence("honest_");
    REQUIRE(seq.size() == 30);
    int full = 0;
    for (const auto& s : seq) {
        const auto f = a.analyze_image(fixture_bytes(s.file), s.t_ms, detector());
        INFO(s.file);
        CHECK(f.faces == 1);
        CHECK_FALSE(f.looking_away);
        full += f.full_scan;
    }
    // the first frame, then every full_scan_every_ms (60 s), and a rescan or two on motion
    CHECK(full <= 4);
    const auto jpg = a.last_jpeg();
    CHECK(jpg == fixture_bytes(seq.back().file));  // the evidence is the frame as received
}

TEST_CASE("an honest candidate raises nothing", "[proctor][analyzer][policy]") {
    proctor_config cfg;
    const auto photo = fixture_bytes("id_photo.jpg");
    auto ref = std::make_shared<identity_reference>(identity_reference::from_image(photo, detector(), cfg));
    frame_analyzer a(cfg, ref);
    violation_policy p(cfg);
    int checked = 0;
    for (const auto& s : sequence("honest_")) {
        const auto f = a.analyze_image(fixture_bytes(s.file), s.t_ms, detector());
        if (f.identity_match) {
            ++checked;
            CHECK(*f.identity_match);
        }
        const auto v = p.on_frame(f);
        CHECK_FALSE(v.has_value());
    }
    CHECK(checked >= 25);
}

TEST_CASE("a cheating sequence raises no_face, multiple_faces and movement in their phases",
          "[proctor][analyzer][policy]") {
    proctor_config cfg;
    frame_analyzer a(cfg);
    violation_policy p(cfg);
    std::map<std::string, violation> raised;
    std::map<std::int64_t, std::string> phase_at;
    for (const auto& s : sequence("cheat_")) {
        phase_at[s.t_ms] = s.phase;
        const auto f = a.analyze_image(fixture_bytes(s.file), s.t_ms, detector());
        if (auto v = p.on_frame(f)) {
            INFO(v->kind << " at " << s.t_ms << ": " << v->detail);
            CHECK(raised.count(v->kind) == 0);
            raised[v->kind] = *v;
        }
    }
    REQUIRE(raised.count("no_face") == 1);
    REQUIRE(raised.count("multiple_faces") == 1);
    REQUIRE(raised.count("movement") == 1);
    CHECK(raised.size() == 3);
    CHECK(phase_at[raised["no_face"].evidence_t_ms] == "no_face");
    CHECK(phase_at[raised["no_face"].start_ms] == "no_face");
    CHECK(raised["no_face"].duration_ms >= cfg.no_face_ms);
    CHECK(phase_at[raised["multiple_faces"].evidence_t_ms] == "multiple_faces");
    CHECK(phase_at[raised["movement"].evidence_t_ms] == "looking_away");
}

TEST_CASE("one frame without a face raises nothing, six seconds of them raise no_face", "[proctor][analyzer][policy]") {
    proctor_config cfg;
    frame_analyzer a(cfg);
    violation_policy p(cfg);
    const auto face = fixture_bytes("one_face.jpg"), empty = fixture_bytes("empty_room.jpg");
    std::int64_t t = 0;
    for (int i = 0; i < 3; ++i, t += 1000) CHECK_FALSE(p.on_frame(a.analyze_image(face, t, detector())));
    CHECK_FALSE(p.on_frame(a.analyze_image(empty, t, detector())));  // one empty frame
    t += 1000;
    for (int i = 0; i < 3; ++i, t += 1000) CHECK_FALSE(p.on_frame(a.analyze_image(face, t, detector())));
    std::optional<violation> v;
    const std::int64_t left = t;
    for (int i = 0; i < 10 && !v; ++i, t += 1000) {
        const auto f = a.analyze_image(empty, t, detector());
        CHECK(f.faces == 0);
        v = p.on_frame(f);
    }
    REQUIRE(v.has_value());
    CHECK(v->kind == "no_face");
    CHECK(v->start_ms == left);
    CHECK(v->duration_ms == cfg.no_face_ms);
    CHECK(v->evidence_t_ms == left + cfg.no_face_ms);
}
