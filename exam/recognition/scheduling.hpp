#pragma once
// Dates of the procedure before and around its stages: the notice of date,
// time and place (seed 002 p.6), the start window of a stage, reschedules that
// use no attempt (p.7 sick leave, p.11 technical failure) and the date the
// procedure is completed (p.17, Appendix 2 level 4). W2 and W3 in
// shared/design/procedures.md.
#include <cstdint>
#include <optional>
#include <string_view>

#include "exam/common/calendar.hpp"
#include "exam/common/date.hpp"

namespace tanu::exam {

// p.6 second part: "the period between the day the notice is sent and the day of
// the procedure is at least ten working days". How the centre's lawyer reads it:
//   strict     ten working days lie wholly between the two days (neither counts):
//              the earliest stage day is the 11th working day after the notice;
//   inclusive  the stage may be on the 10th working day after the notice.
// The default is strict: a stage that is lawful under it is lawful under both.
enum class gap_rule { strict, inclusive };
std::string_view to_string(gap_rule r);
std::optional<gap_rule> parse_gap_rule(std::string_view s);

inline constexpr int notice_gap_working_days = 10;  // p.6

// Why a sitting is (re)scheduled: the p.6 gap is waived after p.7 and p.11 ("except
// the cases of p.7 and p.11").
enum class reschedule_reason { none, sick_leave, technical_failure };
std::string_view to_string(reschedule_reason r);
std::optional<reschedule_reason> parse_reschedule_reason(std::string_view s);

// Working days strictly between `a` and `b` (neither counted); 0 when b <= a.
int working_days_strictly_between(const work_calendar& c, const date& a, const date& b);

// The first day a stage may be held after a notice sent on `notice_sent`
// (p.6), or `notice_sent` itself when the gap is waived (p.7, p.11): the
// stage must still be on a working day, so the next one after the notice.
date earliest_stage_day(const work_calendar& c, const date& notice_sent, gap_rule rule, reschedule_reason why);

// Whether a stage on `stage` keeps the p.6 gap after a notice sent on `notice_sent`.
bool stage_day_allowed(const work_calendar& c, const date& notice_sent, const date& stage, gap_rule rule,
                       reschedule_reason why);

// The start window of a stage's slot (W2): `start` is refused before
// slot_start - early_ms (not_yet) and after slot_start + late_ms (missed).
enum class window { not_yet, open, missed };
std::string_view to_string(window w);
window start_window(std::int64_t slot_start_ms, std::int64_t now_ms, std::int64_t early_ms, std::int64_t late_ms);

// p.17, Appendix 2 level 4: the procedure is completed on the day of its last
// stage: the practical stage's day where there is one, else the theory's.
date completion_date(const date& theory_day, const std::optional<date>& practical_day);

// p.7: the sick-leave sheet is shown "afterwards"; the seed gives no term. The
// centre's term: `working_days` (configurable) after the sheet's last day.
date sick_leave_proof_due(const work_calendar& c, const date& sheet_last_day, int working_days);

}  // namespace tanu::exam
