#include "server/exam/schedule_view.hpp"

#include "exam/recognition/scheduling.hpp"
#include "exam/theory/attempts.hpp"
#include "server/calendar/store.hpp"
#include "server/exam/slots.hpp"
#include "server/exam/store_schedule.hpp"

namespace tanu::server {

namespace {

json opt(const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); }
json opt(const std::optional<std::int64_t>& v) { return v ? json(*v) : json(nullptr); }

json sick_json(db& d, const sick_leave_row& k, const scheduling_config& cfg) {
    json out = {{"id", k.id},
                {"status", k.status},
                {"channel", k.channel},
                {"period_from", k.period_from},
                {"period_to", opt(k.period_to)},
                {"note", k.note},
                {"reported_ms", k.reported_ms},
                {"proof_due", nullptr},
                {"sheet", nullptr},
                {"decided_ms", opt(k.decided_ms)},
                {"decision_note", k.decision_note}};
    // p.7 sets no term for the sheet; the centre's: sick_leave_proof_days after its last day
    const auto last = k.sheet_to ? k.sheet_to : k.period_to;
    if (last)
        if (auto day = exam::parse_iso_date(*last)) try {
                out["proof_due"] = exam::to_iso(exam::sick_leave_proof_due(store::load_calendar(d), *day,
                                                                           cfg.sick_leave_proof_days));
            } catch (const exam::calendar_missing&) {
            }
    if (k.sheet_sha256)
        out["sheet"] = {{"number", opt(k.sheet_number)}, {"issuer", opt(k.sheet_issuer)}, {"from", opt(k.sheet_from)},
                        {"to", opt(k.sheet_to)},         {"sha256", *k.sheet_sha256},    {"size", opt(k.sheet_size)},
                        {"content_type", opt(k.sheet_type)}, {"uploaded_ms", opt(k.sheet_ms)}};
    return out;
}

}  // namespace

void add_schedule_json(db& d, const sitting_row& s, const scheduling_config& cfg, json& out) {
    json slots = json::object();
    std::optional<std::int64_t> theory_start;
    for (const auto& sl : store::slots_of(d, s.id)) {
        slots[sl.stage] = slot_json(sl);
        if (sl.stage == "theory") theory_start = sl.starts_ms;
    }
    out["slots"] = slots;
    out["window"] = theory_start ? json{{"opens_ms", *theory_start - std::int64_t{cfg.early_minutes} * 60000},
                                        {"closes_ms", *theory_start + std::int64_t{cfg.late_minutes} * 60000}}
                                 : json(nullptr);
    out["reschedule_reason"] = s.reschedule_reason;
    out["replaces"] = opt(s.replaces);
    out["replaced_by"] = opt(store::replaced_by(d, s.id));
    out["counts_as_attempt"] = exam::counts_as_attempt(s.status);
    out["closed"] = s.closed() ? json{{"status", s.status},
                                      {"reason", opt(s.closed_reason)},
                                      {"note", opt(s.closed_note)},
                                      {"ms", opt(s.closed_ms)},
                                      {"by", opt(s.closed_by)}}
                               : json(nullptr);
    auto k = store::sick_leave_of(d, s.id);
    out["sick_leave"] = k ? sick_json(d, *k, cfg) : json(nullptr);
    json acts = json::array();
    for (const auto& a : store::technical_acts_of(d, s.id))
        acts.push_back({{"id", a.id},
                        {"kind", a.kind},
                        {"description", a.description},
                        {"recorded_ms", a.recorded_ms},
                        {"recorded_by", opt(a.recorded_by)},
                        {"evidence", a.evidence}});
    out["technical_acts"] = acts;
    if (out.contains("programme_info") && out["programme_info"].is_object())
        out["programme_info"]["scheduled_ms"] = opt(theory_start);
}

std::optional<start_refusal> refuse_start(db& d, const sitting_row& s, const scheduling_config& cfg, std::int64_t now_ms) {
    if (s.status == "cancelled") return start_refusal{"cancelled", "the session is cancelled; a new date follows by notice", {}};
    if (s.status == "voided") return start_refusal{"voided", "the session is voided; a new date follows by notice", {}};
    if (s.status == "no_show") return start_refusal{"missed", "the start window of this session has closed", {}, false};
    if (s.status != "scheduled") return std::nullopt;  // in progress: a resume; ended: the result again
    if (auto k = store::sick_leave_of(d, s.id); k && k->open())
        return start_refusal{"sick_reported", "a sick leave is reported for this session (p.7): it will be moved", {}};
    auto slot = store::slot_of(d, s.id, "theory");
    if (!slot) return std::nullopt;
    const auto w = exam::start_window(slot->starts_ms, now_ms, std::int64_t{cfg.early_minutes} * 60000,
                                      std::int64_t{cfg.late_minutes} * 60000);
    const auto opens = slot->starts_ms - std::int64_t{cfg.early_minutes} * 60000;
    if (w == exam::window::not_yet)
        return start_refusal{"not_yet", "the session opens at " + slot->day + " " + slot->starts + " less " +
                                            std::to_string(cfg.early_minutes) + " minutes", opens};
    if (w == exam::window::missed)
        return start_refusal{"missed", "the start window of this session (" + slot->day + " " + slot->starts + ") has closed",
                             {}, true};
    return std::nullopt;
}

}  // namespace tanu::server
