#pragma once
#include <cstdint>
#include <optional>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace tanu::exam {

// One question of the bank as the drawing sees it.
struct bank_entry {
    std::int64_t id = 0;  // storage id of this version of the question
    std::string key;      // the bank's own question id: the same question across versions
    int options = 0;
};

// One question of an issued paper: which question, and the order its options
// are shown in. perm[i] is the original index of the option shown at position i.
struct paper_item {
    std::int64_t question = 0;
    std::vector<int> perm;
};

struct bank_too_small : std::runtime_error {
    bank_too_small(std::size_t have, int need)
        : std::runtime_error("the bank holds " + std::to_string(have) + " questions, the paper needs " +
                             std::to_string(need)),
          have_(have), need_(need) {}
    std::size_t have_;
    int need_;
};

// Draws n questions at random, shuffling each question's options. Questions
// whose key is in `seen_before` (earlier papers of the same candidate and
// programme) are taken only when the fresh ones run out, so a retake repeats as
// few questions as the bank allows. Throws bank_too_small when bank.size() < n.
std::vector<paper_item> draw_paper(const std::vector<bank_entry>& bank, const std::set<std::string>& seen_before,
                                   int n, std::mt19937_64& rng);

// Maps the indices a candidate chose (positions as shown) back to the original
// option indices, sorted.
std::vector<int> to_original(const std::vector<int>& shown, const std::vector<int>& perm);
std::vector<int> to_shown(const std::vector<int>& original, const std::vector<int>& perm);

// Checks a choice against a question shown with `options` options. Empty when
// acceptable; else the error code (`bad_choice`). An empty choice clears.
std::optional<std::string> validate_choice(const std::vector<int>& shown, int options, bool multi);

}  // namespace tanu::exam
