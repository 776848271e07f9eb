#pragma once
// The centre's collegial bodies (seed 002 p.9, p.16-17, p.21-22; W4, X7,
// X13): creating, changing and closing a commission, which commission serves
// a sitting, who may act for it, and whom an appeal goes to. The rules are
// exam/recognition/commission.hpp; the SQL store_commissions.cpp.
//
// No exam commission serving a sitting's programme is the short path of the
// first version (shared/design/protocol.md: "a one-member commission, a
// quorum of one"): every holder of the role commission acts, and the first
// signature binds the protocol.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "exam/common/date.hpp"
#include "exam/recognition/commission.hpp"
#include "exam/recognition/procedure.hpp"
#include "exam/theory/programme.hpp"
#include "server/db/sqlite.hpp"
#include "server/exam/store.hpp"
#include "server/recognition/store.hpp"
#include "server/recognition/store_commissions.hpp"

namespace tanu::server::recognition {

// Limits of the input (422 past them).
constexpr std::size_t max_commission_name = 300;      // characters
constexpr std::size_t max_order_no = 50;              // characters
constexpr std::size_t max_commission_members = 50;
constexpr std::size_t max_commission_programmes = 200;

struct member_input {
    std::optional<std::int64_t> user;  // the account's id, or
    std::string login;                 // its login
    std::string role;                  // chair, deputy, secretary, member
};

struct commission_input {
    std::string kind;        // exam, appeal (PUT: '' keeps it; another kind is refused)
    std::string name;        // 1 to max_commission_name characters
    std::string order_no;    // the centre's order: its number (1 to max_order_no characters)
    std::string order_date;  // and date, YYYY-MM-DD
    std::string valid_from;  // '' : the order's date
    std::string valid_to;    // '' : until closed
    std::string quorum;      // '' : chair_and_majority
    std::vector<member_input> members;
    std::vector<std::string> programmes;  // programme codes served, at least one
};

// Unprocessable (422) with a code naming the defect: field_invalid, bad_kind,
// bad_quorum, bad_validity, too_many_members, unknown_user, user_disabled,
// wrong_role (an exam commission holds accounts of role commission, an appeal
// commission of role appeal), bad_member_role, the composition's no_members,
// no_chair, two_chairs, two_secretaries, member_twice; no_programmes,
// too_many_programmes, unknown_programme. Audited commission.create.
commission_row create_commission(db& d, const commission_input& in, std::int64_t actor, std::int64_t now_ms);
// Replaces name, order, validity, quorum, members and programmes (protocols keep
// their own signatures). not_found; conflict commission_closed; 422 kind_fixed
// for another kind; the create's 422s. Audited commission.update.
commission_row update_commission(db& d, std::int64_t id, const commission_input& in, std::int64_t actor,
                                 std::int64_t now_ms);
// Closes it from now (it serves no new sitting). not_found; conflict
// commission_closed. Audited commission.close.
commission_row close_commission(db& d, std::int64_t id, std::int64_t actor, std::int64_t now_ms);
commission_row must_commission(db& d, std::int64_t id);  // not_found

std::vector<exam::commission_member> body_of(const commission_row& c);
exam::commission_term term_of(const commission_row& c);
exam::quorum_rule rule_of(const commission_row& c);

// The sitting's exam commission: the one fixed on it, else the exam
// commission serving its programme on the day its theory stage ended
// (exam::choose_commission), else, when `today` is given, the one serving it
// today. `fix`: store what was found on the sitting (writers only).
// nullopt: none (the short path).
std::optional<commission_row> commission_of_sitting(db& d, const sitting_row& s, std::optional<exam::date> today,
                                                    bool fix);
// For the theory stage's end (owner.cpp): fixes the commission serving the
// sitting's programme on `day`, when there is one.
void fix_commission_at_theory_end(db& d, const sitting_row& s, const exam::date& day);

// Forbidden not_a_member unless `user` is a member of the commission (none: anyone may act).
void require_member(const std::optional<commission_row>& c, std::int64_t user);

// The practical stage's outcome as the commission decides it (p.16-17): the
// marks of its members, the chair's casting vote on a tie; without a
// commission every mark counts and a tie is not done.
exam::practical_outcome practical_by_commission(db& d, const exam::programme& prog, std::int64_t sitting,
                                                const std::optional<commission_row>& c);

// The quorum of a protocol's signatures (the short path: the first signature).
struct protocol_quorum {
    std::string rule;  // chair_and_majority, majority, all, or first_signature (no commission)
    exam::quorum_state state;
};
protocol_quorum quorum_of(const std::optional<commission_row>& c, const std::vector<std::int64_t>& signers);

// Whom an appeal of the sitting goes to (p.21, X13, W4): the appeal commission
// serving the programme on `day` (the newest order), less every member of the
// sitting's exam commission; the short path, when the centre has no appeal
// commission at all: every appeal account, less those who signed the
// protocol. Conflict no_appeal_commission when none serves it or no one is left.
struct appeal_assignment {
    std::optional<std::int64_t> commission;
    std::vector<std::int64_t> members;
};
appeal_assignment assign_appeal(db& d, const sitting_row& s, const protocol_row& pr, const exam::date& day);

}  // namespace tanu::server::recognition
