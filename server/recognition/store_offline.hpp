#pragma once
// Storage of the offline procedure (migrations/0022_offline.sql): the
// attendance of a sitting, an offline act's channel, witnesses and recorder,
// the signatures of the members present, and the day's offline sittings.
// Only store_offline.cpp knows this SQL. The act itself is an ordinary act
// (store::insert_act) of an event of the sitting's chain (audit::append_event).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "server/db/sqlite.hpp"

namespace tanu::server {

struct attendance_row {
    std::int64_t sitting = 0;
    bool candidate_present = false;
    std::vector<std::int64_t> members;  // present
    std::string workstation, accessibility, note;
    std::int64_t recorded_by = 0, recorded_ms = 0;
};

struct offline_act_row {
    std::int64_t act = 0;
    std::vector<std::int64_t> witnesses;
    std::optional<std::int64_t> recorded_by;
};

struct act_signature_row {
    std::int64_t member = 0;
    std::string login;
    std::int64_t signed_ms = 0;
};

// An offline sitting of a day (its theory slot on that day); full_name is the
// caller's to fill (people's store).
struct offline_sitting_row {
    std::int64_t id = 0, candidate = 0;
    std::string full_name, programme, lang, status, day, starts, ends, place;
};

namespace store {

void put_attendance(db& d, const attendance_row& a);  // replaces the sitting's earlier entry
std::optional<attendance_row> attendance_of(db& d, std::int64_t sitting);

// Marks the act as offline, with its witnesses and the member who recorded it.
void mark_offline_act(db& d, std::int64_t act, const std::vector<std::int64_t>& witnesses, std::int64_t recorded_by);
// nullopt: an online act (or none)
std::optional<offline_act_row> offline_act(db& d, std::int64_t act);

bool sign_act(db& d, std::int64_t act, std::int64_t member, std::int64_t now_ms);  // false: signed before
std::vector<act_signature_row> act_signatures_of(db& d, std::int64_t act);  // by time
// draft -> confirmed, by the last signature (its signer and time)
void confirm_signed_act(db& d, std::int64_t act, std::int64_t member, std::int64_t now_ms);

// Offline sittings whose theory slot is on `day` (YYYY-MM-DD), by start; at most `limit`.
std::vector<offline_sitting_row> offline_sittings_on(db& d, const std::string& day, int limit);

}  // namespace store
}  // namespace tanu::server
