#pragma once
// p.16-17: the exam commission's members mark the items of the technological card.
#include <cstdint>
#include <string>
#include <vector>

#include "exam/recognition/procedure.hpp"
#include "server/db/sqlite.hpp"

namespace tanu::server::recognition {

struct item_mark {
    std::string item;  // the card item's id
    bool done = false;
    std::string note;  // at most max_note characters
};

struct record_practical_input {
    std::int64_t sitting = 0;
    std::int64_t member = 0;
    std::vector<item_mark> marks;  // at least one
};

// Records the member's marks (a later mark of the same item replaces the
// member's earlier one), audited practical.mark, and returns the stage's
// outcome as the sitting's commission decides it (its members' marks, the
// chair's casting vote: practical_by_commission). Conflicts:
// no_practical_stage, theory_in_progress, not_admitted (p.15),
// protocol_signed; forbidden not_a_member (not on the sitting's exam
// commission; none: any commission account marks); unprocessable unknown_item.
exam::practical_outcome record_practical(db& d, const record_practical_input& in, std::int64_t now_ms);

}  // namespace tanu::server::recognition
