#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

#include "exam/recognition/outcome.hpp"

using namespace tanu::exam;

TEST_CASE("outcome: the protocol decides, until an appeal is upheld (seed 002 p.18, p.23)", "[outcome]") {
    using enum appeal_status;
    const auto none = decided_outcome(std::nullopt, {});
    CHECK_FALSE(none.decided);
    CHECK_FALSE(none.passed);

    const auto passed = decided_outcome(true, {});
    CHECK(passed.decided);
    CHECK(passed.passed);

    const auto refused = decided_outcome(false, {});
    CHECK(refused.decided);
    CHECK_FALSE(refused.passed);

    // p.20-22: an appeal being decided, or rejected, leaves the protocol's refusal standing
    CHECK_FALSE(decided_outcome(false, {registered}).passed);
    CHECK_FALSE(decided_outcome(false, {rejected}).passed);

    // p.23: a positive conclusion of the appeal commission issues the document, as for a pass
    const auto appealed = decided_outcome(false, {rejected, upheld});
    CHECK(appealed.decided);
    CHECK(appealed.passed);
    CHECK(decided_outcome(true, {rejected}).passed);
}

TEST_CASE("outcome: appeal statuses by their names", "[outcome]") {
    for (auto s : {appeal_status::registered, appeal_status::upheld, appeal_status::rejected})
        CHECK(parse_appeal_status(to_string(s)) == s);
    CHECK(std::string(to_string(appeal_status::upheld)) == "upheld");
    CHECK_FALSE(parse_appeal_status("accepted").has_value());
    CHECK_FALSE(parse_appeal_status("").has_value());
}

// ---- What an appeal decides (seed 002 p.20-23; issue 11, W4)

namespace {
const std::vector<commission_member> three = {{11, member_role::chair}, {12, member_role::member}, {13, member_role::secretary}};
using enum appeal_outcome;
}  // namespace

TEST_CASE("appeal outcome: names, the status outside clients read, and what each means", "[outcome][appeal]") {
    for (auto o : {recognised, annulled, rejected}) CHECK(parse_appeal_outcome(to_string(o)) == o);
    CHECK_FALSE(parse_appeal_outcome("upheld").has_value());
    CHECK(status_of(recognised) == appeal_status::upheld);
    CHECK(status_of(annulled) == appeal_status::upheld);
    CHECK(status_of(rejected) == appeal_status::rejected);

    const auto r = effect_of(recognised);  // p.23: the document as p.18 gives it
    CHECK((r.passed && r.document && r.protocol_amended && !r.void_sitting && !r.sit_again));
    const auto a = effect_of(annulled);  // no attempt, sat again: no document
    CHECK((!a.passed && !a.document && !a.protocol_amended && a.void_sitting && a.sit_again));
    const auto j = effect_of(rejected);  // the protocol stands
    CHECK((!j.passed && !j.document && !j.protocol_amended && !j.void_sitting && !j.sit_again));
    CHECK(needs_reasons(recognised));
    CHECK(needs_reasons(annulled));
    CHECK_FALSE(needs_reasons(rejected));
}

TEST_CASE("appeal outcome: an old client's upheld means recognised only after a passed, unterminated theory",
          "[outcome][appeal]") {
    CHECK(outcome_of_upheld(true, false) == recognised);
    CHECK_FALSE(outcome_of_upheld(false, false).has_value());  // 40 of 90: recognised or annulled? the member says
    CHECK_FALSE(outcome_of_upheld(false, true).has_value());   // 2 of 90 and terminated
    CHECK_FALSE(outcome_of_upheld(true, true).has_value());
}

