#pragma once
#include <cstdint>
#include <vector>

#include "exam/theory/programme.hpp"

namespace tanu::exam {

// Seed 002 p.15: more than pass_percent of all questions admits to the practical
// stage (rule `above`); seed 003 p.9: at least pass_percent (rule `at_least`).
// Exact integer arithmetic: 63/90 is exactly 70 %, failing `above` and passing
// `at_least`.
bool passes(int correct, int total, int pass_percent, pass_rule rule);

struct score {
    int correct = 0;
    int total = 0;
    double percent = 0;  // rounded to one decimal, for display only
    bool passed = false;
};

// One question's outcome: the set chosen (original indices, sorted) equals the
// set of correct options (sorted). An unanswered question is wrong.
bool answer_correct(const std::vector<int>& chosen_original, const std::vector<int>& correct_original);

score make_score(int correct, int total, const theory_spec& theory);

}  // namespace tanu::exam
