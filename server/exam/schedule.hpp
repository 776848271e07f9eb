#pragma once
// Scheduling a sitting: the use case behind POST /api/sessions, run inside the
// writer's transaction. The attempt rule is exam::check_new_sitting's (seed 002
// p.19: one retake after "not passed"; a theory pass waits for the decision of
// the procedure that owns the sitting).
#include <cstdint>
#include <optional>
#include <string>

#include "server/db/sqlite.hpp"
#include "server/exam/sitting_owner.hpp"
#include "server/exam/slots.hpp"
#include "server/platform/config.hpp"

namespace tanu::server {

struct sitting_request {
    std::int64_t candidate = 0;
    std::string programme;
    std::string lang;            // kk or ru, one the programme offers
    std::string mode = "online"; // online or offline (checked by the caller's parser)
    std::int64_t by = 0;         // the staff account scheduling it (audit)
    std::optional<timetable> slots;  // p.6: each stage's date, time and place; required by a legal regime
    std::string reschedule_reason = "none";  // after a p.7 / p.11 void: the p.6 gap is waived
    std::optional<std::int64_t> replaces;    // the closed sitting this one takes the place of
};

// What the scheduling reads of the configuration: the p.6 gap's reading and
// the centre (the notice's words and link).
struct schedule_settings {
    exam::gap_rule gap = exam::gap_rule::strict;
    const centre_config* centre = nullptr;  // nullptr: no notice is queued (in-process tests)
};

// The settings as the configuration gives them (scheduling.gap_rule, validated at start; the centre).
schedule_settings schedule_settings_of(const server_config& cfg);

struct scheduled_sitting {
    std::int64_t id = 0;
    int attempt = 0;  // 1 for the first sitting of the programme; sittings closed unsat are not counted
    std::optional<std::int64_t> notice;  // the notice of date, time and place, when slots were given
};

// Throws domain_error: not_found (candidate, programme), unprocessable
// language_not_offered, mode_not_offered, slot_required and the timetable's
// (check_timetable), conflict already_passed, result_pending,
// no_attempts_left, session_open, bank_too_small, calendar_missing. `owners`
// decide what the earlier sittings' outcomes are and whether a slot's
// commission may conduct it. With slots, the notice (kind schedule, or
// new_date for a replacement) is queued and recorded as sent today: the p.6
// gap counts from it.
scheduled_sitting schedule_sitting(db& d, const sitting_owners& owners, const sitting_request& in, std::int64_t now_ms,
                                   const schedule_settings& settings = {});

}  // namespace tanu::server
