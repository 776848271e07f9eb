#include "exam/theory/disclosure.hpp"

#include <algorithm>

namespace tanu::exam {

disclosure may_see(reader who, bool sitting_ended) {
    disclosure d;
    switch (who) {
        case reader::staff:
        case reader::appeal_member:
            // p.14-17 (the exam commission decides on the record), p.20-22 (the
            // appeal commission reviews the results): the whole record.
            d = {true, true, true, true, true, true};
            break;
        case reader::candidate:
            if (sitting_ended) {
                d.score = true;
                d.weak_topics = true;  // p.19: recommendations to improve
                d.proceedings = true;  // acts (p.14), decision (p.17), document (p.18), appeals (p.20)
                d.record = true;
            }
            // answers and key stay closed: a retake draws from the same bank
            break;
    }
    return d;
}

std::vector<topic_score> weak_topics(const std::vector<topic_score>& topics, int pass_percent) {
    std::vector<topic_score> weak;
    for (const auto& t : topics) {
        // below the pass percent: correct/total < pass/100, in integers
        if (t.total > 0 && static_cast<long long>(t.correct) * 100 < static_cast<long long>(pass_percent) * t.total)
            weak.push_back(t);
    }
    std::stable_sort(weak.begin(), weak.end(), [](const topic_score& a, const topic_score& b) {
        return static_cast<long long>(a.correct) * b.total < static_cast<long long>(b.correct) * a.total;
    });
    return weak;
}

}  // namespace tanu::exam
