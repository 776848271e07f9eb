// `tanu proctor analyze FILE...`: JSON lines.
#include <catch2/catch.hpp>

#include <sstream>

#include <nlohmann/json.hpp>

#include "fixtures.hpp"
#include "proctor/proctor.hpp"

using namespace tanu::proctor;
using namespace tanu::proctor::test;

namespace {

std::vector<nlohmann::json> lines(const std::string& text) {
    std::vector<nlohmann::json> out;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) out.push_back(nlohmann::json::parse(line));
    return out;
}

}  // namespace

TEST_CASE("one JSON line per image with file, frame, faces and quality", "[proctor][cli]") {
    std::ostringstream out, err;
    proctor_config cfg;
    const int rc = analyze_files({fixture("one_face.jpg"), fixture("two_faces.jpg"), fixture("empty_room.jpg"),
                                  fixture("dark.jpg"), fixture("corrupt.jpg")},
                                 out, err, cfg);
    CHECK(rc == 0);
    const auto js = lines(out.str());
    REQUIRE(js.size() == 5);
    CHECK(js[0]["file"] == fixture("one_face.jpg"));
    CHECK(js[0]["frame"] == 0);
    CHECK(js[0]["faces"] == 1);
    CHECK(js[0]["quality"] == "ok");
    CHECK(js[0]["width"] == 640);
    REQUIRE(js[0]["boxes"].size() == 1);
    CHECK(js[0]["boxes"][0][2].get<int>() > 80);  // pixels of the file, not of the reduced picture
    CHECK(js[0].contains("t_ms"));
    CHECK(js[0].contains("motion"));
    CHECK(js[0].contains("looking_away"));
    CHECK(js[1]["faces"] == 2);
    CHECK(js[2]["faces"] == 0);
    CHECK(js[3]["faces"] == -1);
    CHECK(js[3]["quality"] == "too_dark");
    CHECK(js[4]["quality"] == "corrupt");
}

TEST_CASE("a video is analysed at 2 frames a second", "[proctor][cli]") {
    std::ostringstream out, err;
    proctor_config cfg;
    CHECK(analyze_files({fixture("honest.avi")}, out, err, cfg) == 0);
    const auto js = lines(out.str());
    REQUIRE(js.size() == 30);  // 30 frames at 2 fps: every one
    for (std::size_t i = 0; i < js.size(); ++i) {
        CHECK(js[i]["frame"] == i);
        CHECK(js[i]["t_ms"] == 500 * static_cast<int>(i));
        CHECK(js[i]["faces"] == 1);
        CHECK(js[i]["sampling"] == "2 fps");
    }
}

TEST_CASE("an unreadable file is an error line and exit code 1 at the end", "[proctor][cli]") {
    std::ostringstream out, err;
    proctor_config cfg;
    const std::string odd = fixture("no such \"file\"\n.jpg");
    const int rc = analyze_files({odd, fixture("not_an_image.jpg"), fixture("one_face.jpg")}, out, err, cfg);
    CHECK(rc == 1);
    const auto js = lines(out.str());
    REQUIRE(js.size() == 3);
    CHECK(js[0]["file"] == odd);  // escaped and parsed back
    CHECK(js[0].contains("error"));
    CHECK(js[1].contains("error"));
    CHECK(js[2]["faces"] == 1);  // the files after it are still analysed
}
