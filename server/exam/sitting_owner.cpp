#include "server/exam/sitting_owner.hpp"

#include <stdexcept>

#include "server/platform/domain_error.hpp"
#include "server/programmes/store.hpp"

namespace tanu::server {

std::optional<sitting_owner::start_block> sitting_owner::before_start(db&, const sitting_row&) const { return std::nullopt; }

void sitting_owner::check_commission(db&, std::int64_t, const exam::programme& p) const {
    throw domain_error(error_kind::unprocessable, "no_commissions",
                       "the procedure of programme " + p.code + " has no commissions to assign");
}

void sitting_owners::add(const std::string& kind, std::shared_ptr<const sitting_owner> owner) {
    if (!owner || !owners_.emplace(kind, std::move(owner)).second)
        throw std::logic_error("sitting owner '" + kind + "' registered twice or empty");
}

bool sitting_owners::has(const std::string& kind) const { return owners_.count(kind) > 0; }

std::vector<std::string> sitting_owners::kinds() const {
    std::vector<std::string> out;
    for (const auto& [k, o] : owners_) out.push_back(k);
    return out;
}

const sitting_owner& sitting_owners::of(const std::string& kind) const {
    auto it = owners_.find(kind);
    if (it == owners_.end()) throw std::logic_error("no procedure owns sittings of kind '" + kind + "'");
    return *it->second;
}

const sitting_owner& sitting_owners::of(db& d, const sitting_row& s) const {
    auto p = store::find_programme(d, s.programme);
    if (!p) throw std::logic_error("the programme " + s.programme + " of sitting " + std::to_string(s.id) + " is gone");
    return of(p->kind);
}

}  // namespace tanu::server
