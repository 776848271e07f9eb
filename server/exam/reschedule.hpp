#pragma once
// What closes a sitting without its being sat, and its next date (W3): the
// centre cancels one not yet started; a candidate's temporary incapacity
// (seed 002 p.7) is reported, proved by the sick-leave sheet and accepted; a
// technical failure (p.11) is recorded in an act; a missed start window makes
// a no-show. None of these uses an attempt (exam::counts_as_attempt), and a
// voided or cancelled sitting is rescheduled with the notice of its new date.
// Use cases on the writer's connection; each throws domain_error and audits.
#include <cstdint>
#include <optional>
#include <string>

#include "server/db/sqlite.hpp"
#include "server/exam/schedule.hpp"
#include "server/exam/sitting_owner.hpp"
#include "server/exam/store_schedule.hpp"
#include "server/platform/config.hpp"

namespace tanu::server {

// A sitting not yet started is cancelled with its reason (1-500 characters);
// conflict not_cancellable otherwise. The candidate is told when `centre` is given.
sitting_row cancel_sitting(db& d, std::int64_t sitting, const std::string& reason, std::int64_t by, std::int64_t now_ms,
                           const centre_config* centre);

struct sick_report {
    std::string channel = "page";  // page (the candidate), phone, paper (entered by staff)
    std::string period_from;
    std::optional<std::string> period_to;
    std::string note;
    std::int64_t by = 0;
};
// p.7: the report; the sitting must be scheduled or missed (not_reschedulable) and have
// no open report (sick_leave_open). While it is open the sitting cannot start.
sick_leave_row report_sick_leave(db& d, std::int64_t sitting, const sick_report& in, std::int64_t now_ms);

struct sick_sheet {
    std::string number, issuer, from, to;  // the sheet (form of order ҚР ДСМ-198/2020)
    std::string sha256, content_type;
    std::int64_t size = 0;
    std::string rel;  // the kept file, relative to the data directory
    std::int64_t by = 0;
};
// p.7 "afterwards": the sheet of the open report (conflict no_open_sick_leave).
sick_leave_row attach_sick_sheet(db& d, std::int64_t sitting, const sick_sheet& in, std::int64_t now_ms);

// The centre's verification: accepted (needs the sheet: sheet_missing) voids the sitting
// (sick_leave); rejected (a note required) leaves it as it was.
sitting_row decide_sick_leave(db& d, std::int64_t sitting, bool accept, const std::string& note, std::int64_t by,
                              std::int64_t now_ms);

// The act's kinds (p.11 and issue 11: connection lost, camera or microphone lost, the
// server's own failure, the platform's outage).
bool technical_failure_kind(const std::string& kind);

// p.11: the act, then the sitting voided (technical_failure): scheduled, in progress or
// ended with no decision yet (already_decided once the procedure has decided; not_voidable
// when closed). Its answers stay, unscored. The act's evidence is the sitting's technical events.
technical_act_row record_technical_failure(db& d, const sitting_owners& owners, std::int64_t sitting,
                                           const std::string& kind, const std::string& description,
                                           std::optional<std::int64_t> by, std::int64_t now_ms);

// A cancelled, voided or missed sitting gets its replacement (not_closed, already_rescheduled);
// the p.6 gap is waived after p.7 / p.11 (the sitting's closed reason).
scheduled_sitting reschedule_sitting(db& d, const sitting_owners& owners, std::int64_t sitting, const timetable& t,
                                     std::int64_t by, std::int64_t now_ms, const schedule_settings& settings);

// Sittings still scheduled whose start window closed before `now_ms - late_ms` and that
// have no open sick-leave report become no-shows (closed reason missed). Returns their ids.
std::vector<std::int64_t> mark_no_shows(db& d, std::int64_t now_ms, std::int64_t late_ms);

}  // namespace tanu::server
