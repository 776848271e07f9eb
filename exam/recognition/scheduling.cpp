#include "exam/recognition/scheduling.hpp"

#include <stdexcept>

namespace tanu::exam {

std::string_view to_string(gap_rule r) { return r == gap_rule::strict ? "strict" : "inclusive"; }

std::optional<gap_rule> parse_gap_rule(std::string_view s) {
    if (s == "strict") return gap_rule::strict;
    if (s == "inclusive") return gap_rule::inclusive;
    return std::nullopt;
}

std::string_view to_string(reschedule_reason r) {
    switch (r) {
        case reschedule_reason::none: return "none";
        case reschedule_reason::sick_leave: return "sick_leave";
        case reschedule_reason::technical_failure: return "technical_failure";
    }
    return "none";
}

std::optional<reschedule_reason> parse_reschedule_reason(std::string_view s) {
    for (auto r : {reschedule_reason::none, reschedule_reason::sick_leave, reschedule_reason::technical_failure})
        if (to_string(r) == s) return r;
    return std::nullopt;
}

int working_days_strictly_between(const work_calendar& c, const date& a, const date& b) {
    if (b <= a) return 0;
    // (a, b] less b itself when it is a working day
    return c.working_days_between(a, b) - (c.is_working(b) ? 1 : 0);
}

date earliest_stage_day(const work_calendar& c, const date& notice_sent, gap_rule rule, reschedule_reason why) {
    if (why != reschedule_reason::none) return c.add_working_days(notice_sent, 1);  // p.7, p.11: no gap
    return c.add_working_days(notice_sent, rule == gap_rule::strict ? notice_gap_working_days + 1 : notice_gap_working_days);
}

bool stage_day_allowed(const work_calendar& c, const date& notice_sent, const date& stage, gap_rule rule,
                       reschedule_reason why) {
    if (!c.is_working(stage)) return false;
    return stage >= earliest_stage_day(c, notice_sent, rule, why);
}

std::string_view to_string(window w) {
    switch (w) {
        case window::not_yet: return "not_yet";
        case window::open: return "open";
        case window::missed: return "missed";
    }
    return "open";
}

window start_window(std::int64_t slot_start_ms, std::int64_t now_ms, std::int64_t early_ms, std::int64_t late_ms) {
    if (early_ms < 0 || late_ms < 0) throw std::invalid_argument("start window tolerances must not be negative");
    if (now_ms < slot_start_ms - early_ms) return window::not_yet;
    if (now_ms > slot_start_ms + late_ms) return window::missed;
    return window::open;
}

date completion_date(const date& theory_day, const std::optional<date>& practical_day) {
    return practical_day ? *practical_day : theory_day;
}

date sick_leave_proof_due(const work_calendar& c, const date& sheet_last_day, int working_days) {
    if (working_days < 1) throw std::invalid_argument("the sick-leave proof term is at least one working day");
    return c.add_working_days(sheet_last_day, working_days);
}

}  // namespace tanu::exam
