#include "server/exam/schedule.hpp"

#include "exam/theory/attempts.hpp"
#include "exam/theory/paper.hpp"
#include "server/audit/audit.hpp"
#include "server/exam/store.hpp"
#include "server/people/store.hpp"
#include "server/platform/domain_error.hpp"
#include "server/programmes/store.hpp"

namespace tanu::server {

scheduled_sitting schedule_sitting(db& d, const sitting_owners& owners, const sitting_request& in, std::int64_t now_ms) {
    if (!store::find_candidate(d, in.candidate)) throw not_found("no such candidate");
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
    for (const auto& s : earlier) {
        // the whole procedure's outcome: a theory pass waits for its decision (seed 002 p.17-19)
        const auto o = owner.outcome(d, s);
        prior.push_back({s.ended(), o.passed, s.ended() && s.passed.value_or(false) && !o.decided});
    }
    auto verdict = exam::check_new_sitting(prior, p->attempts);
    switch (verdict) {
        case exam::eligibility::already_passed:
            throw domain_error(error_kind::conflict, "already_passed", "the candidate has passed this programme");
        case exam::eligibility::result_pending:
            throw domain_error(error_kind::conflict, "result_pending",
                            "the theory stage was passed; the commission's decision comes before any retake");
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
    sitting_row s;
    s.candidate = in.candidate;
    s.programme = in.programme;
    s.lang = in.lang;
    s.mode = in.mode;
    s.attempt = static_cast<int>(earlier.size()) + 1;
    s.created_ms = now_ms;
    auto id = store::insert_sitting(d, s);
    audit::record(d, now_ms, in.by, "session.create", "session " + std::to_string(id),
                  "in.candidate " + std::to_string(in.candidate) + ", " + in.programme + ", attempt " + std::to_string(s.attempt));
    return {id, s.attempt};
}

}  // namespace tanu::server
