#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace tanu::exam {

// What is known of a candidate's earlier sittings of one programme.
struct prior_sitting {
    bool ended = false;   // finished, timed out or terminated
    bool passed = false;   // the whole procedure passed: the protocol's decision or an upheld appeal (p.18, p.23)
    bool pending = false;  // ended, no decision yet (practical stage, protocol to come): X1, p.17, p.19
    bool counted = true;   // counts as an attempt (counts_as_attempt of its status)
};

// Only a sitting that is sat counts as an attempt (W3): one cancelled by the
// centre before its start, voided by a proved sick leave (seed 002 p.7: "moved
// to another date") or by a technical failure (p.11), or missed (its start
// window passed; the seed gives a no-show no consequence) is closed and uses
// none. `status` is the sitting's: scheduled, in_progress, finished,
// terminated count; cancelled, voided, no_show do not.
bool counts_as_attempt(std::string_view status);

enum class eligibility { ok, already_passed, no_attempts_left, session_open, result_pending };
const char* to_code(eligibility e);

// `attempts` 0: no cap on retakes (seed 002 p.19 offers a retake after every
// "not passed" and sets no limit; X3).
inline constexpr int no_attempt_cap = 0;
// What attempts_left says when there is no cap.
inline constexpr int unlimited_attempts = -1;

// May a new sitting be scheduled? `attempts` counts the first sitting (2 = one
// retake: seed 003 p.9 "one retake"); 0 = no cap (seed 002 p.19).
// A pass closes the programme; an unfinished sitting must end first, and an
// ended sitting waits for the commission's decision, whatever its theory score
// (X1: seed 002 p.17 the protocol decides; p.19 offers a retake of both stages
// only by the notice after a "not passed"). Sittings not counted are ignored.
eligibility check_new_sitting(const std::vector<prior_sitting>& prior, int attempts);

// Attempts still open after `used` sittings: 0 when used up, unlimited_attempts
// (-1) when the programme sets no cap.
int attempts_left(int used, int attempts);

// After a theory result: `practical` when passed and the programme has a
// practical stage, `retake` when failed with an attempt left (`left` > 0 or
// unlimited_attempts), else `none`.
std::string next_step(bool passed, int left, bool has_practical);

// What the candidate is told after the theory stage of a procedure whose
// outcome is decided after it (X1; seed 002 p.17: the commission decides by
// protocol; p.19: a retake of both stages is offered by the notice after a
// "not passed"). Before the decision: `practical` when the theory passed and a
// practical stage follows, else `none` with awaiting_decision; after it: a
// retake only when the decision is "not passed" and an attempt is left.
struct next_after_theory {
    std::string next;                // practical, retake or none (the contract's values)
    bool awaiting_decision = false;  // the commission has not decided yet
};
next_after_theory next_after(bool theory_passed, int left, bool has_practical, bool decided, bool decided_passed);

}  // namespace tanu::exam
