#pragma once
// Marking an issued paper: each question right or wrong, the totals and the
// tally per topic, computed once for the result, the record and the weak topics.
#include <map>
#include <string>
#include <vector>

namespace tanu::exam {

// One topic of a paper: how many of its questions were answered right.
struct topic_score {
    std::string topic;  // the slug
    int correct = 0;
    int total = 0;
    // Filled from the programme (server/exam/store.cpp's mark_sitting): the
    // titles by language (the programme's, else topic_name's "Тақырып N"), and
    // the topic's number in the programme's order (0 when unknown).
    std::map<std::string, std::string> title;
    int number = 0;
};

// One question of an issued paper as marking sees it.
struct marking_item {
    std::vector<int> correct;  // the question's correct options, original indices (question::correct)
    std::string topic;         // the question's topic; an empty one is tallied as "general"
    std::vector<int> perm;     // perm[i]: the original index of the option shown at i (paper_item::perm)
};

// One saved answer: `n` is the question's 1-based position in the paper,
// `choice` the options chosen, as shown. An empty choice is no answer.
struct given_answer {
    int n = 0;
    std::vector<int> choice;
};

// One question of the paper, marked.
struct marked_item {
    bool answered = false;           // a non-empty choice was saved
    bool right = false;              // answer_correct: the chosen set is the correct set
    std::vector<int> chosen;         // the choice as shown (empty when unanswered)
    std::vector<int> correct_shown;  // the correct options as shown, ascending
};

struct marked_paper {
    std::vector<marked_item> items;   // in paper order: items[n - 1]
    int correct = 0;                  // items answered right
    int total = 0;                    // every question of the paper: an unanswered one counts, as wrong
    std::vector<topic_score> topics;  // one per topic, by topic name
};

// Marks `items` against `answers`. An answer whose n is outside the paper is
// ignored; when n repeats, the last one counts.
marked_paper mark_paper(const std::vector<marking_item>& items, const std::vector<given_answer>& answers);

}  // namespace tanu::exam
