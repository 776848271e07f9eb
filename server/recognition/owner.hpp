#pragma once
// The recognition procedure as the owner of its programmes' sittings (the
// seam in server/exam/sitting_owner.hpp): when the theory stage ends it fixes
// the procedure's date and the protocol's deadline (p.17); a violation opens
// a draft act (p.14); the outcome is the protocol's, or an upheld appeal's
// (p.18, p.23); the appeal commission's members read the sittings their
// appeals are of (p.22).
#include <memory>

#include "server/exam/sitting_owner.hpp"
#include "server/platform/logger.hpp"

namespace tanu::server::recognition {

// The programme kind it owns.
inline constexpr const char* kind = "recognition";

std::shared_ptr<const sitting_owner> make_sitting_owner(logger& log);

}  // namespace tanu::server::recognition
