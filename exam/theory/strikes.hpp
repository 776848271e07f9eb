#pragma once

namespace tanu::exam {

// Seed 002 p.13: in online mode the first registered violation brings a
// warning; on the second the procedure ends automatically. Seed 003 p.9: a
// negative proctoring conclusion fails the test (the attempt counts).
enum class strike_action { warn, terminate, ignore };

struct strike_decision {
    strike_action action = strike_action::ignore;
    int strike = 0;  // 1 or 2 (the number of this violation)
};

// `registered_before`: violations already registered in this attempt;
// `attempt_open`: the attempt is still in progress.
strike_decision register_violation(int registered_before, bool attempt_open);

// Focus changes (tab switches) are logged always; they count as violations
// only where the programme says so.
bool focus_counts(bool programme_says_violation);

}  // namespace tanu::exam
