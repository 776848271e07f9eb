#pragma once
// Storage of a sitting's timetable and of what closes it unsat (migration 16):
// the stage slots (seed 002 p.6), the notices of date and place, the p.7
// sick-leave reports and the p.11 technical-failure acts.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "server/db/sqlite.hpp"
#include "server/exam/store.hpp"

namespace tanu::server {

struct slot_row {
    std::string stage;               // theory, practical
    std::string day, starts, ends;   // YYYY-MM-DD, HH:MM, HH:MM local
    std::int64_t starts_ms = 0, ends_ms = 0;
    std::string place, link;
    std::optional<std::int64_t> commission;
};

struct sick_leave_row {
    std::int64_t id = 0, sitting = 0;
    std::string status;   // reported, proved, accepted, rejected
    std::string channel;  // page, phone, paper
    std::string period_from;
    std::optional<std::string> period_to;
    std::string note;
    std::int64_t reported_ms = 0, reported_by = 0;
    std::optional<std::string> sheet_number, sheet_issuer, sheet_from, sheet_to, sheet_sha256, sheet_type;
    std::optional<std::int64_t> sheet_size, sheet_ms, decided_ms, decided_by;
    std::string decision_note;
    bool open() const { return status == "reported" || status == "proved"; }
};

struct technical_act_row {
    std::int64_t id = 0, sitting = 0;
    std::string kind, description;
    std::vector<std::int64_t> evidence;  // event ids of the sitting
    std::int64_t recorded_ms = 0;
    std::optional<std::int64_t> recorded_by;
};

// GET /api/sessions for staff: every filter optional (empty: any).
struct sitting_filter {
    std::optional<std::int64_t> candidate;
    std::vector<std::string> statuses;
    std::string from, to;        // theory slot day, inclusive
    bool sick_leave_open = false;
    bool unreplaced = false;     // closed and not rescheduled yet
    int limit = 500;
};

namespace store {

void insert_slot(db& d, std::int64_t sitting, const slot_row& s);
std::vector<slot_row> slots_of(db& d, std::int64_t sitting);  // theory first
std::optional<slot_row> slot_of(db& d, std::int64_t sitting, const std::string& stage);

void insert_sitting_notice(db& d, std::int64_t sitting, const std::string& kind, const std::string& sent_day,
                           std::optional<std::int64_t> notice, const std::string& gap_rule, std::int64_t now_ms);

// Closes a sitting unsat: cancelled (from scheduled), voided (from scheduled, in progress or
// ended), no_show (from scheduled). False when its status was not one of `from`.
bool close_sitting(db& d, std::int64_t sitting, const std::string& status, const std::vector<std::string>& from,
                   const std::string& reason, const std::string& note, std::optional<std::int64_t> by,
                   std::int64_t now_ms);
std::optional<std::int64_t> replaced_by(db& d, std::int64_t sitting);
std::vector<sitting_row> list_sittings(db& d, const sitting_filter& f);
// Scheduled sittings whose theory slot started before `before_ms` (the window closed)
// and that have no open sick-leave report.
std::vector<std::int64_t> missed_sittings(db& d, std::int64_t before_ms, int limit);

std::int64_t insert_sick_leave(db& d, const sick_leave_row& s);
std::optional<sick_leave_row> sick_leave_of(db& d, std::int64_t sitting);  // the latest report
std::vector<sick_leave_row> sick_leaves_of(db& d, std::int64_t sitting);  // every report, oldest first
void attach_sick_sheet(db& d, std::int64_t id, const std::string& number, const std::string& issuer,
                       const std::string& from, const std::string& to, const std::string& sha256,
                       const std::string& type, std::int64_t size, std::int64_t now_ms);
void decide_sick_leave(db& d, std::int64_t id, bool accept, const std::string& note, std::int64_t by, std::int64_t now_ms);

std::int64_t insert_technical_act(db& d, const technical_act_row& a);
std::vector<technical_act_row> technical_acts_of(db& d, std::int64_t sitting);

}  // namespace store
}  // namespace tanu::server
