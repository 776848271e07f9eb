#pragma once
// The proctoring room's public face. OpenCV only: no sockets, no database.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
#include <span>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "proctor/findings.hpp"

namespace cv {
class Mat;
}

namespace tanu::proctor {

// Every threshold and window, from the server's config (docs/api.md, "proctor").
struct proctor_config {
    // input bounds
    std::size_t max_jpeg_bytes = 1024 * 1024;
    int max_width = 1920;
    int max_height = 1080;
    int max_jpeg_scans = 64;         // more scans (SOS markers) than any webcam JPEG has: refused (a "scan bomb")
    int max_analysis_width = 480;    // frames are decoded at 1/2, 1/4 or 1/8 so that they are at most this wide
    std::size_t max_photo_bytes = 4 * 1024 * 1024;  // ID photo upload: the one limit (also the upload route's body limit)
    int max_photo_side = 6000;
    // frame quality: outside these a frame is indeterminate
    double min_brightness = 35;
    double max_brightness = 225;
    double min_sharpness = 12;  // variance of the Laplacian on the analysed grey image
    // detection
    std::filesystem::path cascade_dir = "/usr/share/opencv4";  // opencv-data
    int full_scan_every_ms = 60000;  // full detection at least this often (measured: docs/performance.md)
    double rescan_motion = 0.06;     // and whenever this fraction of the picture away from the faces changed
                                     // since the last full scan
    int small_scan_every_ms = 0;     // the whole picture searched for small faces this often; 0: only on the
                                     // first frame (and always where the picture changed)
    // policy: a violation needs its finding to last this long
    int no_face_ms = 6000;
    int multiple_faces_ms = 4000;
    int movement_ms = 8000;          // sustained looking away / leaving the frame
    double away_offset = 1.0;        // looking away: face centre this many face widths from its usual place
    int noise_ms = 3000;
    double noise_dbfs = -25;         // RMS level above which sound counts as noise
    int identity_ms = 10000;
    int camera_blocked_ms = 20000;   // frames too dark/bright/blurred to judge for this long; 0: never raised
    double identity_threshold = 0;   // 0: the measured default of identity.cpp
    int cooldown_ms = 30000;         // after a violation, the same kind is not raised again for this long
};

// Face detection with the cascades Debian ships. Not thread-safe (OpenCV's
// cascades are not): one per thread.
struct detector_tuning;  // proctor/face_detector.hpp

class face_detector {
public:
    explicit face_detector(const proctor_config& cfg);  // throws std::runtime_error if cascades are missing
    face_detector(const proctor_config& cfg, const detector_tuning& tuning);
    ~face_detector();
    face_detector(const face_detector&) = delete;
    face_detector& operator=(const face_detector&) = delete;
    // Faces in a grey image (any size), strongest first.
    std::vector<face_box> detect(const cv::Mat& grey) const;
    // The same face near where it was (tracking between full scans): searches
    // only around `around`, at sizes near its size. Much cheaper than detect().
    std::optional<face_box> detect_near(const cv::Mat& grey, const face_box& around) const;
    // Faces too small for detect() (about 20 to 34 px), with the finer Haar
    // cascade: costly over a whole frame, so used on the first frame of a
    // stream, on the area that changed, and where a small face was lost.
    // `region` (pixels of grey) limits the search; empty: the whole picture.
    std::vector<face_box> detect_small(const cv::Mat& grey, const face_box& region = {}) const;
    // Faces other than `known` (which tracking follows): one coarser LBP pass
    // over the picture, each new face confirmed by the Haar cascade; no
    // retries. About half a full scan: the periodic check for someone who came
    // into view without moving much.
    std::vector<face_box> detect_extra(const cv::Mat& grey, const std::vector<face_box>& known) const;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

// The candidate's ID photo, prepared for comparison.
class identity_reference {
public:
    // Throws photo_error when the image cannot be decoded or does not show
    // exactly one face (reason: "no_face", "multiple_faces", "unreadable", "too_many_scans";
    // also "too_large": over max_photo_bytes/max_photo_side, and
    // "poor_quality": too dark or too bright to compare).
    static identity_reference from_image(std::span<const std::uint8_t> bytes, face_detector& det,
                                         const proctor_config& cfg);
    // Serialised form for storage beside the photo; from_blob reverses it
    // (throws std::runtime_error on a blob of another version or a truncated one).
    std::string to_blob() const;
    static identity_reference from_blob(const std::string& blob);
    // Distance between this reference and a face crop (grey) from a frame; lower is closer
    // (chi-square of LBP histograms, 0..2; 2 when there is nothing to compare).
    double distance(const cv::Mat& grey_face) const;
    double threshold(const proctor_config& cfg) const;  // the match threshold in force

