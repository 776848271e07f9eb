#include "exam/theory/marking.hpp"

#include <map>

#include "exam/theory/paper.hpp"
#include "exam/theory/scoring.hpp"

namespace tanu::exam {

marked_paper mark_paper(const std::vector<marking_item>& items, const std::vector<given_answer>& answers) {
    marked_paper out;
    out.items.resize(items.size());
    for (const auto& a : answers)
        if (a.n >= 1 && static_cast<std::size_t>(a.n) <= items.size())
            out.items[static_cast<std::size_t>(a.n - 1)].chosen = a.choice;
    std::map<std::string, topic_score> by_topic;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const auto& item = items[i];
        auto& m = out.items[i];
        m.answered = !m.chosen.empty();
        m.right = answer_correct(to_original(m.chosen, item.perm), item.correct);
        m.correct_shown = to_shown(item.correct, item.perm);
        const std::string topic = item.topic.empty() ? "general" : item.topic;
        auto& t = by_topic[topic];
        t.topic = topic;
        ++t.total;
        if (m.right) {
            ++t.correct;
            ++out.correct;
        }
    }
    out.total = static_cast<int>(items.size());
    for (auto& [_, t] : by_topic) out.topics.push_back(std::move(t));
    return out;
}

}  // namespace tanu::exam
