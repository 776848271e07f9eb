#include "exam/theory/strikes.hpp"

namespace tanu::exam {

strike_decision register_violation(int registered_before, bool attempt_open) {
    if (!attempt_open) return {strike_action::ignore, 0};
    int strike = registered_before + 1;
    return {strike >= 2 ? strike_action::terminate : strike_action::warn, strike >= 2 ? 2 : 1};
}

bool focus_counts(bool programme_says_violation) { return programme_says_violation; }

finding_kind classify_finding(const programme& p, std::string_view signal) {
    if (signal == technical_signal) return finding_kind::technical;  // p.11: not the candidate's doing
    return counts_as_strike(p, signal) ? finding_kind::strike : finding_kind::suspicious;
}

bool termination_stands(int standing_strikes) { return standing_strikes >= 2; }

}  // namespace tanu::exam