    struct data;
    std::shared_ptr<const data> data_;
};

struct photo_error : std::runtime_error {
    photo_error(std::string reason, const std::string& what) : std::runtime_error(what), reason_(std::move(reason)) {}
    std::string reason_;
};

// Analyses one candidate's camera stream, frame after frame. Keeps the state
// that makes per-frame work cheap (previous frame, tracked face, reference
// position): one per stream, used by one thread at a time.
class frame_analyzer {
public:
    explicit frame_analyzer(const proctor_config& cfg, std::shared_ptr<const identity_reference> ref = nullptr);
    ~frame_analyzer();
    frame_analyzer(frame_analyzer&&) noexcept;
    // Decodes (bounded) and analyses a JPEG or PNG. A corrupt or oversized
    // frame is a finding with quality corrupt/too_large, not an exception.
    frame_finding analyze_image(std::span<const std::uint8_t> bytes, std::int64_t t_ms, face_detector& det);
    frame_finding analyze(const cv::Mat& bgr_or_grey, std::int64_t t_ms, face_detector& det);
    // The last analysed image, JPEG-encoded (for evidence), empty if none.
    std::vector<std::uint8_t> last_jpeg() const;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

// RMS and peak level of PCM signed 16-bit little-endian mono.
audio_finding analyze_pcm(std::span<const std::uint8_t> pcm_le16, std::uint32_t sample_rate, std::int64_t t_ms);

// Turns runs of findings into violations (one per stream). A finding counts
// only on frames good enough to judge: an indeterminate frame neither starts
// nor breaks a run (it pauses it: its time is not counted as evidence). A run
// is broken by a judged frame showing the opposite, or by a gap with no frames
// longer than the kind's window. A violation needs at least two frames and its
// window of evidence; then the same kind waits cooldown_ms. When two kinds are
// due on the same frame, the first of no_face, multiple_faces, identity_mismatch,
// movement, camera_blocked is returned and the other on the next frame.
class violation_policy {
public:
    explicit violation_policy(const proctor_config& cfg) : cfg_(cfg) {}
    std::optional<violation> on_frame(const frame_finding& f);
    std::optional<violation> on_audio(const audio_finding& a);

private:
    enum kind_index { k_no_face, k_multiple, k_identity, k_movement, k_blocked, k_noise, k_count };
    enum class seen { active, inactive, unknown };
    struct run {
        std::int64_t start = -1;       // first active finding; -1: no run
        std::int64_t last = -1;        // the latest finding of any kind (gaps)
        std::int64_t evidence_ms = 0;  // time covered by active findings
        int count = 0;                 // active findings in the run
        bool prev_active = false;
        double peak = 0;               // most faces, loudest dBFS, largest distance
    };
    void step(run& r, seen s, std::int64_t t, std::int64_t need_ms, std::int64_t chunk_ms, double value);
    bool due(kind_index k, std::int64_t t) const;
    violation raise(kind_index k, std::int64_t t, std::int64_t end_ms, std::int64_t evidence_t);
    int need_ms(kind_index k) const;
    proctor_config cfg_;
    run runs_[k_count];
    std::int64_t last_raised_[k_count] = {-1, -1, -1, -1, -1, -1};
};

// Makes OpenCV run its functions on the calling thread only (the server's
// proctor pool is the parallelism; OpenCV's own threads would oversubscribe).
void use_single_thread();

// `tanu proctor analyze FILE...`: one JSON object per line per image or
// analysed video frame ({"file", "frame", "faces", ...}). Returns the exit code.
int analyze_files(const std::vector<std::string>& files, std::ostream& out, std::ostream& err,
                  const proctor_config& cfg);

}  // namespace tanu::proctor
