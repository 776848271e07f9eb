#include "server/recognition/practical.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "server/audit/audit.hpp"
#include "server/platform/domain_error.hpp"
#include "server/recognition/briefing.hpp"
#include "server/recognition/checks.hpp"
#include "server/recognition/commissions.hpp"
#include "server/recognition/store.hpp"

namespace tanu::server::recognition {

exam::practical_outcome record_practical(db& d, const record_practical_input& in, std::int64_t now) {
    if (in.marks.empty()) throw unprocessable("the body is {\"items\": [{\"id\", \"done\", \"note\"}]}");
    const auto s = must_sitting(d, in.sitting);
    const auto prog = must_programme(d, s.programme);
    if (prog.practical.empty())
        throw domain_error(error_kind::conflict, "no_practical_stage", "the programme " + prog.code + " has no technological card");
    if (!s.ended()) throw domain_error(error_kind::conflict, "theory_in_progress", "the theory stage has not ended");
    if (!admitted(s))
        throw domain_error(error_kind::conflict, "not_admitted", "only a theory pass admits to the practical stage (seed 002 p.15)");
    if (store::protocol_of(d, in.sitting))
        throw domain_error(error_kind::conflict, "protocol_signed", "the protocol of this session is signed");
    require_practical_briefing(d, prog, s);  // p.8: the safety briefing before the practical stage
    // p.16-17, W4: the sitting's exam commission assesses (fixed now if it was not); none: the short path
    const auto comm = commission_of_sitting(d, s, exam::kz_local_date(now), true);
    require_member(comm, in.member);
    nlohmann::json detail = nlohmann::json::array();  // the audit entry: the marks as given
    for (const auto& m : in.marks) {
        if (std::none_of(prog.practical.begin(), prog.practical.end(),
                         [&](const exam::practical_item& i) { return i.id == m.item; }))
            throw domain_error(error_kind::unprocessable, "unknown_item", "the card has no item " + m.item);
        checked_text(m.note, max_note, "a note");
        store::put_mark(d, in.sitting, in.member, m.item, m.done, m.note, now);
        detail.push_back({{"id", m.item}, {"done", m.done}, {"note", m.note}});
    }
    audit::record(d, now, in.member, "practical.mark", "session " + std::to_string(in.sitting),
                  detail.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    return practical_by_commission(d, prog, in.sitting, comm);
}

}  // namespace tanu::server::recognition
