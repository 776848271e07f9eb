// libFuzzer: the IIN check (exam/common/iin.hpp) on any bytes. Beyond "no crash, no
// undefined behaviour", what the server relies on: a valid IIN is 12 digits
// whose last is the check digit, and the birth date it gives is a real day.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "exam/common/iin.hpp"

using namespace tanu::exam;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view s(reinterpret_cast<const char*>(data), size);
    const iin_status st = check_iin(s);
    (void)iin_check_digit(s);
    const auto born = iin_birth_date(s);
    if (st == iin_status::valid) {
        if (s.size() != 12) std::abort();
        for (char c : s)
            if (c < '0' || c > '9') std::abort();
        const auto check = iin_check_digit(s.substr(0, 11));
        if (!check || *check != s[11] - '0') std::abort();
        if (born && !is_valid_date(born->year, born->month, born->day)) std::abort();
    } else if (born) {
        std::abort();  // a birth date only from a valid IIN
    }
    return 0;
}
