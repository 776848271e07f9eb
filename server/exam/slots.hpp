#pragma once
// A sitting's stage slots as the API gives and shows them (seed 002 p.6: the
// date, time and place of each stage, or the online link), and the checks a
// timetable must pass before its notice goes: the p.6 gap of ten working days
// (exam/recognition/scheduling.hpp, waived after p.7 and p.11).
#include <optional>
#include <string>

#include "exam/common/calendar.hpp"
#include "exam/recognition/scheduling.hpp"
#include "server/exam/store_schedule.hpp"
#include "server/platform/json_map.hpp"

namespace tanu::server {

// The slots of a new sitting, as asked.
struct timetable {
    slot_row theory;
    std::optional<slot_row> practical;
};

// Reads {"day", "starts", "ends", "place", "link", "commission"} of `stage`
// (unprocessable bad_slot naming the field; place_required when `mode` is
// offline and no place is given; an online slot without a link gets `link`).
slot_row parse_slot(const json& j, const std::string& stage, const std::string& mode, const std::string& link);

// Reads body["theory"] and body["practical"]; nullopt when neither is given.
std::optional<timetable> parse_timetable(const json& body, const std::string& mode, const std::string& link);

// p.6 and the calendar: each day a working day (not_working_day), the
// practical stage where the programme has one (practical_slot_required,
// practical_not_in_programme) and not before the theory
// (practical_before_theory), the first stage on or after
// exam::earliest_stage_day of a notice sent on `notice_day` (gap_too_short,
// the message naming that day). All unprocessable. calendar_missing passes through.
void check_timetable(const exam::work_calendar& cal, const exam::date& notice_day, exam::gap_rule rule,
                     exam::reschedule_reason why, const timetable& t, bool has_practical);

json slot_json(const slot_row& s);

}  // namespace tanu::server
