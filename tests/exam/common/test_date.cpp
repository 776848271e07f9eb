#include <catch2/catch.hpp>

#include "exam/common/date.hpp"

using namespace tanu::exam;

TEST_CASE("civil dates", "[date]") {
    CHECK(is_valid_date(2000, 2, 29));   // divisible by 400
    CHECK_FALSE(is_valid_date(1900, 2, 29));  // divisible by 100 only
    CHECK(is_valid_date(2024, 2, 29));
    CHECK_FALSE(is_valid_date(2023, 2, 29));
    CHECK(is_valid_date(2023, 12, 31));
    CHECK_FALSE(is_valid_date(2023, 4, 31));
    CHECK_FALSE(is_valid_date(2023, 13, 1));
    CHECK_FALSE(is_valid_date(2023, 0, 1));
    CHECK_FALSE(is_valid_date(2023, 1, 0));
    CHECK_FALSE(is_valid_date(2023, 1, 32));
}

TEST_CASE("ISO dates parse strictly and print back", "[date]") {
    auto d = parse_iso_date("2006-12-11");
    REQUIRE(d.has_value());
    CHECK(*d == date{2006, 12, 11});
    CHECK(to_iso(*d) == "2006-12-11");
    CHECK(to_iso(date{1985, 1, 1}) == "1985-01-01");

    CHECK_FALSE(parse_iso_date("2006-12-1").has_value());
    CHECK_FALSE(parse_iso_date("2006/12/11").has_value());
    CHECK_FALSE(parse_iso_date("2006-13-11").has_value());
    CHECK_FALSE(parse_iso_date("2023-02-29").has_value());
    CHECK_FALSE(parse_iso_date("20x6-12-11").has_value());
    CHECK_FALSE(parse_iso_date("2006-12-11T").has_value());
    CHECK_FALSE(parse_iso_date("").has_value());
    CHECK(date{2006, 12, 11} < date{2006, 12, 12});
}
