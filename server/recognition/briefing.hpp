#pragma once
// Before the procedure (W6, seed 002 p.8, p.12; the rules in
// exam/recognition/briefing.hpp): the view of what a sitting's candidate is
// shown and has acknowledged, the acknowledgements, the safety briefing's
// journal entry, and the checks the start and the practical stage ask.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "exam/recognition/briefing.hpp"
#include "server/db/sqlite.hpp"
#include "server/exam/sitting_owner.hpp"
#include "server/exam/store.hpp"
#include "server/platform/config.hpp"

namespace tanu::server {
class router;
struct platform;
}  // namespace tanu::server

namespace tanu::server::recognition {

// {"session", "lang", "status", "items": [{"item", "text", "sha256", "acknowledged_ms"|null, and for
// prohibited_items "list"/"allowed": [{"code", "name"}]}], "missing": [item], "briefing": {"required",
// "required_practical", "journal": {...}|null, "missing"}, "start_allowed"}, in the sitting's language.
nlohmann::json briefing_json(db& d, const sitting_row& s, const centre_config& centre);

// The candidate acknowledges `items` (each one the sitting asks, at least one) before the start:
// conflict already_started when the sitting is not scheduled; unprocessable unknown or not asked items.
// Each first acknowledgement keeps its time, address and the SHA-256 of the text shown; audited.
void acknowledge(db& d, const sitting_row& s, const std::vector<std::string>& items, const std::string& client,
                 std::int64_t by, const centre_config& centre, std::int64_t now_ms);

// Staff record the journal entry (a later one corrects it); audited briefing.journal. Conflicts:
// briefing_not_required (the programme asks none), session_closed; unprocessable a bad entry.
void record_journal(db& d, const sitting_row& s, const exam::journal_entry& e, std::int64_t by, std::int64_t now_ms);

// The owner's before_start: acknowledgements_required (naming the missing items) or briefing_required.
std::optional<sitting_owner::start_block> start_block(db& d, const sitting_row& s);

// The practical stage of `s` needs the journal entry when its programme asks a briefing:
// conflict briefing_required when it is missing.
void require_practical_briefing(db& d, const exam::programme& p, const sitting_row& s);

// GET /api/sessions/{id}/briefing, POST .../acknowledgements, PUT .../briefing-journal.
void add_briefing_routes(router& r, platform& p, const sitting_owners& owners);

}  // namespace tanu::server::recognition
