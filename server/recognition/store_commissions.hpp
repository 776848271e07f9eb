#pragma once
// Storage of the collegial bodies (migrations/0015_commissions.sql): the
// commissions, their members and the programmes they serve, and the sitting's
// commission once fixed. Only store_commissions.cpp knows this SQL.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "server/db/sqlite.hpp"

namespace tanu::server {

struct commission_member_row {
    std::int64_t user = 0;
    std::string login;
    std::string role;  // chair, deputy, secretary, member
};

struct commission_row {
    std::int64_t id = 0;
    std::string kind;  // exam, appeal
    std::string name, order_no, order_date, valid_from;
    std::string valid_to;  // '' when open-ended
    std::string quorum;    // chair_and_majority, majority, all
    std::int64_t created_ms = 0, updated_ms = 0;
    std::optional<std::int64_t> created_by, closed_ms, closed_by;
    std::vector<commission_member_row> members;  // in the order given
    std::vector<std::string> programmes;         // sorted
};

// A staff account as a commission's composition checks it.
struct account_brief {
    std::int64_t id = 0;
    std::string login;
    bool disabled = false;
    std::vector<std::string> roles;  // user_roles
};

namespace store {

std::int64_t insert_commission(db& d, const commission_row& c);  // the row only
void update_commission(db& d, const commission_row& c);          // name, order, validity, quorum, updated_ms
void set_commission_members(db& d, std::int64_t commission, const std::vector<commission_member_row>& members);
void set_commission_programmes(db& d, std::int64_t commission, const std::vector<std::string>& programmes);
bool close_commission(db& d, std::int64_t commission, std::int64_t by, std::int64_t now_ms);  // false: closed before

std::optional<commission_row> find_commission(db& d, std::int64_t id);
// Every commission, or those of `kind` ('' any) serving `programme` ('' any),
// newest order first; at most `limit`.
std::vector<commission_row> commissions(db& d, const std::string& kind, const std::string& programme, int limit);
// Whether any commission of the kind exists (closed ones too).
bool any_commission(db& d, const std::string& kind);

std::optional<account_brief> find_account(db& d, std::int64_t id);
std::optional<account_brief> find_account(db& d, const std::string& login);

// The sitting's exam commission (recognition_sittings.commission): fixed once.
void fix_sitting_commission(db& d, std::int64_t sitting, std::int64_t commission);
std::optional<std::int64_t> sitting_commission_id(db& d, std::int64_t sitting);

}  // namespace store
}  // namespace tanu::server
