#pragma once
// A sitting's timetable and reschedules as the API shows them (S11b / docs/api.md),
// and the start window the exam WebSocket keeps (W2).
#include <cstdint>
#include <optional>
#include <string>

#include "server/db/sqlite.hpp"
#include "server/exam/store.hpp"
#include "server/platform/config.hpp"
#include "server/platform/json_map.hpp"

namespace tanu::server {

// slots, window, reschedule_reason, replaces, replaced_by, counts_as_attempt, closed,
// sick_leave (with its proof term), technical_acts: merged into the sitting's JSON.
void add_schedule_json(db& d, const sitting_row& s, const scheduling_config& cfg, json& out);

// Why `start` is refused now, if it is: not_yet (with opens_ms), missed, sick_reported,
// cancelled, voided, no_show. A sitting without a theory slot has no window.
struct start_refusal {
    std::string code, message;
    std::optional<std::int64_t> opens_ms;
    bool missed = false;  // the window closed: the sitting becomes a no-show
};
std::optional<start_refusal> refuse_start(db& d, const sitting_row& s, const scheduling_config& cfg, std::int64_t now_ms);

}  // namespace tanu::server
