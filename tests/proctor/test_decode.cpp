#include <catch2/catch.hpp>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

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

namespace {

// A real frame written as a progressive JPEG by libjpeg (OpenCV), at `width`.
std::vector<std::uint8_t> progressive(const std::string& name, int width) {
    cv::Mat img = cv::imdecode(fixture_bytes(name), cv::IMREAD_COLOR);
    REQUIRE_FALSE(img.empty());
    cv::resize(img, img, cv::Size(width, width * img.rows / img.cols), 0, 0, cv::INTER_AREA);
    std::vector<std::uint8_t> out;
    cv::imencode(".jpg", img, out, {cv::IMWRITE_JPEG_PROGRESSIVE, 1, cv::IMWRITE_JPEG_QUALITY, 80});
    return out;
}

// The scan bomb of issue 8 (H1): the smallest scan of a progressive JPEG
// repeated `copies` more times in place. In entropy-coded data 0xFF is always
// followed by 0x00 or RSTn, so every 0xFF 0xDA starts a scan.
std::vector<std::uint8_t> splice_scans(const std::vector<std::uint8_t>& jpg, int copies) {
    std::vector<std::size_t> sos;
    for (std::size_t i = 0; i + 1 < jpg.size(); ++i)
        if (jpg[i] == 0xFF && jpg[i + 1] == 0xDA) sos.push_back(i);
    REQUIRE(sos.size() >= 2);
    const std::size_t eoi = jpg.size() - 2;
    REQUIRE(jpg[eoi] == 0xFF);
    REQUIRE(jpg[eoi + 1] == 0xD9);
    std::size_t best = 0, best_len = jpg.size();
    for (std::size_t k = 0; k < sos.size(); ++k) {
        const std::size_t end = k + 1 < sos.size() ? sos[k + 1] : eoi;
        if (end - sos[k] < best_len) {
            best = sos[k];
            best_len = end - sos[k];
        }
    }
    std::vector<std::uint8_t> out(jpg.begin(), jpg.begin() + static_cast<std::ptrdiff_t>(best + best_len));
    for (int c = 0; c < copies; ++c)
        out.insert(out.end(), jpg.begin() + static_cast<std::ptrdiff_t>(best),
                   jpg.begin() + static_cast<std::ptrdiff_t>(best + best_len));
    out.insert(out.end(), jpg.begin() + static_cast<std::ptrdiff_t>(best + best_len), jpg.end());
    return out;
}

}  // namespace

TEST_CASE("the probe counts a JPEG's scans without decoding", "[proctor][decode][scans]") {
    CHECK(probe_image(fixture_bytes("one_face.jpg")).scans == 1);  // baseline, interleaved
    const auto prog = progressive("one_face.jpg", 640);
    const auto h = probe_image(prog);
    INFO("libjpeg's progression: " << h.scans << " scans");
    CHECK(h.scans > 1);
    CHECK(h.scans <= default_max_jpeg_scans);
    CHECK(h.width == 640);
    CHECK(h.complete);
    // An honest progressive frame decodes as before.
    decode_limits lim{1 << 20, 1920, 1080, 480};
    CHECK(decode_grey(prog, lim).status == frame_quality::ok);
    // Stuffed bytes and restart markers inside the data are not scans.
    std::vector<std::uint8_t> rst;
    cv::Mat img = cv::imdecode(fixture_bytes("one_face.jpg"), cv::IMREAD_COLOR);
    cv::imencode(".jpg", img, rst, {cv::IMWRITE_JPEG_RST_INTERVAL, 4});
    CHECK(probe_image(rst).scans == 1);
    CHECK(decode_grey(rst, lim).status == frame_quality::ok);
}

TEST_CASE("a JPEG scan bomb is refused before any decoding", "[proctor][decode][scans]") {
    // A few hundred repeated scans: counted exactly, and libjpeg would decode it.
    const auto prog = progressive("one_face.jpg", 160);
    const int own = probe_image(prog).scans;
    const auto small = splice_scans(prog, 200);
    CHECK(probe_image(small).scans == own + 200);
    CHECK(probe_image(small, 64).scans == 65);  // the walk stops past the bound
    decode_limits lim{1 << 20, 1920, 1080, 480};
    lim.max_scans = 0;
    CHECK(decode_grey(small, lim).status == frame_quality::ok);  // a valid JPEG, only slow
    lim.max_scans = default_max_jpeg_scans;
    auto d = decode_grey(small, lim);
    CHECK(d.status == frame_quality::corrupt);
    CHECK(d.too_many_scans);
    CHECK(d.grey.empty());

    // The attack's scale: 15,000 scans within the 1 MiB of a frame (a small
    // picture keeps each copied scan, with its Huffman tables, to ~60 bytes).
    const auto bomb = splice_scans(progressive("one_face.jpg", 64), 15000);
    INFO("bomb of " << bomb.size() << " bytes");
    REQUIRE(bomb.size() <= proctor_config{}.max_jpeg_bytes);
    CHECK(probe_image(bomb).scans > 15000);
    lim.max_bytes = 0;
    d = decode_grey(bomb, lim);
    CHECK(d.status == frame_quality::corrupt);
    CHECK(d.too_many_scans);

    // As a camera frame it is unreadable; as an ID photo, refused with its reason.
    proctor_config cfg;
    cfg.max_jpeg_bytes = bomb.size();
    face_detector det(cfg);
    frame_analyzer a(cfg);
    auto f = a.analyze_image(bomb, 0, det);
    CHECK(f.quality == frame_quality::corrupt);
    CHECK(f.too_many_scans);
    try {
        (void)identity_reference::from_image(small, det, cfg);
        FAIL("the photo was accepted");
    } catch (const photo_error& e) {
        CHECK(e.reason_ == "too_many_scans");
    }
}
