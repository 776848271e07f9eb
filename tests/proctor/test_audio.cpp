#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "proctor/audio_levels.hpp"
#include "proctor/proctor.hpp"

using namespace tanu::proctor;

namespace {

std::vector<std::uint8_t> pcm(const std::vector<double>& samples) {
    std::vector<std::uint8_t> out;
    for (double s : samples) {
        const auto v = static_cast<std::int16_t>(std::lround(std::clamp(s, -1.0, 32767.0 / 32768.0) * 32768.0));
        const auto u = static_cast<std::uint16_t>(v);
        out.push_back(static_cast<std::uint8_t>(u & 0xFF));
        out.push_back(static_cast<std::uint8_t>(u >> 8));
    }
    return out;
}

std::vector<double> sine(double amplitude, double hz, int rate, double seconds) {
    std::vector<double> s(static_cast<std::size_t>(rate * seconds));
    for (std::size_t i = 0; i < s.size(); ++i) s[i] = amplitude * std::sin(2 * std::numbers::pi * hz * static_cast<double>(i) / rate);
    return s;
}

}  // namespace

TEST_CASE("silence is the floor, -120 dBFS", "[proctor][audio]") {
    const auto a = analyze_pcm(pcm(std::vector<double>(16000, 0.0)), 16000, 5);
    CHECK(a.valid);
    CHECK(a.dbfs == -120);
    CHECK(a.peak_dbfs == -120);
    CHECK(a.seconds == Approx(1.0));
    CHECK(a.t_ms == 5);
}

TEST_CASE("a full-scale sine is about -3 dBFS RMS and 0 dBFS peak", "[proctor][audio]") {
    const auto a = analyze_pcm(pcm(sine(1.0, 440, 48000, 0.5)), 48000, 0);
    CHECK(a.valid);
    CHECK(a.dbfs == Approx(-3.01).margin(0.05));
    CHECK(a.peak_dbfs == Approx(0).margin(0.01));
    CHECK(a.seconds == Approx(0.5));
    const auto quiet = analyze_pcm(pcm(sine(0.01, 440, 16000, 1)), 16000, 0);
    CHECK(quiet.dbfs == Approx(-43.01).margin(0.1));
}

TEST_CASE("bad sample rates and odd byte counts are invalid", "[proctor][audio]") {
    const auto data = pcm(sine(0.5, 440, 16000, 0.1));
    CHECK_FALSE(analyze_pcm(data, 0, 0).valid);
    CHECK_FALSE(analyze_pcm(data, 192001, 0).valid);
    CHECK(analyze_pcm(data, 192000, 0).valid);
    auto odd = data;
    odd.push_back(0);
    CHECK_FALSE(analyze_pcm(odd, 16000, 0).valid);
    CHECK_FALSE(analyze_pcm({}, 16000, 0).valid);
}

// ---- compact audio of weak links (issue 10): level bytes, G.711 µ-law, and the
// noise rule's outcome being the same whether the server hears PCM or levels.

namespace levels_test {

std::vector<std::int16_t> tone(double dbfs_rms, int rate, double seconds) {
    // A sine's RMS is its amplitude / sqrt(2).
    const double amp = std::pow(10.0, dbfs_rms / 20.0) * std::sqrt(2.0) * 32768.0;
    std::vector<std::int16_t> s(static_cast<std::size_t>(rate * seconds));
    for (std::size_t i = 0; i < s.size(); ++i)
        s[i] = static_cast<std::int16_t>(std::lround(amp * std::sin(2 * std::numbers::pi * 440.0 * static_cast<double>(i) / rate)));
    return s;
}

std::vector<std::uint8_t> le16(const std::vector<std::int16_t>& s, std::size_t from, std::size_t n) {
    std::vector<std::uint8_t> out;
    for (std::size_t i = from; i < from + n; ++i) {
        const auto u = static_cast<std::uint16_t>(s[i]);
        out.push_back(static_cast<std::uint8_t>(u & 0xFF));
        out.push_back(static_cast<std::uint8_t>(u >> 8));
    }
    return out;
}

}  // namespace levels_test

using namespace levels_test;

TEST_CASE("µ-law decodes to the G.711 table's values", "[proctor][audio][ulaw]") {
    // Known points of ITU-T G.711 µ-law (the byte as sent, inverted), as
    // Python's audioop.ulaw2lin gives them.
    CHECK(ulaw_decode(0xFF) == 0);
    CHECK(ulaw_decode(0x7F) == 0);
    CHECK(ulaw_decode(0x00) == -32124);
    CHECK(ulaw_decode(0x80) == 32124);
    CHECK(ulaw_decode(0xFE) == 8);
    CHECK(ulaw_decode(0x7E) == -8);
    CHECK(ulaw_decode(0xEF) == 132);
    CHECK(ulaw_decode(0x8F) == 16764);
    CHECK(ulaw_decode(0x0F) == -16764);
    CHECK(ulaw_decode(0xCD) == 1052);
}

