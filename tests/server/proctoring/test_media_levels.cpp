// Answers first (issue 10), in-process: compact audio levels feed the noise
// rule, a check sample is measured by the server and compared with the claim,
// the page's `stream` changes become rate-limited events, and the staff's
// record_next_frame keeps the next frame whatever recording_every_ms says.
#include <catch2/catch.hpp>

#include <atomic>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <cmath>
#include <numbers>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <thread>

#include "proctor/audio_levels.hpp"
#include "server/db/db_readers.hpp"
#include "server/db/db_writer.hpp"
#include "server/exam/exam_service.hpp"
#include "server/exam/sitting_hub.hpp"
#include "server/proctoring/proctor_service.hpp"
#include "tests/server/proctoring/proctor_fixture.hpp"

using namespace tanu_test;
using namespace tanu::server;

namespace {

// One online sitting in progress, recording every `recording_every_ms`.
struct media_fixture : proctor_fixture {
    explicit media_fixture(int recording_every_ms = 10000)
        : proctor_fixture("W1", [recording_every_ms](procedure_fixture&, server_config& c) {
              c.proctoring.recording_every_ms = recording_every_ms;
          }) {}

    std::string detail(const std::string& kind) {
        stmt s(f.d, ("SELECT detail FROM events WHERE sitting = " + std::to_string(sitting) + " AND kind = '" + kind +
                     "' ORDER BY id DESC LIMIT 1")
                        .c_str());
        return s.step() ? s.text(0) : std::string();
    }
    int recordings() {
        return count(f.d, "SELECT count(*) FROM recording WHERE sitting = " + std::to_string(sitting));
    }
    // Everything handed to the proctoring has run (its queue is empty) and
    // what it wrote is committed (a marker written after it is there).
    void settle() {
        eventually([&] { return proctor->stats(false)["queued"] == 0; });
        const int want = ++markers;
        proctor->log_event(sitting, clock.t, "test_marker", "");
        eventually([&] { return events("test_marker") >= want; });
    }
    int markers = 0;
};

std::string levels(int n, std::uint8_t b) { return std::string(static_cast<std::size_t>(n), static_cast<char>(b)); }

std::string ulaw_tone(double dbfs, int rate, int ms) {
    const double amp = std::pow(10.0, dbfs / 20.0) * std::sqrt(2.0) * 32768.0;
    std::string out;
    const int n = rate * ms / 1000;
    for (int i = 0; i < n; ++i) {
        const auto v = static_cast<std::int16_t>(std::lround(amp * std::sin(2 * std::numbers::pi * 440.0 * i / rate)));
        out.push_back(static_cast<char>(tanu::proctor::ulaw_encode(v)));
    }
    return out;
}

std::string test_jpeg(int shade) {
    cv::Mat img(240, 320, CV_8UC3, cv::Scalar(shade, shade, shade));
    cv::rectangle(img, {40, 40}, {200, 180}, cv::Scalar(255 - shade, 80, 30), cv::FILLED);
    cv::putText(img, "tanu", {60, 120}, cv::FONT_HERSHEY_SIMPLEX, 1.5, cv::Scalar(20, 200, 20), 3);
    std::vector<std::uint8_t> buf;
    cv::imencode(".jpg", img, buf);
    return {buf.begin(), buf.end()};
}

}  // namespace

TEST_CASE("loud audio levels for longer than noise_ms raise noise as PCM would", "[proctoring][media]") {
    media_fixture m;
    // 16 windows of 250 ms at -20 dBFS (byte 40), one message a second: 4 s > noise_ms (3 s).
    for (int sec = 1; sec <= 4; ++sec) {
        m.clock.t = m.f.t0 + sec * 1000;
        CHECK(m.proctor->submit_levels(m.sitting, 250, levels(4, 40), m.clock.t));
    }
    CHECK(m.eventually([&] { return m.events("noise") == 1; }));
    CHECK(m.detail("noise").find("-20.0 dBFS") != std::string::npos);
    // The level is recorded as a PCM chunk's would be (the loudest of its window).
    CHECK(m.eventually([&] {
        return count(m.f.d, "SELECT count(*) FROM audio_levels WHERE sitting = " + std::to_string(m.sitting) +
                                " AND dbfs = -20") > 0;
    }));
}

TEST_CASE("quiet audio levels raise nothing", "[proctoring][media]") {
    media_fixture m;
    for (int sec = 1; sec <= 6; ++sec) {
        m.clock.t = m.f.t0 + sec * 1000;
        m.proctor->submit_levels(m.sitting, 250, levels(4, 100), m.clock.t);  // -50 dBFS
    }
    m.settle();
    CHECK(m.events("noise") == 0);
}

