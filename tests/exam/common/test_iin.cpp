#include <catch2/catch.hpp>

#include <string>

#include "exam/common/iin.hpp"

using namespace tanu::exam;

namespace {

// The check digit straight from its definition (docs/api.md), independent of
// exam/common/iin.cpp: weights 1..11 mod 11; when 10, weights 3..11,1,2 mod 11; when 10
// again, no IIN (-1).
int reference_check_digit(const std::string& first11) {
    static constexpr int w1[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
    static constexpr int w2[] = {3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2};
    int s = 0;
    for (int i = 0; i < 11; ++i) s += (first11[static_cast<std::size_t>(i)] - '0') * w1[i];
    if (s % 11 != 10) return s % 11;
    s = 0;
    for (int i = 0; i < 11; ++i) s += (first11[static_cast<std::size_t>(i)] - '0') * w2[i];
    return s % 11 == 10 ? -1 : s % 11;
}

int first_pass(const std::string& first11) {
    int s = 0;
    for (int i = 0; i < 11; ++i) s += (first11[static_cast<std::size_t>(i)] - '0') * (i + 1);
    return s % 11;
}

}  // namespace

TEST_CASE("IIN 061211600012 is valid only through the second weighting pass", "[iin]") {
    // 0*1+6*2+1*3+2*4+1*5+1*6+6*7+0*8+0*9+0*10+1*11 = 87; 87 mod 11 = 10
    CHECK(first_pass("06121160001") == 10);
    // 0*3+6*4+1*5+2*6+1*7+1*8+6*9+0*10+0*11+0*1+1*2 = 112; 112 mod 11 = 2
    REQUIRE(iin_check_digit("06121160001") == 2);
    CHECK(check_iin("061211600012") == iin_status::valid);
    CHECK(iin_valid("061211600012"));
    // Had the first pass's 10 been taken as a digit, or the first pass been used
    // mod 10, the number would not check: every other last digit fails.
    for (char last = '0'; last <= '9'; ++last) {
        if (last == '2') continue;
        std::string other = std::string("06121160001") + last;
        CHECK(check_iin(other) == iin_status::bad_check_digit);
    }
}

TEST_CASE("IINs computed by hand from the definition are valid", "[iin]") {
    struct hand {
        const char* iin;
        int check;
    };
    const hand cases[] = {
        // 8*1+5*2+0*3+1*4+0*5+1*6+3*7+0*8+0*9+0*10+1*11 = 60; 60 mod 11 = 5
        {"850101300015", 5},
        // 7+16+0+12+5+30+28+40+0+10+22 = 170; 170 mod 11 = 5
        {"780315450125", 5},
        // 0+0+0+8+10+54+35+0+0+0+33 = 140; 140 mod 11 = 8 (29 Feb 2000: a leap year)
        {"000229500038", 8},
        // 1+4+0+4+0+6+7+0+0+0+11 = 33; 33 mod 11 = 0 (1812, century digit 1)
        {"120101100010", 0},
        // first pass 8+10+0+4+0+6+21+0+0+60+44 = 153 -> 10;
        // second 24+20+0+6+0+8+27+0+0+6+8 = 99; 99 mod 11 = 0
        {"850101300640", 0},
        // first pass 8+10+0+4+0+6+0+0+0+0+11 = 39; 39 mod 11 = 6 (7th digit 0: no century)
        {"850101000016", 6},
    };
    for (const auto& c : cases) {
        INFO(c.iin);
        std::string s = c.iin;
        CHECK(reference_check_digit(s.substr(0, 11)) == c.check);
        CHECK(iin_check_digit(s.substr(0, 11)) == c.check);
        CHECK(check_iin(s) == iin_status::valid);
    }
    CHECK(first_pass("85010130064") == 10);
}

TEST_CASE("a prefix whose both passes give 10 has no valid IIN", "[iin]") {
    // first 8+10+0+4+0+6+21+0+0+60+99 = 208 -> 10; second 24+20+0+6+0+8+27+0+0+6+18 = 109 -> 10
    CHECK(reference_check_digit("85010130069") == -1);
    CHECK_FALSE(iin_check_digit("85010130069").has_value());
    for (char last = '0'; last <= '9'; ++last) {
        std::string s = std::string("85010130069") + last;
        INFO(s);
        CHECK(check_iin(s) == iin_status::bad_check_digit);
    }
}

TEST_CASE("the library agrees with the definition over many prefixes", "[iin]") {
    for (int serial = 0; serial < 2000; ++serial) {
        std::string p = "8501013" + std::string(4 - std::to_string(serial).size(), '0') + std::to_string(serial);
        int want = reference_check_digit(p);
        auto got = iin_check_digit(p);
        INFO(p);
        if (want < 0) {
            CHECK_FALSE(got.has_value());
        } else {
            REQUIRE(got.has_value());
            CHECK(*got == want);
            CHECK(iin_valid(p + static_cast<char>('0' + want)));
            CHECK_FALSE(iin_valid(p + static_cast<char>('0' + (want + 1) % 10)));
        }
    }
}

TEST_CASE("invalid IINs", "[iin]") {
    SECTION("wrong check digit") {
        CHECK(check_iin("061211600013") == iin_status::bad_check_digit);
        CHECK(check_iin("850101300016") == iin_status::bad_check_digit);
        CHECK(check_iin("780315450120") == iin_status::bad_check_digit);
    }
    SECTION("length and characters") {
        CHECK(check_iin("06121160001") == iin_status::bad_format);     // 11 digits
        CHECK(check_iin("0612116000120") == iin_status::bad_format);   // 13 digits
        CHECK(check_iin("") == iin_status::bad_format);
        CHECK(check_iin("06121160001A") == iin_status::bad_format);
        CHECK(check_iin("O61211600012") == iin_status::bad_format);    // letter O
        CHECK(check_iin("061211 00012") == iin_status::bad_format);
        CHECK(check_iin("-61211600012") == iin_status::bad_format);
        CHECK_FALSE(iin_valid("0612116000120"));
    }
    SECTION("dates that do not exist (check digit itself right)") {
        // month 13: 8+10+3+12+0+6+21+0+0+0+11 = 71 -> 5
        CHECK(reference_check_digit("85130130001") == 5);
        CHECK(check_iin("851301300015") == iin_status::bad_date);
        // day 32: 8+10+0+4+15+12+21+0+0+0+11 = 81 -> 4
        CHECK(reference_check_digit("85013230001") == 4);
        CHECK(check_iin("850132300014") == iin_status::bad_date);
        // 29 Feb 1901 (century digit 3): 0+2+0+8+10+54+21+0+0+0+33 = 128 -> 7
        CHECK(reference_check_digit("01022930003") == 7);
        CHECK(check_iin("010229300037") == iin_status::bad_date);
        // 29 Feb 1900 is not a leap year either (century digit 3), 2000 is (digit 5)
        CHECK(reference_check_digit("00022930003") == 5);
        CHECK(check_iin("000229300035") == iin_status::bad_date);
        CHECK(check_iin("000229500038") == iin_status::valid);
        // 30 Feb never exists; month 00 and day 00 neither
        CHECK(check_iin("850230300017") == iin_status::bad_date);
        CHECK(check_iin("850001300011") == iin_status::bad_date);
        CHECK(check_iin("850100300012") == iin_status::bad_date);
    }
}

TEST_CASE("the birth date an IIN encodes", "[iin]") {
    auto d = iin_birth_date("061211600012");  // 7th digit 6: 2000s
    REQUIRE(d.has_value());
    CHECK(*d == date{2006, 12, 11});
    CHECK(to_iso(*d) == "2006-12-11");

    auto d3 = iin_birth_date("850101300015");  // 7th digit 3: 1900s
    REQUIRE(d3.has_value());
    CHECK(*d3 == date{1985, 1, 1});

    auto d4 = iin_birth_date("780315450125");  // 7th digit 4: 1900s
    REQUIRE(d4.has_value());
    CHECK(*d4 == date{1978, 3, 15});

    auto d1 = iin_birth_date("120101100010");  // 7th digit 1: 1800s
    REQUIRE(d1.has_value());
    CHECK(*d1 == date{1812, 1, 1});

    auto d5 = iin_birth_date("000229500038");  // 7th digit 5: 2000s
    REQUIRE(d5.has_value());
    CHECK(*d5 == date{2000, 2, 29});

    // 7th digit 0: valid IIN, but no century, so no birth date to compare with
    CHECK(iin_valid("850101000016"));
    CHECK_FALSE(iin_birth_date("850101000016").has_value());
    // An invalid IIN has no birth date
    CHECK_FALSE(iin_birth_date("061211600013").has_value());
    CHECK_FALSE(iin_birth_date("0612116000").has_value());
}
