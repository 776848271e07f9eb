#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tanu::proctor {

// What one camera frame shows, as far as the analysis can tell. A frame that
// cannot be judged is `indeterminate` (never `no_face`): the analysis accuses
// only on frames good enough to judge (the guide's "never accuse on bad
// evidence").
enum class frame_quality { ok, too_dark, too_bright, blurred, corrupt, too_large };
const char* to_string(frame_quality q);

struct face_box {
    int x = 0, y = 0, w = 0, h = 0;  // pixels of the frame as decoded (see frame_finding::width/height)
    bool profile = false;            // found by the profile cascade only: head turned aside
    float angle = 0;                 // found in the picture rotated by this many degrees (tilted head)
};

struct frame_finding {
    std::int64_t t_ms = 0;  // when the frame arrived (server clock)
    frame_quality quality = frame_quality::ok;
    int width = 0, height = 0;      // of the analysed image
    int scale = 1;                  // the analysed image is 1/scale of the original (reduced decoding)
    int faces = -1;                 // -1: indeterminate (bad quality)
    std::vector<face_box> boxes;
    bool full_scan = false;         // full detection ran (else the face was tracked)
    double brightness = 0;          // mean grey level 0..255
    double sharpness = 0;           // variance of the Laplacian
    double motion = 0;              // fraction of pixels changed since the previous frame, 0..1
    double offset = 0;              // face centre's distance from the reference position, in face widths
    bool looking_away = false;      // face turned or moved far from where it was
    std::optional<double> identity_distance;  // vs the ID photo, when checked on this frame (lower = closer)
    std::optional<bool> identity_match;
    double scene_change = 0;        // fraction changed, away from the faces, since the last full scan
    bool too_many_scans = false;    // quality corrupt: a JPEG with more scans than max_jpeg_scans, never decoded
    // Taken during a 360° room scan (set by the caller before the policy): the
    // camera turns, so only multiple_faces is judged; the other kinds pause.
    bool room_scan = false;
};

// Loudness of one chunk of microphone audio.
struct audio_finding {
    std::int64_t t_ms = 0;
    double dbfs = -120;   // RMS level relative to full scale (0 dBFS = loudest)
    double peak_dbfs = -120;
    double seconds = 0;   // duration of the chunk
    bool valid = true;    // false: bad sample rate or empty
};

// A violation is a run of findings over time, never a single frame.
struct violation {
    std::string kind;           // no_face, multiple_faces, noise, movement, identity_mismatch, camera_blocked
    std::int64_t start_ms = 0;
    std::int64_t duration_ms = 0;
    std::string detail;         // human text: "2 faces for 6.0 s"
    std::int64_t evidence_t_ms = 0;  // the frame that best shows it (its t_ms); 0 for audio
    // The detail's figures as a JSON object's text ({"faces": 2, "seconds": 6.0}),
    // stored in the event's args so a page says them in the reader's language.
    std::string args;
};

}  // namespace tanu::proctor
