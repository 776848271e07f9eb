#include "proctor/decode.hpp"

#include <algorithm>
#include <cstring>
#include <vector>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace tanu::proctor {

namespace {

int be16(std::span<const std::uint8_t> b, std::size_t i) { return (b[i] << 8) | b[i + 1]; }

std::uint32_t be32(std::span<const std::uint8_t> b, std::size_t i) {
    return (std::uint32_t{b[i]} << 24) | (std::uint32_t{b[i + 1]} << 16) | (std::uint32_t{b[i + 2]} << 8) |
           std::uint32_t{b[i + 3]};
}

// The last bytes, less trailing zero padding that some encoders add.
std::span<const std::uint8_t> tail(std::span<const std::uint8_t> b, std::size_t n) {
    std::size_t end = b.size();
    while (end > 0 && b.size() - end < 64 && b[end - 1] == 0) --end;
    const std::size_t from = end > n ? end - n : 0;
    return b.subspan(from, end - from);
}

// The first 0xFF at or after i, or b.size().
std::size_t next_ff(std::span<const std::uint8_t> b, std::size_t i) {
    if (i >= b.size()) return b.size();
    const void* p = std::memchr(b.data() + i, 0xFF, b.size() - i);
    return p ? static_cast<std::size_t>(static_cast<const std::uint8_t*>(p) - b.data()) : b.size();
}

bool is_rst(std::uint8_t m) { return m >= 0xD0 && m <= 0xD7; }

// Skips a scan's entropy-coded data from i to the marker that ends it, as
// libjpeg reads it: 0xFF 0x00 is a stuffed data byte and RSTn a restart within
// the scan; 0xFF before another 0xFF is fill. Returns the marker's position or b.size().
std::size_t skip_entropy(std::span<const std::uint8_t> b, std::size_t i) {
    for (;;) {
        i = next_ff(b, i);
        if (i + 1 >= b.size()) return b.size();
        const std::uint8_t n = b[i + 1];
        if (n == 0x00 || is_rst(n)) {
            i += 2;
        } else if (n == 0xFF) {
            ++i;
        } else {
            return i;
        }
    }
}

image_header probe_jpeg(std::span<const std::uint8_t> b, int max_scans) {
    image_header h;
    h.format = image_format::jpeg;
    std::size_t i = 2;
    bool frame = false;
    while (i + 4 <= b.size()) {
        if (b[i] != 0xFF) return h;  // not at a marker: malformed
        std::uint8_t m = b[i + 1];
        if (m == 0xFF) {  // fill byte
            ++i;
            continue;
        }
        if (m == 0x01 || is_rst(m)) {  // markers without a length
            i += 2;
            continue;
        }
        const int len = be16(b, i + 2);
        if (len < 2) return h;
        const bool sof = m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
        if (sof) {
            if (i + 9 > b.size()) return h;
            h.height = be16(b, i + 5);
            h.width = be16(b, i + 7);
            frame = true;
            i += 2 + static_cast<std::size_t>(len);
            break;
        }
        if (m == 0xDA || m == 0xD9) return h;  // scan or end before any frame header
        i += 2 + static_cast<std::size_t>(len);
    }
    // The rest of the file, for its scans: what libjpeg would decode, up to EOI.
    while (frame && i + 1 < b.size()) {
        if (b[i] != 0xFF) {  // stray bytes: libjpeg skips them to the next marker
            i = next_ff(b, i);
            continue;
        }
        const std::uint8_t m = b[i + 1];
        if (m == 0xFF) {
            ++i;
            continue;
        }
        if (m == 0x00 || m == 0x01 || is_rst(m)) {
            i += 2;
            continue;
        }
        if (m == 0xD9 || i + 4 > b.size()) break;
        const int len = be16(b, i + 2);
        if (len < 2) break;
        i += 2 + static_cast<std::size_t>(len);
        if (m == 0xDA) {
            ++h.scans;
            if (max_scans > 0 && h.scans > max_scans) break;
            i = skip_entropy(b, i);
        }
    }
    const auto t = tail(b, 32);
    for (std::size_t k = 0; k + 1 < t.size(); ++k) {
        if (t[k] == 0xFF && t[k + 1] == 0xD9) h.complete = true;
    }
    return h;
}

image_header probe_png(std::span<const std::uint8_t> b) {
    image_header h;
    h.format = image_format::png;
    // signature (8), IHDR length (4), "IHDR" (4), width (4), height (4)
    if (b.size() < 24 || b[12] != 'I' || b[13] != 'H' || b[14] != 'D' || b[15] != 'R') return h;
    const std::uint32_t w = be32(b, 16), hh = be32(b, 20);
    h.width = static_cast<int>(std::min<std::uint32_t>(w, 1u << 30));
    h.height = static_cast<int>(std::min<std::uint32_t>(hh, 1u << 30));
    const auto t = tail(b, 12);
    static constexpr std::uint8_t iend[] = {'I', 'E', 'N', 'D'};
    h.complete = std::search(t.begin(), t.end(), std::begin(iend), std::end(iend)) != t.end();
    return h;
}

}  // namespace

