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

}  // namespace

sign_protocol_result sign_protocol(db& d, const centre_config& centre, const sign_protocol_input& in,
                                   std::int64_t now) {
    const auto s = must_sitting(d, in.sitting);
    if (auto existing = store::protocol_of(d, in.sitting)) {  // another member signs
        if (store::sign_protocol(d, existing->id, in.member, now))
            audit::record(d, now, in.member, "protocol.sign", "protocol " + std::to_string(existing->id));
        return {*existing, s, false};
    }
    const auto prog = must_programme(d, s.programme);
    exam::procedure_facts f;
    f.theory_passed = s.passed.value_or(false);
    f.terminated = s.status == "terminated";
    f.has_practical = !prog.practical.empty();
    if (f.has_practical && admitted(s)) f.practical = practical_of(d, prog, in.sitting);  // else no card to judge
    refuse(exam::can_sign_protocol(s.ended(), f));
    for (const auto& a : store::acts_of(d, in.sitting))
        if (a.status == "draft")
            throw domain_error(error_kind::conflict, "acts_unreviewed",
                               "act " + std::to_string(a.id) + " is a draft: confirm or annul every act first");
    const auto decision = exam::decide_procedure(f);
    const auto today = exam::kz_local_date(now);
    protocol_row pr;
    pr.sitting = in.sitting;
    pr.decision = decision.passed ? "passed" : "not_passed";
    pr.reasons = nlohmann::json(decision.reasons).dump();
    if (f.practical) pr.practical = outcome_json(*f.practical).dump();
    pr.created_ms = now;
    pr.created_by = in.member;
    pr.results_date = exam::to_iso(today);
    try {
        const auto cal = store::load_calendar(d);
        pr.appeal_until = exam::to_iso(exam::appeal_until(cal, today));
        if (decision.passed) pr.document_due = exam::to_iso(exam::document_due(cal, today));
        else pr.notice_due = exam::to_iso(exam::notice_due(cal, today));
    } catch (const exam::calendar_missing& e) {
        throw calendar::missing(e);
    }
    pr.id = store::insert_protocol(d, pr);
    store::sign_protocol(d, pr.id, in.member, now);
    audit::record(d, now, in.member, "protocol.create", "protocol " + std::to_string(pr.id),
                  "session " + std::to_string(in.sitting) + ": " + pr.decision);
    if (decision.passed) {
        prepare_document(d, s, prog, centre.number, "protocol", pr.document_due, in.member, now);
    } else {
        auto cand = store::find_candidate(d, s.candidate);
        not_passed_facts np;
        np.profession = prog.profession;
        np.reasons = decision.reasons;
        const int used = static_cast<int>(store::sittings_of(d, s.candidate, s.programme).size());
        np.attempts_left = exam::attempts_left(used, prog.attempts);
        const auto topics = store::mark_sitting(d, in.sitting).topics;
        np.recommendations = exam::recommendations(topics, prog.theory.pass_percent, prog, s.lang, f.practical);
        // The notice names a topic by its title in the notice's language, never its slug.
        for (auto& r : np.recommendations) {
            if (r.kind != "topic") continue;
            auto t = std::find_if(topics.begin(), topics.end(), [&](const exam::topic_score& x) { return x.topic == r.what; });
            r.what = t != topics.end() ? exam::topic_name(t->title, t->number, s.lang) : exam::topic_name({}, 0, s.lang);
        }
        np.appeal_until = pr.appeal_until;
        np.notice_due = pr.notice_due;
        outbox::queue(d, not_passed_notice(*cand, s, np, centre.name_in(s.lang)), now);
    }
    return {pr, s, true};
}

}  // namespace tanu::server::recognition
