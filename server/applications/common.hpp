#pragma once
// What the applications' use cases and views share: who acts, the records
// they look up by id (each refusal once), dates, and the free texts' limits.
#include <cstdint>
#include <optional>
#include <string>

#include "exam/applications/application.hpp"
#include "exam/common/date.hpp"
#include "server/applications/store.hpp"
#include "server/db/sqlite.hpp"
#include "server/platform/texts.hpp"

namespace tanu::server::applications {

// Who calls a use case: a candidate (his own applications only) or the
// centre's staff (registrar, head, admin).
struct actor {
    std::int64_t user = 0;
    std::optional<std::int64_t> candidate;  // set: the candidate acting on his own
    bool staff() const { return !candidate; }
};

// The application, when `who` may see it: not_found for a missing one and for
// another candidate's (its id is not revealed).
application_row must_application(db& d, std::int64_t id, const actor& who);
programme_terms must_programme(db& d, const std::string& code);  // unprocessable unknown_programme
exam::application_status status_of(const application_row& a);


// The identity a person gives (surname, name, IIN, birth date): unprocessable
// when exam::identity_defects finds any: bad_iin (the IIN missing or not
// valid), iin_birth_mismatch, else the defect's code (field_missing,
// field_invalid), the message naming the field.
void require_identity(const exam::applicant& a);

// Characters (code points) of UTF-8 text.
std::size_t chars(const std::string& s);

}  // namespace tanu::server::applications
