// Face counting with the cascades Debian ships (opencv-data). The choice of
// cascades and parameters is measured: docs/performance.md, "Proctoring:
// analysis accuracy and cost" (tests/proctor/proctor_eval).
//
// A full scan runs the cheap LBP frontal cascade over the whole picture. A
// second, third... face must also be found by a Haar cascade in its
// neighbourhood (two cascades rarely make the same mistake), so that a
// "multiple faces" accusation does not rest on one cascade's false alarm.
// When nothing is found, the picture is scanned again with the Haar cascade,
// rotated by +-25 degrees (tilted heads) and with the profile cascade (turned
// heads) before the frame counts as showing no face.
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <opencv2/imgproc.hpp>
#include <opencv2/objdetect.hpp>

#include "proctor/face_detector.hpp"
#include "proctor/decode.hpp"
#include "proctor/proctor.hpp"

namespace tanu::proctor {

namespace {

struct candidate {
    cv::Rect r;
    int strength = 0;
    bool profile = false;
    float angle = 0;
};

cv::Size window_of(cv::CascadeClassifier& c) {
    cv::Size s = c.getOriginalWindowSize();
    return s.width > 0 ? s : cv::Size(24, 24);
}

std::vector<candidate> scan(cv::CascadeClassifier& c, const cv::Mat& img, int min_px, int max_px, double sf,
                            int mn) {
    std::vector<cv::Rect> objs;
    std::vector<int> hits;
    const cv::Size win = window_of(c);
    min_px = std::max({min_px, win.width, win.height});
    if (img.cols < min_px || img.rows < min_px) return {};
    cv::Size max_size = max_px > 0 ? cv::Size(max_px, max_px) : cv::Size();
    c.detectMultiScale(img, objs, hits, sf, mn, 0, cv::Size(min_px, min_px), max_size);
    std::vector<candidate> out;
    for (std::size_t i = 0; i < objs.size(); ++i) out.push_back({objs[i], i < hits.size() ? hits[i] : 1});
    return out;
}

// Profile cascades know one direction: scan the mirror image for the other.
std::vector<candidate> scan_profile(cv::CascadeClassifier& c, const cv::Mat& img, int min_px, int max_px,
                                    double sf, int mn) {
    auto out = scan(c, img, min_px, max_px, sf, mn);
    cv::Mat flipped;
    cv::flip(img, flipped, 1);
    for (auto& k : scan(c, flipped, min_px, max_px, sf, mn)) {
        k.r.x = img.cols - k.r.x - k.r.width;
        out.push_back(k);
    }
    for (auto& k : out) k.profile = true;
    return out;
}

// Scans the picture rotated by `angle` degrees about its centre; boxes are
// mapped back (upright, same size) around the rotated box's centre.
template <class Confirm>
std::vector<candidate> scan_rotated(cv::CascadeClassifier& c, const cv::Mat& img, double angle, int min_px,
                                    int max_px, double sf, int mn, Confirm&& confirm) {
    const cv::Point2f centre(static_cast<float>(img.cols) / 2.f, static_cast<float>(img.rows) / 2.f);
    const cv::Mat m = cv::getRotationMatrix2D(centre, angle, 1.0);
    cv::Mat rotated;
    cv::warpAffine(img, rotated, m, img.size(), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
    cv::Mat inv;
    cv::invertAffineTransform(m, inv);
    auto out = scan(c, rotated, min_px, max_px, sf, mn);
    std::erase_if(out, [&](const candidate& k) { return !confirm(rotated, k.r); });
    for (auto& k : out) {
        const double cx = k.r.x + k.r.width / 2.0, cy = k.r.y + k.r.height / 2.0;
        const double px = inv.at<double>(0, 0) * cx + inv.at<double>(0, 1) * cy + inv.at<double>(0, 2);
        const double py = inv.at<double>(1, 0) * cx + inv.at<double>(1, 1) * cy + inv.at<double>(1, 2);
        k.r.x = static_cast<int>(std::lround(px - k.r.width / 2.0));
        k.r.y = static_cast<int>(std::lround(py - k.r.height / 2.0));
        k.angle = static_cast<float>(angle);
    }
    return out;
}

bool centre_inside(const cv::Rect& a, const cv::Rect& b) {
    const cv::Point c(a.x + a.width / 2, a.y + a.height / 2);
    return b.contains(c);
}

// One box per face: a box whose centre lies in a stronger one is the same face.
std::vector<candidate> merge(std::vector<candidate> in) {
    std::stable_sort(in.begin(), in.end(), [](const candidate& a, const candidate& b) {
        if (a.strength != b.strength) return a.strength > b.strength;
        return a.r.area() > b.r.area();
    });
    std::vector<candidate> out;
    for (const auto& k : in) {
        const bool dup = std::any_of(out.begin(), out.end(), [&](const candidate& o) {
            return centre_inside(k.r, o.r) || centre_inside(o.r, k.r);
        });
        if (!dup) out.push_back(k);
    }
    return out;
}

cv::Rect clip(const cv::Rect& r, const cv::Size& s) { return r & cv::Rect(0, 0, s.width, s.height); }

}  // namespace

struct face_detector::impl {
    detector_tuning tune;
    cv::CascadeClassifier frontal, verify, profile;

