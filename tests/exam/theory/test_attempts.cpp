#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "exam/theory/attempts.hpp"

using namespace tanu::exam;

namespace {
const prior_sitting failed{true, false};
const prior_sitting passed{true, true};
const prior_sitting open_sitting{false, false};
}  // namespace

TEST_CASE("attempts = 2: a first sitting and one retake", "[attempts]") {
    const int attempts = 2;  // seed 003 p.9: one retake
    std::vector<prior_sitting> prior;
    CHECK(check_new_sitting(prior, attempts) == eligibility::ok);
    prior.push_back(failed);
    CHECK(check_new_sitting(prior, attempts) == eligibility::ok);  // the retake
    prior.push_back(failed);
    CHECK(check_new_sitting(prior, attempts) == eligibility::no_attempts_left);
    CHECK(std::string(to_code(check_new_sitting(prior, attempts))) == "no_attempts_left");
}

TEST_CASE("attempts = 1: no retake", "[attempts]") {
    CHECK(check_new_sitting({}, 1) == eligibility::ok);
    CHECK(check_new_sitting({failed}, 1) == eligibility::no_attempts_left);
}

TEST_CASE("a pass closes the programme, even with attempts left", "[attempts]") {
    CHECK(check_new_sitting({passed}, 2) == eligibility::already_passed);
    CHECK(check_new_sitting({passed}, 10) == eligibility::already_passed);
    CHECK(check_new_sitting({failed, passed}, 2) == eligibility::already_passed);
    CHECK(check_new_sitting({failed, passed}, 3) == eligibility::already_passed);
    CHECK(std::string(to_code(eligibility::already_passed)) == "already_passed");
}

TEST_CASE("an unfinished sitting must end first", "[attempts]") {
    CHECK(check_new_sitting({open_sitting}, 2) == eligibility::session_open);
    CHECK(check_new_sitting({failed, open_sitting}, 3) == eligibility::session_open);
    CHECK(std::string(to_code(eligibility::session_open)) == "session_open");
    CHECK(std::string(to_code(eligibility::ok)) == "ok");
    // `passed` counts only once the sitting has ended
    CHECK(check_new_sitting({prior_sitting{false, true}}, 2) == eligibility::session_open);
}

TEST_CASE("after a theory pass the decision comes first, then a retake of both stages if not passed", "[attempts]") {
    // seed 002 p.19: "not passed" (theory passed, practical failed) may retake theory and practical
    const prior_sitting pending{true, false, true};
    const prior_sitting practical_failed{true, false, false};
    CHECK(check_new_sitting({pending}, 2) == eligibility::result_pending);
    CHECK(std::string(to_code(eligibility::result_pending)) == "result_pending");
    CHECK(check_new_sitting({practical_failed}, 2) == eligibility::ok);
    CHECK(check_new_sitting({practical_failed, practical_failed}, 2) == eligibility::no_attempts_left);
    CHECK(check_new_sitting({practical_failed, passed}, 2) == eligibility::already_passed);
}

TEST_CASE("attempts_left", "[attempts]") {
    CHECK(attempts_left(0, 2) == 2);
    CHECK(attempts_left(1, 2) == 1);
    CHECK(attempts_left(2, 2) == 0);
    CHECK(attempts_left(3, 2) == 0);
}

TEST_CASE("attempts = 0: no cap on retakes (seed 002 p.19)", "[attempts]") {
    // seed 002 p.19: after each "not passed" the notice offers the retake of both stages, without a limit
    std::vector<prior_sitting> prior;
    CHECK(check_new_sitting(prior, 0) == eligibility::ok);
    for (int i = 0; i < 12; ++i) prior.push_back(failed);  // beyond any cap a programme could set (10)
    CHECK(check_new_sitting(prior, 0) == eligibility::ok);
    // the other rules stand: a pass closes, an open sitting ends first, a pending decision comes first
    CHECK(check_new_sitting({failed, failed, failed, passed}, 0) == eligibility::already_passed);
    CHECK(check_new_sitting({failed, failed, open_sitting}, 0) == eligibility::session_open);
    CHECK(check_new_sitting({failed, prior_sitting{true, false, true}}, 0) == eligibility::result_pending);
    CHECK(attempts_left(0, 0) == unlimited_attempts);
    CHECK(attempts_left(25, 0) == unlimited_attempts);
    CHECK(next_step(false, attempts_left(25, 0), true) == "retake");
    CHECK(next_step(true, attempts_left(3, 0), true) == "practical");
    CHECK(next_step(true, attempts_left(3, 0), false) == "none");
}

