#include <catch2/catch.hpp>

#include "exam/common/clock.hpp"

using namespace tanu::exam;

namespace {
struct fixed_clock final : tanu::exam::clock {
    std::int64_t t = 0;
    std::int64_t now_ms() const override { return t; }
};
}  // namespace

TEST_CASE("the exam clock: 90 minutes from issue", "[clock]") {
    const std::int64_t issued = 1'700'000'000'000;
    auto deadline = deadline_for(issued, 90);
    CHECK(deadline == issued + 90 * 60'000);

    fixed_clock c;
    c.t = issued;
    const tanu::exam::clock& ck = c;
    CHECK(remaining_ms(ck.now_ms(), deadline) == 5'400'000);
    CHECK_FALSE(time_over(ck.now_ms(), deadline));
    c.t = deadline - 1;
    CHECK(remaining_ms(ck.now_ms(), deadline) == 1);
    CHECK_FALSE(time_over(ck.now_ms(), deadline));
    c.t = deadline;
    CHECK(remaining_ms(ck.now_ms(), deadline) == 0);
    CHECK(time_over(ck.now_ms(), deadline));
    c.t = deadline + 5'000;
    CHECK(remaining_ms(ck.now_ms(), deadline) == 0);
    CHECK(time_over(ck.now_ms(), deadline));

    system_clock sys;
    CHECK(sys.now_ms() > issued);
}
