#include <catch2/catch.hpp>

#include "exam/theory/interruption.hpp"

using namespace tanu::exam;

TEST_CASE("a short break on a weak line is given back in full (seed 002 p.11, X6)") {
    const interruption_policy p{300'000, 900'000};
    auto v = judge_interruption(42'000, 0, p);
    CHECK(v.credit_ms == 42'000);
    CHECK_FALSE(v.failure);
    CHECK(judge_interruption(300'000, 0, p).credit_ms == 300'000);  // exactly the limit is still a pause
}

TEST_CASE("a break beyond the limit is a technical failure, with nothing given back") {
    const interruption_policy p{300'000, 900'000};
    auto v = judge_interruption(300'001, 0, p);
    CHECK(v.failure);
    CHECK(v.credit_ms == 0);
}

TEST_CASE("what is given back in all is bounded by the budget") {
    const interruption_policy p{300'000, 900'000};
    CHECK(judge_interruption(240'000, 800'000, p).credit_ms == 100'000);
    CHECK(judge_interruption(240'000, 900'000, p).credit_ms == 0);
    CHECK_FALSE(judge_interruption(240'000, 900'000, p).failure);  // the clock runs, the attempt goes on
}

TEST_CASE("with the limit at zero the clock simply runs") {
    const interruption_policy off{0, 900'000};
    auto v = judge_interruption(3'600'000, 0, off);
    CHECK(v.credit_ms == 0);
    CHECK_FALSE(v.failure);
}

TEST_CASE("a camera gap is a technical event past 30 s or three of the page's intervals") {
    CHECK(media_gap_limit_ms(0) == 30'000);
    CHECK(media_gap_limit_ms(2'000) == 30'000);   // the usual 2 s frames
    CHECK(media_gap_limit_ms(15'000) == 45'000);  // a weak line sending every 15 s
    CHECK(media_gap_limit_ms(-5) == 30'000);
}
