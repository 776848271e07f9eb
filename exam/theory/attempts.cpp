#include "exam/theory/attempts.hpp"

namespace tanu::exam {

const char* to_code(eligibility e) {
    switch (e) {
        case eligibility::ok: return "ok";
        case eligibility::already_passed: return "already_passed";
        case eligibility::no_attempts_left: return "no_attempts_left";
        case eligibility::session_open: return "session_open";
        case eligibility::result_pending: return "result_pending";
    }
    return "ok";
}

bool counts_as_attempt(std::string_view status) {
    return status != "cancelled" && status != "voided" && status != "no_show";
}

eligibility check_new_sitting(const std::vector<prior_sitting>& prior, int attempts) {
    int used = 0;
    for (const auto& s : prior) {
        if (!s.counted) continue;
        ++used;
        if (s.ended && s.passed) return eligibility::already_passed;
    }
    for (const auto& s : prior)
        if (s.counted && s.ended && s.pending) return eligibility::result_pending;
    if (attempts != no_attempt_cap && used >= attempts) return eligibility::no_attempts_left;
    for (const auto& s : prior)
        if (s.counted && !s.ended) return eligibility::session_open;
    return eligibility::ok;
}

int attempts_left(int used, int attempts) {
    if (attempts == no_attempt_cap) return unlimited_attempts;
    return used >= attempts ? 0 : attempts - used;
}

std::string next_step(bool passed, int left, bool has_practical) {
    if (passed) return has_practical ? "practical" : "none";
    return left > 0 || left == unlimited_attempts ? "retake" : "none";
}

next_after_theory next_after(bool theory_passed, int left, bool has_practical, bool decided, bool decided_passed) {
    if (!decided) {
        if (theory_passed && has_practical) return {"practical", false};
        return {"none", true};
    }
    if (decided_passed) return {"none", false};
    return {left > 0 || left == unlimited_attempts ? "retake" : "none", false};
}

}  // namespace tanu::exam
