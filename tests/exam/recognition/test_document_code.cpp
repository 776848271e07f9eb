#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>

#include "exam/recognition/document_code.hpp"

using namespace tanu::exam;

namespace {

document_code_parts example() {
    document_code_parts p;
    p.oked = "43210";
    p.nkz = "74110001";
    p.nqf_level = 4;
    p.procedure = date{2026, 12, 1};
    p.centre_number = 7;
    p.serial = 1;
    return p;
}

}  // namespace

TEST_CASE("document code of the protocol's example", "[document]") {
    CHECK(make_document_code(example()) == "43210-74110001-4-011226-0007-00000001");
}

TEST_CASE("document code pads every group to its width", "[document]") {
    auto p = example();
    p.procedure = date{2031, 3, 9};
    p.centre_number = 9999;
    p.serial = 99'999'999;
    p.nqf_level = 8;
    CHECK(make_document_code(p) == "43210-74110001-8-090331-9999-99999999");
    p.procedure = date{2000, 1, 1};
    p.centre_number = 12;
    p.serial = 345;
    CHECK(make_document_code(p) == "43210-74110001-8-010100-0012-00000345");
}

TEST_CASE("a profession without an NKZ code gets zeros", "[document]") {
    auto p = example();
    p.nkz.clear();
    const auto code = make_document_code(p);
    CHECK(code == "43210-00000000-4-011226-0007-00000001");
    CHECK(is_document_code(code));
}

TEST_CASE("bad document code parts throw invalid_argument", "[document]") {
    auto bad = [](auto change) {
        auto p = example();
        change(p);
        return p;
    };
    CHECK_THROWS_AS(make_document_code(bad([](auto& p) { p.oked = "4321"; })), std::invalid_argument);
    CHECK_THROWS_AS(make_document_code(bad([](auto& p) { p.oked = "432100"; })), std::invalid_argument);
    CHECK_THROWS_AS(make_document_code(bad([](auto& p) { p.oked = "4321a"; })), std::invalid_argument);
    CHECK_THROWS_AS(make_document_code(bad([](auto& p) { p.oked = ""; })), std::invalid_argument);
    CHECK_THROWS_AS(make_document_code(bad([](auto& p) { p.nkz = "7411000"; })), std::invalid_argument);
    CHECK_THROWS_AS(make_document_code(bad([](auto& p) { p.nkz = "741100011"; })), std::invalid_argument);
    CHECK_THROWS_AS(make_document_code(bad([](auto& p) { p.nkz = "7411-001"; })), std::invalid_argument);
    CHECK_THROWS_AS(make_document_code(bad([](auto& p) { p.nqf_level = 0; })), std::invalid_argument);
    CHECK_THROWS_AS(make_document_code(bad([](auto& p) { p.nqf_level = 9; })), std::invalid_argument);
    CHECK_THROWS_AS(make_document_code(bad([](auto& p) { p.centre_number = 0; })), std::invalid_argument);
    CHECK_THROWS_AS(make_document_code(bad([](auto& p) { p.centre_number = 10000; })), std::invalid_argument);
    CHECK_THROWS_AS(make_document_code(bad([](auto& p) { p.serial = 0; })), std::invalid_argument);
    CHECK_THROWS_AS(make_document_code(bad([](auto& p) { p.serial = 100'000'000; })), std::invalid_argument);
    CHECK_THROWS_AS(make_document_code(bad([](auto& p) { p.serial = -1; })), std::invalid_argument);
    CHECK_THROWS_AS(make_document_code(bad([](auto& p) { p.procedure = date{2026, 2, 31}; })),
                    std::invalid_argument);
    CHECK_THROWS_AS(make_document_code(bad([](auto& p) { p.procedure = date{}; })), std::invalid_argument);
    CHECK_THROWS_AS(make_document_code(bad([](auto& p) { p.procedure = date{1999, 12, 31}; })),
                    std::invalid_argument);
    // The message says which part is wrong.
    try {
        make_document_code(bad([](auto& p) { p.oked = "123"; }));
        FAIL("no exception");
    } catch (const std::invalid_argument& e) {
        CHECK(std::string(e.what()).find("OKED") != std::string::npos);
    }
}

TEST_CASE("a document code parses back into its parts", "[document]") {
    const auto p = example();
    const auto code = make_document_code(p);
    REQUIRE(is_document_code(code));
    const auto back = parse_document_code(code);
    REQUIRE(back);
    CHECK(back->oked == p.oked);
    CHECK(back->nkz == p.nkz);
    CHECK(back->nqf_level == p.nqf_level);
    CHECK(back->procedure == p.procedure);
    CHECK(back->centre_number == p.centre_number);
    CHECK(back->serial == p.serial);
    CHECK(make_document_code(*back) == code);

    const auto big = parse_document_code("96090-00000000-8-290228-9999-99999999");
    REQUIRE(big);
    CHECK(big->nkz == "00000000");
    CHECK(big->procedure == date{2028, 2, 29});
    CHECK(big->centre_number == 9999);
    CHECK(big->serial == 99'999'999);
}

TEST_CASE("is_document_code rejects malformed codes", "[document]") {
    CHECK(is_document_code("43210-74110001-4-011226-0007-00000001"));
    // wrong group lengths
    CHECK_FALSE(is_document_code("4321-074110001-4-011226-0007-00000001"));
    CHECK_FALSE(is_document_code("43210-7411000-14-011226-0007-00000001"));
    CHECK_FALSE(is_document_code("43210-74110001-4-01122-60007-00000001"));
    CHECK_FALSE(is_document_code("43210-74110001-4-011226-007-000000001"));
    CHECK_FALSE(is_document_code("43210-74110001-4-011226-0007-0000001"));
    CHECK_FALSE(is_document_code("43210-74110001-4-011226-0007-000000011"));
    CHECK_FALSE(is_document_code("43210-74110001-04-011226-0007-0000001"));
    // letters, other separators, spaces, missing dashes
    CHECK_FALSE(is_document_code("4321A-74110001-4-011226-0007-00000001"));
    CHECK_FALSE(is_document_code("43210-74110001-4-011226-0007-0000000x"));
    CHECK_FALSE(is_document_code("43210_74110001_4_011226_0007_00000001"));
    CHECK_FALSE(is_document_code("43210-74110001-4-011226-0007-00000001 "));
    CHECK_FALSE(is_document_code(" 43210-74110001-4-011226-0007-0000001"));
    CHECK_FALSE(is_document_code("4321074110001401122600070000000100000"));
    CHECK_FALSE(is_document_code(""));
    // the date digits must form a real date
    CHECK_FALSE(is_document_code("43210-74110001-4-310226-0007-00000001"));  // 31.02.26
    CHECK_FALSE(is_document_code("43210-74110001-4-290227-0007-00000001"));  // 29.02.27, not a leap year
    CHECK(is_document_code("43210-74110001-4-290228-0007-00000001"));        // 29.02.28
    CHECK_FALSE(is_document_code("43210-74110001-4-001226-0007-00000001"));  // day 0
    CHECK_FALSE(is_document_code("43210-74110001-4-011326-0007-00000001"));  // month 13
    CHECK_FALSE(parse_document_code("43210-74110001-4-310226-0007-00000001"));
}