image_header probe_image(std::span<const std::uint8_t> b, int max_scans) {
    if (b.size() >= 4 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF) return probe_jpeg(b, max_scans);
    static constexpr std::uint8_t png_sig[] = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    if (b.size() >= 8 && std::equal(std::begin(png_sig), std::end(png_sig), b.begin())) return probe_png(b);
    return {};
}

decoded_image decode_grey(std::span<const std::uint8_t> bytes, const decode_limits& limits) {
    decoded_image out;
    if (limits.max_bytes > 0 && bytes.size() > limits.max_bytes) {
        out.status = frame_quality::too_large;
        return out;
    }
    const image_header h = probe_image(bytes, limits.max_scans);
    out.source_width = h.width;
    out.source_height = h.height;
    if (h.format == image_format::unknown || h.width <= 0 || h.height <= 0 || !h.complete) {
        out.status = frame_quality::corrupt;
        return out;
    }
    if (limits.max_scans > 0 && h.scans > limits.max_scans) {
        // A scan bomb: libjpeg would make a pass over every block per scan.
        out.status = frame_quality::corrupt;
        out.too_many_scans = true;
        return out;
    }
    if ((limits.max_width > 0 && h.width > limits.max_width) ||
        (limits.max_height > 0 && h.height > limits.max_height)) {
        out.status = frame_quality::too_large;
        return out;
    }
    int scale = 1;
    while (scale < 8 && (h.width + scale - 1) / scale > limits.max_analysis_width) scale *= 2;
    int flags = cv::IMREAD_GRAYSCALE;
    if (scale == 2) flags = cv::IMREAD_REDUCED_GRAYSCALE_2;
    if (scale == 4) flags = cv::IMREAD_REDUCED_GRAYSCALE_4;
    if (scale == 8) flags = cv::IMREAD_REDUCED_GRAYSCALE_8;
    // imdecode does not modify its input; the Mat header only wraps the bytes.
    const cv::Mat buf(1, static_cast<int>(bytes.size()), CV_8U, const_cast<std::uint8_t*>(bytes.data()));
    try {
        out.grey = cv::imdecode(buf, flags);
    } catch (const cv::Exception&) {
        out.grey.release();
    }
    if (out.grey.empty()) {
        out.status = frame_quality::corrupt;
        return out;
    }
    out.scale = scale;
    return out;
}

cv::Mat to_grey(const cv::Mat& in) {
    if (in.channels() == 3 || in.channels() == 4) {
        cv::Mat g;
        cv::cvtColor(in, g, in.channels() == 3 ? cv::COLOR_BGR2GRAY : cv::COLOR_BGRA2GRAY);
        return g;
    }
    return in;  // already one channel: no copy
}

int reduce_grey(const cv::Mat& in, cv::Mat& grey, int max_width) {
    cv::Mat g = to_grey(in);
    if (g.depth() != CV_8U) g.convertTo(g, CV_8U);
    int scale = 1;
    while (scale < 8 && (g.cols + scale - 1) / scale > max_width) scale *= 2;
    if (scale > 1) {
        cv::resize(g, grey, cv::Size(g.cols / scale, g.rows / scale), 0, 0, cv::INTER_AREA);
    } else {
        grey = g;
    }
    return scale;
}

}  // namespace tanu::proctor
