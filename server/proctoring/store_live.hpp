#pragma once
// What the staff's live view reads beyond store.hpp: the events written since
// a cursor (the staff socket's feed) and a sitting's newest recorded frame
// (the frame on demand).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "server/db/sqlite.hpp"

namespace tanu::server::store {

// The id of the newest event of any sitting, 0 when there is none.
std::int64_t newest_event_id(db& d);

struct live_event {
    std::int64_t id = 0, sitting = 0, t_ms = 0;
    std::string kind, detail;
    bool violation = false;
    int strike = 0;
    std::string args;  // the detail's figures, JSON text ('' for none)
};
// Events with an id greater than `after`, oldest first, at most `limit`.
std::vector<live_event> events_after(db& d, std::int64_t after, int limit);

struct latest_frame {
    std::int64_t id = 0, t_ms = 0;
    std::string path, sha256;
};
// The newest frame of the sitting's recording (exam or room scan), if any.
std::optional<latest_frame> newest_frame(db& d, std::int64_t sitting);

}  // namespace tanu::server::store
