#pragma once
// Compact audio for weak links (issue 10): the page sends RMS levels of short
// windows instead of PCM (message 0x03), and now and then a short G.711 µ-law
// sample of the same audio (0x04) that the server measures itself to check
// the levels it was told.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "proctor/findings.hpp"

namespace tanu::proctor {

// One level byte b is an RMS level of -b/2 dBFS (0 … -127.5); louder than 0 is 0.
double level_byte_dbfs(std::uint8_t b);
std::uint8_t dbfs_level_byte(double dbfs);

// The finding of one window of window_ms starting at t_ms: the same
// thing analyze_pcm says of a chunk of that length (peak unknown: = the RMS).
audio_finding level_finding(std::uint8_t b, std::uint32_t window_ms, std::int64_t t_ms);

// G.711 µ-law (ITU-T G.711, as in Sun's g711.c): one byte → a 16-bit linear sample.
std::int16_t ulaw_decode(std::uint8_t u);
// And back (the page's encoder, here for tests and symmetry).
std::uint8_t ulaw_encode(std::int16_t pcm);

// The level bytes of consecutive windows of `per_window` µ-law samples each;
// a last partial window is dropped.
std::vector<std::uint8_t> ulaw_window_levels(std::span<const std::uint8_t> ulaw, std::size_t per_window);

}  // namespace tanu::proctor
