#include "server/recognition/checks.hpp"

#include "exam/common/calendar.hpp"
#include "server/platform/domain_error.hpp"
#include "server/programmes/store.hpp"
#include "server/recognition/store.hpp"

namespace tanu::server::recognition {

const std::string& checked_text(const std::string& s, std::size_t max, const char* what, bool required) {
    std::size_t chars = 0;
    for (unsigned char c : s) chars += (c & 0xC0) != 0x80;
    if ((required && s.empty()) || chars > max)
        throw unprocessable(std::string(what) + (required ? " of 1 to " : " of at most ") + std::to_string(max) +
                            " characters is required");
    return s;
}


sitting_row must_sitting(db& d, std::int64_t id) {
    auto s = store::find_sitting(d, id);
    if (!s) throw not_found("no such session");
    return *s;
}

exam::programme must_programme(db& d, const std::string& code) {
    auto p = store::find_programme(d, code);
    if (!p) throw not_found("no programme " + code);
    return *p;
}

bool admitted(const sitting_row& s) {
    return exam::admitted_to_practical(s.ended(), s.passed.value_or(false), s.status == "terminated");
}


}  // namespace tanu::server::recognition
