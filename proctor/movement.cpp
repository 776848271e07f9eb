#include "proctor/movement.hpp"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

namespace tanu::proctor {

namespace {
constexpr int thumb_width = 80;
constexpr int changed_level = 25;  // grey levels; area-averaged thumbnails keep sensor noise well below it
}  // namespace

double motion_meter::push(const cv::Mat& grey) {
    std::swap(prev_, cur_);  // (cur_ = prev_ would share one buffer with the resize below)
    const int h = std::max(1, grey.rows * thumb_width / std::max(1, grey.cols));
    cv::resize(grey, cur_, cv::Size(thumb_width, h), 0, 0, cv::INTER_AREA);
    to_thumb_ = static_cast<double>(thumb_width) / grey.cols;
    if (prev_.empty() || prev_.size() != cur_.size()) {
        ref_.release();
        return 0;
    }
    return changed(prev_, cur_, cv::Mat());
}

double motion_meter::changed(const cv::Mat& a, const cv::Mat& b, const cv::Mat& mask, face_box* where) const {
    // Exposure changes are not movement: bring b to a's mean level first.
    const double ma = cv::mean(a)[0], mb = cv::mean(b)[0];
    cv::Mat bb = b;
    if (mb > 1 && std::abs(ma - mb) > 2) b.convertTo(bb, CV_8U, std::clamp(ma / mb, 0.5, 2.0));
    // A pixel changed when it is outside the range of a's 3x3 neighbourhood by
    // more than changed_level: a camera that wobbles by a pixel or two of the
    // thumbnail (4-8 px of the frame) does not count as movement.
    cv::Mat lo, hi, over, under, d;
    cv::erode(a, lo, cv::Mat());
    cv::dilate(a, hi, cv::Mat());
    cv::subtract(bb, hi, over);   // saturating: 0 where bb <= hi
    cv::subtract(lo, bb, under);  // 0 where bb >= lo
    cv::max(over, under, d);
    cv::threshold(d, d, changed_level, 255, cv::THRESH_BINARY);
    if (mask.empty()) return static_cast<double>(cv::countNonZero(d)) / static_cast<double>(d.total());
    const int area = cv::countNonZero(mask);
    if (area == 0) return 0;
    cv::Mat dm;
    d.copyTo(dm, mask);
    const int n = cv::countNonZero(dm);
    if (where && n > 0) {
        const cv::Rect r = cv::boundingRect(dm);
        const double k = 1.0 / to_thumb_;
        *where = face_box{static_cast<int>((r.x - 2) * k), static_cast<int>((r.y - 2) * k),
                          static_cast<int>((r.width + 4) * k), static_cast<int>((r.height + 4) * k)};
    }
    return static_cast<double>(n) / area;
}

double motion_meter::change_since_reference(const std::vector<face_box>& faces, face_box* where) const {
    if (ref_.empty() || ref_.size() != cur_.size()) return 1.0;
    cv::Mat mask(cur_.size(), CV_8U, cv::Scalar(255));
    for (const auto& f : faces) {
        // the head with some room to move, the shoulders and everything below
        const double x = (f.x - 1.2 * f.w) * to_thumb_, y = (f.y - 0.6 * f.h) * to_thumb_;
        const double w = 3.4 * f.w * to_thumb_, h = cur_.rows - y;
        cv::rectangle(mask, cv::Rect(static_cast<int>(x), static_cast<int>(y), static_cast<int>(std::ceil(w)),
                                     static_cast<int>(std::ceil(h))),
                      cv::Scalar(0), cv::FILLED);
    }
    return changed(ref_, cur_, mask, where);
}

void motion_meter::set_reference() { ref_ = cur_.clone(); }

void motion_meter::reset() {
    prev_.release();
    cur_.release();
    ref_.release();
}

std::size_t head_tracker::pick(const std::vector<face_box>& faces) const {
    std::size_t best = 0;
    double best_score = 0;
    for (std::size_t i = 0; i < faces.size(); ++i) {
        const auto& f = faces[i];
        double score;
        if (seen_ > 0) {
            const double dx = f.x + f.w / 2.0 - cx_, dy = f.y + f.h / 2.0 - cy_;
            score = -std::hypot(dx, dy) / std::max(1.0, w_) - std::abs(std::log(std::max(1, f.w) / w_));
        } else {
            score = f.w;
        }
        if (i == 0 || score > best_score) {
            best = i;
            best_score = score;
        }
    }
    return best;
}

head_state head_tracker::update(const face_box& f, std::int64_t t_ms, int frame_w, int frame_h,
                                const proctor_config& cfg) {
    const double cx = f.x + f.w / 2.0, cy = f.y + f.h / 2.0, w = std::max(1, f.w);
    head_state s;
    if (seen_ == 0) {
        cx_ = cx;
        cy_ = cy;
        w_ = w;
    } else {
        s.offset = std::hypot(cx - cx_, cy - cy_) / w_;
        const double ratio = w / w_;
        const bool at_edge = f.x <= 1 || f.y <= 1 || f.x + f.w >= frame_w - 1 || f.y + f.h >= frame_h - 1;
        s.looking_away = f.profile || s.offset > cfg.away_offset || ratio < 0.6 || ratio > 1.7 || at_edge;
        // The usual place follows the candidate slowly (time constant 30 s; a
        // plain mean over the first frames), so that a new sitting position is
        // accepted after a while but looking away for seconds is not.
        const double dt = static_cast<double>(std::max<std::int64_t>(0, t_ms - last_t_));
        const double k = seen_ < 5 ? 1.0 / (seen_ + 1) : 1.0 - std::exp(-dt / 30000.0);
        cx_ += k * (cx - cx_);
        cy_ += k * (cy - cy_);
        w_ += k * (w - w_);
    }
    ++seen_;
    last_t_ = t_ms;
    return s;
}

}  // namespace tanu::proctor
