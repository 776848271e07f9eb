#include <catch2/catch.hpp>

#include "exam/theory/disclosure.hpp"

using namespace tanu::exam;

TEST_CASE("disclosure: nothing of the marking reaches the candidate before the sitting has ended", "[disclosure]") {
    const auto d = may_see(reader::candidate, false);
    CHECK_FALSE(d.score);
    CHECK_FALSE(d.weak_topics);
    CHECK_FALSE(d.answers);
    CHECK_FALSE(d.key);
    CHECK_FALSE(d.proceedings);
    CHECK_FALSE(d.record);
}

TEST_CASE("disclosure: after the sitting the candidate sees the score and weak topics, never the key", "[disclosure]") {
    const auto d = may_see(reader::candidate, true);
    CHECK(d.score);
    CHECK(d.weak_topics);
    CHECK(d.proceedings);
    CHECK(d.record);
    CHECK_FALSE(d.key);      // a retake draws from the same bank
    CHECK_FALSE(d.answers);  // nor the questions themselves
}

TEST_CASE("disclosure: staff and assigned appeal members see the whole record, during and after", "[disclosure]") {
    for (auto who : {reader::staff, reader::appeal_member})
        for (bool ended : {false, true}) {
            const auto d = may_see(who, ended);
            INFO("reader " << static_cast<int>(who) << ", ended " << ended);
            CHECK(d.score);
            CHECK(d.weak_topics);
            CHECK(d.answers);
            CHECK(d.key);  // p.22: the appeal commission reviews the results themselves
            CHECK(d.proceedings);
            CHECK(d.record);
        }
}

TEST_CASE("disclosure: weak topics are those below the pass percent, weakest first", "[disclosure]") {
    const std::vector<topic_score> topics = {
        {"safety", 7, 10, {}, 0},  // 70 %: not below 70
        {"tools", 1, 4, {}, 0},    // 25 %
        {"pipes", 3, 5, {}, 0},    // 60 %
        {"law", 0, 0, {}, 0},      // no questions: never weak
        {"gas", 2, 2, {}, 0},
    };
    const auto weak = weak_topics(topics, 70);
    REQUIRE(weak.size() == 2);
    CHECK(weak[0].topic == "tools");
    CHECK(weak[0].correct == 1);
    CHECK(weak[0].total == 4);
    CHECK(weak[1].topic == "pipes");
    CHECK(weak_topics(topics, 20).empty());
    CHECK(weak_topics({}, 70).empty());
}
