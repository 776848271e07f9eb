// In-process: what the proctoring does with a finding follows the sitting's
// programme (seed 002 p.13, X16): a counted signal is a violation (a strike
// and a draft act, p.14), another is an event for the commission (no strike,
// no act); a blocked camera is a technical event, never a strike (X6).
#include <catch2/catch.hpp>

#include <atomic>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <opencv2/imgcodecs.hpp>
#include <thread>

#include "server/db/db_readers.hpp"
#include "server/db/db_writer.hpp"
#include "server/exam/exam_service.hpp"
#include "server/exam/sitting_hub.hpp"
#include "server/proctoring/proctor_service.hpp"
#include "server/recognition/store.hpp"
#include "tests/server/proctoring/proctor_fixture.hpp"

using namespace tanu_test;
using namespace tanu::server;

namespace {

// One online sitting on a programme counting `strikes` (none given: the defaults).
struct findings_fixture : proctor_fixture {
    explicit findings_fixture(std::optional<std::vector<std::string>> strikes = std::nullopt)
        : proctor_fixture("W2", [strikes](procedure_fixture& pf, server_config& c) {
              tanu::exam::programme p;  // as the fixture's W1, with its own strikes
              p.code = "W2";
              p.profession = "Сварщик";
              p.oked = "25110";
              p.nqf_level = 3;
              p.languages = {"ru", "kk"};
              p.strikes = strikes;
              store::insert_programme(pf.d, p, to_json(p).dump(), pf.t0);
              c.proctoring.analysis.camera_blocked_ms = 1500;
          }) {}

    int acts() { return static_cast<int>(store::acts_of(f.d, sitting).size()); }
    int violations() { return store::find_sitting(f.d, sitting)->violations; }
    void loud_for_4s() {
        for (int sec = 1; sec <= 4; ++sec) {  // -20 dBFS for 4 s > noise_ms (3 s)
            clock.t = f.t0 + sec * 1000;
            REQUIRE(proctor->submit_levels(sitting, 250, std::string(4, static_cast<char>(40)), clock.t));
        }
    }
};

std::string black_jpeg() {
    cv::Mat img(240, 320, CV_8UC3, cv::Scalar(0, 0, 0));
    std::vector<std::uint8_t> buf;
    cv::imencode(".jpg", img, buf);
    return {buf.begin(), buf.end()};
}

}  // namespace

TEST_CASE("findings service: noise the programme does not count is an event, no strike and no act",
          "[proctoring][strikes]") {
    findings_fixture m;  // defaults: multiple_faces, identity_mismatch
    m.loud_for_4s();
    REQUIRE(m.eventually([&] { return m.events("noise") == 1; }));
    CHECK(m.events("noise", " AND violation = 0 AND strike = 0") == 1);
    CHECK(m.acts() == 0);
    CHECK(m.violations() == 0);
}

TEST_CASE("findings service: noise the programme counts is the first strike with its act", "[proctoring][strikes]") {
    findings_fixture m(std::vector<std::string>{"multiple_faces", "identity_mismatch", "noise"});
    m.loud_for_4s();
    REQUIRE(m.eventually([&] { return m.acts() == 1; }));
    CHECK(m.events("noise", " AND violation = 1 AND strike = 1") == 1);
    CHECK(m.eventually([&] { return m.violations() == 1; }));
}

TEST_CASE("findings service: a tab switch strikes where the programme's list has focus_lost", "[proctoring][strikes]") {
    SECTION("listed") {
        findings_fixture m(std::vector<std::string>{"focus_lost"});
        m.proctor->focus(m.sitting, true, m.f.t0 + 1000);
        REQUIRE(m.eventually([&] { return m.acts() == 1; }));
        CHECK(m.events("focus_lost", " AND violation = 1 AND strike = 1") == 1);
    }
    SECTION("not listed: logged only") {
        findings_fixture m;
        m.proctor->focus(m.sitting, true, m.f.t0 + 1000);
        REQUIRE(m.eventually([&] { return m.events("focus_lost") == 1; }));
        CHECK(m.events("focus_lost", " AND violation = 0") == 1);
        CHECK(m.acts() == 0);
    }
}

TEST_CASE("findings service: a blocked camera is a technical event, never a strike", "[proctoring][strikes]") {
    findings_fixture m(std::vector<std::string>{"multiple_faces", "identity_mismatch", "noise", "no_face", "movement",
                                                "looking_away", "focus_lost"});
    const auto dark = black_jpeg();
    for (int i = 1; i <= 12 && m.events("camera_blocked") == 0; ++i) {
        m.clock.t = m.f.t0 + i * 300;
        m.proctor->submit_frame(m.sitting, dark, m.clock.t);
        m.eventually([&] { return m.proctor->stats(false)["queued"] == 0; });
    }
    REQUIRE(m.eventually([&] { return m.events("camera_blocked") >= 1; }));
    CHECK(m.events("camera_blocked", " AND violation = 0 AND strike = 0") >= 1);
    CHECK(m.events("camera_blocked", " AND args LIKE '%\"technical\":true%'") >= 1);
    CHECK(m.acts() == 0);
    CHECK(m.violations() == 0);
}
