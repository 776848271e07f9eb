#pragma once
// Replacing a programme's settings (PUT /api/programmes/{code}) and reading its
// bank per language and topic (GET /api/programmes/{code}/bank): use cases on
// the connection they run on (the writer's transaction, a reader).
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "exam/theory/programme.hpp"
#include "server/db/sqlite.hpp"

namespace tanu::server {

// The fields a programme keeps once one of its sittings exists: an issued paper
// is drawn by theory.questions in one of the languages, timed by theory.minutes,
// scored by pass_percent and pass_rule, and owned by the procedure of `kind`.
// Empty when none of them differ; else their names, in this order.
std::vector<std::string> locked_changes(const exam::programme& before, const exam::programme& after);

// The top-level fields of the programme's JSON that differ (for the audit line).
std::vector<std::string> changed_fields(const exam::programme& before, const exam::programme& after);

// Replaces the stored programme `next.code` with `next` (already validated).
// Throws not_found when there is none, conflict `programme_in_use` when a
// sitting of it exists and a locked field changes. Audits `programme.update`
// with the fields changed. Returns the stored programme.
exam::programme replace_programme(db& d, const exam::programme& next, std::int64_t actor, std::int64_t now_ms);

struct bank_language {
    int total = 0;                      // active questions
    std::map<std::string, int> topics;  // topic slug -> active questions (questions without a topic: only in total)
};

// Per language the programme offers (an empty bank: total 0).
std::map<std::string, bank_language> bank_summary(db& d, const exam::programme& p);

}  // namespace tanu::server
