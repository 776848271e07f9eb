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
#include "server/exam/store_schedule.hpp"
#include "server/platform/sha256.hpp"
#include "server/recognition/store_commissions.hpp"
#include "server/recognition/store_receipts.hpp"

namespace tanu::server::recognition {

appeal_row file_appeal(db& d, const centre_config& centre, const file_appeal_input& in, std::int64_t now,
                       const std::optional<exam::date>& paper_received) {
    const bool paper = paper_received.has_value();
    checked_text(in.reason, max_reason, "a reason", true);
    auto s = store::find_sitting(d, in.sitting);
    if (!s || (!paper && (!in.candidate || s->candidate != *in.candidate))) throw not_found("no such session");
    auto pr = store::protocol_of(d, in.sitting);
    if (!pr || !pr->bound())  // an unbound protocol gives no results yet (p.17)
        throw domain_error(error_kind::conflict, "no_results_yet", "the commission has not given the results of this session yet");
    // W5: a paper appeal is filed the day the centre received it
    const auto today = paper ? *paper_received : exam::kz_local_date(now);
    if (paper && (*paper_received > exam::kz_local_date(now) || exam::to_iso(*paper_received) < pr->signed_date))
        throw domain_error(error_kind::unprocessable, "field_invalid",
                           "received_date must be a day from the protocol (" + pr->signed_date + ") to today");
    // p.20: five working days from the day the results were received; open until they are
    const auto receipt = store::results_receipt_of(d, in.sitting);
    if (receipt && !exam::appeal_in_time(must_date(pr->appeal_until), today))
        throw domain_error(error_kind::conflict, "appeal_window_closed",
                           "appeals are filed within 5 working days of receiving the results (received " +
                               receipt->received_date + ", until " + pr->appeal_until + ")");
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
    if (paper) store::mark_paper_appeal(d, a.id, a.filed_date, in.user);
    audit::record(d, now, in.user, "appeal.file", "appeal " + std::to_string(a.id),
                  "session " + std::to_string(in.sitting) + (paper ? ", on paper received " + a.filed_date : ""));
    auto cand = store::find_candidate(d, s->candidate);
    outbox::queue(d, appeal_registered_notice(*cand, *s, a.id, a.decide_by, centre.name_in(s->lang)), now);
    return a;
}

appeal_count count_votes(db& d, const appeal_row& a) {
    appeal_count out;
    out.votes = store::appeal_votes_of(d, a.id);
    std::vector<exam::appeal_vote> votes;
    for (const auto& v : out.votes)
        if (auto o = exam::parse_appeal_outcome(v.outcome)) votes.push_back({v.member, *o});
    std::optional<commission_row> c;
    if (a.commission) c = store::find_commission(d, *a.commission);
    if (!c) {
        out.rule = "first_vote";
        out.tally = exam::tally_first_vote(a.members, votes);
        return out;
    }
    // W4: the commission's members who sit on this appeal, with their offices
    std::vector<exam::commission_member> panel;
    for (const auto& m : body_of(*c))
        if (std::find(a.members.begin(), a.members.end(), m.user) != a.members.end()) panel.push_back(m);
    out.rule = c->quorum;
    out.tally = exam::tally_appeal(rule_of(*c), panel, votes);
    return out;
}

namespace {

exam::appeal_outcome chosen_outcome(const decide_appeal_input& in, const sitting_row& s) {
    if (in.outcome) return *in.outcome;
    if (!in.upheld) return exam::appeal_outcome::rejected;
    if (auto o = exam::outcome_of_upheld(s.passed.value_or(false), s.status == "terminated")) return *o;
    throw domain_error(error_kind::unprocessable, "outcome_required",
                       "say what the appeal upholds: outcome recognised (the result is recognised, the document is "
                       "prepared) or annulled (the result is annulled, the candidate sits again without it counting "
                       "as an attempt); or rejected");
}

// The decision's reasons: those of the members who voted it, the chair's
// first, each once (a rejection may have none: the member's note then).
std::string decision_reasons(const appeal_count& c, exam::appeal_outcome decision,
                             const std::optional<std::int64_t>& chair) {
    std::vector<const appeal_vote_row*> by;
    for (const auto& v : c.votes)
        if (v.outcome == exam::to_string(decision)) by.push_back(&v);
    std::stable_sort(by.begin(), by.end(), [&](auto* x, auto* y) { return chair && x->member == *chair && y->member != *chair; });
    std::string out;
    std::vector<std::string> seen;
    for (auto* v : by) {
        const auto& text = v->reasons.empty() ? v->note : v->reasons;
        if (text.empty() || std::find(seen.begin(), seen.end(), text) != seen.end()) continue;
        seen.push_back(text);
        if (!out.empty()) out += "\n";
        out += text;
    }
    return out;
}

}  // namespace

std::string appeal_minutes(const appeal_row& a, const sitting_row& s, const appeal_count& c,
                           exam::appeal_outcome decision, const std::string& reasons, const std::string& date) {
    std::string m = "Minutes of the appeal commission's vote\n";
    m += "appeal: " + std::to_string(a.id) + "\nsession: " + std::to_string(s.id) + "\ncandidate: " +
         std::to_string(a.candidate) + "\nprogramme: " + s.programme + "\nfiled: " + a.filed_date + "\n";
    m += "commission: " + (a.commission ? std::to_string(*a.commission) : std::string("none")) + "\nquorum: " + c.rule +
         " (" + std::to_string(c.tally.quorum.have) + " of " + std::to_string(c.tally.quorum.needed) + " needed)\n";
    m += "votes:\n";
    for (const auto& v : c.votes)
        m += "- " + v.login + " (" + std::to_string(v.member) + "): " + v.outcome +
             (v.reasons.empty() ? std::string() : ": " + v.reasons) + "\n";
    m += "recognised " + std::to_string(c.tally.recognised) + ", annulled " + std::to_string(c.tally.annulled) +
         ", rejected " + std::to_string(c.tally.rejected) + "\n";
    m += "decision: " + std::string(exam::to_string(decision)) + "\nreasons: " + reasons + "\ndate: " + date + "\n";
    return m;
}

decide_appeal_result decide_appeal(db& d, const centre_config& centre, const decide_appeal_input& in,
                                   std::int64_t now) {
    checked_text(in.note, max_note, "a note");
    checked_text(in.reasons, max_reason, "the reasons");
    auto a = store::find_appeal(d, in.appeal);
    if (!a) throw not_found("no such appeal");
    if (std::find(a->members.begin(), a->members.end(), in.member) == a->members.end())
        throw forbidden("this appeal is not assigned to you");
    if (exam::parse_appeal_status(a->status) != exam::appeal_status::registered)
        throw domain_error(error_kind::conflict, "appeal_decided", "the appeal is decided already");
    const auto s = must_sitting(d, a->sitting);
    const auto outcome = chosen_outcome(in, s);
    // the first form's note gives the reasons of an upheld appeal
    const std::string reasons = !in.reasons.empty() || in.outcome ? in.reasons : in.note;
    if (exam::needs_reasons(outcome) && reasons.find_first_not_of(" \t\r\n") == std::string::npos)
        throw domain_error(error_kind::unprocessable, "reasons_required",
                           std::string("the reasons of the appeal commission are required to ") +
                               (outcome == exam::appeal_outcome::recognised ? "recognise the result" : "annul the result"));
    const auto existing = store::document_of_sitting(d, a->sitting);
    const bool document_stands = existing && existing->status != "revoked";
    if (outcome == exam::appeal_outcome::annulled && document_stands)
        throw conflict("document_stands", "the sitting's document " + existing->code +
                                              " stands: it is revoked before its result is annulled");

    store::put_appeal_vote(d, a->id, {in.member, "", exam::to_string(outcome), reasons, in.note, now});
    audit::record(d, now, in.member, "appeal.vote", "appeal " + std::to_string(a->id),
                  std::string(exam::to_string(outcome)) + (reasons.empty() ? "" : ": " + reasons));
    decide_appeal_result out;
    out.count = count_votes(d, *a);
    if (!out.count.tally.decision) return out;  // the quorum has not voted yet

    const auto decision = *out.count.tally.decision;
    const auto effect = exam::effect_of(decision);
    std::optional<std::int64_t> chair;
    if (a->commission)
        if (auto c = store::find_commission(d, *a->commission)) chair = exam::chair_of(body_of(*c));
    appeal_decision dec;
    dec.status = exam::to_string(exam::status_of(decision));
    dec.outcome = exam::to_string(decision);
    dec.reasons = decision_reasons(out.count, decision, chair);
    dec.note = in.note;
    dec.quorum = out.count.rule;
    dec.decided_by = in.member;
    dec.decided_ms = now;
    dec.minutes_date = exam::to_iso(exam::kz_local_date(now));  // the last required vote's day
    if (effect.document) {
        if (document_stands) {
            dec.document = existing->code;
        } else {
            // p.23: the document as p.18 gives it, in the same 3 working days from the decision
            std::string due;
            try {
                due = exam::to_iso(exam::document_due(store::load_calendar(d), exam::kz_local_date(now)));
            } catch (const exam::calendar_missing& e) {
                throw calendar::missing(e);
            }
            dec.document =
                prepare_document(d, s, must_programme(d, s.programme), centre.number, "appeal", due, in.member, now).code;
        }
        store::amend_protocol(d, s.id, a->id);
    }
    if (effect.void_sitting) {
        // no attempt (W3): the centre schedules the new sitting (POST /api/sessions/{id}/reschedule)
        if (!store::close_sitting(d, s.id, "voided", {"finished", "terminated"}, "appeal_annulled", dec.reasons,
                                  in.member, now))
            throw conflict("not_voidable", "the session is " + s.status + ": it cannot be annulled");
        audit::record(d, now, in.member, "session.voided", "session " + std::to_string(s.id),
                      "appeal " + std::to_string(a->id) + " annulled the result");
    }
    dec.minutes = appeal_minutes(*a, s, out.count, decision, dec.reasons, dec.minutes_date);
    dec.minutes_sha256 = sha256_hex(dec.minutes);
    if (!store::decide_appeal(d, a->id, dec))
        throw domain_error(error_kind::conflict, "appeal_decided", "the appeal is decided already");
    audit::record(d, now, in.member, decision == exam::appeal_outcome::rejected ? "appeal.reject" : "appeal.uphold",
                  "appeal " + std::to_string(a->id),
                  dec.outcome + " by " + dec.quorum + ", minutes " + dec.minutes_sha256 + (dec.reasons.empty() ? "" : ": " + dec.reasons));
    auto cand = store::find_candidate(d, a->candidate);
    outbox::queue(d, appeal_decided_notice(*cand, s, decision, dec.reasons, dec.document, centre.name_in(s.lang)), now);
    out.status = exam::status_of(decision);
    out.outcome = decision;
    out.document = dec.document;
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
