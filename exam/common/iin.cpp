#include "exam/common/iin.hpp"

namespace tanu::exam {

std::optional<int> iin_check_digit(std::string_view d) {
    if (d.size() < 11) return std::nullopt;
    int sum = 0;
    for (int i = 0; i < 11; ++i) sum += (d[i] - '0') * (i + 1);
    int check = sum % 11;
    if (check != 10) return check;
    static constexpr int second[] = {3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2};
    sum = 0;
    for (int i = 0; i < 11; ++i) sum += (d[i] - '0') * second[i];
    check = sum % 11;
    if (check == 10) return std::nullopt;
    return check;
}

static bool all_digits(std::string_view s) {
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

iin_status check_iin(std::string_view iin) {
    if (iin.size() != 12 || !all_digits(iin)) return iin_status::bad_format;
    int mm = (iin[2] - '0') * 10 + (iin[3] - '0');
    int dd = (iin[4] - '0') * 10 + (iin[5] - '0');
    // Any century: 2000 is a leap year and 1900 is not, so take the century from
    // digit 7 when it says one, else accept 29 February.
    int yy = (iin[0] - '0') * 10 + (iin[1] - '0');
    int century_digit = iin[6] - '0';
    int year = 2000 + yy;
    if (century_digit >= 1 && century_digit <= 6) year = 1800 + 100 * ((century_digit - 1) / 2) + yy;
    else if (mm == 2 && dd == 29) year = 2000;
    if (!is_valid_date(year, mm, dd)) return iin_status::bad_date;
    auto check = iin_check_digit(iin.substr(0, 11));
    if (!check || *check != iin[11] - '0') return iin_status::bad_check_digit;
    return iin_status::valid;
}

std::optional<date> iin_birth_date(std::string_view iin) {
    if (check_iin(iin) != iin_status::valid) return std::nullopt;
    int century_digit = iin[6] - '0';
    if (century_digit < 1 || century_digit > 6) return std::nullopt;
    date d;
    d.year = 1800 + 100 * ((century_digit - 1) / 2) + (iin[0] - '0') * 10 + (iin[1] - '0');
    d.month = (iin[2] - '0') * 10 + (iin[3] - '0');
    d.day = (iin[4] - '0') * 10 + (iin[5] - '0');
    return d;
}

}  // namespace tanu::exam
