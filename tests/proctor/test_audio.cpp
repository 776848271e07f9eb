#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>

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
