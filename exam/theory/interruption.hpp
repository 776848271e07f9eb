#pragma once
#include <cstdint>

namespace tanu::exam {

// A lost connection in an online sitting (X6). Seed 002 p.11: the candidate
// keeps a continuous connection, and "when technical failures occur during the
// procedure the centre moves it to another date". So the time a candidate is
// away through no act of his is not taken from him: the server's clock is given
// back on his return, up to `limit_ms` for one break and `budget_ms` in all.
// A break longer than `limit_ms` is no longer a blip on a weak line but a
// failure: the attempt ends (its answers kept and scored) and the commission,
// seeing the server's record, either records the p.11 act (the sitting is
// voided, a new date, no attempt used) or lets the result stand. limit_ms == 0:
// nothing is given back and nothing ends (the clock simply runs).
struct interruption_policy {
    std::int64_t limit_ms = 300'000;
    std::int64_t budget_ms = 900'000;
    bool enabled() const { return limit_ms > 0; }
};

struct interruption_verdict {
    std::int64_t credit_ms = 0;   // added to the deadline on return
    bool failure = false;         // away beyond the limit: the attempt ends (p.11)
};

// `away_ms`: from the last connection's close to now; `credited_ms`: what this
// attempt has been given back already.
interruption_verdict judge_interruption(std::int64_t away_ms, std::int64_t credited_ms, const interruption_policy& p);

// The camera or the microphone lost while the page stays connected (X6; p.11:
// "a working web camera and microphone"): a gap between two frames (or two
// pieces of audio) longer than this is a technical event, the evidence of a
// p.11 act, never a strike. `every_ms`: the interval the page says it sends at
// (0: not said); three of them, and never less than 30 s, so that a weak line
// sending slowly is not a lost camera.
std::int64_t media_gap_limit_ms(int every_ms);

}  // namespace tanu::exam
