#pragma once
// The collegial bodies of the recognition procedure (seed 002; W4 in
// shared/design/procedures.md): the exam commission the centre creates (p.9),
// which conducts the procedure, assesses the practical task (p.16-17) and
// makes the protocol (p.17), and the appeal commission (p.21-22). What the
// seed fixes and what is our default is said at each rule.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "exam/common/date.hpp"

namespace tanu::exam {

// p.9 (exam commission), p.21-22 (appeal commission).
enum class commission_kind { exam, appeal };
// The seed names no offices: chair, deputy, secretary, member are the centre's
// order's usual offices (our default).
enum class member_role { chair, deputy, secretary, member };
// The seed is silent on the quorum: our default chair_and_majority.
enum class quorum_rule { chair_and_majority, majority, all };

const char* to_string(commission_kind k);
const char* to_string(member_role r);
const char* to_string(quorum_rule q);
std::optional<commission_kind> parse_commission_kind(std::string_view s);
std::optional<member_role> parse_member_role(std::string_view s);
std::optional<quorum_rule> parse_quorum_rule(std::string_view s);

struct commission_member {
    std::int64_t user = 0;
    member_role role = member_role::member;
};

// The composition of a body (the seed is silent: our default): at least one
// member, exactly one chair, at most one secretary, a user at most once.
// Codes: no_members, no_chair, two_chairs, two_secretaries, member_twice.
struct composition_defect {
    std::string code;
    std::string message;
    std::int64_t user = 0;  // member_twice: the user; else 0
};
std::optional<composition_defect> check_composition(const std::vector<commission_member>& members);

// The chair of a body, when it has one.
std::optional<std::int64_t> chair_of(const std::vector<commission_member>& members);
bool is_member(const std::vector<commission_member>& members, std::int64_t user);

// Whether the signatures bind the body (p.17: "the decisions of the exam
// commission are drawn up by a protocol"; who must sign it the seed does not
// say: our default). chair_and_majority: the chair signed and more than half of
// all members signed; majority: more than half signed; all: everyone signed.
// A one-member body: its chair alone binds under every rule. Signatures of
// users who are not members do not count.
struct quorum_state {
    bool reached = false;
    int needed = 0;                     // signatures of members the rule needs
    int have = 0;                       // signatures of members given
    bool chair_needed = false;          // the rule needs the chair's own signature
    bool chair_signed = false;
    std::vector<std::int64_t> missing;  // members who have not signed, in the order given
};
quorum_state quorum(quorum_rule rule, const std::vector<commission_member>& members,
                    const std::vector<std::int64_t>& signers);

// A body as the choice of a sitting's commission sees it.
struct commission_term {
    std::int64_t id = 0;
    date order_date;                // the centre's order creating it
    date valid_from;
    std::optional<date> valid_to;   // none: until closed
    bool closed = false;
};

// Active on `day`: valid_from <= day <= valid_to (when given) and not closed.
bool active_on(const commission_term& c, const date& day);

// The body that serves a sitting (the seed is silent: our default): of those
// serving its programme, the one active on `day` (the day the theory stage
// ended); when several are, the newest order (order_date, then the greater id).
std::optional<std::int64_t> choose_commission(const std::vector<commission_term>& serving, const date& day);

// W4 (recommended by the design, the seed is silent): no member of the
// sitting's exam commission sits on its appeal. The appeal's members: the
// appeal commission's members who are not on the exam commission, in order.
std::vector<std::int64_t> appeal_panel(const std::vector<std::int64_t>& appeal_members,
                                       const std::vector<std::int64_t>& exam_members);

}  // namespace tanu::exam
