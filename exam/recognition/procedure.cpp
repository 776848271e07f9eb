#include "exam/recognition/procedure.hpp"

#include <algorithm>

#include "exam/theory/disclosure.hpp"

namespace tanu::exam {

const char* to_string(item_result r) {
    switch (r) {
        case item_result::done: return "done";
        case item_result::not_done: return "not_done";
        case item_result::unscored: return "unscored";
    }
    return "unscored";
}

practical_outcome decide_practical(const std::vector<practical_item>& card, const std::vector<practical_mark>& marks,
                                   std::optional<std::int64_t> chair) {
    practical_outcome out;
    out.complete = true;
    bool all_mandatory = true;
    for (const auto& item : card) {
        int yes = 0, no = 0;
        std::optional<bool> chairs;  // the chair's own mark of the item
        for (const auto& m : marks) {
            if (m.item != item.id) continue;
            (m.done ? yes : no) += 1;
            if (chair && m.member == *chair) chairs = m.done;
        }
        item_result r = item_result::unscored;
        if (yes + no > 0) r = yes > no ? item_result::done : item_result::not_done;
        if (yes > 0 && yes == no) r = chairs.value_or(false) ? item_result::done : item_result::not_done;  // a tie: the chair's vote
        out.order.push_back(item.id);
        out.items[item.id] = r;
        if (r == item_result::unscored) out.complete = false;
        if (r != item_result::done) {
            if (item.mandatory) {
                all_mandatory = false;
                out.failed_mandatory.push_back(item.id);
            } else {
                out.failed_optional.push_back(item.id);
            }
        }
    }
    out.passed = out.complete && all_mandatory;
    return out;
}

bool admitted_to_practical(bool theory_ended, bool theory_passed, bool terminated) {
    return theory_ended && theory_passed && !terminated;
}

protocol_refusal can_sign_protocol(bool theory_ended, const procedure_facts& f) {
    if (!theory_ended) return protocol_refusal::theory_in_progress;
    if (admitted_to_practical(true, f.theory_passed, f.terminated) && f.has_practical &&
        (!f.practical || !f.practical->complete))
        return protocol_refusal::practical_incomplete;
    return protocol_refusal::none;
}

procedure_decision decide_procedure(const procedure_facts& f) {
    procedure_decision d;
    if (f.terminated) d.reasons.push_back("terminated");  // p.13: the second violation ends the procedure
    if (!f.theory_passed) d.reasons.push_back("theory_not_passed");  // p.15
    if (admitted_to_practical(true, f.theory_passed, f.terminated) && f.has_practical &&
        (!f.practical || !f.practical->passed))
        d.reasons.push_back("practical_not_passed");  // p.17
    d.passed = d.reasons.empty();
    return d;
}

date protocol_due(const work_calendar& c, const date& procedure) { return c.add_working_days(procedure, 2); }
date document_due(const work_calendar& c, const date& protocol) { return c.add_working_days(protocol, 3); }
date notice_due(const work_calendar& c, const date& protocol) { return c.add_working_days(protocol, 3); }
date appeal_until(const work_calendar& c, const date& results) { return c.add_working_days(results, 5); }
date appeal_decide_by(const work_calendar& c, const date& registered) { return c.add_working_days(registered, 5); }

bool appeal_in_time(const date& last_day, const date& filed) { return filed <= last_day; }

bool appeal_window_open(const work_calendar& c, const std::optional<date>& received, const date& filed) {
    if (!received) return true;
    return appeal_in_time(appeal_until(c, *received), filed);
}

date add_years(const date& d, int years) {
    date out{d.year + years, d.month, d.day};
    if (!is_valid_date(out.year, out.month, out.day)) out.day = 28;  // 29 February
    return out;
}

std::vector<recommendation> recommendations(const std::vector<topic_score>& topics, int pass_percent,
                                            const programme& p, const std::string& lang,
                                            const std::optional<practical_outcome>& practical) {
    std::vector<recommendation> out;
    for (const auto& t : weak_topics(topics, pass_percent))
        out.push_back({"topic", t.topic, std::to_string(t.correct) + "/" + std::to_string(t.total)});
    if (practical) {
        for (const auto& id : practical->order) {
            if (practical->items.at(id) == item_result::done) continue;
            auto it = std::find_if(p.practical.begin(), p.practical.end(),
                                   [&](const practical_item& i) { return i.id == id; });
            std::string text;
            if (it != p.practical.end()) {
                auto t = it->text.find(lang);
                text = t != it->text.end() ? t->second : (it->text.empty() ? "" : it->text.begin()->second);
            }
            out.push_back({"practical_item", id, text});
        }
    }
    return out;
}

}  // namespace tanu::exam
