// libFuzzer: strict ISO dates (exam/common/date.hpp). A parsed date is a real day and
// writes back as exactly the text it was read from (YYYY-MM-DD, nothing else).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "exam/common/date.hpp"

using namespace tanu::exam;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view s(reinterpret_cast<const char*>(data), size);
    if (const auto d = parse_iso_date(s)) {
        if (!is_valid_date(d->year, d->month, d->day)) std::abort();
        if (to_iso(*d) != s) std::abort();
    }
    // is_valid_date on whatever integers the bytes make.
    if (size >= 12) {
        int v[3];
        for (int k = 0; k < 3; ++k)
            v[k] = static_cast<int>(static_cast<std::uint32_t>(data[4 * k]) << 24 | data[4 * k + 1] << 16 |
                                    data[4 * k + 2] << 8 | data[4 * k + 3]);
        (void)is_valid_date(v[0], v[1], v[2]);
    }
    return 0;
}
