#include <catch2/catch.hpp>

#include "fixtures.hpp"
#include "proctor/decode.hpp"
#include "proctor/proctor.hpp"

using namespace tanu::proctor;
using namespace tanu::proctor::test;

TEST_CASE("the header gives format and size before decoding", "[proctor][decode]") {
    const auto jpg = fixture_bytes("one_face.jpg");
    auto h = probe_image(jpg);
    CHECK(h.format == image_format::jpeg);
    CHECK(h.width == 640);
    CHECK(h.height == 480);
    CHECK(h.complete);

    const auto png = fixture_bytes("id_photo.png");
    h = probe_image(png);
    CHECK(h.format == image_format::png);
    CHECK(h.width == 300);
    CHECK(h.height == 400);
    CHECK(h.complete);

    const auto cut = fixture_bytes("corrupt.jpg");
    CHECK_FALSE(probe_image(cut).complete);
    CHECK(probe_image(fixture_bytes("not_an_image.jpg")).format == image_format::unknown);
}

TEST_CASE("a 640x480 frame is decoded to grey at half size", "[proctor][decode]") {
    decode_limits lim{1 << 20, 1920, 1080, 480};
    const auto d = decode_grey(fixture_bytes("one_face.jpg"), lim);
    REQUIRE(d.status == frame_quality::ok);
    CHECK(d.grey.cols == 320);
    CHECK(d.grey.rows == 240);
    CHECK(d.grey.channels() == 1);
    CHECK(d.scale == 2);
}

TEST_CASE("bounds are checked before any pixel is decoded", "[proctor][decode]") {
    decode_limits lim{1 << 20, 1920, 1080, 480};
    CHECK(decode_grey(fixture_bytes("huge.jpg"), lim).status == frame_quality::too_large);  // 4000x3000
    lim.max_bytes = 1000;
    CHECK(decode_grey(fixture_bytes("one_face.jpg"), lim).status == frame_quality::too_large);
    lim.max_bytes = 1 << 20;
    CHECK(decode_grey(fixture_bytes("corrupt.jpg"), lim).status == frame_quality::corrupt);
    CHECK(decode_grey(fixture_bytes("not_an_image.jpg"), lim).status == frame_quality::corrupt);
    const std::vector<std::uint8_t> empty;
    CHECK(decode_grey(empty, lim).status == frame_quality::corrupt);
    // a JPEG header that claims a frame and then stops
    std::vector<std::uint8_t> stub = {0xFF, 0xD8, 0xFF, 0xD9};
    CHECK(decode_grey(stub, lim).status == frame_quality::corrupt);
}
