#include "server/outbox/platform.hpp"

namespace tanu::server::outbox {

std::int64_t queue_export(db& d, const std::string& document, const json& payload, const std::string& due,
                          std::int64_t now_ms) {
    platform_export_row e;
    e.document = document;
    e.payload = payload.dump();
    e.due = due;
    e.created_ms = now_ms;
    e.next_try_ms = now_ms;
    return store::insert_export(d, e);
}

}  // namespace tanu::server::outbox
