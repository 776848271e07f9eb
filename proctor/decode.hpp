#pragma once
// Bounded decoding of camera frames and photos: the header is read first, so a
// frame over the byte or pixel bounds is refused before any pixel is decoded.
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
};

// Reads the format and size from the first bytes; no decoding.
image_header probe_image(std::span<const std::uint8_t> bytes);

struct decode_limits {
    std::size_t max_bytes = 0;
    int max_width = 0, max_height = 0;
    int max_analysis_width = 480;  // decoded at 1/1, 1/2, 1/4 or 1/8 so that it is at most this wide
};

struct decoded_image {
    frame_quality status = frame_quality::ok;  // ok, corrupt or too_large
    cv::Mat grey;                              // empty unless ok
    int scale = 1;                             // grey is 1/scale of the original
    int source_width = 0, source_height = 0;
};

// Decodes straight to grey at a reduced size (JPEG: libjpeg's DCT scaling,
// IMREAD_REDUCED_GRAYSCALE_N, the cheapest path).
decoded_image decode_grey(std::span<const std::uint8_t> bytes, const decode_limits& limits);

// Grey, at most max_width wide (integer reduction with INTER_AREA); returns the scale.
// One grey channel of a BGR, BGRA or grey image (a grey one is not copied).
cv::Mat to_grey(const cv::Mat& bgr_or_grey);
int reduce_grey(const cv::Mat& bgr_or_grey, cv::Mat& grey, int max_width);

}  // namespace tanu::proctor
