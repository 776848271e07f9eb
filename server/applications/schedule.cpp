#include "server/applications/schedule.hpp"

#include "exam/common/calendar.hpp"
#include "server/applications/common.hpp"
#include "server/applications/json.hpp"
#include "server/audit/audit.hpp"
#include "server/platform/domain_error.hpp"

namespace tanu::server::applications {

scheduled_sitting schedule_application(db& d, const sitting_owners& owners, std::int64_t application,
                                       const timetable& t, std::int64_t by, std::int64_t now_ms,
                                       const schedule_settings& settings) {
    auto a = must_application(d, application, actor{by, std::nullopt});
    if (a.status != "contracted")
        throw conflict("not_contracted", "the application is " + a.status + ": a sitting follows a contract (p.6)");
    const auto form = form_from_json(parse_json(a.form));
    sitting_request in;
    in.candidate = a.candidate;
    in.programme = a.programme;
    in.lang = form.language == "kk" ? "kk" : "ru";  // p.9: the candidate's choice
    in.mode = form.mode.empty() ? "online" : form.mode;
    in.by = by;
    in.slots = t;
    const auto made = schedule_sitting(d, owners, in, now_ms, settings);
    store::schedule_notice_sent(d, application, exam::to_iso(exam::kz_local_date(now_ms)), now_ms);
    audit::record(d, now_ms, by, "application.schedule", "application " + std::to_string(application),
                  "session " + std::to_string(made.id) + ", attempt " + std::to_string(made.attempt));
    return made;
}

}  // namespace tanu::server::applications
