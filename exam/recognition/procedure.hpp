#pragma once
// After the theory stage: the practical stage against the technological card,
// the commission's decision on the whole procedure, the deadlines of what
// follows in working days, and the recommendations of a refusal.
// Seed 002 p.14-23 (digest: shared/design/rules.md).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "exam/common/calendar.hpp"
#include "exam/common/date.hpp"
#include "exam/theory/marking.hpp"
#include "exam/theory/programme.hpp"

namespace tanu::exam {

// One commission member's mark of one item of the technological card.
struct practical_mark {
    std::int64_t member = 0;
    std::string item;
    bool done = false;
};

enum class item_result { done, not_done, unscored };
const char* to_string(item_result r);

struct practical_outcome {
    bool complete = false;  // every item of the card has at least one mark
    bool passed = false;    // complete, and every mandatory item done (p.17)
    std::map<std::string, item_result> items;       // by item id, in card order through `order`
    std::vector<std::string> order;                 // item ids in card order
    std::vector<std::string> failed_mandatory;      // mandatory items not done (or unscored)
    std::vector<std::string> failed_optional;       // other items not done
};

// Seed 002 p.16-17: the exam commission (not one member) assesses the task
// against the card; "done per the card" is passed. Each member present marks
// each item; an item counts as done when more than half of the members who
// marked it say so. A tie (the seed is silent; W4 recommends it) is decided by
// the chair's own mark when `chair` is given and the chair marked the item,
// else it is not done. Marks of items not on the card are ignored (the card
// may have been revised; the caller refuses unknown items on input).
practical_outcome decide_practical(const std::vector<practical_item>& card, const std::vector<practical_mark>& marks,
                                   std::optional<std::int64_t> chair = std::nullopt);

// What the commission's protocol decides on the whole procedure (p.17-19).
struct procedure_facts {
    bool theory_passed = false;              // the pass rule of the programme (p.15 / seed 003 p.9)
    bool terminated = false;                 // ended by the second proctoring violation (p.13)
    bool has_practical = false;              // the programme has a technological card
    std::optional<practical_outcome> practical;  // when has_practical and marked
};

struct procedure_decision {
    bool passed = false;
    std::vector<std::string> reasons;  // machine words: theory_not_passed, terminated, practical_not_passed
};

// p.15: only a theory stage that ended passed admits to the practical stage; a
// sitting ended by the second violation is not passed (p.13).
bool admitted_to_practical(bool theory_ended, bool theory_passed, bool terminated);

enum class protocol_refusal { none, theory_in_progress, practical_incomplete };

// Whether a protocol can be signed now: the theory stage must have ended, and
// when theory passed and the programme has a practical stage, every card item
// must be marked (a failed theory needs no practical: p.15 admits only a pass).
protocol_refusal can_sign_protocol(bool theory_ended, const procedure_facts& f);
procedure_decision decide_procedure(const procedure_facts& f);

// Deadlines, each the n-th working day after the event's local date (UTC+5).
// Throws calendar_missing when the calendar lacks the year.
date protocol_due(const work_calendar& c, const date& procedure);      // p.17: 2 working days after the procedure
date document_due(const work_calendar& c, const date& protocol);       // p.18: 3 working days after the protocol
date notice_due(const work_calendar& c, const date& protocol);         // p.19: 3 working days after the protocol
date appeal_until(const work_calendar& c, const date& results);        // p.20: 5 working days of receiving the results
date appeal_decide_by(const work_calendar& c, const date& registered); // p.22: 5 working days after registration

// p.20: an appeal filed on `filed` (local date) is in time when filed on or
// before the window's last day (appeal_until, stored with the protocol).
bool appeal_in_time(const date& last_day, const date& filed);

// p.20 "within five working days of the day the candidate received the
// results" (W5): the window counts from the receipt (the first view in the
// cabinet, a paper receipt), not from the protocol; until the candidate has
// received them it is open. An appeal handed in on paper is filed the day the
// centre received it.
bool appeal_window_open(const work_calendar& c, const std::optional<date>& received, const date& filed);

// A document's validity: issued + years (29 February gives 28 February in a
// year without it).
date add_years(const date& d, int years);

// p.19 recommendations: the topics of the paper where the candidate's share of
// correct answers is below the programme's pass percent (weakest first:
// exam::weak_topics), and the card items not done.
struct recommendation {
    std::string kind;   // "topic" or "practical_item"
    std::string what;   // topic name or item id
    std::string text;   // item text in the sitting's language (items); "correct/total" (topics)
};
std::vector<recommendation> recommendations(const std::vector<topic_score>& topics, int pass_percent,
                                            const programme& p, const std::string& lang,
                                            const std::optional<practical_outcome>& practical);

}  // namespace tanu::exam