TEST_CASE("µ-law encoding and decoding round-trip within the law's step", "[proctor][audio][ulaw]") {
    for (int byte = 0; byte < 256; ++byte) {
        const auto u = static_cast<std::uint8_t>(byte);
        if (u == 0x7F) continue;  // -0 encodes as +0
        CHECK(ulaw_encode(ulaw_decode(u)) == u);
    }
    // The encoder agrees with audioop.lin2ulaw.
    CHECK(ulaw_encode(-20000) == 0x0C);
    CHECK(ulaw_encode(-1000) == 0x4E);
    CHECK(ulaw_encode(-32768) == 0x00);
    for (int v : {-32768, -20000, -1000, -100, -1, 0, 1, 77, 1000, 12345, 32767}) {
        const int back = ulaw_decode(ulaw_encode(static_cast<std::int16_t>(v)));
        // The step grows with the magnitude: at most 1/16 of it (and 1024 at the top).
        CHECK(std::abs(back - std::clamp(v, -32635, 32635)) <= std::max(8, std::abs(v) / 16 + 1));
    }
}

TEST_CASE("a level byte is -b/2 dBFS", "[proctor][audio][levels]") {
    CHECK(level_byte_dbfs(0) == 0);
    CHECK(level_byte_dbfs(40) == -20);
    CHECK(level_byte_dbfs(255) == -127.5);
    CHECK(dbfs_level_byte(-20) == 40);
    CHECK(dbfs_level_byte(-20.2) == 40);
    CHECK(dbfs_level_byte(3) == 0);
    CHECK(dbfs_level_byte(-200) == 255);
    const auto f = level_finding(40, 250, 1234);
    CHECK(f.valid);
    CHECK(f.dbfs == -20);
    CHECK(f.seconds == Approx(0.25));
    CHECK(f.t_ms == 1234);
}

TEST_CASE("µ-law windows measure the level of the audio they carry", "[proctor][audio][levels]") {
    const auto s = tone(-20, 8000, 1.0);
    std::vector<std::uint8_t> ulaw;
    for (auto v : s) ulaw.push_back(ulaw_encode(v));
    const auto levels = ulaw_window_levels(ulaw, 2000);
    REQUIRE(levels.size() == 4);
    for (auto b : levels) CHECK(level_byte_dbfs(b) == Approx(-20).margin(0.6));
    CHECK(ulaw_window_levels(ulaw, 3000).size() == 2);  // a partial window is left out
    CHECK(ulaw_window_levels(ulaw, 0).empty());
}

TEST_CASE("a -20 dBFS tone longer than noise_ms raises noise from PCM and from levels alike", "[proctor][audio][levels]") {
    proctor_config cfg;
    cfg.noise_ms = 3000;
    cfg.noise_dbfs = -25;
    const int rate = 16000;
    const auto s = tone(-20, rate, 6.0);
    // PCM: 1 s chunks, as the page sent them before.
    violation_policy pcm_policy(cfg);
    std::optional<violation> by_pcm;
    std::int64_t pcm_at = -1;
    for (int sec = 0; sec < 6 && !by_pcm; ++sec) {
        by_pcm = pcm_policy.on_audio(analyze_pcm(le16(s, static_cast<std::size_t>(sec) * rate, rate), rate, sec * 1000));
        if (by_pcm) pcm_at = sec * 1000;
    }
    // Levels: 250 ms windows measured on the same samples.
    violation_policy lvl_policy(cfg);
    std::optional<violation> by_levels;
    std::int64_t lvl_at = -1;
    for (int w = 0; w < 24 && !by_levels; ++w) {
        const auto a = analyze_pcm(le16(s, static_cast<std::size_t>(w) * 4000, 4000), rate, 0);
        by_levels = lvl_policy.on_audio(level_finding(dbfs_level_byte(a.dbfs), 250, w * 250));
        if (by_levels) lvl_at = w * 250;
    }
    REQUIRE(by_pcm);
    REQUIRE(by_levels);
    CHECK(by_pcm->kind == "noise");
    CHECK(by_levels->kind == "noise");
    // The same sound, the same 3 s of evidence: the same finding either way
    // (at the end of its third second: the PCM chunk of 2…3 s, the window of 2.75…3 s).
    CHECK(by_pcm->detail == by_levels->detail);
    CHECK(pcm_at == 2000);
    CHECK(lvl_at == 2750);
    // And a quiet tone raises nothing either way.
    const auto q = tone(-40, rate, 6.0);
    violation_policy quiet_pcm(cfg), quiet_lvl(cfg);
    for (int sec = 0; sec < 6; ++sec)
        CHECK_FALSE(quiet_pcm.on_audio(analyze_pcm(le16(q, static_cast<std::size_t>(sec) * rate, rate), rate, sec * 1000)));
    for (int w = 0; w < 24; ++w) {
        const auto a = analyze_pcm(le16(q, static_cast<std::size_t>(w) * 4000, 4000), rate, 0);
        CHECK_FALSE(quiet_lvl.on_audio(level_finding(dbfs_level_byte(a.dbfs), 250, w * 250)));
    }
}
