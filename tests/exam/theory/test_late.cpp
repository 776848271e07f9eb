// Which refused answers are late answers (exam/theory/late.hpp), on a real
// deadline: a 90-minute paper (seed 003 p.8) issued at 09:00 on Monday
// 2 March 2026 in Astana ends at 10:30.
#include <catch2/catch.hpp>

#include "exam/theory/late.hpp"

using namespace tanu::exam;

namespace {

constexpr std::int64_t issued_ms = 1772424000000;  // 2026-03-02 09:00 UTC+5
constexpr std::int64_t deadline = issued_ms + 90 * 60 * 1000;

}  // namespace

TEST_CASE("late answers: after the deadline of an attempt open then, within 24 hours", "[late]") {
    // Before the deadline an answer is saved, never late.
    CHECK_FALSE(is_late_answer(deadline - 1, deadline, true));
    // At and after the deadline (time_over), while the attempt was open then.
    CHECK(is_late_answer(deadline, deadline, true));
    CHECK(is_late_answer(deadline + late_answer_window_ms - 1, deadline, true));
    // Not once the window has passed, nor after the candidate handed in or a termination.
    CHECK_FALSE(is_late_answer(deadline + late_answer_window_ms, deadline, true));
    CHECK_FALSE(is_late_answer(deadline + 1000, deadline, false));
    CHECK(open_at_deadline(false, false, 0, deadline));                 // still in progress
    CHECK(open_at_deadline(false, true, deadline, deadline));           // ended by the deadline
    CHECK(open_at_deadline(false, true, deadline + 300, deadline));     // ended by the sweep just after it
    CHECK_FALSE(open_at_deadline(false, true, deadline - 1, deadline)); // handed in before
    CHECK_FALSE(open_at_deadline(true, true, deadline - 1, deadline));  // terminated
}
