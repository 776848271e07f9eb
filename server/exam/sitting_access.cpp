#include "server/exam/sitting_access.hpp"

#include <algorithm>

#include "server/platform/domain_error.hpp"
#include "server/recognition/store.hpp"

namespace tanu::server {

namespace {

bool assigned_appeal(db& d, const principal& p, std::int64_t sitting) {
    for (const auto& a : store::appeals_of_sitting(d, sitting))
        if (std::find(a.members.begin(), a.members.end(), p.user) != a.members.end()) return true;
    return false;
}

}  // namespace

exam::reader candidate_reader(const principal& who, std::int64_t candidate) {
    if (who.is(role::admin) || who.is(role::commission)) return exam::reader::staff;
    if (who.is(role::candidate) && who.candidate && *who.candidate == candidate) return exam::reader::candidate;
    throw forbidden();
}

exam::reader sitting_reader(db& d, const principal& who, const sitting_row& s) {
    if (who.is(role::admin) || who.is(role::commission)) return exam::reader::staff;
    if (who.is(role::candidate) && who.candidate && *who.candidate == s.candidate) return exam::reader::candidate;
    if (who.is(role::appeal) && assigned_appeal(d, who, s.id)) return exam::reader::appeal_member;
    throw forbidden("not allowed to see this session");
}

}  // namespace tanu::server
