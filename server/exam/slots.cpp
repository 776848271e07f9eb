#include "server/exam/slots.hpp"

#include "server/platform/domain_error.hpp"

namespace tanu::server {

namespace {

[[noreturn]] void bad(const std::string& code, const std::string& message) {
    throw domain_error(error_kind::unprocessable, code, message);
}

// "HH:MM", 00:00..23:59 → minutes of the day
std::optional<int> parse_hhmm(const std::string& s) {
    if (s.size() != 5 || s[2] != ':') return std::nullopt;
    for (int i : {0, 1, 3, 4})
        if (s[i] < '0' || s[i] > '9') return std::nullopt;
    int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
    if (h > 23 || m > 59) return std::nullopt;
    return h * 60 + m;
}

std::string text_field(const json& j, const char* key, const std::string& stage, std::size_t max) {
    if (!j.contains(key) || j[key].is_null()) return "";
    if (!j[key].is_string()) bad("bad_slot", stage + "." + key + " must be a string");
    auto v = j[key].get<std::string>();
    if (v.size() > max) bad("bad_slot", stage + "." + key + " is longer than " + std::to_string(max) + " bytes");
    return v;
}

}  // namespace

slot_row parse_slot(const json& j, const std::string& stage, const std::string& mode, const std::string& link) {
    if (!j.is_object()) bad("bad_slot", stage + " must be an object {\"day\", \"starts\", \"ends\", \"place\", \"link\"}");
    slot_row s;
    s.stage = stage;
    s.day = text_field(j, "day", stage, 10);
    auto day = exam::parse_iso_date(s.day);
    if (!day) bad("bad_slot", stage + ".day must be a date YYYY-MM-DD");
    s.starts = text_field(j, "starts", stage, 5);
    s.ends = text_field(j, "ends", stage, 5);
    auto a = parse_hhmm(s.starts), b = parse_hhmm(s.ends);
    if (!a) bad("bad_slot", stage + ".starts must be a time HH:MM");
    if (!b) bad("bad_slot", stage + ".ends must be a time HH:MM");
    if (*b <= *a) bad("bad_slot", stage + ".ends must be after " + stage + ".starts");
    const auto midnight = exam::kz_start_of_day_ms(*day);
    s.starts_ms = midnight + std::int64_t{*a} * 60000;
    s.ends_ms = midnight + std::int64_t{*b} * 60000;
    s.place = text_field(j, "place", stage, 500);
    s.link = text_field(j, "link", stage, 500);
    if (!s.link.empty() && s.link.rfind("https://", 0) != 0 && s.link.rfind("http://", 0) != 0)
        bad("bad_slot", stage + ".link must be an http(s) address");
    // p.6: "the place": an offline stage needs one; an online stage is held on the exam page
    if (mode == "offline" && s.place.empty())
        bad("place_required", stage + ".place is required: the stage is held offline (p.6: the place of the procedure)");
    if (mode != "offline" && s.link.empty()) s.link = link;
    if (j.contains("commission") && !j["commission"].is_null()) {
        if (!j["commission"].is_number_integer()) bad("bad_slot", stage + ".commission must be a commission's id");
        s.commission = j["commission"].get<std::int64_t>();
    }
    return s;
}

std::optional<timetable> parse_timetable(const json& body, const std::string& mode, const std::string& link) {
    const bool has_theory = body.contains("theory") && !body["theory"].is_null();
    const bool has_practical = body.contains("practical") && !body["practical"].is_null();
    if (!has_theory && !has_practical) return std::nullopt;
    if (!has_theory) bad("bad_slot", "theory is required with practical: the theory stage comes first (p.15-16)");
    timetable t;
    t.theory = parse_slot(body["theory"], "theory", mode, link);
    // the practical stage is held in person (p.16: the checklist is marked by the members present)
    if (has_practical) t.practical = parse_slot(body["practical"], "practical", "offline", link);
    return t;
}

void check_timetable(const exam::work_calendar& cal, const exam::date& notice_day, exam::gap_rule rule,
                     exam::reschedule_reason why, const timetable& t, bool has_practical) {
    const auto theory_day = *exam::parse_iso_date(t.theory.day);
    if (!cal.is_working(theory_day)) bad("not_working_day", "the theory stage's day " + t.theory.day + " is not a working day");
    if (has_practical && !t.practical)
        bad("practical_slot_required", "the programme has a practical stage: give its slot (practical)");
    if (!has_practical && t.practical)
        bad("practical_not_in_programme", "the programme has no practical stage");
    if (t.practical) {
        const auto day = *exam::parse_iso_date(t.practical->day);
        if (!cal.is_working(day)) bad("not_working_day", "the practical stage's day " + t.practical->day + " is not a working day");
        if (t.practical->starts_ms < t.theory.ends_ms)
            bad("practical_before_theory", "the practical stage must begin after the theory stage ends");
    }
    // p.6: at least ten working days between the notice and the procedure (waived after p.7, p.11)
    if (!exam::stage_day_allowed(cal, notice_day, theory_day, rule, why)) {
        const auto first = exam::earliest_stage_day(cal, notice_day, rule, why);
        bad("gap_too_short", "a notice sent on " + exam::to_iso(notice_day) + " allows the first stage from " +
                                 exam::to_iso(first) + " (p.6: at least ten working days, counted " +
                                 std::string(exam::to_string(rule)) + ")");
    }
}

json slot_json(const slot_row& s) {
    return {{"day", s.day},     {"starts", s.starts},       {"ends", s.ends},
            {"place", s.place}, {"link", s.link},           {"starts_ms", s.starts_ms},
            {"ends_ms", s.ends_ms}, {"commission", s.commission ? json(*s.commission) : json(nullptr)}};
}

}  // namespace tanu::server
