// Measures the proctoring analysis on the labelled set written by
// tests/fixtures/make_proctor_fixtures.py --eval (docs/performance.md,
// "Proctoring: analysis accuracy and cost"):
//   proctor_eval faces DIR/eval [variant...]   face count accuracy and cost per detector variant
//   proctor_eval identity DIR                  genuine/impostor distances, FAR/FRR per threshold
//   proctor_eval stream DIR                    the honest and cheating sequences through analyzer + policy
// One thread (cv::setNumThreads(1)), as on a server worker.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "proctor/decode.hpp"
#include "proctor/face_detector.hpp"
#include "proctor/identity.hpp"
#include "proctor/proctor.hpp"

using namespace tanu::proctor;
using clock_type = std::chrono::steady_clock;

namespace {

std::vector<std::uint8_t> read_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

struct labelled {
    std::string file, category;
    int faces = 0;
    std::vector<cv::Rect> boxes;  // pixels of the 640x480 original
    std::vector<std::uint8_t> bytes;
};

std::vector<labelled> load_labels(const std::string& dir) {
    std::ifstream in(dir + "/labels.csv");
    std::string line;
    std::getline(in, line);
    std::vector<labelled> out;
    while (std::getline(in, line)) {
        std::stringstream ss(line);
        labelled l;
        std::string faces, boxes;
        std::getline(ss, l.file, ',');
        std::getline(ss, l.category, ',');
        std::getline(ss, faces, ',');
        std::getline(ss, boxes);
        l.faces = std::stoi(faces);
        std::stringstream bs(boxes);
        std::string b;
        while (std::getline(bs, b, ';')) {
            std::stringstream v(b);
            cv::Rect r;
            if (v >> r.x >> r.y >> r.width >> r.height) l.boxes.push_back(r);
        }
        l.bytes = read_bytes(dir + "/" + l.file);
        out.push_back(std::move(l));
    }
    return out;
}

bool matches(const face_box& d, const cv::Rect& t, int scale) {
    const double cx = (d.x + d.w / 2.0) * scale, cy = (d.y + d.h / 2.0) * scale, w = d.w * scale;
    return cx >= t.x && cx <= t.x + t.width && cy >= t.y && cy <= t.y + t.height && w / t.width >= 0.5 &&
           w / t.width <= 2.0;
}

struct variant {
    std::string name;
    detector_tuning tune;
    bool first_frame = false;  // through frame_analyzer: full scan plus the small-face search
};

std::vector<variant> variants() {
    std::vector<variant> v;
    auto plain = [](std::string casc, double sf, int mn) {
        detector_tuning t;
        t.frontal = std::move(casc);
        t.verify = "";
        t.profile = "";
        t.scale_factor = sf;
        t.min_neighbors = mn;
        t.verify_extra = t.retry_verify = t.retry_profile = false;
        t.retry_angle = 0;
        return t;
    };
    const std::string H = "haarcascades/haarcascade_frontalface_", L = "lbpcascades/lbpcascade_frontalface";
    v.push_back({"haar default 1.1/3", plain(H + "default.xml", 1.1, 3)});
    v.push_back({"haar alt 1.1/3", plain(H + "alt.xml", 1.1, 3)});
    v.push_back({"haar alt2 1.1/3", plain(H + "alt2.xml", 1.1, 3)});
    v.push_back({"haar alt2 1.2/3", plain(H + "alt2.xml", 1.2, 3)});
    v.push_back({"haar alt_tree 1.1/3", plain(H + "alt_tree.xml", 1.1, 3)});
    v.push_back({"lbp improved 1.1/3", plain(L + "_improved.xml", 1.1, 3)});
    v.push_back({"lbp 1.1/3", plain(L + ".xml", 1.1, 3)});
    v.push_back({"lbp 1.2/3", plain(L + ".xml", 1.2, 3)});
    v.push_back({"lbp 1.1/2", plain(L + ".xml", 1.1, 2)});
    {
        auto t = plain(L + ".xml", 1.1, 3);
        t.verify = H + "alt.xml";
        t.verify_extra = true;
        v.push_back({"lbp 1.1/3 + alt confirms extra faces", t});
        auto r = t;
        r.retry_verify = true;
        v.push_back({"  + alt when none", r});
        t.retry_angle = 25;
        v.push_back({"  + rotated +-25 (confirmed by alt) when none", t});
        t.profile = "lbpcascades/lbpcascade_profileface.xml";
        t.retry_profile = true;
        v.push_back({"  + LBP profile when none", t});
        t.profile = "haarcascades/haarcascade_profileface.xml";
        v.push_back({"  + Haar profile when none", t});
        t.retry_angle = 15;
        v.push_back({"  (same, rotated +-15)", t});
        t.retry_angle = 30;
        v.push_back({"  (same, rotated +-30)", t});
        t.retry_angle = 25;
        for (int rf : {0, 24, 32, 40}) {
            t.retry_min_face = rf;
            v.push_back({"  (same, retries for faces >= " + std::to_string(rf) + " px)", t});
        }
        t.retry_min_face = 32;
        t.scale_factor = 1.15;
        v.push_back({"  (same, scale step 1.15)", t});
    }
    v.push_back({"chosen: detect() (default tuning)", detector_tuning{}});
    v.push_back({"chosen: first frame of a stream (detect + detect_small)", detector_tuning{}, true});
    return v;
}

int faces_cmd(const std::string& dir, const std::vector<std::string>& only) {
    const auto data = load_labels(dir);
    proctor_config cfg;
    decode_limits lim{cfg.max_jpeg_bytes, cfg.max_width, cfg.max_height, cfg.max_analysis_width};
    std::vector<decoded_image> imgs;
    for (const auto& l : data) imgs.push_back(decode_grey(l.bytes, lim));
    std::printf("%zu labelled frames (640x480, analysed at %dx%d)\n\n", data.size(), imgs[0].grey.cols,
                imgs[0].grey.rows);
    std::printf("| detector | count exact | precision | recall | face present, none counted | one face, 2+ counted | "
                "ms/frame mean | ms max |\n|---|---|---|---|---|---|---|---|\n");
    for (const auto& v : variants()) {
        if (!only.empty() && std::find(only.begin(), only.end(), v.name) == only.end()) continue;
        face_detector det(cfg, v.tune);
        int tp = 0, fp = 0, fn = 0, exact = 0, present = 0, missed = 0, single = 0, extra = 0;
        double total = 0, worst = 0;
        std::map<std::string, std::pair<int, int>> per;
        for (std::size_t i = 0; i < data.size(); ++i) {
            const auto& l = data[i];
            const auto t0 = clock_type::now();
            std::vector<face_box> found;
            if (v.first_frame) {
                frame_analyzer a(cfg);
                found = a.analyze(imgs[i].grey, 0, det).boxes;
            } else {
                found = det.detect(imgs[i].grey);
            }
            const double ms = std::chrono::duration<double, std::milli>(clock_type::now() - t0).count();
            total += ms;
            worst = std::max(worst, ms);
            std::vector<bool> used(l.boxes.size(), false);
            for (const auto& d : found) {
                bool hit = false;
                for (std::size_t k = 0; k < l.boxes.size() && !hit; ++k) {
                    if (!used[k] && matches(d, l.boxes[k], imgs[i].scale)) used[k] = hit = true;
                }
                hit ? ++tp : ++fp;
            }
            fn += static_cast<int>(std::count(used.begin(), used.end(), false));
            const bool ok = static_cast<int>(found.size()) == l.faces;
            exact += ok;
            per[l.category].first += ok;
            per[l.category].second += 1;
            if (l.faces >= 1) {
                ++present;
                missed += found.empty();
            }
            if (l.faces <= 1) {
                ++single;
                extra += found.size() >= 2;
            }
        }
        const double n = static_cast<double>(data.size());
        std::printf("| %s | %.1f %% | %.3f | %.3f | %.1f %% | %.1f %% | %.2f | %.1f |\n", v.name.c_str(),
                    100.0 * exact / n, tp / std::max(1.0, 1.0 * (tp + fp)), tp / std::max(1.0, 1.0 * (tp + fn)),
                    100.0 * missed / std::max(1, present), 100.0 * extra / std::max(1, single), total / n, worst);
        std::fprintf(stderr, "  %s:", v.name.c_str());
        for (const auto& [k, c] : per) std::fprintf(stderr, " %s %d/%d", k.c_str(), c.first, c.second);
        std::fprintf(stderr, "\n");
    }
    return 0;
}

}  // namespace

