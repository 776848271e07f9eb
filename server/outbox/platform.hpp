#pragma once
// The national qualifications platform (W8; seed 002 p.18.2, Appendix 2):
// a signed document's record is queued in the signing transaction and sent by
// the outbox's delivery thread to the configured endpoint (config
// `platform`), retried like a notice; the platform's answer is kept. Until a
// centre configures the endpoint the records wait (GET /api/platform/exports
// lists them); the document is valid by its local code meanwhile.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "server/db/sqlite.hpp"
#include "server/platform/json_map.hpp"

namespace tanu::server {

struct platform_export_row {
    std::int64_t id = 0;
    std::string document, payload, due;
    std::int64_t created_ms = 0, next_try_ms = 0;
    int attempts = 0;
    std::optional<std::int64_t> sent_ms;
    std::string platform_id, answer, last_error;
    bool failed = false;
};

namespace outbox {

// Queues the record of a signed document (once per document); returns its id.
std::int64_t queue_export(db& d, const std::string& document, const json& payload, const std::string& due,
                          std::int64_t now_ms);

}  // namespace outbox

namespace store {
std::int64_t insert_export(db& d, const platform_export_row& e);
std::vector<platform_export_row> due_exports(db& d, std::int64_t now_ms, int limit);
std::vector<platform_export_row> exports(db& d, bool pending_only, int limit);  // newest first
void export_sent(db& d, std::int64_t id, std::int64_t now_ms, const std::string& platform_id, const std::string& answer);
void export_failed(db& d, std::int64_t id, const std::string& error, bool permanent, std::int64_t next_try_ms,
                   const std::string& answer);
}  // namespace store

}  // namespace tanu::server
