#pragma once
// Storage of the outbox (migrations/0004_procedure.sql: notices): what is
// queued for a candidate, and how each delivery went.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "server/db/sqlite.hpp"

namespace tanu::server {

struct notice_row {
    std::int64_t id = 0, candidate = 0;
    std::optional<std::int64_t> sitting;
    std::string kind, recipient, subject, body, due;
    std::int64_t created_ms = 0, next_try_ms = 0;
    int attempts = 0;
    std::optional<std::int64_t> delivered_ms;
    bool failed = false;
    std::string last_error;
    // migration 19: the channel (email, sms), the e-mail notice an SMS accompanies, the
    // gateway's id and its delivery receipt
    std::string channel = "email";
    std::optional<std::int64_t> of_notice;
    std::string gateway_id;
    std::optional<std::int64_t> receipt_ms;
    std::string receipt_status;
};

namespace store {

std::int64_t insert_notice(db& d, const notice_row& n);
std::vector<notice_row> due_notices(db& d, std::int64_t now_ms, int limit);
std::vector<notice_row> notices_of(db& d, std::int64_t candidate);
std::vector<notice_row> undelivered_notices(db& d, int limit);  // not delivered yet (pending or failed), oldest first
void notice_delivered(db& d, std::int64_t id, std::int64_t now_ms, const std::string& gateway_id = "");
// The SMS accompanying notice `of` (its text, to `phone`); false when it has one already.
bool insert_sms_companion(db& d, const notice_row& of, const std::string& phone, const std::string& text,
                          std::int64_t now_ms);
// The gateway's receipt of the SMS it calls `gateway_id`; false when no SMS has that id.
bool sms_receipt(db& d, const std::string& gateway_id, const std::string& status, std::int64_t ms);
void notice_failed(db& d, std::int64_t id, const std::string& error, bool permanent, std::int64_t next_try_ms);

}  // namespace store
}  // namespace tanu::server
