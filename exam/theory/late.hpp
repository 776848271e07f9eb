#pragma once
// Answers that reach the server after the time is over.
//
// The paper's time is the programme's and the server's clock is the one that
// counts (seed 003 p.8: "90 questions, 90 minutes"; the deadline is fixed when
// the paper is issued, exam/common/clock.hpp): an answer counts only when it is
// saved before the deadline (exam::time_over). One that arrives later is not
// counted, but it is not dropped without a trace either: online proctoring
// logs what happened during the sitting (seed 002 p.2 item 8) and an appeal
// reviews the result (p.20-22), so the commission and the appeal commission
// can see what the candidate sent and when it arrived.
#include <cstdint>

#include "exam/common/clock.hpp"

namespace tanu::exam {

// How long after the deadline late answers are still recorded: the evidence of
// a weak link at the end of the paper, not a channel open for ever.
inline constexpr std::int64_t late_answer_window_ms = 24LL * 3600 * 1000;

// Is an answer the server refused at `arrived_ms` a late answer, to be kept
// (not counted) in the sitting's event log?
// - it arrived at or after the deadline (time_over: the same rule that refuses it);
// - the attempt was still open at the deadline (in progress, or ended by the
//   deadline or after it): an answer after the candidate handed the paper in,
//   or after a termination, is not late, it is after the end;
// - and within late_answer_window_ms of the deadline.
// At most one per question is kept (the first that arrives: the event log is
// append-only, and the first is the one nearest the deadline); the caller checks.
inline bool is_late_answer(std::int64_t arrived_ms, std::int64_t deadline_ms, bool open_at_deadline) {
    return open_at_deadline && time_over(arrived_ms, deadline_ms) && arrived_ms - deadline_ms < late_answer_window_ms;
}

// Was an attempt open at its deadline? `ended_ms` is when it ended (none while
// in progress); a terminated attempt ended for another reason.
inline bool open_at_deadline(bool terminated, bool ended, std::int64_t ended_ms, std::int64_t deadline_ms) {
    if (terminated) return false;
    return !ended || ended_ms >= deadline_ms;
}

}  // namespace tanu::exam
