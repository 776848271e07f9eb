#pragma once
// The offline procedure (seed 002 p.10, p.13 offline, p.14; W7 in
// shared/design/procedures.md): what the exam commission present records in
// the centre, and what its oral warnings lead to.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "exam/recognition/commission.hpp"
#include "exam/theory/programme.hpp"

namespace tanu::exam {

// Seed 002 p.13: "офлайн режимде емтихан комиссиясы кандидатты ауызша
// ескертеді, қайта бұзылған жағдайда – емтиханнан шеттетеді" (offline, the
// exam commission warns the candidate orally; on a repeated violation it
// removes him from the exam). The first violation that stands is an oral
// warning (strike 1); the second is the removal (strike 2), which ends the
// attempt as terminated, as the second online strike does. An act the
// commission annuls is no violation (p.14): the count is of the acts that stand.
enum class offline_step { oral_warning, removal };
const char* to_string(offline_step s);  // "oral_warning", "offline_removal" (the event kinds)

// Why a warning cannot be recorded. Codes: not_offline (an online sitting:
// proctoring warns, p.13 first part), not_in_progress, removed (the candidate
// was removed: nothing follows a removal), item_allowed (p.12 second part:
// the programme allows it), unknown_item, attendance_required, no_witness,
// witness_not_present.
struct offline_refusal {
    std::string code;
    std::string message;
};

struct oral_warning_facts {
    std::string mode;    // the sitting's mode: online, offline
    std::string status;  // the sitting's status
    int standing = 0;    // violations that stand (acts not annulled)
    bool attendance = false;                 // the attendance of the sitting is recorded
    std::vector<std::int64_t> present;       // the commission members present
    std::vector<std::int64_t> witnesses;     // the members who witnessed it
    std::string item;                        // a p.12 code, or "other" (a behaviour, described)
    std::string description;                 // required for "other"
};

struct oral_warning_verdict {
    std::optional<offline_refusal> refusal;
    offline_step step = offline_step::oral_warning;
    int strike = 0;  // 1 (warning) or 2 (removal)
};

// The item "other": a behaviour the p.12 list does not name (help from
// another person, talking), described in words.
inline constexpr std::string_view other_item = "other";

oral_warning_verdict judge_oral_warning(const programme& p, const oral_warning_facts& f);

// p.10 (the centre ensures, offline): 1) access for candidates, persons with
// disabilities among them, under the workplace standard (order No. 179 of
// 26 May 2023); 2) the equipment and (or) information object the programme
// requires. The seed gives no list of measures: free text, each at most
// max_attendance_text characters. The commission conducts (p.9): at least one
// member present, every one a member of the sitting's commission.
inline constexpr std::size_t max_attendance_text = 2000;
struct attendance_facts {
    std::vector<commission_member> commission;  // the sitting's exam commission
    std::vector<std::int64_t> present;          // members present
};
// Codes: no_member_present, not_a_member (the user in `user`), member_twice.
struct attendance_refusal {
    std::string code;
    std::string message;
    std::int64_t user = 0;
};
std::optional<attendance_refusal> check_attendance(const attendance_facts& f);

// p.14: "емтихан комиссиясы бұзушылық туралы акт жасайды" (the exam commission
// draws up an act of the violation). Who signs the seed does not say; our rule
// (the chair's reading, said in the notes): every member present at the
// sitting signs, each his own signature; the act stands signed when all of
// them have (exam::quorum, quorum_rule::all, over the members present).
// Signatures of others do not count.
quorum_state act_signatures(const std::vector<std::int64_t>& present, const std::vector<std::int64_t>& signers);

}  // namespace tanu::exam
