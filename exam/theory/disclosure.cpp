#include "exam/disclosure.hpp"

#include <algorithm>
#include <optional>

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
    // The selection and order are p.19's recommendations; only their topics are taken.
    const auto recs = recommendations(topics, pass_percent, programme{}, "", std::nullopt);
    std::vector<topic_score> out;
    for (const auto& r : recs) {
        if (r.kind != "topic") continue;
        auto it = std::find_if(topics.begin(), topics.end(), [&](const topic_score& t) { return t.topic == r.what; });
        if (it != topics.end()) out.push_back(*it);
    }
    return out;
}

}  // namespace tanu::exam