    void load(cv::CascadeClassifier& c, const std::filesystem::path& dir, const std::string& name) {
        if (name.empty()) return;
        const auto path = dir / name;
        if (!c.load(path.string())) throw std::runtime_error("proctor: cannot load face cascade " + path.string());
    }

    // Looks for one face near `box` (of `img`): the search area (the box and
    // half a face around it) is cut out and scaled so that the face is about
    // track_face_px; only sizes from 0.7 to 1.45 of the expected face are
    // tried. Cheap: a few hundred windows.
    std::optional<candidate> find_near(const cv::Mat& img, const cv::Rect& box, bool retries) {
        const int m = static_cast<int>(box.width * 0.5);
        const cv::Rect roi = clip(cv::Rect(box.x - m, box.y - m, box.width + 2 * m, box.height + 2 * m), img.size());
        if (roi.width < 8 || roi.height < 8) return std::nullopt;
        const double s = static_cast<double>(tune.track_face_px) / std::max(1, box.width);
        cv::Mat patch;
        cv::resize(img(roi), patch, cv::Size(), s, s, s < 1 ? cv::INTER_AREA : cv::INTER_LINEAR);
        const int lo = static_cast<int>(tune.track_face_px * 0.7), hi = static_cast<int>(tune.track_face_px * 1.45);
        std::vector<candidate> found = scan(frontal, patch, lo, hi, tune.track_scale_factor, 2);
        if (found.empty() && retries && !verify.empty()) found = scan(verify, patch, lo, hi, tune.scale_factor, 2);
        if (found.empty() && retries && !profile.empty()) {
            found = scan_profile(profile, patch, lo, hi, tune.scale_factor, 3);
        }
        if (found.empty() && retries && tune.retry_angle > 0) {
            for (double a : {tune.retry_angle, -tune.retry_angle}) {
                found = scan_rotated(frontal, patch, a, lo, hi, tune.scale_factor, 2,
                                     [](const cv::Mat&, const cv::Rect&) { return true; });
                if (!found.empty()) break;
            }
        }
        if (found.empty()) return std::nullopt;
        const cv::Point2d want((box.x + box.width / 2.0 - roi.x) * s, (box.y + box.height / 2.0 - roi.y) * s);
        auto best = std::min_element(found.begin(), found.end(), [&](const candidate& a, const candidate& b) {
            auto d = [&](const candidate& k) {
                return std::hypot(k.r.x + k.r.width / 2.0 - want.x, k.r.y + k.r.height / 2.0 - want.y);
            };
            return d(a) < d(b);
        });
        candidate c = *best;
        c.r = cv::Rect(static_cast<int>(std::lround(c.r.x / s)) + roi.x, static_cast<int>(std::lround(c.r.y / s)) + roi.y,
                       static_cast<int>(std::lround(c.r.width / s)), static_cast<int>(std::lround(c.r.height / s)));
        return c;
    }

    bool confirmed(const cv::Mat& img, const cv::Rect& box) {
        if (verify.empty()) return true;
        const int m = static_cast<int>(box.width * 0.5);
        const cv::Rect roi = clip(cv::Rect(box.x - m, box.y - m, box.width + 2 * m, box.height + 2 * m), img.size());
        const double s = static_cast<double>(tune.track_face_px) / std::max(1, box.width);
        cv::Mat patch;
        cv::resize(img(roi), patch, cv::Size(), s, s, s < 1 ? cv::INTER_AREA : cv::INTER_LINEAR);
        const int lo = static_cast<int>(tune.track_face_px * 0.6), hi = static_cast<int>(tune.track_face_px * 1.7);
        const auto found = scan(verify, patch, lo, hi, 1.05, 2);
        const cv::Point2d c((box.x + box.width / 2.0 - roi.x) * s, (box.y + box.height / 2.0 - roi.y) * s);
        return std::any_of(found.begin(), found.end(), [&](const candidate& k) {
            return std::abs(k.r.x + k.r.width / 2.0 - c.x) < k.r.width * 0.5 &&
                   std::abs(k.r.y + k.r.height / 2.0 - c.y) < k.r.height * 0.5;
        });
    }

