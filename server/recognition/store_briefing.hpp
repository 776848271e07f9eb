#pragma once
// Storage of what precedes the procedure (migrations/0017_briefing.sql, W6):
// the candidate's acknowledgements and the safety briefing's journal entry.
// Only store_briefing.cpp knows this SQL.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "server/db/sqlite.hpp"

namespace tanu::server {

struct acknowledgement_row {
    std::string item;  // methodology, appeal_rules, prohibited_items
    std::int64_t ms = 0;
    std::string client, lang, text_sha256;
};

struct journal_row {
    std::string day, instructor, journal_no;
    int page = 0, entry = 0;
    std::int64_t recorded_by = 0, ms = 0;
    std::string recorded_login;
};

namespace store {

std::vector<acknowledgement_row> acknowledgements_of(db& d, std::int64_t sitting);  // in the order given
// The first acknowledgement of an item stands: false when the item was already acknowledged.
bool insert_acknowledgement(db& d, std::int64_t sitting, const acknowledgement_row& a);
std::optional<journal_row> journal_of(db& d, std::int64_t sitting);
// Records the entry, replacing an earlier one (a correction; the audit keeps both).
void put_journal(db& d, std::int64_t sitting, const journal_row& j);

}  // namespace store

}  // namespace tanu::server
