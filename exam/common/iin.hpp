#pragma once
#include <optional>
#include <string_view>

#include "exam/common/date.hpp"

namespace tanu::exam {

// Kazakhstan's individual identification number (ЖСН/ИИН): 12 digits,
// YYMMDD, a century-and-sex digit, four serial digits, a check digit.
enum class iin_status { valid, bad_format, bad_date, bad_check_digit };

// The check digit: sum of digits 1..11 weighted 1..11, mod 11; when that is 10,
// a second pass with weights 3,4,...,11,1,2; a second 10 means the number is not
// issued at all (nullopt).
std::optional<int> iin_check_digit(std::string_view first11);

iin_status check_iin(std::string_view iin);
inline bool iin_valid(std::string_view iin) { return check_iin(iin) == iin_status::valid; }

// The birth date an IIN encodes when its 7th digit gives the century (1..6);
// nullopt otherwise (the number is then not checked against a birth date).
std::optional<date> iin_birth_date(std::string_view iin);

}  // namespace tanu::exam
