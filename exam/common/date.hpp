#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace tanu::exam {

// A civil date (proleptic Gregorian).
struct date {
    int year = 0;
    int month = 0;
    int day = 0;
    auto operator<=>(const date&) const = default;
};

bool is_valid_date(int year, int month, int day);
// Parses YYYY-MM-DD strictly; nullopt when malformed or not a real day.
std::optional<date> parse_iso_date(std::string_view text);
std::string to_iso(const date& d);

}  // namespace tanu::exam