int identity_cmd(const std::string& dir);
int stream_cmd(const std::string& dir);

int main(int argc, char** argv) {
    cv::setNumThreads(1);
    if (argc < 3) {
        std::fprintf(stderr, "usage: proctor_eval faces DIR/eval [variant...] | identity DIR | stream DIR\n");
        return 2;
    }
    const std::string cmd = argv[1], dir = argv[2];
    if (cmd == "faces") return faces_cmd(dir, std::vector<std::string>(argv + 3, argv + argc));
    if (cmd == "identity") return identity_cmd(dir);
    if (cmd == "stream") return stream_cmd(dir);
    std::fprintf(stderr, "unknown command %s\n", cmd.c_str());
    return 2;
}

namespace {

// A face crop as the analyzer makes it: the detector's box on the analysed grey picture.
std::optional<cv::Mat> crop_face(face_detector& det, const cv::Mat& grey) {
    auto faces = det.detect(grey);
    std::erase_if(faces, [](const face_box& f) { return f.profile || f.angle != 0; });
    if (faces.empty()) return std::nullopt;
    const auto& f = *std::max_element(faces.begin(), faces.end(), [](auto& a, auto& b) { return a.w < b.w; });
    const cv::Rect r = cv::Rect(f.x, f.y, f.w, f.h) & cv::Rect(0, 0, grey.cols, grey.rows);
    return grey(r).clone();
}

// Realistic changes between the ID photo and a webcam frame of the same person.
cv::Mat vary(const cv::Mat& photo, std::mt19937& rng, int& jpeg_q) {
    std::uniform_real_distribution<double> gain(0.6, 1.4), bias(-20, 20), scale(0.8, 1.25), angle(-8, 8),
        shift(-6, 6), sigma(0, 8);
    std::uniform_int_distribution<int> q(30, 90);
    const cv::Point2f c(photo.cols / 2.f, photo.rows / 2.f);
    cv::Mat m = cv::getRotationMatrix2D(c, angle(rng), scale(rng));
    m.at<double>(0, 2) += shift(rng);
    m.at<double>(1, 2) += shift(rng);
    cv::Mat out;
    cv::warpAffine(photo, out, m, photo.size(), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
    out.convertTo(out, CV_32F, gain(rng), bias(rng));
    cv::Mat n(out.size(), CV_32F);
    cv::randn(n, 0, sigma(rng));
    out += n;
    out.convertTo(out, CV_8U);
    jpeg_q = q(rng);
    std::vector<std::uint8_t> buf;
    cv::imencode(".jpg", out, buf, {cv::IMWRITE_JPEG_QUALITY, jpeg_q});
    return cv::imdecode(buf, cv::IMREAD_GRAYSCALE);
}

struct pair_set {
    std::vector<std::pair<cv::Mat, cv::Mat>> genuine, impostor;
};

void roc(const std::vector<double>& gen, const std::vector<double>& imp, double chosen) {
    auto far = [&](double t) { return 100.0 * std::count_if(imp.begin(), imp.end(), [&](double d) { return d <= t; }) / imp.size(); };
    auto frr = [&](double t) { return 100.0 * std::count_if(gen.begin(), gen.end(), [&](double d) { return d > t; }) / gen.size(); };
    std::printf("| threshold | FAR (impostor accepted) | FRR (genuine refused) |\n|---|---|---|\n");
    std::vector<double> ts = {0.25, 0.30, 0.33, 0.40, 0.45, 0.50, chosen};
    std::sort(ts.begin(), ts.end());
    ts.erase(std::unique(ts.begin(), ts.end()), ts.end());
    for (double t : ts) {
        std::printf("| %.2f%s | %.1f %% | %.1f %% |\n", t, t == chosen ? " (chosen)" : "", far(t), frr(t));
    }
}

}  // namespace

int identity_cmd(const std::string& dir) {
    proctor_config cfg;
    face_detector det(cfg);
    std::mt19937 rng(7);
    // LFW: 100 people, 25x25; each upscaled to 100x100 with a margin, as a photo.
    std::vector<cv::Mat> photos;
    for (int i = 0; i < 100; ++i) {
        char name[64];
        std::snprintf(name, sizeof name, "/eval/lfw/lfw_%03d.png", i);
        cv::Mat f = cv::imread(dir + name, cv::IMREAD_GRAYSCALE), up, pad;
        if (f.empty()) continue;
        cv::resize(f, up, cv::Size(100, 100), 0, 0, cv::INTER_CUBIC);
        cv::copyMakeBorder(up, pad, 40, 40, 40, 40, cv::BORDER_REPLICATE);
        photos.push_back(pad);
    }
    std::vector<cv::Mat> refs;            // crop of each photo (or empty)
    std::vector<std::vector<cv::Mat>> views;  // 6 varied crops of each
    int undetected = 0;
    for (const auto& p : photos) {
        auto r = crop_face(det, p);
        refs.push_back(r ? *r : cv::Mat());
        views.emplace_back();
        for (int k = 0; k < 6; ++k) {
            int q = 0;
            if (auto v = crop_face(det, vary(p, rng, q))) views.back().push_back(*v);
            else ++undetected;
        }
    }
    pair_set lfw;
    for (std::size_t i = 0; i < refs.size(); ++i) {
        if (refs[i].empty()) continue;
        for (const auto& v : views[i]) lfw.genuine.emplace_back(refs[i], v);
        for (std::size_t j = 0; j < refs.size(); ++j) {
            if (j != i && !views[j].empty()) lfw.impostor.emplace_back(refs[i], views[j].front());
        }
    }
    // The astronaut: her ID photo against the fixture frames (a real pipeline:
    // different crop, scale, light, noise, JPEG), and against the LFW faces.
    pair_set astro;
    auto read_grey = [&](const std::string& n) {
        auto bytes = read_bytes(dir + "/" + n);
        decode_limits lim{0, 0, 0, 480};
        return decode_grey(bytes, lim).grey;
    };
    cv::Mat id;
    {
        auto bytes = read_bytes(dir + "/id_photo.jpg");
        decode_limits lim{0, 0, 0, 640};
        if (auto c = crop_face(det, decode_grey(bytes, lim).grey)) id = *c;
    }
    std::vector<std::string> frames = {"one_face.jpg", "one_face_small.jpg", "dim.jpg", "noisy.jpg", "tilted_15.jpg"};
    for (int i = 0; i < 30; ++i) {
        char n[32];
        std::snprintf(n, sizeof n, "honest_%03d.jpg", i);
        frames.push_back(n);
    }
    for (const auto& n : frames) {
        if (auto c = crop_face(det, read_grey(n)); c && !id.empty()) astro.genuine.emplace_back(id, *c);
    }
    for (const auto& v : views) {
        if (!v.empty() && !id.empty()) astro.impostor.emplace_back(id, v.front());
    }
    if (auto c = crop_face(det, read_grey("other_person.jpg")); c && !id.empty()) astro.impostor.emplace_back(id, *c);
    std::printf("LFW: %zu people, %zu genuine pairs (photo vs varied copy), %zu impostor pairs, %d varied copies "
                "without a detected face\nastronaut: %zu genuine (ID photo vs frames), %zu impostor\n\n",
                photos.size(), lfw.genuine.size(), lfw.impostor.size(), undetected, astro.genuine.size(),
                astro.impostor.size());

    struct variant {
        std::string name;
        identity_tuning t;
    };
    std::vector<variant> vs;
    vs.push_back({"chosen (default)", identity_tuning{}});
    for (int grid : {3, 4, 5, 6, 7}) {
        for (int radius : {1, 2}) {
            for (double blur : {0.0, 0.8}) {
                identity_tuning t;
                t.grid = grid;
                t.radius = radius;
                t.blur = blur;
                char n[96];
                std::snprintf(n, sizeof n, "grid %d, radius %d, blur %.1f", grid, radius, blur);
                vs.push_back({n, t});
            }
        }
    }
    for (double inner : {0.8, 0.9}) {
        identity_tuning t;
        t.inner = inner;
        vs.push_back({"inner " + std::to_string(inner).substr(0, 3), t});
    }
    auto dists = [](const std::vector<std::pair<cv::Mat, cv::Mat>>& ps, const identity_tuning& t) {
        std::vector<double> d;
        for (const auto& [a, b] : ps) d.push_back(descriptor_distance(face_descriptor(a, t), face_descriptor(b, t)));
        return d;
    };
    std::printf("| descriptor | LFW EER | threshold at EER | FAR at FRR 1 %% | astronaut genuine max | astronaut impostor min |\n|---|---|---|---|---|---|\n");
    for (const auto& v : vs) {
        auto g = dists(lfw.genuine, v.t), im = dists(lfw.impostor, v.t);
        auto ag = dists(astro.genuine, v.t), ai = dists(astro.impostor, v.t);
        std::sort(g.begin(), g.end());
        std::sort(im.begin(), im.end());
        double eer = 100, eer_t = 0;
        for (double t = 0; t < 2; t += 0.002) {
            const double far = 100.0 * (std::upper_bound(im.begin(), im.end(), t) - im.begin()) / im.size();
            const double frr = 100.0 * (g.end() - std::upper_bound(g.begin(), g.end(), t)) / g.size();
            if (std::abs(far - frr) < 1.0 || far > frr) {
                eer = (far + frr) / 2;
                eer_t = t;
                break;
            }
        }
        const double t99 = g[static_cast<std::size_t>(g.size() * 0.99)];
        const double far99 = 100.0 * (std::upper_bound(im.begin(), im.end(), t99) - im.begin()) / im.size();
        std::printf("| %s | %.1f %% | %.3f | %.1f %% (t %.3f) | %.3f | %.3f |\n", v.name.c_str(), eer, eer_t, far99, t99,
                    ag.empty() ? 0 : *std::max_element(ag.begin(), ag.end()),
                    ai.empty() ? 0 : *std::min_element(ai.begin(), ai.end()));
    }
    std::printf("\nChosen descriptor, threshold %.2f: LFW pairs\n", default_identity_threshold);
    {
        identity_tuning t;
        roc(dists(lfw.genuine, t), dists(lfw.impostor, t), default_identity_threshold);
        std::printf("\nastronaut (ID photo vs %zu frames; vs %zu other faces)\n", astro.genuine.size(), astro.impostor.size());
        roc(dists(astro.genuine, t), dists(astro.impostor, t), default_identity_threshold);
    }
    return 0;
}

int stream_cmd(const std::string& dir) {
    proctor_config cfg;
    face_detector det(cfg);
    std::shared_ptr<const identity_reference> ref;
    {
        auto bytes = read_bytes(dir + "/id_photo.jpg");
        ref = std::make_shared<identity_reference>(identity_reference::from_image(bytes, det, cfg));
    }
    for (const char* seq : {"honest", "cheat"}) {
        frame_analyzer a(cfg, ref);
        violation_policy p(cfg);
        std::printf("== %s\n", seq);
        double total = 0;
        int n = 0;
        for (int i = 0;; ++i) {
            char name[64];
            std::snprintf(name, sizeof name, "/%s_%03d.jpg", seq, i);
            auto bytes = read_bytes(dir + name);
            if (bytes.empty()) break;
            const auto t0 = clock_type::now();
            auto f = a.analyze_image(bytes, i * 2000, det);
            const double ms = std::chrono::duration<double, std::milli>(clock_type::now() - t0).count();
            total += ms;
            ++n;
            std::printf("%3d t=%6lld faces=%d %s full=%d motion=%.3f change=%.3f offset=%.2f away=%d id=%.3f %s  %.2f ms\n", i,
                        static_cast<long long>(f.t_ms), f.faces, to_string(f.quality), f.full_scan, f.motion,
                        f.scene_change, f.offset, f.looking_away, f.identity_distance.value_or(-1),
                        f.identity_match ? (*f.identity_match ? "match" : "MISMATCH") : "-", ms);
            if (auto v = p.on_frame(f)) {
                std::printf("    VIOLATION %s start=%lld dur=%lld evidence=%lld: %s\n", v->kind.c_str(),
                            static_cast<long long>(v->start_ms), static_cast<long long>(v->duration_ms),
                            static_cast<long long>(v->evidence_t_ms), v->detail.c_str());
            }
        }
        std::printf("mean %.2f ms/frame\n", total / std::max(1, n));
    }
    return 0;
}
