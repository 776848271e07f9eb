#include "server/applications/common.hpp"

#include <chrono>

#include "exam/common/calendar.hpp"
#include "server/platform/domain_error.hpp"

namespace tanu::server::applications {

application_row must_application(db& d, std::int64_t id, const actor& who) {
    auto a = store::find_application(d, id);
    if (!a || (who.candidate && a->candidate != *who.candidate)) throw not_found("no such application");
    return *a;
}

programme_terms must_programme(db& d, const std::string& code) {
    auto t = store::find_programme_terms(d, code);
    if (!t) throw domain_error(error_kind::unprocessable, "unknown_programme", "no programme " + code);
    return *t;
}

exam::application_status status_of(const application_row& a) {
    auto s = exam::parse_application_status(a.status);
    if (!s) throw domain_error(error_kind::internal, "internal", "a stored application status is unknown: " + a.status);
    return *s;
}


void require_identity(const exam::applicant& a) {
    const auto defects = exam::identity_defects(a);
    if (defects.empty()) return;
    const auto& d = defects.front();
    if (d.code == "iin_birth_mismatch")
        throw domain_error(error_kind::unprocessable, "iin_birth_mismatch", "the IIN encodes another birth date");
    if (d.subject == "iin")
        throw domain_error(error_kind::unprocessable, "bad_iin", "the IIN must be 12 digits with a valid date and check digit");
    throw domain_error(error_kind::unprocessable, d.code,
                       d.subject + (d.code == "field_missing" ? " is required" : " is not valid"));
}

std::size_t chars(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

}  // namespace tanu::server::applications
