#pragma once
// The contract's sitting (seed 002 p.6): the registrar sets each stage's date,
// time and place and the notice goes; the language and the mode are the
// candidate's, from the application (p.9). A use case on the writer's connection.
#include <cstdint>

#include "server/applications/store.hpp"
#include "server/exam/schedule.hpp"

namespace tanu::server::applications {

// conflict not_contracted unless the application is contracted; then
// schedule_sitting's refusals (result_pending, session_open, gap_too_short, ...).
// Records the day the schedule notice went (the first) and audits application.schedule.
scheduled_sitting schedule_application(db& d, const sitting_owners& owners, std::int64_t application,
                                       const timetable& t, std::int64_t by, std::int64_t now_ms,
                                       const schedule_settings& settings);

}  // namespace tanu::server::applications
