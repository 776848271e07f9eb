#include <catch2/catch.hpp>

#include "exam/theory/scoring.hpp"

using namespace tanu::exam;

TEST_CASE("the 70 % threshold on 90 questions, under both rules", "[scoring]") {
    // 63/90 is exactly 70 %: seed 002 p.15 "more than" fails, seed 003 p.9 "at least" passes.
    CHECK_FALSE(passes(63, 90, 70, pass_rule::above));
    CHECK(passes(63, 90, 70, pass_rule::at_least));
    CHECK(passes(64, 90, 70, pass_rule::above));
    CHECK(passes(64, 90, 70, pass_rule::at_least));
    CHECK_FALSE(passes(62, 90, 70, pass_rule::above));
    CHECK_FALSE(passes(62, 90, 70, pass_rule::at_least));
    CHECK_FALSE(passes(0, 90, 70, pass_rule::above));
    CHECK_FALSE(passes(0, 90, 70, pass_rule::at_least));
    CHECK(passes(90, 90, 70, pass_rule::above));
    CHECK(passes(90, 90, 70, pass_rule::at_least));
}

TEST_CASE("pass decision is exact, not floating point", "[scoring]") {
    // 7/10 = 70 % exactly; 70/100 too.
    CHECK_FALSE(passes(7, 10, 70, pass_rule::above));
    CHECK(passes(7, 10, 70, pass_rule::at_least));
    CHECK_FALSE(passes(70, 100, 70, pass_rule::above));
    CHECK(passes(70, 100, 70, pass_rule::at_least));
    // 100 % needed: only a full score passes at_least, nothing passes above.
    CHECK(passes(90, 90, 100, pass_rule::at_least));
    CHECK_FALSE(passes(89, 90, 100, pass_rule::at_least));
    CHECK_FALSE(passes(90, 90, 100, pass_rule::above));
    // No questions: nothing passes.
    CHECK_FALSE(passes(0, 0, 70, pass_rule::at_least));
}

TEST_CASE("make_score", "[scoring]") {
    theory_spec above;  // defaults: 90 questions, 70 %, above
    REQUIRE(above.rule == pass_rule::above);
    REQUIRE(above.pass_percent == 70);
    theory_spec at_least = above;
    at_least.rule = pass_rule::at_least;

    auto s = make_score(63, 90, above);
    CHECK(s.correct == 63);
    CHECK(s.total == 90);
    CHECK(s.percent == Approx(70.0));
    CHECK_FALSE(s.passed);
    CHECK(make_score(63, 90, at_least).passed);

    auto s64 = make_score(64, 90, above);
    CHECK(s64.percent == Approx(71.1));  // 71.111... to one decimal
    CHECK(s64.passed);
    CHECK(make_score(64, 90, at_least).passed);

    auto zero = make_score(0, 90, at_least);
    CHECK(zero.percent == Approx(0.0));
    CHECK_FALSE(zero.passed);

    auto full = make_score(90, 90, above);
    CHECK(full.percent == Approx(100.0));
    CHECK(full.passed);

    CHECK(make_score(62, 90, at_least).percent == Approx(68.9));  // 68.888...
    CHECK(make_score(1, 3, above).percent == Approx(33.3));
    CHECK(make_score(2, 3, above).percent == Approx(66.7));
    CHECK(make_score(0, 0, above).percent == Approx(0.0));
    CHECK_FALSE(make_score(0, 0, at_least).passed);
}

TEST_CASE("answer_correct", "[scoring]") {
    SECTION("single answer") {
        CHECK(answer_correct({2}, {2}));
        CHECK_FALSE(answer_correct({1}, {2}));
        CHECK_FALSE(answer_correct({1, 2}, {2}));
    }
    SECTION("multiple answers: the whole set, in any order") {
        CHECK(answer_correct({0, 3}, {0, 3}));
        CHECK(answer_correct({3, 0}, {0, 3}));
        CHECK(answer_correct({0, 3}, {3, 0}));
        CHECK_FALSE(answer_correct({0}, {0, 3}));        // partial
        CHECK_FALSE(answer_correct({0, 1, 3}, {0, 3}));  // extra
        CHECK_FALSE(answer_correct({1, 2}, {0, 3}));
    }
    SECTION("an empty choice (unanswered) is wrong") {
        CHECK_FALSE(answer_correct({}, {0}));
        CHECK_FALSE(answer_correct({}, {0, 1}));
        CHECK_FALSE(answer_correct({}, {}));
    }
}
