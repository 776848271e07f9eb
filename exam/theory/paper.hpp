#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "exam/theory/programme.hpp"

namespace tanu::exam {

// One question of the bank as the drawing sees it.
struct bank_entry {
    std::int64_t id = 0;  // storage id of this version of the question
    std::string key;      // the bank's own question id: the same question across versions
    int options = 0;
    std::string topic;  // the question's topic slug (the blueprint's key)
};

// One question of an issued paper: which question, and the order its options
// are shown in. perm[i] is the original index of the option shown at position i.
struct paper_item {
    std::int64_t question = 0;
    std::vector<int> perm;
};

struct bank_too_small : std::runtime_error {
    bank_too_small(std::size_t have, int need)
        : bank_too_small(have, need,
                         "the bank holds " + std::to_string(have) + " questions, the paper needs " + std::to_string(need)) {}
    bank_too_small(std::size_t have, int need, const std::string& message)
        : std::runtime_error(message), have_(have), need_(need) {}
    std::size_t have_;
    int need_;
};

// A topic of the blueprint holds fewer questions than it draws (X17).
struct bank_topic_too_small : bank_too_small {
    bank_topic_too_small(std::string topic, std::size_t have, int need)
        : bank_too_small(have, need, "topic '" + topic + "': the bank holds " + std::to_string(have) +
                                         " questions, the blueprint draws " + std::to_string(need)),
          topic_(std::move(topic)) {}
    std::string topic_;
};

struct topic_shortfall {
    std::string topic;
    int have = 0;
    int need = 0;
};

// The first topic (in slug order) of `blueprint` whose count in `have` (topic ->
// questions in the bank) is short of what it draws; nullopt when every topic
// can be drawn.
std::optional<topic_shortfall> blueprint_shortfall(const std::map<std::string, int>& have,
                                                   const std::map<std::string, int>& blueprint);

// Draws n questions at random, shuffling each question's options. Questions
// whose key is in `seen_before` (earlier papers of the same candidate and
// programme) are taken only when the fresh ones run out, so a retake repeats as
// few questions as the bank allows. Throws bank_too_small when bank.size() < n.
std::vector<paper_item> draw_paper(const std::vector<bank_entry>& bank, const std::set<std::string>& seen_before,
                                   int n, std::mt19937_64& rng);

// X17, seed 003 p.8 (90 questions over three areas): draws blueprint[topic]
// questions of each topic (fresh before seen_before, per topic, as above) and
// shuffles the whole paper, so the topics are mixed. Questions of topics the
// blueprint does not name are not drawn. Throws bank_topic_too_small naming the
// first topic short of questions; bank_too_small for an empty blueprint.
std::vector<paper_item> draw_paper(const std::vector<bank_entry>& bank, const std::set<std::string>& seen_before,
                                   const std::map<std::string, int>& blueprint, std::mt19937_64& rng);

// The programme's paper: by its blueprint when it has one, else
// theory.questions over the whole bank.
std::vector<paper_item> draw_paper(const programme& p, const std::vector<bank_entry>& bank,
                                   const std::set<std::string>& seen_before, std::mt19937_64& rng);

// Maps the indices a candidate chose (positions as shown) back to the original
// option indices, sorted.
std::vector<int> to_original(const std::vector<int>& shown, const std::vector<int>& perm);
std::vector<int> to_shown(const std::vector<int>& original, const std::vector<int>& perm);

// Checks a choice against a question shown with `options` options. Empty when
// acceptable; else the error code (`bad_choice`). An empty choice clears.
std::optional<std::string> validate_choice(const std::vector<int>& shown, int options, bool multi);

}  // namespace tanu::exam
