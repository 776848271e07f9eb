// Loudness of microphone audio: RMS and peak in dBFS (0 dBFS = full scale).
#include <algorithm>
#include <cmath>

#include "proctor/proctor.hpp"

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
