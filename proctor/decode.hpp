#pragma once
// Bounded decoding of camera frames and photos: the header is read first, so a
// frame over the byte or pixel bounds, or with more scans than any camera
// writes, is refused before any pixel is decoded.
#include <cstdint>
#include <span>

#include <opencv2/core/mat.hpp>

#include "proctor/findings.hpp"

namespace tanu::proctor {

enum class image_format { unknown, jpeg, png };

struct image_header {
    image_format format = image_format::unknown;
    int width = 0, height = 0;
    bool complete = false;  // the end marker (JPEG EOI, PNG IEND) is there: not truncated
    // JPEG: the scans (SOS markers) as libjpeg would read them. Each scan is a
    // pass over every block of the image, so a small file of thousands of tiny
    // scans (a "scan bomb") costs seconds to decode; a webcam's JPEG has 1 to
    // 3 (baseline) or about 10 (progressive).
    int scans = 0;
};

// Reads the format and size, walking the JPEG's segments (entropy-coded data
// is skipped with memchr, not decoded) to count its scans; no decoding. With
// max_scans > 0 the walk stops once scans exceeds it.
image_header probe_image(std::span<const std::uint8_t> bytes, int max_scans = 0);

inline constexpr int default_max_jpeg_scans = 64;  // proctor_config::max_jpeg_scans

struct decode_limits {
    std::size_t max_bytes = 0;
    int max_width = 0, max_height = 0;
    int max_analysis_width = 480;  // decoded at 1/1, 1/2, 1/4 or 1/8 so that it is at most this wide
    int max_scans = default_max_jpeg_scans;  // a JPEG with more scans is corrupt (never decoded); 0: no bound
};

struct decoded_image {
    frame_quality status = frame_quality::ok;  // ok, corrupt or too_large
    cv::Mat grey;                              // empty unless ok
    int scale = 1;                             // grey is 1/scale of the original
    int source_width = 0, source_height = 0;
    bool too_many_scans = false;  // status corrupt because of max_scans (a scan bomb)
};

// Decodes straight to grey at a reduced size (JPEG: libjpeg's DCT scaling,
// IMREAD_REDUCED_GRAYSCALE_N, the cheapest path).
decoded_image decode_grey(std::span<const std::uint8_t> bytes, const decode_limits& limits);

// Grey, at most max_width wide (integer reduction with INTER_AREA); returns the scale.
// One grey channel of a BGR, BGRA or grey image (a grey one is not copied).
cv::Mat to_grey(const cv::Mat& bgr_or_grey);
int reduce_grey(const cv::Mat& bgr_or_grey, cv::Mat& grey, int max_width);

}  // namespace tanu::proctor
