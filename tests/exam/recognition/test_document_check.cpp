#include <catch2/catch.hpp>

#include "exam/recognition/document_code.hpp"

using namespace tanu::exam;

TEST_CASE("check value: 12 lower-case hex characters", "[document]") {
    CHECK(is_check_value("0123456789ab"));
    CHECK(is_check_value("ffffffffffff"));
    CHECK_FALSE(is_check_value("0123456789AB"));  // stored and printed lower-case
    CHECK_FALSE(is_check_value("0123456789a"));
    CHECK_FALSE(is_check_value("0123456789abc"));
    CHECK_FALSE(is_check_value("0123456789ag"));
    CHECK_FALSE(is_check_value(""));
}

TEST_CASE("holder initials: the first letter of each word, Kazakh and Russian letters too", "[document]") {
    CHECK(holder_initials("Әбенов Серік Қайратұлы") == "Ә. С. Қ.");
    CHECK(holder_initials("Иванова Анна") == "И. А.");
    CHECK(holder_initials("  Öztürk   Ülkü ") == "Ö. Ü.");
    CHECK(holder_initials("Candidate cand-pass") == "C. c.");
    CHECK(holder_initials("Нұрланова") == "Н.");
    CHECK(holder_initials("").empty());
    CHECK(holder_initials("   ").empty());
}
