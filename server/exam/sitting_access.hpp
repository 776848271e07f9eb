#pragma once
// The access policy for a candidate's sittings: who may read them and as whom
// (what each reader then sees is exam::may_see's, exam/theory/disclosure.hpp). Every
// route that shows a sitting asks here.
#include <cstdint>

#include "exam/theory/disclosure.hpp"
#include "server/db/sqlite.hpp"
#include "server/exam/sitting_owner.hpp"
#include "server/exam/store.hpp"

namespace tanu::server {

// A candidate's list of sittings: the centre's staff (admin, exam commission)
// or that candidate; forbidden for anyone else.
exam::reader candidate_reader(const principal& who, std::int64_t candidate);

// One sitting: as above, and also whom the procedure owning the sitting lets
// read it (recognition: the appeal commission's members an appeal of it is
// assigned to, seed 002 p.22: they review the whole record).
exam::reader sitting_reader(db& d, const sitting_owners& owners, const principal& who, const sitting_row& s);

}  // namespace tanu::server
