#pragma once
// The offline procedure's use cases (W7; seed 002 p.9, p.10, p.13 offline,
// p.14; the rule: exam/recognition/offline.hpp). The commission present
// records the attendance, an oral warning, and on the second the removal;
// each warning is a p.14 act (an event of the sitting's chain and its act, as
// the proctoring's are, so the count, the termination and the protocol follow
// one path: acts.cpp) that every member present signs. The removal's end of the
// attempt (exam_service::finish "terminated") is the caller's, after the commit.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "exam/recognition/offline.hpp"
#include "server/db/sqlite.hpp"
#include "server/recognition/store.hpp"
#include "server/recognition/store_commissions.hpp"
#include "server/recognition/store_offline.hpp"

namespace tanu::server::recognition {

struct attendance_input {
    std::int64_t sitting = 0;
    std::int64_t member = 0;  // who records it: a member of the sitting's commission
    bool candidate_present = false;
    std::vector<std::int64_t> members;  // present
    std::string workstation, accessibility, note;  // p.10.2, p.10.1, free text; each at most exam::max_attendance_text
};

// Records (or corrects) the attendance; audited offline.attendance.
// not_found; conflict not_offline, no_commission, sitting_closed (cancelled,
// voided, no-show), protocol_signed; forbidden not_a_member (the recorder);
// unprocessable no_member_present, not_a_member, member_twice, or a text too long.
attendance_row record_attendance(db& d, const attendance_input& in, std::int64_t now_ms);

struct oral_warning_input {
    std::int64_t sitting = 0;
    std::int64_t member = 0;  // who records it
    std::string item;         // a p.12 code, or "other"
    std::string description;  // required for "other"; at most max_note characters
    std::vector<std::int64_t> witnesses;
};

struct oral_warning_result {
    exam::offline_step step = exam::offline_step::oral_warning;
    std::int64_t act = 0;
};

// Records the warning or (the second standing) the removal at now_ms, as the
// event oral_warning / offline_removal (violation, strike 1 / 2) and its act,
// signed at once by the member who records it. Audited offline.oral_warning /
// offline.removal. not_found; conflict not_offline, no_commission, removed,
// not_in_progress, attendance_required; forbidden not_a_member; unprocessable
// unknown_item, item_allowed, no_witness, witness_not_present.
oral_warning_result record_oral_warning(db& d, const oral_warning_input& in, std::int64_t now_ms);

// The member present signs the offline act; once every member present has, it
// stands (status confirmed). Audited offline.act_sign (and offline.act_signed).
// not_found; conflict not_offline (an online act: review it), act_annulled,
// protocol_signed; forbidden not_present (not a member present at the sitting).
void sign_offline_act(db& d, std::int64_t act, std::int64_t member, std::int64_t now_ms);

// An offline act's own part: witnesses, signatures, what is missing.
struct offline_act_view {
    act_row act;
    std::vector<std::int64_t> witnesses;
    std::vector<act_signature_row> signatures;
    exam::quorum_state quorum;  // over the members present (exam::act_signatures)
};
std::vector<offline_act_view> offline_acts_of(db& d, std::int64_t sitting);

}  // namespace tanu::server::recognition