TEST_CASE("appeal vote: a commission of three with its chair - two votes decide, the chair breaks a tie",
          "[outcome][appeal][quorum]") {
    const auto rule = quorum_rule::chair_and_majority;
    SECTION("one vote decides nothing") {
        const auto t = tally_appeal(rule, three, {{11, annulled}});
        CHECK_FALSE(t.quorum.reached);
        CHECK(t.quorum.needed == 2);
        CHECK(t.quorum.have == 1);
        CHECK(t.quorum.missing == std::vector<std::int64_t>{12, 13});
        CHECK_FALSE(t.decision);
    }
    SECTION("two members without the chair: no quorum under chair and majority") {
        const auto t = tally_appeal(rule, three, {{12, annulled}, {13, annulled}});
        CHECK_FALSE(t.quorum.reached);
        CHECK_FALSE(t.decision);
        CHECK(tally_appeal(quorum_rule::majority, three, {{12, annulled}, {13, annulled}}).decision == annulled);
    }
    SECTION("the chair and one member agree") {
        const auto t = tally_appeal(rule, three, {{11, annulled}, {12, annulled}});
        CHECK(t.quorum.reached);
        CHECK(t.annulled == 2);
        CHECK(t.decision == annulled);
    }
    SECTION("the chair and one member differ: the chair's vote breaks the tie") {
        const auto t = tally_appeal(rule, three, {{11, recognised}, {12, rejected}});
        CHECK(t.decision == recognised);
        CHECK_FALSE(t.tied);
    }
    SECTION("three votes: the majority wins against the chair") {
        const auto t = tally_appeal(rule, three, {{11, recognised}, {12, rejected}, {13, rejected}});
        CHECK(t.decision == rejected);
        CHECK(t.rejected == 2);
        CHECK(t.recognised == 1);
    }
    SECTION("a changed vote counts once, as last given; an outsider's not at all") {
        const auto t = tally_appeal(rule, three, {{12, rejected}, {99, rejected}, {12, annulled}, {11, annulled}});
        CHECK(t.quorum.have == 2);
        CHECK(t.rejected == 0);
        CHECK(t.decision == annulled);
    }
    SECTION("a tie the chair does not break waits") {
        const std::vector<commission_member> four = {{11, member_role::chair}, {12, member_role::member},
                                                     {13, member_role::member}, {14, member_role::member}};
        const auto t = tally_appeal(quorum_rule::majority, four, {{12, rejected}, {13, annulled}, {14, rejected}, {11, annulled}});
        CHECK(t.decision == annulled);  // 2 : 2, the chair said annulled
        const auto u = tally_appeal(quorum_rule::majority, four, {{12, rejected}, {13, annulled}, {14, recognised}});
        CHECK(u.quorum.reached);
        CHECK(u.tied);
        CHECK_FALSE(u.decision);
    }
    SECTION("the chair sat on the exam commission: the panel's majority decides") {
        const std::vector<commission_member> panel = {{12, member_role::member}, {13, member_role::member}};
        CHECK_FALSE(tally_appeal(rule, panel, {{12, recognised}}).decision);
        CHECK(tally_appeal(rule, panel, {{12, recognised}, {13, recognised}}).decision == recognised);
        const std::vector<commission_member> one = {{12, member_role::member}};
        CHECK(tally_appeal(rule, one, {{12, rejected}}).decision == rejected);
    }
}

TEST_CASE("appeal vote: the short path - the first assigned member's vote decides", "[outcome][appeal][quorum]") {
    CHECK_FALSE(tally_first_vote({5, 6}, {}).decision);
    CHECK_FALSE(tally_first_vote({5, 6}, {{7, recognised}}).decision);
    const auto t = tally_first_vote({5, 6}, {{6, annulled}});
    CHECK(t.decision == annulled);
    CHECK(t.quorum.reached);
    CHECK(t.quorum.missing == std::vector<std::int64_t>{5});
}

TEST_CASE("appeal outcome: recognised passes the procedure, annulled and rejected leave the protocol (p.23)",
          "[outcome][appeal]") {
    CHECK(appealed_outcome(false, {recognised}).passed);
    CHECK(appealed_outcome(false, {rejected, recognised}).passed);
    CHECK_FALSE(appealed_outcome(false, {annulled}).passed);  // 2 of 90 annulled: sat again, not recognised
    CHECK(appealed_outcome(false, {annulled}).decided);
    CHECK_FALSE(appealed_outcome(false, {rejected}).passed);
    CHECK_FALSE(appealed_outcome(std::nullopt, {}).decided);
}
