// The candidate against the ID photo (classical LBP descriptor, measured
// threshold: docs/performance.md).
#include <catch2/catch.hpp>

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

std::optional<double> distance_in(const std::string& frame, const std::shared_ptr<identity_reference>& ref) {
    proctor_config cfg;
    frame_analyzer a(cfg, ref);
    return a.analyze_image(fixture_bytes(frame), 0, detector()).identity_distance;
}

std::string photo_reason(const std::string& name) {
    proctor_config cfg;
    try {
        identity_reference::from_image(fixture_bytes(name), detector(), cfg);
    } catch (const photo_error& e) {
        return e.reason_;
    }
    return "accepted";
}

}  // namespace

TEST_CASE("the same person matches the ID photo, another person does not", "[proctor][identity]") {
    proctor_config cfg;
    auto ref = std::make_shared<identity_reference>(
        identity_reference::from_image(fixture_bytes("id_photo.jpg"), detector(), cfg));
    const double threshold = ref->threshold(cfg);
    for (const char* same : {"one_face.jpg", "noisy.jpg", "dim.jpg", "honest_007.jpg"}) {
        INFO(same);
        const auto d = distance_in(same, ref);
        REQUIRE(d.has_value());
        CHECK(*d <= threshold);
    }
    const auto other = distance_in("other_person.jpg", ref);
    REQUIRE(other.has_value());
    CHECK(*other > threshold);

    proctor_config strict;
    strict.identity_threshold = 0.01;
    CHECK(ref->threshold(strict) == 0.01);
}

TEST_CASE("the PNG of the ID photo gives the same reference", "[proctor][identity]") {
    proctor_config cfg;
    const auto jpg = identity_reference::from_image(fixture_bytes("id_photo.jpg"), detector(), cfg);
    auto png = std::make_shared<identity_reference>(
        identity_reference::from_image(fixture_bytes("id_photo.png"), detector(), cfg));
    const auto d = distance_in("one_face.jpg", png);
    REQUIRE(d.has_value());
    CHECK(*d <= png->threshold(cfg));
}

TEST_CASE("an ID photo with no face or several faces is refused", "[proctor][identity]") {
    CHECK(photo_reason("id_photo.jpg") == "accepted");
    CHECK(photo_reason("id_two_faces.jpg") == "multiple_faces");
    CHECK(photo_reason("id_no_face.jpg") == "no_face");
    CHECK(photo_reason("corrupt.jpg") == "unreadable");
    CHECK(photo_reason("not_an_image.jpg") == "unreadable");
    CHECK(photo_reason("dark.jpg") == "poor_quality");
}

TEST_CASE("a reference survives storage", "[proctor][identity]") {
    proctor_config cfg;
    const auto ref = identity_reference::from_image(fixture_bytes("id_photo.jpg"), detector(), cfg);
    const std::string blob = ref.to_blob();
    auto back = std::make_shared<identity_reference>(identity_reference::from_blob(blob));
    CHECK(back->to_blob() == blob);
    const auto a = distance_in("one_face.jpg", back);
    auto orig = std::make_shared<identity_reference>(ref);
    const auto b = distance_in("one_face.jpg", orig);
    REQUIRE(a.has_value());
    REQUIRE(b.has_value());
    CHECK(*a == *b);
    CHECK_THROWS(identity_reference::from_blob("not a blob"));
    CHECK_THROWS(identity_reference::from_blob(blob.substr(0, blob.size() - 3)));
}
