// Proctoring cost per frame: one analyzer per simulated candidate, each sending
// a 640x480 JPEG every 2 s, all analysed on one thread (cv::setNumThreads(1)),
// as a server worker would. Target (issue 3): 2,000 candidates on 2 cores =
// 1,000 frames/s, i.e. about 2 ms of CPU per frame on average.
//
//   /usr/bin/python3 tests/fixtures/make_proctor_fixtures.py build/fixtures
//   build/tests/bench/proctor_frames [FIXTURES_DIR] [candidates=20] [frames=300] [cheaters=4] [full_scan_every_ms] [jpeg_quality=80]
//
// The stream of a candidate is the 30 honest fixture frames (the candidate
// moves her head, the light changes) made into `frames` frames with a camera
// wobble of up to 1.5 px, light changes and sensor noise (re-encoded JPEG,
// quality 80 unless given). Times are the thread's CPU time (the machine may be shared). A cheater's stream also has the cheat sequence's events
// (away from the desk, a helper, leaning out) spliced in every 120 frames.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include <time.h>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "proctor/decode.hpp"
#include "proctor/proctor.hpp"
#include "proctor/quality.hpp"

using namespace tanu::proctor;
using clock_type = std::chrono::steady_clock;

namespace {

std::vector<std::uint8_t> read_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<std::uint8_t> jitter(const cv::Mat& src, std::mt19937& rng, int quality) {
    std::uniform_real_distribution<double> shift(-1.5, 1.5), gain(0.95, 1.05);
    cv::Mat m = (cv::Mat_<double>(2, 3) << 1, 0, shift(rng), 0, 1, shift(rng));
    cv::Mat out;
    cv::warpAffine(src, out, m, src.size(), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
    cv::Mat noise(out.size(), CV_16SC3);
    cv::randn(noise, 0, 3);
    cv::Mat o16;
    out.convertTo(o16, CV_16SC3, gain(rng));
    o16 += noise;
    o16.convertTo(out, CV_8UC3);
    std::vector<std::uint8_t> jpg;
    cv::imencode(".jpg", out, jpg, {cv::IMWRITE_JPEG_QUALITY, quality});
    return jpg;
}

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

double cpu_ms() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

template <class F>
double time_ms(F&& f) {
    const double t0 = cpu_ms();
    f();
    return cpu_ms() - t0;
}

}  // namespace

int main(int argc, char** argv) {
    cv::setNumThreads(1);
    const std::string dir = argc > 1 ? argv[1] : TANU_FIXTURES_DIR;
    const int candidates = argc > 2 ? std::stoi(argv[2]) : 20;
    const int frames = argc > 3 ? std::stoi(argv[3]) : 300;
    const int cheaters = argc > 4 ? std::stoi(argv[4]) : 4;
    const int quality = argc > 6 ? std::stoi(argv[6]) : 80;  // JPEG quality of the streams (the page: 60)

    std::vector<cv::Mat> honest, cheat;
    for (int i = 0;; ++i) {
        char n[64];
        std::snprintf(n, sizeof n, "/honest_%03d.jpg", i);
        cv::Mat m = cv::imread(dir + n);
        if (m.empty()) break;
        honest.push_back(m);
    }
    for (int i = 6; i <= 33; ++i) {  // the events of the cheating sequence
        char n[64];
        std::snprintf(n, sizeof n, "/cheat_%03d.jpg", i);
        cv::Mat m = cv::imread(dir + n);
        if (!m.empty()) cheat.push_back(m);
    }
    if (honest.empty()) {
        std::fprintf(stderr, "proctor_frames: no honest_NNN.jpg in %s (run make_proctor_fixtures.py)\n", dir.c_str());
        return 1;
    }
    std::mt19937 rng(42);
    std::vector<std::vector<std::uint8_t>> honest_stream, cheat_stream;
    for (int i = 0; i < frames; ++i) {
        honest_stream.push_back(jitter(honest[static_cast<std::size_t>(i) % honest.size()], rng, quality));
        const int k = i % 120;
        const bool event = !cheat.empty() && k >= 60 && k < 60 + static_cast<int>(cheat.size());
        cheat_stream.push_back(event ? jitter(cheat[static_cast<std::size_t>(k - 60)], rng, quality) : honest_stream.back());
    }

    double kb = 0;
    for (const auto& b : honest_stream) kb += static_cast<double>(b.size()) / 1024.0;
    std::printf("JPEG quality %d: honest frames %.1f kB on average\n", quality, kb / static_cast<double>(frames));

    proctor_config cfg;
    if (argc > 5) cfg.full_scan_every_ms = std::stoi(argv[5]);
    face_detector det(cfg);
    const auto id_bytes = read_bytes(dir + "/id_photo.jpg");
    auto ref = std::make_shared<identity_reference>(identity_reference::from_image(id_bytes, det, cfg));

    // Where a tracked frame's time goes (the same frames, the stages alone).
    {
        decode_limits lim{cfg.max_jpeg_bytes, cfg.max_width, cfg.max_height, cfg.max_analysis_width};
        double dec = 0, qual = 0, track = 0, ident = 0, full = 0, extra = 0;
        const int n = std::min(frames, 60);
        for (int i = 0; i < n; ++i) {
            decoded_image d;
            dec += time_ms([&] { d = decode_grey(honest_stream[static_cast<std::size_t>(i)], lim); });
            qual += time_ms([&] { (void)measure_quality(d.grey, cfg); });
            std::vector<face_box> faces;
            full += time_ms([&] { faces = det.detect(d.grey); });
            if (!faces.empty()) {
                track += time_ms([&] { (void)det.detect_near(d.grey, faces.front()); });
                extra += time_ms([&] { (void)det.detect_extra(d.grey, faces); });
                const auto& f = faces.front();
                ident += time_ms([&] { (void)ref->distance(d.grey(cv::Rect(f.x, f.y, f.w, f.h))); });
            }
        }
        std::printf("stages, mean ms: decode (1/2, grey) %.3f | quality %.3f | tracking search %.3f | identity %.3f | "
                    "full scan %.2f | other faces (periodic) %.2f\n",
                    dec / n, qual / n, track / n, ident / n, full / n, extra / n);
    }

    std::vector<frame_analyzer> analyzers;
    std::vector<violation_policy> policies;
    for (int c = 0; c < candidates; ++c) {
        analyzers.emplace_back(cfg, ref);
        policies.emplace_back(cfg);
    }
    std::vector<double> all, honest_ms, cheat_ms;
    int full_scans = 0, violations = 0, honest_violations = 0;
    const auto start = clock_type::now();
    const double cpu_start = cpu_ms();
    for (int r = 0; r < frames; ++r) {
        for (int c = 0; c < candidates; ++c) {
            const bool cheater = c < cheaters;
            const auto& stream = cheater ? cheat_stream : honest_stream;
            const auto& bytes = stream[static_cast<std::size_t>((r + c * 7) % frames)];
            frame_finding f;
            const double ms = time_ms([&] { f = analyzers[static_cast<std::size_t>(c)].analyze_image(bytes, r * 2000LL, det); });
            all.push_back(ms);
            (cheater ? cheat_ms : honest_ms).push_back(ms);
            full_scans += f.full_scan;
            if (policies[static_cast<std::size_t>(c)].on_frame(f)) {
                ++violations;
                honest_violations += !cheater;
            }
        }
    }
    const double secs = std::chrono::duration<double>(clock_type::now() - start).count();
    const double cpu_secs = (cpu_ms() - cpu_start) / 1000.0;
    auto mean = [](const std::vector<double>& v) {
        double s = 0;
        for (double x : v) s += x;
        return v.empty() ? 0.0 : s / static_cast<double>(v.size());
    };
    std::printf("full scan every %d ms at least\n", cfg.full_scan_every_ms);
    std::printf("%d candidates (%d with events) x %d frames: %.0f frames/s per CPU second on one thread "
                "(%.0f per wall second)\n",
                candidates, cheaters, frames, static_cast<double>(all.size()) / cpu_secs,
                static_cast<double>(all.size()) / secs);
    std::printf("all:     mean %.2f ms, p50 %.2f, p99 %.2f, max %.1f; full scans %.1f %% of frames\n", mean(all),
                percentile(all, 0.5), percentile(all, 0.99), percentile(all, 1.0),
                100.0 * full_scans / static_cast<double>(all.size()));
    std::printf("honest:  mean %.2f ms, p50 %.2f, p99 %.2f\n", mean(honest_ms), percentile(honest_ms, 0.5),
                percentile(honest_ms, 0.99));
    if (!cheat_ms.empty()) {
        std::printf("events:  mean %.2f ms, p50 %.2f, p99 %.2f\n", mean(cheat_ms), percentile(cheat_ms, 0.5),
                    percentile(cheat_ms, 0.99));
    }
    std::printf("violations: %d (%d on honest streams)\n", violations, honest_violations);
    return honest_violations == 0 ? 0 : 3;
}
