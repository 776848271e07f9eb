#include "server/recognition/queue.hpp"

#include <algorithm>

#include "server/people/store.hpp"
#include "server/programmes/store.hpp"
#include "server/recognition/checks.hpp"
#include "server/recognition/commissions.hpp"

namespace tanu::server::recognition {

json commission_queue(db& d, std::int64_t now_ms) {
    const std::string today = today_iso(now_ms);
    json acts = json::array(), practical = json::array(), protocols = json::array();
    int overdue = 0;
    for (const auto& [id, due] : store::sittings_awaiting_protocol(d, 500)) {
        const auto s = must_sitting(d, id);
        const auto prog = store::find_programme(d, s.programme);
        if (!prog) continue;
        auto cand = store::find_candidate(d, s.candidate);
        const bool late = !due.empty() && today > due;
        overdue += late;
        const auto comm = commission_of_sitting(d, s, std::nullopt, false);
        json base = {{"session", id},
                     {"full_name", cand ? cand->full_name : ""},
                     {"programme", s.programme},
                     {"profession", prog->profession},
                     {"status", s.status},
                     {"finish_reason", s.finish_reason ? json(*s.finish_reason) : json(nullptr)},
                     {"passed", s.passed.value_or(false)},
                     {"correct", s.correct.value_or(0)},
                     {"total", s.total.value_or(0)},
                     {"protocol_due", due.empty() ? json(nullptr) : json(due)},
                     {"overdue", late},
                     {"commission", commission_ref_json(comm)}};
        int drafts = 0;
        for (const auto& a : store::acts_of(d, id)) {
            if (a.status != "draft") continue;
            ++drafts;
            json j = act_json(a);
            j["full_name"] = base["full_name"];
            j["protocol_due"] = base["protocol_due"];
            j["overdue"] = late;
            acts.push_back(j);
        }
        bool needs_practical = false;
        if (!prog->practical.empty() && admitted(s)) {
            auto o = practical_by_commission(d, *prog, id, comm);
            needs_practical = !o.complete;
            if (needs_practical) {
                json j = base;
                j["card"] = practical_json(d, *prog, s);
                practical.push_back(j);
            }
        }
        json j = base;
        j["draft_acts"] = drafts;
        j["ready"] = drafts == 0 && !needs_practical;
        // A protocol made and awaiting its quorum: who has signed, who is missing.
        j["protocol"] = nullptr;
        if (auto pr = store::protocol_of(d, id)) j["protocol"] = protocol_json(d, *pr, exam::kz_local_date(now_ms));
        protocols.push_back(j);
    }
    auto overdue_first = [](json& list) {
        std::stable_sort(list.begin(), list.end(), [](const json& a, const json& b) {
            return a.value("overdue", false) > b.value("overdue", false);
        });
    };
    overdue_first(acts);
    overdue_first(practical);
    overdue_first(protocols);
    return {{"today", today}, {"overdue", overdue}, {"acts", acts}, {"practical", practical}, {"protocols", protocols}};
}

json overdue_protocols(db& d, std::int64_t now_ms) {
    const std::string today = today_iso(now_ms);
    json out = json::array();
    for (const auto& [id, due] : store::sittings_awaiting_protocol(d, 10000))
        if (!due.empty() && today > due) out.push_back({{"session", id}, {"protocol_due", due}});
    return out;
}

}  // namespace tanu::server::recognition
