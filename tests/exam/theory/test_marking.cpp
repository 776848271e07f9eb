#include <catch2/catch.hpp>

#include <vector>

#include "exam/theory/marking.hpp"

using namespace tanu::exam;

namespace {

// A plumber's paper of five questions, as drawn: the correct options in the
// bank's order, the topic, and the order the options were shown in.
std::vector<marking_item> plumber_paper() {
    return {
        {{2}, "safety", {0, 1, 2, 3}},  // 1: one correct option, shown unshuffled
        {{0, 3}, "pipes", {3, 1, 0, 2}},  // 2: two correct options, shuffled: shown 0 and 2
        {{1}, "pipes", {2, 0, 1}},        // 3: shuffled: the correct option is shown third
        {{0}, "safety", {1, 0}},          // 4: left unanswered
        {{0, 1}, "", {0, 1, 2}},          // 5: no topic; only one of its two correct options chosen
    };
}

}  // namespace

TEST_CASE("mark_paper: each question as shown, the totals and the tally per topic", "[marking]") {
    const std::vector<given_answer> answers = {
        {1, {2}},
        {2, {2, 0}},  // as shown: the original options 0 and 3
        {3, {2}},     // changed below: the last saved choice counts
        {3, {1}},     // shown 1 is the original 0: wrong
        {4, {}},      // cleared: no answer
        {5, {0}},
        {9, {0}},     // not a question of this paper: ignored
    };
    const auto m = mark_paper(plumber_paper(), answers);

    REQUIRE(m.items.size() == 5);
    CHECK(m.items[0].answered);
    CHECK(m.items[0].right);
    CHECK(m.items[0].chosen == std::vector<int>{2});
    CHECK(m.items[0].correct_shown == std::vector<int>{2});

    CHECK(m.items[1].answered);
    CHECK(m.items[1].right);
    CHECK(m.items[1].chosen == std::vector<int>{2, 0});
    CHECK(m.items[1].correct_shown == std::vector<int>{0, 2});

    CHECK(m.items[2].answered);
    CHECK_FALSE(m.items[2].right);
    CHECK(m.items[2].chosen == std::vector<int>{1});
    CHECK(m.items[2].correct_shown == std::vector<int>{2});

    CHECK_FALSE(m.items[3].answered);
    CHECK_FALSE(m.items[3].right);
    CHECK(m.items[3].chosen.empty());
    CHECK(m.items[3].correct_shown == std::vector<int>{1});

    CHECK(m.items[4].answered);
    CHECK_FALSE(m.items[4].right);  // a part of the correct set is wrong
    CHECK(m.items[4].chosen == std::vector<int>{0});
    CHECK(m.items[4].correct_shown == std::vector<int>{0, 1});

    CHECK(m.correct == 2);
    CHECK(m.total == 5);  // the unanswered question counts

    REQUIRE(m.topics.size() == 3);  // by name; no topic is "general"
    CHECK(m.topics[0].topic == "general");
    CHECK(m.topics[0].correct == 0);
    CHECK(m.topics[0].total == 1);
    CHECK(m.topics[1].topic == "pipes");
    CHECK(m.topics[1].correct == 1);
    CHECK(m.topics[1].total == 2);
    CHECK(m.topics[2].topic == "safety");
    CHECK(m.topics[2].correct == 1);
    CHECK(m.topics[2].total == 2);
}

TEST_CASE("mark_paper: a paper with no answers is marked all wrong, every question counted", "[marking]") {
    const auto m = mark_paper(plumber_paper(), {});
    REQUIRE(m.items.size() == 5);
    for (const auto& item : m.items) {
        CHECK_FALSE(item.answered);
        CHECK_FALSE(item.right);
        CHECK(item.chosen.empty());
    }
    CHECK(m.items[1].correct_shown == std::vector<int>{0, 2});
    CHECK(m.correct == 0);
    CHECK(m.total == 5);
    REQUIRE(m.topics.size() == 3);
    CHECK(m.topics[1].topic == "pipes");
    CHECK(m.topics[1].correct == 0);
    CHECK(m.topics[1].total == 2);

    const auto empty = mark_paper({}, {{1, {0}}});
    CHECK(empty.items.empty());
    CHECK(empty.correct == 0);
    CHECK(empty.total == 0);
    CHECK(empty.topics.empty());
}