TEST_CASE("a check sample is measured by the server: an honest one passes, a lying one is an event", "[proctoring][media]") {
    media_fixture m;
    m.clock.t = m.f.t0 + 1000;
    // Honest: the page says -20 dBFS and sends a -20 dBFS tone.
    CHECK(m.proctor->submit_sample(m.sitting, 250, levels(4, 40), 8000, ulaw_tone(-20, 8000, 1000), m.clock.t));
    m.settle();
    CHECK(m.events("audio_check_failed") == 0);
    auto st = m.proctor->stream_state(m.sitting);
    REQUIRE(st.is_object());
    CHECK(st["audio_checks_passed"] == 1);
    CHECK(st["audio_checks_failed"] == 0);
    // Lying: silence claimed (-127.5 dBFS) over a -20 dBFS tone.
    m.clock.t = m.f.t0 + 2000;
    CHECK(m.proctor->submit_sample(m.sitting, 250, levels(4, 255), 8000, ulaw_tone(-20, 8000, 1000), m.clock.t));
    CHECK(m.eventually([&] { return m.events("audio_check_failed") == 1; }));
    CHECK(m.detail("audio_check_failed") == "claimed -127.5 dBFS, measured -20.0 dBFS");
    st = m.proctor->stream_state(m.sitting);
    CHECK(st["audio_checks_failed"] == 1);
    // Never a strike: the event is no violation.
    CHECK(count(m.f.d, "SELECT count(*) FROM events WHERE violation = 1") == 0);
    // Both quiet (under -50 dBFS), a difference says nothing.
    m.clock.t = m.f.t0 + 3000;
    m.proctor->submit_sample(m.sitting, 250, levels(4, 150), 8000, ulaw_tone(-60, 8000, 1000), m.clock.t);
    m.settle();
    CHECK(m.events("audio_check_failed") == 1);
}

TEST_CASE("the server's own measure of a loud sample feeds the noise rule", "[proctoring][media]") {
    media_fixture m;
    for (int sec = 1; sec <= 4; ++sec) {
        m.clock.t = m.f.t0 + sec * 1000;
        // The page claims silence; the audio is loud: the server hears it.
        m.proctor->submit_sample(m.sitting, 250, levels(4, 255), 8000, ulaw_tone(-20, 8000, 1000), m.clock.t);
    }
    CHECK(m.eventually([&] { return m.events("noise") == 1; }));
}

TEST_CASE("stream changes are events at most once per 30 s, the latest logged when they pass", "[proctoring][media]") {
    media_fixture m;
    using report = sitting_media::stream_report;
    CHECK(m.proctor->stream_state(m.sitting).is_null());  // no stream yet
    m.clock.t = m.f.t0 + 1000;
    m.proctor->stream_changed(m.sitting, report{2, 320, 240, 4000, 350}, m.clock.t);
    m.settle();
    CHECK(m.events("stream_reduced") == 1);
    CHECK(m.detail("stream_reduced") == "320×240 every 4 s, link ~350 kbit/s");
    // Within 30 s: kept, not logged.
    m.clock.t = m.f.t0 + 5000;
    m.proctor->stream_changed(m.sitting, report{3, 320, 240, 5000, 200}, m.clock.t);
    m.clock.t = m.f.t0 + 9000;
    m.proctor->stream_changed(m.sitting, report{0, 640, 480, 2000, 900}, m.clock.t);
    m.proctor->submit_levels(m.sitting, 250, levels(4, 120), m.clock.t);
    m.settle();
    CHECK(m.events("stream_reduced") == 1);
    CHECK(m.events("stream_restored") == 0);
    auto st = m.proctor->stream_state(m.sitting);
    CHECK(st["level"] == 0);
    CHECK(st["link_kbps"] == 900);
    // 30 s after the first event, the next media message logs the latest state.
    m.clock.t = m.f.t0 + 31000;
    m.proctor->submit_levels(m.sitting, 250, levels(4, 120), m.clock.t);
    m.settle();
    CHECK(m.events("stream_restored") == 1);
    CHECK(m.detail("stream_restored") == "640×480 every 2 s, link ~900 kbit/s");
    CHECK(m.events("stream_reduced") == 1);
    // The same level again says nothing.
    m.clock.t = m.f.t0 + 70000;
    m.proctor->stream_changed(m.sitting, report{0, 640, 480, 2000, 950}, m.clock.t);
    m.settle();
    CHECK(m.events("stream_restored") == 1);
}

TEST_CASE("record_next_frame keeps the next readable frame whatever recording_every_ms says", "[proctoring][media]") {
    media_fixture m(600000);  // one recorded frame in 10 minutes
    auto frame = [&](int sec, int shade) {
        m.clock.t = m.f.t0 + sec * 1000;
        m.proctor->submit_frame(m.sitting, test_jpeg(shade), m.clock.t);
        m.eventually([&] { return m.proctor->analysed() >= static_cast<std::uint64_t>(sec); });
    };
    frame(1, 90);
    CHECK(m.eventually([&] { return m.recordings() == 1; }));  // the first frame is kept
    frame(2, 100);
    m.settle();
    CHECK(m.recordings() == 1);  // within recording_every_ms: not kept
    m.proctor->record_next_frame(m.sitting);
    // An unreadable frame does not use up the request.
    m.clock.t = m.f.t0 + 3000;
    m.proctor->submit_frame(m.sitting, "not a jpeg", m.clock.t);
    m.eventually([&] { return m.proctor->analysed() >= 3; });
    m.settle();
    CHECK(m.recordings() == 1);
    frame(4, 110);
    CHECK(m.eventually([&] { return m.recordings() == 2; }));
    frame(5, 120);
    m.settle();
    CHECK(m.recordings() == 2);  // once: back to recording_every_ms
    auto st = m.proctor->stream_state(m.sitting);
    CHECK(st["frames_last_min"] == 5);
    m.proctor->record_next_frame(m.sitting + 1000);  // no stream: nothing happens
}
