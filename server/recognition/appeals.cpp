#include "server/recognition/appeals.hpp"

#include <algorithm>

#include "exam/recognition/procedure.hpp"
#include "server/audit/audit.hpp"
#include "server/calendar/calendar.hpp"
#include "server/calendar/store.hpp"
#include "server/outbox/outbox.hpp"
#include "server/people/store.hpp"
#include "server/platform/domain_error.hpp"
#include "server/recognition/checks.hpp"
#include "server/recognition/commissions.hpp"
#include "server/recognition/documents.hpp"
#include "server/recognition/notices.hpp"

namespace tanu::server::recognition {

appeal_row file_appeal(db& d, const centre_config& centre, const file_appeal_input& in, std::int64_t now) {
    checked_text(in.reason, max_reason, "a reason", true);
    auto s = store::find_sitting(d, in.sitting);
    if (!s || !in.candidate || s->candidate != *in.candidate) throw not_found("no such session");
    auto pr = store::protocol_of(d, in.sitting);
    if (!pr || !pr->bound())  // an unbound protocol gives no results yet (p.17)
        throw domain_error(error_kind::conflict, "no_results_yet", "the commission has not given the results of this session yet");
    const auto today = exam::kz_local_date(now);
    if (!exam::appeal_in_time(must_date(pr->appeal_until), today))
        throw domain_error(error_kind::conflict, "appeal_window_closed",
                           "appeals are filed within 5 working days of the results (until " + pr->appeal_until + ")");
    for (const auto& a : store::appeals_of_sitting(d, in.sitting)) {
        if (a.status == exam::to_string(exam::appeal_status::registered))
            throw domain_error(error_kind::conflict, "appeal_open", "an appeal of this session is being decided");
        // W5: one appeal per decision; a repeat is a complaint outside this procedure
        throw domain_error(error_kind::conflict, "appeal_exists",
                           "this decision was appealed already (appeal " + std::to_string(a.id) + ", " + a.status + ")");
    }
    const auto panel = assign_appeal(d, *s, *pr, today);  // p.21, X13, W4: 409 no_appeal_commission
    appeal_row a;
    a.sitting = in.sitting;
    a.candidate = s->candidate;
    a.reason = in.reason;
    a.filed_ms = now;
    a.filed_date = exam::to_iso(today);
    a.status = exam::to_string(exam::appeal_status::registered);
    try {
        a.decide_by = exam::to_iso(exam::appeal_decide_by(store::load_calendar(d), today));
    } catch (const exam::calendar_missing& e) {
        throw calendar::missing(e);
    }
    a.members = panel.members;
    a.commission = panel.commission;
    a.id = store::insert_appeal(d, a);
    audit::record(d, now, in.user, "appeal.file", "appeal " + std::to_string(a.id), "session " + std::to_string(in.sitting));
    auto cand = store::find_candidate(d, s->candidate);
    outbox::queue(d, appeal_registered_notice(*cand, *s, a.id, a.decide_by, centre.name_in(s->lang)), now);
    return a;
}

decide_appeal_result decide_appeal(db& d, const centre_config& centre, const decide_appeal_input& in,
                                   std::int64_t now) {
    checked_text(in.note, max_note, "a note");
    auto a = store::find_appeal(d, in.appeal);
    if (!a) throw not_found("no such appeal");
    if (std::find(a->members.begin(), a->members.end(), in.member) == a->members.end())
        throw forbidden("this appeal is not assigned to you");
    if (exam::parse_appeal_status(a->status) != exam::appeal_status::registered)
        throw domain_error(error_kind::conflict, "appeal_decided", "the appeal is decided already");
    const auto s = must_sitting(d, a->sitting);
    decide_appeal_result out;
    out.status = in.upheld ? exam::appeal_status::upheld : exam::appeal_status::rejected;
    if (in.upheld) {
        auto existing = store::document_of_sitting(d, a->sitting);
        if (existing && existing->status != "revoked") {
            out.document = existing->code;
        } else {
            // p.23: the document as p.18 gives it, in the same 3 working days from the decision
            std::string due;
            try {
                due = exam::to_iso(exam::document_due(store::load_calendar(d), exam::kz_local_date(now)));
            } catch (const exam::calendar_missing& e) {
                throw calendar::missing(e);
            }
            out.document = prepare_document(d, s, must_programme(d, s.programme), centre.number, "appeal", due, in.member, now).code;
        }
    }
    store::decide_appeal(d, in.appeal, in.upheld, in.note, in.member, now, out.document);
    audit::record(d, now, in.member, in.upheld ? "appeal.uphold" : "appeal.reject", "appeal " + std::to_string(in.appeal),
                  in.note);
    auto cand = store::find_candidate(d, a->candidate);
    outbox::queue(d, appeal_decided_notice(*cand, s, in.upheld, in.note, out.document, centre.name_in(s.lang)), now);
    return out;
}

bool may_read_appeal(const principal& who, const appeal_row& a) {
    if (who.is(role::admin)) return true;
    if (who.is(role::appeal) && std::find(a.members.begin(), a.members.end(), who.user) != a.members.end()) return true;
    return who.is(role::candidate) && who.candidate && *who.candidate == a.candidate;
}

std::vector<appeal_row> readable_appeals(db& d, const principal& who) {
    if (!who.roles().intersects({role::admin, role::appeal, role::candidate})) throw forbidden();
    if (who.is(role::admin)) return store::appeals_for(d, std::nullopt);
    if (who.roles() == role_set{role::appeal}) return store::appeals_for(d, who.user);
    std::vector<appeal_row> out;
    for (auto& a : store::appeals_for(d, std::nullopt))
        if (may_read_appeal(who, a)) out.push_back(std::move(a));
    return out;
}

}  // namespace tanu::server::recognition
