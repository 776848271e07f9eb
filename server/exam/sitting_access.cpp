#include "server/exam/sitting_access.hpp"

#include "server/platform/domain_error.hpp"

namespace tanu::server {

exam::reader candidate_reader(const principal& who, std::int64_t candidate) {
    if (who.is(role::admin) || who.is(role::commission) || who.is(role::head) || who.is(role::registrar))
        return exam::reader::staff;
    if (who.is(role::candidate) && who.candidate && *who.candidate == candidate) return exam::reader::candidate;
    throw forbidden();
}

exam::reader sitting_reader(db& d, const sitting_owners& owners, const principal& who, const sitting_row& s) {
    if (who.is(role::admin) || who.is(role::commission) || who.is(role::head) || who.is(role::registrar))
        return exam::reader::staff;
    if (who.is(role::candidate) && who.candidate && *who.candidate == s.candidate) return exam::reader::candidate;
    if (auto as = owners.of(d, s).reader(d, who, s)) return *as;
    throw forbidden("not allowed to see this session");
}

}  // namespace tanu::server
