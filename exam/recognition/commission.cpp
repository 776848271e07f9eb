#include "exam/recognition/commission.hpp"

#include <algorithm>

namespace tanu::exam {

const char* to_string(commission_kind k) { return k == commission_kind::exam ? "exam" : "appeal"; }

const char* to_string(member_role r) {
    switch (r) {
        case member_role::chair: return "chair";
        case member_role::deputy: return "deputy";
        case member_role::secretary: return "secretary";
        case member_role::member: return "member";
    }
    return "member";
}

const char* to_string(quorum_rule q) {
    switch (q) {
        case quorum_rule::chair_and_majority: return "chair_and_majority";
        case quorum_rule::majority: return "majority";
        case quorum_rule::all: return "all";
    }
    return "chair_and_majority";
}

std::optional<commission_kind> parse_commission_kind(std::string_view s) {
    if (s == "exam") return commission_kind::exam;
    if (s == "appeal") return commission_kind::appeal;
    return std::nullopt;
}

std::optional<member_role> parse_member_role(std::string_view s) {
    for (auto r : {member_role::chair, member_role::deputy, member_role::secretary, member_role::member})
        if (s == to_string(r)) return r;
    return std::nullopt;
}

std::optional<quorum_rule> parse_quorum_rule(std::string_view s) {
    for (auto q : {quorum_rule::chair_and_majority, quorum_rule::majority, quorum_rule::all})
        if (s == to_string(q)) return q;
    return std::nullopt;
}

std::optional<composition_defect> check_composition(const std::vector<commission_member>& members) {
    if (members.empty()) return composition_defect{"no_members", "a commission has at least one member", 0};
    int chairs = 0, secretaries = 0;
    for (std::size_t i = 0; i < members.size(); ++i) {
        for (std::size_t j = 0; j < i; ++j)
            if (members[j].user == members[i].user)
                return composition_defect{"member_twice", "a user sits on a commission once, in one role", members[i].user};
        chairs += members[i].role == member_role::chair;
        secretaries += members[i].role == member_role::secretary;
    }
    if (chairs == 0) return composition_defect{"no_chair", "a commission has a chair", 0};
    if (chairs > 1) return composition_defect{"two_chairs", "a commission has exactly one chair", 0};
    if (secretaries > 1) return composition_defect{"two_secretaries", "a commission has at most one secretary", 0};
    return std::nullopt;
}

std::optional<std::int64_t> chair_of(const std::vector<commission_member>& members) {
    for (const auto& m : members)
        if (m.role == member_role::chair) return m.user;
    return std::nullopt;
}

bool is_member(const std::vector<commission_member>& members, std::int64_t user) {
    return std::any_of(members.begin(), members.end(), [&](const commission_member& m) { return m.user == user; });
}

quorum_state quorum(quorum_rule rule, const std::vector<commission_member>& members,
                    const std::vector<std::int64_t>& signers) {
    quorum_state q;
    const int n = static_cast<int>(members.size());
    const auto chair = chair_of(members);
    for (const auto& m : members) {
        const bool signed_ = std::find(signers.begin(), signers.end(), m.user) != signers.end();
        if (signed_) ++q.have;
        else q.missing.push_back(m.user);
        if (signed_ && chair && m.user == *chair) q.chair_signed = true;
    }
    const int majority = n / 2 + 1;  // more than half of all members
    switch (rule) {
        case quorum_rule::chair_and_majority:
            q.needed = majority;
            q.chair_needed = true;
            break;
        case quorum_rule::majority: q.needed = majority; break;
        case quorum_rule::all: q.needed = n; break;
    }
    if (n == 0) {  // no body: nothing binds (check_composition refuses such a body)
        q.needed = 1;
        return q;
    }
    q.reached = q.have >= q.needed && (!q.chair_needed || q.chair_signed);
    return q;
}

bool active_on(const commission_term& c, const date& day) {
    if (c.closed || day < c.valid_from) return false;
    return !c.valid_to || day <= *c.valid_to;
}

std::optional<std::int64_t> choose_commission(const std::vector<commission_term>& serving, const date& day) {
    const commission_term* best = nullptr;
    for (const auto& c : serving) {
        if (!active_on(c, day)) continue;
        if (!best || c.order_date > best->order_date || (c.order_date == best->order_date && c.id > best->id)) best = &c;
    }
    if (!best) return std::nullopt;
    return best->id;
}

std::vector<std::int64_t> appeal_panel(const std::vector<std::int64_t>& appeal_members,
                                       const std::vector<std::int64_t>& exam_members) {
    std::vector<std::int64_t> out;
    for (auto u : appeal_members)
        if (std::find(exam_members.begin(), exam_members.end(), u) == exam_members.end() &&
            std::find(out.begin(), out.end(), u) == out.end())
            out.push_back(u);
    return out;
}

}  // namespace tanu::exam
