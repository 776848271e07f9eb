#include "server/exam/schedule.hpp"

#include "exam/theory/attempts.hpp"
#include "exam/theory/paper.hpp"
#include "server/audit/audit.hpp"
#include "server/calendar/calendar.hpp"
#include "server/calendar/store.hpp"
#include "server/exam/notices.hpp"
#include "server/exam/store.hpp"
#include "server/exam/store_schedule.hpp"
#include "server/people/store.hpp"
#include "server/platform/domain_error.hpp"
#include "server/programmes/store.hpp"

namespace tanu::server {

schedule_settings schedule_settings_of(const server_config& cfg) {
    return {exam::parse_gap_rule(cfg.scheduling.gap_rule).value_or(exam::gap_rule::strict), &cfg.centre};
}

scheduled_sitting schedule_sitting(db& d, const sitting_owners& owners, const sitting_request& in, std::int64_t now_ms,
                                   const schedule_settings& settings) {
    const auto candidate = store::find_candidate(d, in.candidate);
    if (!candidate) throw not_found("no such candidate");
    auto p = store::find_programme(d, in.programme);
    if (!p) throw not_found("no programme " + in.programme);
    if (!p->offers(in.lang))
        throw domain_error(error_kind::unprocessable, "language_not_offered",
                           "the programme is not offered in '" + in.lang + "'");
    // p.9: online or offline "as the programme says"; a custom (legacy) programme sets no modes
    if (p->regime != exam::legal_regime::custom && !p->offers_mode(in.mode))
        throw domain_error(error_kind::unprocessable, "mode_not_offered",
                           "the programme is not held " + in.mode + " (p.9: the mode is the programme's)");
    std::vector<exam::prior_sitting> prior;
    auto earlier = store::sittings_of(d, in.candidate, in.programme);
    const auto& owner = owners.of(p->kind);
    int counted = 0;
    for (const auto& s : earlier) {
        // the whole procedure's outcome: an ended sitting waits for its decision (X1, seed 002 p.17-19);
        // one closed unsat (cancelled, voided, missed) is no attempt (W3)
        const bool counts = exam::counts_as_attempt(s.status);
        const auto o = counts ? owner.outcome(d, s) : owned_outcome{};
        prior.push_back({s.ended(), o.passed, s.ended() && !o.decided, counts});
        if (counts) ++counted;
    }
    auto verdict = exam::check_new_sitting(prior, p->attempts);
    switch (verdict) {
        case exam::eligibility::already_passed:
            throw domain_error(error_kind::conflict, "already_passed", "the candidate has passed this programme");
        case exam::eligibility::result_pending:
            throw domain_error(error_kind::conflict, "result_pending",
                            "an earlier sitting has ended: the commission's decision comes before any retake (p.17, p.19)");
        case exam::eligibility::no_attempts_left:
            throw domain_error(error_kind::conflict, "no_attempts_left",
                            "every attempt of this programme is used (" + std::to_string(p->attempts) + ")");
        case exam::eligibility::session_open:
            throw conflict("session_open", "the candidate has a sitting of this programme not yet finished");
        case exam::eligibility::ok: break;
    }
    if (!p->blueprint.empty()) {
        // X17: each topic of the blueprint must hold what it draws
        if (auto short_of = exam::blueprint_shortfall(store::bank_topics(d, in.programme, in.lang), p->blueprint))
            throw domain_error(error_kind::conflict, "bank_too_small",
                               "the " + in.lang + " bank holds " + std::to_string(short_of->have) +
                                   " questions of topic '" + short_of->topic + "'; the blueprint draws " +
                                   std::to_string(short_of->need));
    }
    int have = store::bank_size(d, in.programme, in.lang);
    if (have < p->theory.questions)
        throw domain_error(error_kind::conflict, "bank_too_small",
                        "the " + in.lang + " bank holds " + std::to_string(have) + " questions; a paper needs " +
                            std::to_string(p->theory.questions));
    // p.6: a procedure under the law has its date, time and place
    if (p->regime != exam::legal_regime::custom && !in.slots)
        throw domain_error(error_kind::unprocessable, "slot_required",
                           "give the theory stage's slot {\"day\", \"starts\", \"ends\", \"place\"} (p.6: date, time and place)");
    const auto today = exam::kz_local_date(now_ms);
    const auto why = exam::parse_reschedule_reason(in.reschedule_reason).value_or(exam::reschedule_reason::none);
    if (in.slots) {
        try {
            check_timetable(store::load_calendar(d), today, settings.gap, why, *in.slots, !p->practical.empty());
        } catch (const exam::calendar_missing& e) {
            throw calendar::missing(e);
        }
        for (const auto* slot : {&in.slots->theory, in.slots->practical ? &*in.slots->practical : nullptr})
            if (slot && slot->commission) owner.check_commission(d, *slot->commission, *p);
    }
    sitting_row s;
    s.candidate = in.candidate;
    s.programme = in.programme;
    s.lang = in.lang;
    s.mode = in.mode;
    s.attempt = counted + 1;
    s.created_ms = now_ms;
    s.reschedule_reason = in.reschedule_reason;
    s.replaces = in.replaces;
    auto id = store::insert_sitting(d, s);
    s.id = id;
    audit::record(d, now_ms, in.by, "session.create", "session " + std::to_string(id),
                  "in.candidate " + std::to_string(in.candidate) + ", " + in.programme + ", attempt " +
                      std::to_string(s.attempt) +
                      (in.replaces ? ", replaces session " + std::to_string(*in.replaces) + " (" + in.reschedule_reason + ")"
                                   : std::string()));
    scheduled_sitting out{id, s.attempt, std::nullopt};
    if (in.slots) {
        store::insert_slot(d, id, in.slots->theory);
        if (in.slots->practical) store::insert_slot(d, id, *in.slots->practical);
        const std::string kind = in.replaces ? "new_date" : "schedule";
        if (settings.centre)
            out.notice = outbox::queue(d, timetable_notice(kind, s, *candidate, p->profession, in.slots->theory,
                                                           in.slots->practical, *settings.centre), now_ms);
        store::insert_sitting_notice(d, id, kind, exam::to_iso(today), out.notice,
                                     std::string(exam::to_string(settings.gap)), now_ms);
        audit::record(d, now_ms, in.by, "session.slots", "session " + std::to_string(id),
                      "theory " + in.slots->theory.day + " " + in.slots->theory.starts + "-" + in.slots->theory.ends +
                          (in.slots->practical ? ", practical " + in.slots->practical->day : std::string()) +
                          "; notice " + kind + " sent " + exam::to_iso(today));
    }
    return out;
}

}  // namespace tanu::server
