#pragma once
#include <string_view>

#include "exam/theory/programme.hpp"

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

// What a proctoring finding is. Seed 002 p.13: which signal counts as a
// violation (a strike) is the programme's setting (counts_as_strike); the rest
// are suspicious events the commission sees with their evidence. Seed 002
// p.11 / 003 p.9: a technical fault (the camera blocked or dark) is no
// violation of the candidate: never a strike, logged as technical.
enum class finding_kind { strike, suspicious, technical };
finding_kind classify_finding(const programme& p, std::string_view signal);
inline constexpr std::string_view technical_signal = "camera_blocked";

// Seed 002 p.13-14: the second violation ends the procedure; an act the
// commission annuls is no violation, so the termination stands only while at
// least two violation acts stand.
bool termination_stands(int standing_strikes);

}  // namespace tanu::exam
