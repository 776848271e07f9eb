#include "server/platform/texts.hpp"

#include "exam/common/calendar.hpp"
#include "server/platform/domain_error.hpp"

namespace tanu::server {

std::string fill_in(std::string_view t, const text_values& v) {
    std::string out;
    std::size_t i = 0;
    while (i < t.size()) {
        const auto open = t.find('{', i);
        const auto close = open == std::string_view::npos ? std::string_view::npos : t.find('}', open);
        if (close == std::string_view::npos) {
            out.append(t.substr(i));
            break;
        }
        out.append(t.substr(i, open - i));
        const auto name = t.substr(open + 1, close - open - 1);
        bool found = false;
        for (const auto& [k, val] : v)
            if (name == k) {
                out += val;
                found = true;
                break;
            }
        if (!found) out.append(t.substr(open, close - open + 1));
        i = close + 1;
    }
    return out;
}

std::string today_iso(std::int64_t now_ms) { return exam::to_iso(exam::kz_local_date(now_ms)); }

exam::date must_date(const std::string& iso) {
    auto d = exam::parse_iso_date(iso);
    if (!d) throw domain_error(error_kind::internal, "internal", "a stored date is malformed: " + iso);
    return *d;
}

std::string format_dmy(const std::string& iso) {
    if (iso.size() != 10) return iso;
    return iso.substr(8, 2) + "." + iso.substr(5, 2) + "." + iso.substr(0, 4);
}

}  // namespace tanu::server
