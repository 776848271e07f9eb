#include "proctor/findings.hpp"

namespace tanu::proctor {

const char* to_string(frame_quality q) {
    switch (q) {
    case frame_quality::ok: return "ok";
    case frame_quality::too_dark: return "too_dark";
    case frame_quality::too_bright: return "too_bright";
    case frame_quality::blurred: return "blurred";
    case frame_quality::corrupt: return "corrupt";
    case frame_quality::too_large: return "too_large";
    }
    return "unknown";
}

}  // namespace tanu::proctor
