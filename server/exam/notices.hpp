#pragma once
// The notices of a sitting's timetable (seed 002 p.6: the date, time and
// place of each stage; p.7, p.11: the new date; a cancellation), in the
// sitting's language (kk, ru). Their texts are the {kk, ru, en} tables of
// notices.cpp with {placeholders}; these functions choose and fill them.
#include <optional>
#include <string>

#include "server/exam/store.hpp"
#include "server/exam/store_schedule.hpp"
#include "server/outbox/outbox.hpp"
#include "server/people/store.hpp"
#include "server/platform/config.hpp"

namespace tanu::server {

// kind: schedule (the first notice, p.6) or new_date (after a p.7/p.11 void or a cancellation).
outbox::notice timetable_notice(const std::string& kind, const sitting_row& s, const candidate_row& c,
                                const std::string& profession, const slot_row& theory,
                                const std::optional<slot_row>& practical, const centre_config& centre);

// The sitting is cancelled by the centre (its reason; `day` its theory day, '' when it had no slot);
// a new date follows by notice.
outbox::notice cancelled_notice(const sitting_row& s, const candidate_row& c, const std::string& profession,
                                const std::string& reason, const std::string& day, const centre_config& centre);

}  // namespace tanu::server