    std::vector<candidate> full_scan(const cv::Mat& img) {
        const double sf = tune.scale_factor;
        const int mn = tune.min_neighbors, mf = tune.min_face, rf = std::max(mf, tune.retry_min_face);
        auto faces = merge(scan(frontal, img, mf, 0, sf, mn));
        if (faces.size() >= 2 && tune.verify_extra && !verify.empty()) {
            std::vector<candidate> kept;
            for (const auto& f : faces) {
                if (confirmed(img, f.r)) kept.push_back(f);
            }
            if (kept.empty()) kept.push_back(faces.front());
            faces = std::move(kept);
        }
        if (faces.empty() && tune.retry_verify && !verify.empty()) faces = merge(scan(verify, img, rf, 0, sf, mn));
        if (faces.empty() && tune.retry_angle > 0) {
            std::vector<candidate> all;
            for (double a : {tune.retry_angle, -tune.retry_angle}) {
                // A rotated picture makes the LBP cascade see faces in clutter: each must be confirmed.
                auto r = scan_rotated(frontal, img, a, rf, 0, sf, mn,
                                      [this](const cv::Mat& m, const cv::Rect& b) { return confirmed(m, b); });
                all.insert(all.end(), r.begin(), r.end());
            }
            faces = merge(std::move(all));
        }
        if (faces.empty() && tune.retry_profile && !profile.empty()) {
            faces = merge(scan_profile(profile, img, rf, 0, sf, mn + 1));
        }
        return faces;
    }
};

face_detector::face_detector(const proctor_config& cfg) : face_detector(cfg, detector_tuning{}) {}

face_detector::face_detector(const proctor_config& cfg, const detector_tuning& tune) : impl_(std::make_unique<impl>()) {
    impl_->tune = tune;
    if (tune.frontal.empty()) throw std::runtime_error("proctor: a frontal face cascade is required");
    impl_->load(impl_->frontal, cfg.cascade_dir, tune.frontal);
    impl_->load(impl_->verify, cfg.cascade_dir, tune.verify);
    impl_->load(impl_->profile, cfg.cascade_dir, tune.profile);
}

face_detector::~face_detector() = default;

namespace {

face_box to_box(const candidate& c, double k) {
    face_box b;
    b.x = static_cast<int>(std::lround(c.r.x * k));
    b.y = static_cast<int>(std::lround(c.r.y * k));
    b.w = static_cast<int>(std::lround(c.r.width * k));
    b.h = static_cast<int>(std::lround(c.r.height * k));
    b.profile = c.profile;
    b.angle = c.angle;
    return b;
}

// Grey, and not wider than 960 px (a full scan of a bigger picture costs more
// and finds nothing a webcam frame would need). Returns the factor back.
double working_image(const cv::Mat& in, cv::Mat& out) {
    cv::Mat g = to_grey(in);
    if (g.cols <= 960) {
        out = g;
        return 1.0;
    }
    const double k = 640.0 / g.cols;
    cv::resize(g, out, cv::Size(), k, k, cv::INTER_AREA);
    return 1.0 / k;
}

}  // namespace

std::vector<face_box> face_detector::detect(const cv::Mat& grey) const {
    if (grey.empty()) return {};
    cv::Mat img;
    const double k = working_image(grey, img);
    std::vector<face_box> out;
    for (const auto& c : impl_->full_scan(img)) out.push_back(to_box(c, k));
    return out;
}

std::vector<face_box> face_detector::detect_small(const cv::Mat& grey, const face_box& region) const {
    if (grey.empty() || impl_->verify.empty()) return {};
    cv::Mat img;
    const double k = working_image(grey, img);
    cv::Rect r(0, 0, img.cols, img.rows);
    if (region.w > 0 && region.h > 0) {
        r = clip(cv::Rect(static_cast<int>(region.x / k), static_cast<int>(region.y / k),
                          static_cast<int>(region.w / k), static_cast<int>(region.h / k)),
                 img.size());
    }
    const cv::Size fwin = window_of(impl_->frontal);
    const int smallest_full = std::max({impl_->tune.min_face, fwin.width, fwin.height});
    const int hi = smallest_full * 14 / 10;
    if (r.width < 20 || r.height < 20) return {};
    auto found = scan(impl_->verify, img(r), 0, hi, impl_->tune.scale_factor, impl_->tune.min_neighbors);
    std::vector<face_box> out;
    for (auto& c : merge(std::move(found))) {
        c.r.x += r.x;
        c.r.y += r.y;
        out.push_back(to_box(c, k));
    }
    return out;
}

std::optional<face_box> face_detector::detect_near(const cv::Mat& grey, const face_box& around) const {
    if (grey.empty() || around.w <= 0) return std::nullopt;
    cv::Mat img;
    const double k = working_image(grey, img);
    const cv::Rect r(static_cast<int>(around.x / k), static_cast<int>(around.y / k), static_cast<int>(around.w / k),
                     static_cast<int>(around.h / k));
    auto c = impl_->find_near(img, r, true);
    if (!c) return std::nullopt;
    return to_box(*c, k);
}

std::vector<face_box> face_detector::detect_extra(const cv::Mat& grey, const std::vector<face_box>& known) const {
    if (grey.empty()) return {};
    cv::Mat img;
    const double k = working_image(grey, img);
    auto& d = *impl_;
    auto found = merge(scan(d.frontal, img, d.tune.min_face, 0, d.tune.extra_scale_factor, d.tune.min_neighbors));
    std::vector<face_box> out;
    for (const auto& c : found) {
        const face_box b = to_box(c, k);
        const bool is_known = std::any_of(known.begin(), known.end(), [&](const face_box& o) {
            const cv::Rect kr(o.x, o.y, o.w, o.h), br(b.x, b.y, b.w, b.h);
            return centre_inside(br, kr) || centre_inside(kr, br);
        });
        if (is_known) continue;
        if (d.tune.verify_extra && !d.confirmed(img, c.r)) continue;
        out.push_back(b);
    }
    return out;
}

}  // namespace tanu::proctor
