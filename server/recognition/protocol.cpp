#include "server/recognition/protocol.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "exam/theory/attempts.hpp"
#include "server/audit/audit.hpp"
#include "server/calendar/calendar.hpp"
#include "server/calendar/store.hpp"
#include "server/exam/store.hpp"
#include "server/outbox/outbox.hpp"
#include "server/people/store.hpp"
#include "server/platform/domain_error.hpp"
#include "server/recognition/checks.hpp"
#include "server/recognition/commissions.hpp"
#include "server/recognition/documents.hpp"
#include "server/recognition/json.hpp"
#include "server/recognition/notices.hpp"

namespace tanu::server::recognition {

namespace {

// The rule's refusal as the API names it.
void refuse(exam::protocol_refusal r) {
    switch (r) {
        case exam::protocol_refusal::theory_in_progress:
            throw domain_error(error_kind::conflict, "theory_in_progress", "the theory stage has not ended");
        case exam::protocol_refusal::practical_incomplete:
            throw domain_error(error_kind::conflict, "practical_incomplete",
                               "every item of the technological card must be marked first");
        case exam::protocol_refusal::none: break;
    }
}

// The terms of a protocol bound at `now` (p.18, p.19, p.20); calendar_missing.
protocol_binding binding_at(db& d, bool passed, std::int64_t now) {
    const auto today = exam::kz_local_date(now);
    protocol_binding b;
    b.bound_ms = now;
    b.signed_date = b.results_date = exam::to_iso(today);
    try {
        const auto cal = store::load_calendar(d);
        b.appeal_until = exam::to_iso(exam::appeal_until(cal, today));
        if (passed) b.document_due = exam::to_iso(exam::document_due(cal, today));
        else b.notice_due = exam::to_iso(exam::notice_due(cal, today));
    } catch (const exam::calendar_missing& e) {
        throw calendar::missing(e);
    }
    return b;
}

// The signature that reaches the quorum binds the protocol: the terms count
// from its local date (p.18, p.19, p.20), and what follows starts.
bool bind_if_quorum(db& d, const centre_config& centre, const sitting_row& s, protocol_row& pr,
                    const std::optional<commission_row>& comm, std::int64_t signer, std::int64_t now) {
    std::vector<std::int64_t> signers;
    for (const auto& sig : store::signatures_of(d, pr.id)) signers.push_back(sig.member);
    if (!quorum_of(comm, signers).state.reached) return false;
    const bool passed = pr.decision == "passed";
    const auto b = binding_at(d, passed, now);
    store::bind_protocol(d, pr.id, b);
    pr.bound_ms = b.bound_ms;
    pr.signed_date = b.signed_date;
    pr.results_date = b.results_date;
    pr.appeal_until = b.appeal_until;
    pr.document_due = b.document_due;
    pr.notice_due = b.notice_due;
    audit::record(d, now, signer, "protocol.bind", "protocol " + std::to_string(pr.id),
                  "signed " + pr.signed_date + " by " + std::to_string(signers.size()) + " signature(s)");
    const auto prog = must_programme(d, s.programme);
    if (passed) {
        prepare_document(d, s, prog, centre.number, "protocol", pr.document_due, signer, now);
        return true;
    }
    std::optional<exam::practical_outcome> practical;
    if (!prog.practical.empty() && admitted(s)) practical = practical_by_commission(d, prog, s.id, comm);
    auto cand = store::find_candidate(d, s.candidate);
    not_passed_facts np;
    np.profession = prog.profession;
    np.reasons = nlohmann::json::parse(pr.reasons, nullptr, false).get<std::vector<std::string>>();
    const int used = static_cast<int>(store::sittings_of(d, s.candidate, s.programme).size());
    np.attempts_left = exam::attempts_left(used, prog.attempts);
    const auto topics = store::mark_sitting(d, s.id).topics;
    np.recommendations = exam::recommendations(topics, prog.theory.pass_percent, prog, s.lang, practical);
    // The notice names a topic by its title in the notice's language, never its slug.
    for (auto& r : np.recommendations) {
        if (r.kind != "topic") continue;
        auto t = std::find_if(topics.begin(), topics.end(), [&](const exam::topic_score& x) { return x.topic == r.what; });
        r.what = t != topics.end() ? exam::topic_name(t->title, t->number, s.lang) : exam::topic_name({}, 0, s.lang);
    }
    np.appeal_until = pr.appeal_until;
    np.notice_due = pr.notice_due;
    outbox::queue(d, not_passed_notice(*cand, s, np, centre.name_in(s.lang)), now);
    return true;
}

}  // namespace

sign_protocol_result sign_protocol(db& d, const centre_config& centre, const sign_protocol_input& in,
                                   std::int64_t now) {
    const auto s = must_sitting(d, in.sitting);
    const auto today = exam::kz_local_date(now);
    if (auto existing = store::protocol_of(d, in.sitting)) {  // another member signs
        std::optional<commission_row> comm;
        if (existing->commission) comm = store::find_commission(d, *existing->commission);
        require_member(comm, in.member);
        if (store::sign_protocol(d, existing->id, in.member, now))
            audit::record(d, now, in.member, "protocol.sign", "protocol " + std::to_string(existing->id));
        bool bound = false;
        if (!existing->bound()) bound = bind_if_quorum(d, centre, s, *existing, comm, in.member, now);
        return {*existing, s, false, bound};
    }
    const auto prog = must_programme(d, s.programme);
    exam::procedure_facts f;
    f.theory_passed = s.passed.value_or(false);
    f.terminated = s.status == "terminated";
    f.has_practical = !prog.practical.empty();
    if (!s.ended()) refuse(exam::protocol_refusal::theory_in_progress);
    // The sitting's commission (fixed now if it was not), and the signer on it.
    const auto comm = commission_of_sitting(d, s, today, true);
    require_member(comm, in.member);
    if (f.has_practical && admitted(s)) f.practical = practical_by_commission(d, prog, in.sitting, comm);  // else no card to judge
    refuse(exam::can_sign_protocol(s.ended(), f));
    for (const auto& a : store::acts_of(d, in.sitting))
        if (a.status == "draft")
            throw domain_error(error_kind::conflict, "acts_unreviewed",
                               "act " + std::to_string(a.id) + " is a draft: confirm or annul every act first");
    const auto decision = exam::decide_procedure(f);
    // When this first signature binds, the calendar must hold the terms: refused before anything is written.
    if (quorum_of(comm, {in.member}).state.reached) binding_at(d, decision.passed, now);
    protocol_row pr;
    pr.sitting = in.sitting;
    pr.decision = decision.passed ? "passed" : "not_passed";
    pr.reasons = nlohmann::json(decision.reasons).dump();
    if (f.practical) pr.practical = outcome_json(*f.practical).dump();
    pr.created_ms = now;
    pr.created_by = in.member;
    if (comm) pr.commission = comm->id;
    // results_date and appeal_until stay '' until the protocol binds
    pr.id = store::insert_protocol(d, pr);
    store::sign_protocol(d, pr.id, in.member, now);
    audit::record(d, now, in.member, "protocol.create", "protocol " + std::to_string(pr.id),
                  "session " + std::to_string(in.sitting) + ": " + pr.decision);
    const bool bound = bind_if_quorum(d, centre, s, pr, comm, in.member, now);
    return {pr, s, true, bound};
}

}  // namespace tanu::server::recognition
