// One candidate's camera stream. Per frame: bounded reduced decode, quality,
// frame difference; then the known faces are tracked (searched for only near
// where they were, at their size). A full detection runs on the first frame,
// when a tracked face is lost, and when the picture away from the faces
// changed by more than rescan_motion since the last one; every
// full_scan_every_ms the picture is searched for faces other than the tracked
// ones (a cheaper pass: detect_extra), or fully when no face is known.
// While no face is known, a full scan runs whenever the picture changed at
// all (a small change: at most every 4 s), so that a carried "no face" stands
// for the same picture.
#include <algorithm>
#include <cmath>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "proctor/decode.hpp"
#include "proctor/movement.hpp"
#include "proctor/proctor.hpp"
#include "proctor/quality.hpp"

namespace tanu::proctor {

namespace {
constexpr double static_scene = 0.005;   // "the picture did not change", for carrying a no-face result
constexpr std::int64_t no_face_rescan_ms = 4000;
constexpr int min_identity_face = 40;    // px of the analysed frame; smaller crops are not compared
constexpr int small_face = 34;           // px of the analysed frame: below this, only detect_small finds a face
}  // namespace

struct frame_analyzer::impl {
    proctor_config cfg;
    std::shared_ptr<const identity_reference> ref;
    motion_meter motion;
    head_tracker head;
    std::vector<face_box> faces;  // known faces, analysed px; faces.front() is the candidate
    bool scanned = false;
    std::int64_t last_full_t = 0;
    std::int64_t last_small_t = 0;
    cv::Size size;
    // evidence: the last frame as received (JPEG/PNG bytes) or as given (Mat)
    std::vector<std::uint8_t> last_bytes;
    cv::Mat last_image;

