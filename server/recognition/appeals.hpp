#pragma once
// p.20-23: a candidate appeals the commission's results; the appeal
// commission decides; an upheld appeal issues the document (p.23).
#include <cstdint>
#include <optional>
#include <string>

#include "exam/recognition/outcome.hpp"
#include "server/db/sqlite.hpp"
#include "server/accounts/principal.hpp"
#include "server/platform/config.hpp"
#include "server/recognition/store.hpp"

namespace tanu::server::recognition {

struct file_appeal_input {
    std::int64_t sitting = 0;
    std::int64_t user = 0;                 // the candidate's account
    std::optional<std::int64_t> candidate; // the account's candidate
    std::string reason;                    // 1 to max_reason characters
};

// Registers the appeal (p.21) with the appeal commission's members
// (assign_appeal: the appeal commission serving the programme, less the
// sitting's exam commission), due by appeal_decide_by (p.22); audited
// appeal.file; notice appeal_registered. not_found unless the sitting is the
// candidate's; conflicts no_results_yet (no bound protocol), appeal_window_closed
// (p.20), appeal_open (one is being decided), appeal_exists (the decision was
// appealed already: one appeal per decision, W5), no_appeal_commission (X13),
// calendar_missing.
appeal_row file_appeal(db& d, const centre_config& centre, const file_appeal_input& in, std::int64_t now_ms);

struct decide_appeal_input {
    std::int64_t appeal = 0;
    std::int64_t member = 0;  // a member of the appeal commission
    bool upheld = false;
    std::string note;         // at most max_note characters
};

struct decide_appeal_result {
    exam::appeal_status status = exam::appeal_status::registered;  // upheld or rejected
    std::string document;  // upheld: the sitting's valid document (issued now when none); else ''
};

// Decides the appeal; audited appeal.uphold / appeal.reject; notice
// appeal_decided. not_found; forbidden unless it is assigned to the member;
// conflict appeal_decided when decided already.
decide_appeal_result decide_appeal(db& d, const centre_config& centre, const decide_appeal_input& in,
                                   std::int64_t now_ms);

// The appeals' access policy (p.20-22), for the list and for one appeal alike:
// the administrator reads every appeal, an appeal commission member the ones
// assigned to them, a candidate their own.
bool may_read_appeal(const principal& who, const appeal_row& a);
// The appeals `who` may read, the undecided first by their deadline; forbidden
// for anyone whose roles read no appeal.
std::vector<appeal_row> readable_appeals(db& d, const principal& who);

}  // namespace tanu::server::recognition
