#pragma once
// What every domain's notices and stores share: a text with {name} blanks
// filled in, and the local dates the records keep (UTC+5, YYYY-MM-DD).
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "exam/common/date.hpp"

namespace tanu::server {

using text_values = std::vector<std::pair<const char*, std::string>>;

// `tmpl` with each {name} replaced by its value (a blank without one stays as
// it is); values are not scanned again.
std::string fill_in(std::string_view tmpl, const text_values& v);

std::string today_iso(std::int64_t now_ms);      // the local date (UTC+5), YYYY-MM-DD
exam::date must_date(const std::string& iso);    // a stored date; internal error when malformed
std::string format_dmy(const std::string& iso);  // DD.MM.YYYY, as the notices print dates

}  // namespace tanu::server