TEST_CASE("next_step after a theory result", "[attempts]") {
    CHECK(next_step(true, 1, true) == "practical");
    CHECK(next_step(true, 0, true) == "practical");
    CHECK(next_step(true, 1, false) == "none");
    CHECK(next_step(false, 1, true) == "retake");
    CHECK(next_step(false, 1, false) == "retake");
    CHECK(next_step(false, 0, true) == "none");
    CHECK(next_step(false, 0, false) == "none");
    // the first sitting of attempts = 2, failed: one retake left
    CHECK(next_step(false, attempts_left(1, 2), true) == "retake");
    CHECK(next_step(false, attempts_left(2, 2), true) == "none");
}

#include "exam/theory/strikes.hpp"

TEST_CASE("two strikes: a warning, then the attempt ends (seed 002 p.13)", "[strikes]") {
    using tanu::exam::register_violation;
    using tanu::exam::strike_action;
    auto first = register_violation(0, true);
    CHECK(first.action == strike_action::warn);
    CHECK(first.strike == 1);
    auto second = register_violation(1, true);
    CHECK(second.action == strike_action::terminate);
    CHECK(second.strike == 2);
    // Nothing more happens to an attempt that has ended.
    CHECK(register_violation(2, false).action == strike_action::ignore);
    CHECK(register_violation(0, false).action == strike_action::ignore);
    CHECK(tanu::exam::focus_counts(true));
    CHECK_FALSE(tanu::exam::focus_counts(false));
}

TEST_CASE("X1, seed 002 p.17 and p.19: no retake is offered before the commission's decision", "[attempts]") {
    // theory failed, nothing decided yet: wait for the protocol
    auto n = next_after(false, 1, true, false, false);
    CHECK(n.next == "none");
    CHECK(n.awaiting_decision);
    // theory passed with a practical stage: the practical comes next
    n = next_after(true, 1, true, false, false);
    CHECK(n.next == "practical");
    CHECK_FALSE(n.awaiting_decision);
    // theory passed, no practical stage: the protocol decides
    n = next_after(true, 1, false, false, false);
    CHECK(n.next == "none");
    CHECK(n.awaiting_decision);
    // decided "not passed": the retake (p.19), also with no cap
    n = next_after(false, 1, true, true, false);
    CHECK(n.next == "retake");
    CHECK_FALSE(n.awaiting_decision);
    CHECK(next_after(false, unlimited_attempts, true, true, false).next == "retake");
    CHECK(next_after(false, 0, true, true, false).next == "none");
    // decided "passed" (an upheld appeal too): nothing more
    n = next_after(false, 1, true, true, true);
    CHECK(n.next == "none");
    CHECK_FALSE(n.awaiting_decision);
}

TEST_CASE("a failed theory waits for the decision too, before any retake (X1)", "[attempts]") {
    // seed 002 p.17: the commission decides by protocol; p.19: the retake is offered by the notice after it
    const prior_sitting failed_undecided{true, false, true};
    CHECK(check_new_sitting({failed_undecided}, 0) == eligibility::result_pending);
    CHECK(check_new_sitting({failed_undecided}, 2) == eligibility::result_pending);
}

TEST_CASE("cancelled, voided and missed sittings use no attempt (W3, p.7, p.11)", "[attempts]") {
    CHECK(counts_as_attempt("scheduled"));
    CHECK(counts_as_attempt("in_progress"));
    CHECK(counts_as_attempt("finished"));
    CHECK(counts_as_attempt("terminated"));
    CHECK_FALSE(counts_as_attempt("cancelled"));
    CHECK_FALSE(counts_as_attempt("voided"));
    CHECK_FALSE(counts_as_attempt("no_show"));
    // seed 003 p.9 "one retake": attempts 2; a voided first sitting leaves both
    prior_sitting voided{true, false, false, false};
    CHECK(check_new_sitting({voided}, 2) == eligibility::ok);
    CHECK(check_new_sitting({voided, voided, voided}, 2) == eligibility::ok);
    CHECK(check_new_sitting({failed, voided}, 2) == eligibility::ok);
    CHECK(check_new_sitting({failed, voided, failed}, 2) == eligibility::no_attempts_left);
    // a voided sitting that had ended undecided is no pending decision, and a closed one is not open
    CHECK(check_new_sitting({prior_sitting{true, false, true, false}}, 2) == eligibility::ok);
    CHECK(check_new_sitting({prior_sitting{false, false, false, false}}, 2) == eligibility::ok);
    // a pass stands even beside voided ones
    CHECK(check_new_sitting({voided, passed}, 2) == eligibility::already_passed);
}
