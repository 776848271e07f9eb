// libFuzzer: the frame probe and the bounded decoder (proctor/decode.hpp) with
// small limits, as a camera frame or a photo reaches them. The probe never
// reads past the bytes; a decoded frame respects the limits it was given.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include <opencv2/core/utility.hpp>

#include "proctor/decode.hpp"

using namespace tanu::proctor;

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    cv::setNumThreads(0);  // one thread: the sanitizers see every access, runs stay reproducible
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::span<const std::uint8_t> bytes(data, size);
    const image_header h = probe_image(bytes);
    if (h.width < 0 || h.height < 0) std::abort();

    decode_limits limits;
    limits.max_bytes = 64 * 1024;
    limits.max_width = 256;
    limits.max_height = 256;
    limits.max_analysis_width = 64;
    const decoded_image d = decode_grey(bytes, limits);
    if (d.status == tanu::proctor::frame_quality::ok) {
        if (d.grey.empty() || d.grey.channels() != 1) std::abort();
        if (d.source_width > limits.max_width || d.source_height > limits.max_height) std::abort();
        if (d.scale < 1 || d.scale > 8) std::abort();
    } else if (!d.grey.empty()) {
        std::abort();
    }
    return 0;
}
