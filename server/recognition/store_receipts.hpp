#pragma once
// Storage of the results' receipts (migration 21; seed 002 p.20, W5).
#include <cstdint>
#include <optional>
#include <string>

#include "server/db/sqlite.hpp"

namespace tanu::server {

struct results_receipt_row {
    std::int64_t sitting = 0;
    std::string received_date, channel, note;
    std::int64_t ms = 0;
    std::optional<std::int64_t> recorded_by;
};

namespace store {
std::optional<results_receipt_row> results_receipt_of(db& d, std::int64_t sitting);
// The first receipt only: false when the sitting has one already.
bool insert_results_receipt(db& d, const results_receipt_row& r);
// The protocol's appeal window from the receipt (p.20).
void set_appeal_until(db& d, std::int64_t protocol, const std::string& appeal_until);
// The paper channel of an appeal (p.21): the day the centre received it and who entered it.
void mark_paper_appeal(db& d, std::int64_t appeal, const std::string& received_date, std::int64_t by);
}  // namespace store

}  // namespace tanu::server
