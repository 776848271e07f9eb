#include "server/exam/reschedule.hpp"

#include "exam/common/calendar.hpp"
#include "exam/common/date.hpp"
#include "server/audit/audit.hpp"
#include "server/exam/notices.hpp"
#include "server/exam/store.hpp"
#include "server/outbox/outbox.hpp"
#include "server/people/store.hpp"
#include "server/platform/domain_error.hpp"
#include "server/programmes/store.hpp"

namespace tanu::server {

namespace {

std::string object(std::int64_t sitting) { return "session " + std::to_string(sitting); }

sitting_row must_sitting(db& d, std::int64_t id) {
    auto s = store::find_sitting(d, id);
    if (!s) throw not_found("no such session");
    return *s;
}

exam::date must_day(const std::string& v, const std::string& field) {
    auto d = exam::parse_iso_date(v);
    if (!d) throw domain_error(error_kind::unprocessable, "field_invalid", field + " must be a date YYYY-MM-DD");
    return *d;
}

void check_text(const std::string& v, const std::string& field, std::size_t min, std::size_t max) {
    if (v.size() < min || v.size() > max)
        throw domain_error(error_kind::unprocessable, "field_invalid",
                           field + " must be " + std::to_string(min) + " to " + std::to_string(max) + " bytes");
}

}  // namespace

sitting_row cancel_sitting(db& d, std::int64_t sitting, const std::string& reason, std::int64_t by, std::int64_t now_ms,
                           const centre_config* centre) {
    check_text(reason, "reason", 1, 500);
    auto s = must_sitting(d, sitting);
    if (!store::close_sitting(d, sitting, "cancelled", {"scheduled"}, "cancelled", reason, by, now_ms))
        throw conflict("not_cancellable", "the session is " + s.status + ": only a session not yet started is cancelled");
    audit::record(d, now_ms, by, "session.cancel", object(sitting), reason);
    s = must_sitting(d, sitting);
    if (centre) {
        auto c = store::find_candidate(d, s.candidate);
        auto p = store::find_programme(d, s.programme);
        auto slot = store::slot_of(d, sitting, "theory");
        if (c) {
            auto id = outbox::queue(d, cancelled_notice(s, *c, p ? p->profession : s.programme, reason,
                                                        slot ? slot->day : "", *centre), now_ms);
            store::insert_sitting_notice(d, sitting, "sitting_cancelled", exam::to_iso(exam::kz_local_date(now_ms)), id,
                                         "", now_ms);
        }
    }
    return s;
}

sick_leave_row report_sick_leave(db& d, std::int64_t sitting, const sick_report& in, std::int64_t now_ms) {
    auto s = must_sitting(d, sitting);
    if (in.channel != "page" && in.channel != "phone" && in.channel != "paper")
        throw domain_error(error_kind::unprocessable, "field_invalid", "channel must be page, phone or paper");
    const auto from = must_day(in.period_from, "period_from");
    if (in.period_to && must_day(*in.period_to, "period_to") < from)
        throw domain_error(error_kind::unprocessable, "field_invalid", "period_to must not be before period_from");
    check_text(in.note, "note", 0, 1000);
    // p.7: "before the procedure" (or after a missed start: the sheet shows why)
    if (s.status != "scheduled" && s.status != "no_show")
        throw conflict("not_reschedulable", "the session is " + s.status + ": a sick leave is reported before it starts");
    if (auto open = store::sick_leave_of(d, sitting); open && open->open())
        throw conflict("sick_leave_open", "a sick leave is reported already; upload its sheet");
    sick_leave_row r;
    r.sitting = sitting;
    r.channel = in.channel;
    r.period_from = in.period_from;
    r.period_to = in.period_to;
    r.note = in.note;
    r.reported_ms = now_ms;
    r.reported_by = in.by;
    store::insert_sick_leave(d, r);
    audit::record(d, now_ms, in.by, "session.sick_leave.report", object(sitting),
                  in.channel + ", from " + in.period_from + (in.period_to ? " to " + *in.period_to : std::string()));
    return *store::sick_leave_of(d, sitting);
}

sick_leave_row attach_sick_sheet(db& d, std::int64_t sitting, const sick_sheet& in, std::int64_t now_ms) {
    must_sitting(d, sitting);
    auto open = store::sick_leave_of(d, sitting);
    if (!open || !open->open()) throw conflict("no_open_sick_leave", "no sick leave is reported for this session");
    check_text(in.number, "number", 1, 100);
    check_text(in.issuer, "issuer", 1, 300);
    if (must_day(in.to, "to") < must_day(in.from, "from"))
        throw domain_error(error_kind::unprocessable, "field_invalid", "the sheet's to must not be before its from");
    store::attach_sick_sheet(d, open->id, in.number, in.issuer, in.from, in.to, in.sha256, in.content_type, in.size,
                             now_ms);
    audit::record(d, now_ms, in.by, "session.sick_leave.sheet", object(sitting),
                  "sheet " + in.number + " of " + in.issuer + ", " + in.from + " to " + in.to + ", sha256 " + in.sha256 +
                      ", file " + in.rel);
    return *store::sick_leave_of(d, sitting);
}

sitting_row decide_sick_leave(db& d, std::int64_t sitting, bool accept, const std::string& note, std::int64_t by,
                              std::int64_t now_ms) {
    auto s = must_sitting(d, sitting);
    auto open = store::sick_leave_of(d, sitting);
    if (!open || !open->open()) throw conflict("no_open_sick_leave", "no sick leave awaits a decision for this session");
    check_text(note, "note", accept ? 0 : 1, 1000);
    if (accept && !open->sheet_sha256)
        throw conflict("sheet_missing", "the sick-leave sheet is not uploaded yet (p.7: the sheet proves the incapacity)");
    store::decide_sick_leave(d, open->id, accept, note, by, now_ms);
    if (accept && !store::close_sitting(d, sitting, "voided", {"scheduled", "no_show"}, "sick_leave", note, by, now_ms))
        throw conflict("not_reschedulable", "the session is " + s.status);
    audit::record(d, now_ms, by, accept ? "session.sick_leave.accept" : "session.sick_leave.reject", object(sitting), note);
    return must_sitting(d, sitting);
}

bool technical_failure_kind(const std::string& k) {
    return k == "connection_lost" || k == "camera_lost" || k == "microphone_lost" || k == "server_failure" ||
           k == "platform_outage" || k == "other";
}

technical_act_row record_technical_failure(db& d, const sitting_owners& owners, std::int64_t sitting,
                                           const std::string& kind, const std::string& description,
                                           std::optional<std::int64_t> by, std::int64_t now_ms) {
    if (!technical_failure_kind(kind))
        throw domain_error(error_kind::unprocessable, "field_invalid",
                           "kind must be connection_lost, camera_lost, microphone_lost, server_failure, platform_outage or other");
    check_text(description, "description", 1, 2000);
    auto s = must_sitting(d, sitting);
    if (s.closed()) throw conflict("not_voidable", "the session is " + s.status + " already");
    // once the commission has decided, the remedy is the appeal (p.20-23), not a void
    if (s.ended() && owners.of(d, s).outcome(d, s).decided)
        throw conflict("already_decided", "the procedure has decided this session; an appeal may annul it");
    technical_act_row a;
    a.sitting = sitting;
    a.kind = kind;
    a.description = description;
    a.evidence = audit::technical_event_ids(d, sitting);
    a.recorded_ms = now_ms;
    a.recorded_by = by;
    a.id = store::insert_technical_act(d, a);
    if (!store::close_sitting(d, sitting, "voided", {"scheduled", "in_progress", "finished", "terminated"},
                              "technical_failure", description, by, now_ms))
        throw conflict("not_voidable", "the session changed meanwhile");
    audit::record(d, now_ms, by, "session.technical_failure", object(sitting),
                  "act " + std::to_string(a.id) + " " + kind + ": " + description);
    return a;
}

scheduled_sitting reschedule_sitting(db& d, const sitting_owners& owners, std::int64_t sitting, const timetable& t,
                                     std::int64_t by, std::int64_t now_ms, const schedule_settings& settings) {
    auto s = must_sitting(d, sitting);
    if (!s.closed())
        throw conflict("not_closed", "the session is " + s.status + ": only a cancelled, voided or missed one is rescheduled");
    if (auto next = store::replaced_by(d, sitting))
        throw conflict("already_rescheduled", "the session is rescheduled as session " + std::to_string(*next));
    sitting_request in;
    in.candidate = s.candidate;
    in.programme = s.programme;
    in.lang = s.lang;
    in.mode = s.mode;
    in.by = by;
    in.slots = t;
    in.replaces = sitting;
    const auto why = s.closed_reason.value_or("");
    in.reschedule_reason = why == "sick_leave" || why == "technical_failure" ? why : "none";
    return schedule_sitting(d, owners, in, now_ms, settings);
}

std::vector<std::int64_t> mark_no_shows(db& d, std::int64_t now_ms, std::int64_t late_ms) {
    auto due = store::missed_sittings(d, now_ms - late_ms, 200);
    std::vector<std::int64_t> out;
    for (auto id : due)
        if (store::close_sitting(d, id, "no_show", {"scheduled"}, "missed", "", std::nullopt, now_ms)) {
            audit::record(d, now_ms, std::nullopt, "session.no_show", object(id), "the start window closed unused");
            out.push_back(id);
        }
    return out;
}

}  // namespace tanu::server
