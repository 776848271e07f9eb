#include "exam/recognition/offline.hpp"

#include <algorithm>

#include "exam/theory/prohibited.hpp"

namespace tanu::exam {

namespace {

bool has(const std::vector<std::int64_t>& v, std::int64_t x) { return std::find(v.begin(), v.end(), x) != v.end(); }

oral_warning_verdict refuse(std::string code, std::string message) {
    oral_warning_verdict v;
    v.refusal = offline_refusal{std::move(code), std::move(message)};
    return v;
}

}  // namespace

const char* to_string(offline_step s) { return s == offline_step::removal ? "offline_removal" : "oral_warning"; }

oral_warning_verdict judge_oral_warning(const programme& p, const oral_warning_facts& f) {
    if (f.mode != "offline")
        return refuse("not_offline", "an online sitting: the proctoring warns (seed 002 p.13), not the commission");
    if (f.status == "terminated") return refuse("removed", "the candidate was removed from the exam: nothing follows");
    if (f.status != "in_progress") return refuse("not_in_progress", "the sitting is not in progress");
    if (f.item != other_item) {
        if (!is_prohibited_item(f.item))
            return refuse("unknown_item", "item is one of the p.12 list, or 'other' with a description");
        if (std::find(p.allowed_items.begin(), p.allowed_items.end(), f.item) != p.allowed_items.end())
            return refuse("item_allowed", "the programme allows this item (seed 002 p.12, second part)");
    } else if (f.description.empty()) {
        return refuse("unknown_item", "describe the behaviour ('other' needs a description)");
    }
    if (!f.attendance || f.present.empty())
        return refuse("attendance_required", "record the attendance (the members present) first");
    if (f.witnesses.empty()) return refuse("no_witness", "name the members present who witnessed it");
    for (auto w : f.witnesses)
        if (!has(f.present, w)) return refuse("witness_not_present", "a witness must be a member present at the sitting");
    oral_warning_verdict v;
    v.strike = f.standing >= 1 ? 2 : 1;
    v.step = v.strike == 2 ? offline_step::removal : offline_step::oral_warning;
    return v;
}

std::optional<attendance_refusal> check_attendance(const attendance_facts& f) {
    if (f.present.empty())
        return attendance_refusal{"no_member_present", "the commission conducts the procedure (p.9): name the members present", 0};
    std::vector<std::int64_t> seen;
    for (auto u : f.present) {
        if (!is_member(f.commission, u))
            return attendance_refusal{"not_a_member", "a member present must be of the sitting's exam commission", u};
        if (has(seen, u)) return attendance_refusal{"member_twice", "a member is named twice", u};
        seen.push_back(u);
    }
    return std::nullopt;
}

quorum_state act_signatures(const std::vector<std::int64_t>& present, const std::vector<std::int64_t>& signers) {
    std::vector<commission_member> body;
    // every member present signs for himself: no office weighs more here
    for (auto u : present) body.push_back({u, member_role::member});
    return quorum(quorum_rule::all, body, signers);
}

}  // namespace tanu::exam
