#include "exam/theory/interruption.hpp"

#include <algorithm>

namespace tanu::exam {

interruption_verdict judge_interruption(std::int64_t away_ms, std::int64_t credited_ms, const interruption_policy& p) {
    interruption_verdict v;
    if (!p.enabled() || away_ms <= 0) return v;
    if (away_ms > p.limit_ms) {  // p.11: a technical failure, no longer a pause
        v.failure = true;
        return v;
    }
    v.credit_ms = std::clamp<std::int64_t>(p.budget_ms - std::max<std::int64_t>(credited_ms, 0), 0, away_ms);
    return v;
}

std::int64_t media_gap_limit_ms(int every_ms) {
    return std::max<std::int64_t>(30'000, 3 * std::int64_t{std::max(every_ms, 0)});
}

}  // namespace tanu::exam