    frame_finding run(const cv::Mat& grey, std::int64_t t, int scale, face_detector& det);
};

frame_analyzer::frame_analyzer(const proctor_config& cfg, std::shared_ptr<const identity_reference> ref)
    : impl_(std::make_unique<impl>()) {
    impl_->cfg = cfg;
    impl_->ref = std::move(ref);
}

frame_analyzer::~frame_analyzer() = default;
frame_analyzer::frame_analyzer(frame_analyzer&&) noexcept = default;

frame_finding frame_analyzer::analyze_image(std::span<const std::uint8_t> bytes, std::int64_t t_ms,
                                            face_detector& det) {
    decode_limits limits;
    limits.max_bytes = impl_->cfg.max_jpeg_bytes;
    limits.max_width = impl_->cfg.max_width;
    limits.max_height = impl_->cfg.max_height;
    limits.max_analysis_width = impl_->cfg.max_analysis_width;
    limits.max_scans = impl_->cfg.max_jpeg_scans;
    const decoded_image img = decode_grey(bytes, limits);
    if (img.status != frame_quality::ok) {
        frame_finding f;
        f.t_ms = t_ms;
        f.quality = img.status;
        f.too_many_scans = img.too_many_scans;
        return f;
    }
    impl_->last_bytes.assign(bytes.begin(), bytes.end());
    impl_->last_image.release();
    return impl_->run(img.grey, t_ms, img.scale, det);
}

frame_finding frame_analyzer::analyze(const cv::Mat& image, std::int64_t t_ms, face_detector& det) {
    if (image.empty()) {
        frame_finding f;
        f.t_ms = t_ms;
        f.quality = frame_quality::corrupt;
        return f;
    }
    if (image.cols > impl_->cfg.max_width || image.rows > impl_->cfg.max_height) {
        frame_finding f;
        f.t_ms = t_ms;
        f.quality = frame_quality::too_large;
        return f;
    }
    cv::Mat grey;
    const int scale = reduce_grey(image, grey, impl_->cfg.max_analysis_width);
    impl_->last_bytes.clear();
    image.copyTo(impl_->last_image);
    return impl_->run(grey, t_ms, scale, det);
}

std::vector<std::uint8_t> frame_analyzer::last_jpeg() const {
    if (!impl_->last_bytes.empty()) {
        const auto& b = impl_->last_bytes;
        if (b.size() >= 2 && b[0] == 0xFF && b[1] == 0xD8) return b;
        // a PNG frame: re-encode
        const cv::Mat buf(1, static_cast<int>(b.size()), CV_8U, const_cast<std::uint8_t*>(b.data()));
        std::vector<std::uint8_t> out;
        const cv::Mat img = cv::imdecode(buf, cv::IMREAD_COLOR);
        if (!img.empty()) cv::imencode(".jpg", img, out, {cv::IMWRITE_JPEG_QUALITY, 85});
        return out;
    }
    std::vector<std::uint8_t> out;
    if (!impl_->last_image.empty()) cv::imencode(".jpg", impl_->last_image, out, {cv::IMWRITE_JPEG_QUALITY, 85});
    return out;
}

frame_finding frame_analyzer::impl::run(const cv::Mat& grey, std::int64_t t, int scale, face_detector& det) {
    frame_finding f;
    f.t_ms = t;
    f.width = grey.cols;
    f.height = grey.rows;
    f.scale = scale;
    if (grey.size() != size) {  // another camera or resolution: start afresh
        size = grey.size();
        scanned = false;
        faces.clear();
        motion.reset();
        head.reset();
    }
    const quality_measure q = measure_quality(grey, cfg);
    f.brightness = q.brightness;
    f.sharpness = q.sharpness;
    f.quality = q.quality;
    f.motion = motion.push(grey);
    if (q.quality != frame_quality::ok) return f;  // indeterminate: faces -1, the tracked state is kept

    face_box changed_area;
    f.scene_change = motion.change_since_reference(faces, &changed_area);
    const bool first = !scanned;
    // With no face known, any change counts, but a small one (a curtain, a
    // screen in the back) at most every no_face_rescan_ms: an empty room's
    // scan runs all the retries and is the most expensive there is.
    const bool moved = f.scene_change > cfg.rescan_motion ||
                       (faces.empty() && f.scene_change > static_scene && t - last_full_t >= no_face_rescan_ms);
    // The periodic check: a whole full scan while no face is known; else the
    // known faces are tracked and the picture searched for other faces only.
    const bool periodic = t - last_full_t >= cfg.full_scan_every_ms;
    bool full = first || t < last_full_t || moved || (periodic && faces.empty());
    std::vector<face_box> lost_small;  // small faces lost by tracking: searched for again where they were
    if (!full) {
        std::vector<face_box> tracked;
        for (const auto& b : faces) {
            if (auto n = det.detect_near(grey, b)) {
                tracked.push_back(*n);
            } else {
                full = true;  // lost: look everywhere
                if (b.w < small_face) lost_small.push_back(b);
            }
        }
        // two tracked boxes that converged on one face
        for (std::size_t i = 0; !full && i < tracked.size(); ++i) {
            for (std::size_t j = i + 1; j < tracked.size(); ++j) {
                const auto& a = tracked[i];
                const auto& b = tracked[j];
                if (std::abs((a.x + a.w / 2) - (b.x + b.w / 2)) < std::max(a.w, b.w) / 2 &&
                    std::abs((a.y + a.h / 2) - (b.y + b.h / 2)) < std::max(a.h, b.h) / 2) {
                    full = true;
                }
            }
        }
        if (!full) faces = std::move(tracked);
        if (!full && periodic) {
            for (const auto& e : det.detect_extra(grey, faces)) faces.push_back(e);
            last_full_t = t;
            motion.set_reference();
            f.full_scan = true;
        }
    }
    if (full) {
        faces = det.detect(grey);
        // Small faces (a person further back): the whole picture on the first
        // frame and at small_scan_every_ms, else only where something changed.
        std::vector<face_box> areas;
        if (first || (cfg.small_scan_every_ms > 0 && t - last_small_t >= cfg.small_scan_every_ms)) {
            areas.push_back(face_box{0, 0, grey.cols, grey.rows});
            last_small_t = t;
        } else {
            if (moved && changed_area.w > 0) areas.push_back(changed_area);
            for (const auto& b : lost_small) areas.push_back(face_box{b.x - b.w, b.y - b.h, 3 * b.w, 3 * b.h});
        }
        for (const auto& a : areas) {
            for (const auto& s : det.detect_small(grey, a)) {
                const bool known = std::any_of(faces.begin(), faces.end(), [&](const face_box& o) {
                    const int cx = s.x + s.w / 2, cy = s.y + s.h / 2;
                    return cx >= o.x && cx <= o.x + o.w && cy >= o.y && cy <= o.y + o.h;
                });
                if (!known) faces.push_back(s);
            }
        }
        scanned = true;
        last_full_t = t;
        motion.set_reference();
        f.full_scan = true;
    }
    if (!faces.empty()) {
        std::swap(faces.front(), faces[head.pick(faces)]);
        const head_state hs = head.update(faces.front(), t, grey.cols, grey.rows, cfg);
        f.offset = hs.offset;
        f.looking_away = hs.looking_away;
        const auto& m = faces.front();
        if (ref && !hs.looking_away && m.angle == 0 && m.w >= min_identity_face) {
            const cv::Rect box = cv::Rect(m.x, m.y, m.w, m.h) & cv::Rect(0, 0, grey.cols, grey.rows);
            if (box.area() > 0) {
                const double d = ref->distance(grey(box));
                f.identity_distance = d;
                f.identity_match = d <= ref->threshold(cfg);
            }
        }
    }
    f.faces = static_cast<int>(faces.size());
    f.boxes = faces;
    return f;
}

}  // namespace tanu::proctor
