// Face counting on webcam-like frames composed from skimage's real photos.
#include <catch2/catch.hpp>

#include "fixtures.hpp"
#include "proctor/decode.hpp"
#include "proctor/proctor.hpp"

#include <cstdlib>
#include <opencv2/core.hpp>

using namespace tanu::proctor;
using namespace tanu::proctor::test;

namespace {

// The first frame of a stream: a full scan, small faces included.
frame_finding first_frame(const std::string& name) {
    static proctor_config cfg;
    static face_detector det(cfg);
    frame_analyzer a(cfg);
    return a.analyze_image(fixture_bytes(name), 0, det);
}

}  // namespace

TEST_CASE("one candidate is one face", "[proctor][faces]") {
    for (const char* name : {"one_face.jpg", "one_face_small.jpg", "noisy.jpg", "dim.jpg", "other_person.jpg"}) {
        INFO(name);
        const auto f = first_frame(name);
        CHECK(f.quality == frame_quality::ok);
        CHECK(f.faces == 1);
        CHECK(f.full_scan);
    }
}

TEST_CASE("the face box is where the face is", "[proctor][faces]") {
    const auto f = first_frame("one_face.jpg");
    REQUIRE(f.faces == 1);
    const auto& b = f.boxes.front();
    // one_face.jpg: the face is ~130 px wide, centred on (320, 190) of 640x480
    const double cx = (b.x + b.w / 2.0) * f.scale, cy = (b.y + b.h / 2.0) * f.scale;
    CHECK(cx == Approx(320).margin(25));
    CHECK(cy == Approx(190).margin(30));
    CHECK(b.w * f.scale == Approx(140).margin(40));
}

TEST_CASE("two people are two faces", "[proctor][faces]") {
    CHECK(first_frame("two_faces.jpg").faces == 2);
}

TEST_CASE("a small face in the background is counted", "[proctor][faces]") {
    CHECK(first_frame("small_background_face.jpg").faces == 2);
}

TEST_CASE("an empty room has no face", "[proctor][faces]") {
    for (const char* name : {"empty_room.jpg", "empty_coffee.jpg", "empty_field.jpg"}) {
        INFO(name);
        const auto f = first_frame(name);
        CHECK(f.quality == frame_quality::ok);
        CHECK(f.faces == 0);
    }
}

TEST_CASE("tilted heads are found", "[proctor][faces]") {
    CHECK(first_frame("tilted_15.jpg").faces == 1);
    CHECK(first_frame("tilted_30.jpg").faces == 1);  // by the rotated retry
}

TEST_CASE("missing cascades are an error at start", "[proctor][faces]") {
    proctor_config cfg;
    cfg.cascade_dir = "/nonexistent";
    CHECK_THROWS_AS(face_detector(cfg), std::runtime_error);
}

TEST_CASE("the periodic check finds only the faces other than the tracked ones", "[proctor][faces]") {
    proctor_config cfg;
    face_detector det(cfg);
    auto grey_of = [&](const char* name) {
        const auto bytes = fixture_bytes(name);
        auto img = decode_grey(bytes, decode_limits{cfg.max_jpeg_bytes, cfg.max_width, cfg.max_height,
                                                    cfg.max_analysis_width});
        REQUIRE(img.status == frame_quality::ok);
        return img.grey;
    };
    const auto two = grey_of("two_faces.jpg");
    const auto all = det.detect(two);
    REQUIRE(all.size() == 2);
    // the candidate tracked: the helper is found, and only the helper
    const auto others = det.detect_extra(two, {all[0]});
    REQUIRE(others.size() == 1);
    CHECK(std::abs((others[0].x + others[0].w / 2) - (all[1].x + all[1].w / 2)) < all[1].w / 2);
    CHECK(det.detect_extra(two, all).empty());
    // one face, tracked: nobody else; an empty room: nobody
    const auto one = grey_of("one_face.jpg");
    const auto known = det.detect(one);
    REQUIRE(known.size() == 1);
    CHECK(det.detect_extra(one, known).empty());
    CHECK(det.detect_extra(grey_of("empty_room.jpg"), {}).empty());
}
