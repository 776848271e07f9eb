#include "exam/theory/scoring.hpp"

#include <algorithm>
#include <cmath>

namespace tanu::exam {

bool passes(int correct, int total, int pass_percent, pass_rule rule) {
    if (total <= 0) return false;
    long long lhs = static_cast<long long>(correct) * 100;
    long long rhs = static_cast<long long>(pass_percent) * total;
    return rule == pass_rule::above ? lhs > rhs : lhs >= rhs;
}

bool answer_correct(const std::vector<int>& chosen, const std::vector<int>& correct) {
    if (chosen.empty()) return false;
    std::vector<int> a = chosen, b = correct;
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    return a == b;
}

score make_score(int correct, int total, const theory_spec& theory) {
    score s;
    s.correct = correct;
    s.total = total;
    s.percent = total > 0 ? std::round(correct * 1000.0 / total) / 10.0 : 0.0;
    s.passed = passes(correct, total, theory.pass_percent, theory.rule);
    return s;
}

}  // namespace tanu::exam
