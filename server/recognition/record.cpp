#include "server/recognition/record.hpp"

#include "exam/theory/disclosure.hpp"
#include "exam/theory/scoring.hpp"
#include "server/exam/sitting_access.hpp"
#include "server/exam/store.hpp"
#include "server/people/store.hpp"
#include "server/platform/domain_error.hpp"
#include "server/platform/json_map.hpp"
#include "server/proctoring/store.hpp"
#include "server/programmes/store.hpp"
#include "server/recognition/checks.hpp"

namespace tanu::server::recognition {

namespace {

// Each question as shown, what was chosen and, with the key, what was correct.
json answers_json(db& d, std::int64_t sitting, bool with_key) {
    json answers = json::array();
    const auto items = store::paper(d, sitting);
    const auto marked = store::mark_sitting(d, sitting);
    for (std::size_t i = 0; i < items.size(); ++i) {
        const auto q = store::find_question(d, items[i].question);
        if (!q) continue;
        const auto& perm = items[i].perm;
        json options = json::array();
        for (const int orig : perm)
            options.push_back(orig >= 0 && static_cast<std::size_t>(orig) < q->options.size() ? q->options[orig] : "");
        const auto& m = marked.items[i];
        json a = {{"n", static_cast<int>(i) + 1}, {"text", q->text}, {"options", options}, {"chosen", m.chosen}};
        if (with_key) {
            a["correct"] = m.correct_shown;
            a["right"] = m.right;
        }
        answers.push_back(std::move(a));
    }
    return answers;
}

}  // namespace

json session_record(db& d, const sitting_owners& owners, const principal& who, std::int64_t sitting, std::int64_t now_ms) {
    const auto s = must_sitting(d, sitting);
    const auto seen = exam::may_see(sitting_reader(d, owners, who, s), s.ended());
    if (!seen.record)
        throw domain_error(error_kind::conflict, "sitting_in_progress",
                           s.status == "scheduled" ? "the sitting has not started; its record opens once it has ended"
                                                   : "the sitting is in progress; its record opens once it has ended");
    const auto prog = must_programme(d, s.programme);
    auto cand = store::find_candidate(d, s.candidate);
    auto score = [&](const std::optional<int>& v) { return seen.score && v ? json(*v) : json(nullptr); };
    const auto dates = store::procedure_dates_of(d, sitting).value_or(procedure_dates{});
    json out;
    out["session"] = {{"id", s.id},
                      {"candidate", s.candidate},
                      {"full_name", cand ? cand->full_name : ""},
                      {"programme", s.programme},
                      {"profession", prog.profession},
                      {"lang", s.lang},
                      {"mode", s.mode},
                      {"attempt", s.attempt},
                      {"status", s.status},
                      {"correct", score(s.correct)},
                      {"total", score(s.total)},
                      {"passed", seen.score && s.passed ? json(*s.passed) : json(nullptr)},
                      {"violations", s.violations},
                      {"finished_ms", s.finished_ms ? json(*s.finished_ms) : json(nullptr)},
                      {"procedure_date", dates.procedure_date},
                      {"protocol_due", dates.protocol_due}};
    if (seen.weak_topics && s.ended())
        out["weak_topics"] = to_json(exam::weak_topics(store::mark_sitting(d, sitting).topics, prog.theory.pass_percent));
    if (seen.answers) out["answers"] = answers_json(d, sitting, seen.key);
    if (!seen.proceedings) return out;
    json events = json::array();
    for (const auto& e : store::events_of(d, sitting))
        events.push_back({{"id", e.id},
                          {"t_ms", e.t_ms},
                          {"kind", e.kind},
                          {"detail", e.detail},
                          {"args", event_args_json(e.args)},
                          {"violation", e.violation},
                          {"strike", e.strike},
                          {"evidence", e.has_evidence ? json("/api/evidence/" + std::to_string(e.id)) : json(nullptr)}});
    out["events"] = events;
    json acts = json::array();
    for (const auto& a : store::acts_of(d, sitting)) acts.push_back(act_json(a));
    out["acts"] = acts;
    out["practical"] = practical_json(d, prog, s);
    auto pr = store::protocol_of(d, sitting);
    out["protocol"] = pr ? protocol_json(d, *pr, exam::kz_local_date(now_ms)) : json(nullptr);
    if (pr) {  // p.23: an appeal that recognised the result amends the protocol
        const auto by = store::protocol_amended_by(d, sitting);
        out["protocol"]["amended_by_appeal"] = by ? json(*by) : json(nullptr);
    }
    json docs = json::array();
    for (const auto& dd : store::documents_of_candidate(d, s.candidate))
        if (dd.sitting == sitting) docs.push_back(document_public_json(dd));
    out["documents"] = docs;
    json appeals = json::array();
    for (const auto& a : store::appeals_of_sitting(d, sitting)) appeals.push_back(appeal_json(a));
    out["appeals"] = appeals;
    return out;
}

}  // namespace tanu::server::recognition
