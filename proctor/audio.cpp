// Loudness of microphone audio: RMS and peak in dBFS (0 dBFS = full scale);
// the compact levels and µ-law samples of weak links (audio_levels.hpp).
#include <algorithm>
#include <cmath>

#include "proctor/proctor.hpp"
#include "proctor/audio_levels.hpp"

namespace tanu::proctor {

namespace {
constexpr double floor_dbfs = -120;  // digital silence is -inf; clipped here

double to_dbfs(double ratio) { return ratio > 0 ? std::max(floor_dbfs, 20.0 * std::log10(ratio)) : floor_dbfs; }
}  // namespace

audio_finding analyze_pcm(std::span<const std::uint8_t> pcm, std::uint32_t sample_rate, std::int64_t t_ms) {
    audio_finding a;
    a.t_ms = t_ms;
    if (sample_rate == 0 || sample_rate > 192000 || pcm.empty() || pcm.size() % 2 != 0) {
        a.valid = false;
        return a;
    }
    const std::size_t n = pcm.size() / 2;
    double sum = 0;
    int peak = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const auto s = static_cast<std::int16_t>(static_cast<std::uint16_t>(pcm[2 * i] | (pcm[2 * i + 1] << 8)));
        const int v = s;
        sum += static_cast<double>(v) * v;
        peak = std::max(peak, std::abs(v));
    }
    // Full scale is 32768; a full-scale sine has RMS 1/sqrt(2) of it: -3 dBFS.
    a.dbfs = to_dbfs(std::sqrt(sum / static_cast<double>(n)) / 32768.0);
    a.peak_dbfs = to_dbfs(peak / 32768.0);
    a.seconds = static_cast<double>(n) / sample_rate;
    return a;
}

}  // namespace tanu::proctor

// ---- compact audio (proctor/audio_levels.hpp) -------------------------------

namespace tanu::proctor {

double level_byte_dbfs(std::uint8_t b) { return -static_cast<double>(b) / 2.0; }

std::uint8_t dbfs_level_byte(double dbfs) {
    if (!(dbfs < 0)) return 0;
    return static_cast<std::uint8_t>(std::min(255.0, std::round(-dbfs * 2.0)));
}

audio_finding level_finding(std::uint8_t b, std::uint32_t window_ms, std::int64_t t_ms) {
    audio_finding a;
    a.t_ms = t_ms;
    a.dbfs = level_byte_dbfs(b);
    a.peak_dbfs = a.dbfs;
    a.seconds = static_cast<double>(window_ms) / 1000.0;
    a.valid = window_ms > 0;
    return a;
}

std::int16_t ulaw_decode(std::uint8_t u) {
    // The byte is sent inverted; sign, a 3-bit exponent, a 4-bit mantissa,
    // with the bias of 0x84 (132) taken off after the shift.
    u = static_cast<std::uint8_t>(~u);
    const int sign = u & 0x80;
    const int exponent = (u >> 4) & 0x07;
    const int mantissa = u & 0x0F;
    const int magnitude = (((mantissa << 3) + 0x84) << exponent) - 0x84;
    return static_cast<std::int16_t>(sign ? -magnitude : magnitude);
}

std::uint8_t ulaw_encode(std::int16_t pcm) {
    constexpr int bias = 0x84, clip = 32635;
    int v = pcm;
    const int sign = v < 0 ? 0x80 : 0;
    if (v < 0) v = -v;
    v = std::min(v, clip) + bias;
    int exponent = 7;
    for (int mask = 0x4000; exponent > 0 && !(v & mask); mask >>= 1) --exponent;
    const int mantissa = (v >> (exponent + 3)) & 0x0F;
    return static_cast<std::uint8_t>(~(sign | (exponent << 4) | mantissa));
}

std::vector<std::uint8_t> ulaw_window_levels(std::span<const std::uint8_t> ulaw, std::size_t per_window) {
    std::vector<std::uint8_t> out;
    if (per_window == 0) return out;
    for (std::size_t at = 0; at + per_window <= ulaw.size(); at += per_window) {
        double sum = 0;
        for (std::size_t i = at; i < at + per_window; ++i) {
            const double s = ulaw_decode(ulaw[i]);
            sum += s * s;
        }
        out.push_back(dbfs_level_byte(to_dbfs(std::sqrt(sum / static_cast<double>(per_window)) / 32768.0)));
    }
    return out;
}

}  // namespace tanu::proctor
