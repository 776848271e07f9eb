#pragma once
// Before the procedure (seed 002 p.8, p.12; W6 in shared/design/procedures.md):
// what the centre shows the candidate and the candidate acknowledges, item by
// item, before the start (the tools and methods of the assessment, the
// complaint and appeal procedures with their deadlines, the items not allowed
// during the stages), and the introductory safety briefing the centre holds
// and records in its paper journal.
#include <array>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "exam/common/date.hpp"
#include "exam/theory/programme.hpp"

namespace tanu::exam {

// p.8 1): methodology; p.8 2): appeal_rules (p.20-23); p.12: prohibited_items.
enum class briefing_item { methodology, appeal_rules, prohibited_items };
inline constexpr std::array<briefing_item, 3> briefing_items{briefing_item::methodology, briefing_item::appeal_rules,
                                                             briefing_item::prohibited_items};
std::string_view to_string(briefing_item i);
std::optional<briefing_item> parse_briefing_item(std::string_view s);

// p.8: the items a candidate must acknowledge before a sitting of `p`, in the
// order shown. A recognition_002 programme: all three (p.8 binds the centre).
// Any other (custom, mse_003): all three when the programme states a
// methodology, else none (the contract before W6: such a sitting starts at once).
std::vector<briefing_item> required_acknowledgements(const programme& p);

// p.12: the first part's items less those the programme allows (second part), in the law's order.
std::vector<std::string> prohibited_for(const programme& p);

// The name of a p.12 item (a code of prohibited_items) in kk, ru or en (other: ru); the code when unknown.
std::string prohibited_item_name(std::string_view code, std::string_view lang);

// The texts the candidate is shown, in `lang` (kk, ru; en for custom programmes).
// methodology: the programme's own text in `lang` (else in kk or ru), or when it
// states none a summary of its theory (questions, minutes, the pass mark) and
// practical stage (the technological card's items).
std::string methodology_text(const programme& p, std::string_view lang);
// p.20-23: the appeal to the centre within 5 working days of receiving the
// results (p.20), registered and sent to the appeal commission (p.21), decided
// within 5 working days of receiving it (p.22), a positive conclusion gives the
// document (p.23); complaints under the Administrative Procedure Code.
std::string appeal_rules_text(std::string_view lang, const std::string& centre_name);
// p.12: the intro and prohibited_for's names, one per line ("— name").
std::string prohibited_text(const programme& p, std::string_view lang);

inline constexpr int appeal_file_working_days = 5;    // p.20
inline constexpr int appeal_decide_working_days = 5;  // p.22

// p.8 last part: the briefing on equipment and safety is held by the centre and
// recorded in its paper journal. It is needed for a stage held in the centre:
// the practical stage always, the theory stage when it is sat offline.
bool briefing_needed(const programme& p, std::string_view stage, std::string_view mode);

// The journal entry staff record on the sitting (what the paper journal says).
struct journal_entry {
    std::string day;         // YYYY-MM-DD, the briefing's date
    std::string instructor;  // who held it
    std::string journal_no;  // the journal's number
    int page = 0;
    int entry = 0;
};
inline constexpr std::size_t max_instructor = 200;  // characters
inline constexpr std::size_t max_journal_no = 50;
inline constexpr int max_journal_page = 10000;
inline constexpr int max_journal_entry = 100000;
// Empty when acceptable; else the first problem in words. The date may not be after `today`.
std::optional<std::string> validate(const journal_entry& e, const date& today);

// Whether the start of a sitting may go ahead: every required item acknowledged
// and, where briefing_needed for its theory stage, the journal entry recorded.
struct start_check {
    std::vector<briefing_item> missing;  // in the order shown
    bool briefing_missing = false;
    bool allowed() const { return missing.empty() && !briefing_missing; }
};
start_check check_start(const programme& p, std::string_view mode, const std::set<briefing_item>& acknowledged,
                        bool journal_recorded);

}  // namespace tanu::exam
