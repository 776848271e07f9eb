#include "exam/theory/strikes.hpp"

namespace tanu::exam {

strike_decision register_violation(int registered_before, bool attempt_open) {
    if (!attempt_open) return {strike_action::ignore, 0};
    int strike = registered_before + 1;
    return {strike >= 2 ? strike_action::terminate : strike_action::warn, strike >= 2 ? 2 : 1};
}

bool focus_counts(bool programme_says_violation) { return programme_says_violation; }

}  // namespace tanu::exam
