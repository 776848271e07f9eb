// The collegial bodies' rules (exam/recognition/commission.hpp): composition,
// quorum with real numbers, the sitting's commission by its order's dates, the
// appeal's panel, and the chair's casting vote on the practical card.
#include <catch2/catch.hpp>

#include "exam/recognition/commission.hpp"
#include "exam/recognition/procedure.hpp"

using namespace tanu::exam;

namespace {

using R = member_role;

std::vector<commission_member> body(std::initializer_list<commission_member> m) { return m; }

}  // namespace

TEST_CASE("commission: names of kinds, offices and quorum rules round-trip, others refused", "[commission]") {
    for (auto k : {commission_kind::exam, commission_kind::appeal}) CHECK(parse_commission_kind(to_string(k)) == k);
    for (auto r : {R::chair, R::deputy, R::secretary, R::member}) CHECK(parse_member_role(to_string(r)) == r);
    for (auto q : {quorum_rule::chair_and_majority, quorum_rule::majority, quorum_rule::all})
        CHECK(parse_quorum_rule(to_string(q)) == q);
    CHECK_FALSE(parse_commission_kind("Exam"));
    CHECK_FALSE(parse_member_role("president"));
    CHECK_FALSE(parse_quorum_rule("two_thirds"));
}

TEST_CASE("commission: composition - one chair, at most one secretary, a user once, someone", "[commission]") {
    CHECK_FALSE(check_composition(body({{1, R::chair}})));
    CHECK_FALSE(check_composition(body({{1, R::chair}, {2, R::deputy}, {3, R::secretary}, {4, R::member}, {5, R::member}})));
    CHECK(check_composition({})->code == "no_members");
    CHECK(check_composition(body({{1, R::member}, {2, R::secretary}}))->code == "no_chair");
    CHECK(check_composition(body({{1, R::chair}, {2, R::chair}}))->code == "two_chairs");
    CHECK(check_composition(body({{1, R::chair}, {2, R::secretary}, {3, R::secretary}}))->code == "two_secretaries");
    const auto twice = check_composition(body({{1, R::chair}, {2, R::member}, {2, R::secretary}}));
    REQUIRE(twice);
    CHECK(twice->code == "member_twice");
    CHECK(twice->user == 2);
    CHECK(chair_of(body({{4, R::member}, {7, R::chair}})) == 7);
    CHECK_FALSE(chair_of(body({{4, R::member}})));
    CHECK(is_member(body({{4, R::member}, {7, R::chair}}), 4));
    CHECK_FALSE(is_member(body({{4, R::member}, {7, R::chair}}), 5));
}

TEST_CASE("quorum: three members, chair and majority - the chair and one more bind, two others do not", "[commission][quorum]") {
    const auto three = body({{10, R::chair}, {11, R::secretary}, {12, R::member}});
    auto q = quorum(quorum_rule::chair_and_majority, three, {10});
    CHECK_FALSE(q.reached);
    CHECK(q.needed == 2);  // more than half of 3
    CHECK(q.have == 1);
    CHECK(q.missing == std::vector<std::int64_t>{11, 12});
    q = quorum(quorum_rule::chair_and_majority, three, {10, 12});
    CHECK(q.reached);
    CHECK(q.have == 2);
    CHECK(q.missing == std::vector<std::int64_t>{11});
    // two of three are a majority, but without the chair nothing binds
    q = quorum(quorum_rule::chair_and_majority, three, {11, 12});
    CHECK_FALSE(q.reached);
    CHECK(q.have == 2);
    CHECK(q.chair_needed);
    CHECK_FALSE(q.chair_signed);
    CHECK(q.missing == std::vector<std::int64_t>{10});
    // the same two under the plain majority rule bind
    CHECK(quorum(quorum_rule::majority, three, {11, 12}).reached);
    CHECK_FALSE(quorum(quorum_rule::majority, three, {10}).reached);
    // all: everyone
    CHECK_FALSE(quorum(quorum_rule::all, three, {10, 11}).reached);
    CHECK(quorum(quorum_rule::all, three, {12, 11, 10}).reached);
    CHECK(quorum(quorum_rule::all, three, {12, 11, 10}).needed == 3);
}

TEST_CASE("quorum: five members need the chair and two more, four need three", "[commission][quorum]") {
    const auto five = body({{1, R::chair}, {2, R::deputy}, {3, R::secretary}, {4, R::member}, {5, R::member}});
    CHECK(quorum(quorum_rule::chair_and_majority, five, {1}).needed == 3);
    CHECK_FALSE(quorum(quorum_rule::chair_and_majority, five, {1, 2}).reached);
    CHECK(quorum(quorum_rule::chair_and_majority, five, {1, 4, 5}).reached);
    CHECK_FALSE(quorum(quorum_rule::chair_and_majority, five, {2, 3, 4, 5}).reached);  // four of five, no chair
    CHECK(quorum(quorum_rule::majority, five, {2, 3, 4}).reached);
    CHECK_FALSE(quorum(quorum_rule::majority, five, {2, 3}).reached);
    const auto four = body({{1, R::chair}, {2, R::member}, {3, R::member}, {4, R::member}});
    CHECK(quorum(quorum_rule::chair_and_majority, four, {1, 2}).needed == 3);  // 2 of 4 is not more than half
    CHECK_FALSE(quorum(quorum_rule::chair_and_majority, four, {1, 2}).reached);
    CHECK(quorum(quorum_rule::chair_and_majority, four, {1, 2, 3}).reached);
}

TEST_CASE("quorum: a one-member commission - its chair alone binds under every rule", "[commission][quorum]") {
    const auto one = body({{9, R::chair}});
    for (auto rule : {quorum_rule::chair_and_majority, quorum_rule::majority, quorum_rule::all}) {
        CHECK(quorum(rule, one, {9}).reached);
        CHECK(quorum(rule, one, {9}).needed == 1);
        CHECK_FALSE(quorum(rule, one, {}).reached);
    }
}

TEST_CASE("quorum: signatures of non-members do not count", "[commission][quorum]") {
    const auto three = body({{10, R::chair}, {11, R::member}, {12, R::member}});
    const auto q = quorum(quorum_rule::chair_and_majority, three, {10, 99});
    CHECK_FALSE(q.reached);
    CHECK(q.have == 1);
    CHECK_FALSE(quorum(quorum_rule::majority, {}, {1}).reached);
}

TEST_CASE("the sitting's commission: active on the day, the newest order when several", "[commission]") {
    // Order No. 12 of 5 January 2026, from 12 January, open-ended; order No. 31 of 2 March 2026
    // for 16 March - 30 June; order No. 7 of 2025, closed.
    const commission_term first{1, {2026, 1, 5}, {2026, 1, 12}, std::nullopt, false};
    const commission_term spring{2, {2026, 3, 2}, {2026, 3, 16}, date{2026, 6, 30}, false};
    const commission_term closed{3, {2025, 12, 1}, {2025, 12, 1}, std::nullopt, true};
    const std::vector<commission_term> serving{first, spring, closed};
    CHECK(choose_commission(serving, {2026, 1, 11}) == std::nullopt);  // before any is valid
    CHECK(choose_commission(serving, {2026, 1, 12}) == 1);             // valid_from counts
    CHECK(choose_commission(serving, {2026, 3, 20}) == 2);             // both active: the newer order
    CHECK(choose_commission(serving, {2026, 6, 30}) == 2);             // valid_to counts
    CHECK(choose_commission(serving, {2026, 7, 1}) == 1);
    CHECK_FALSE(active_on(closed, {2026, 1, 1}));
    // the same order date: the later record
    const commission_term twin{4, {2026, 3, 2}, {2026, 3, 1}, std::nullopt, false};
    CHECK(choose_commission({spring, twin}, {2026, 3, 20}) == 4);
    CHECK(choose_commission({}, {2026, 3, 20}) == std::nullopt);
}

TEST_CASE("the appeal's panel: no member of the sitting's exam commission sits on it (W4)", "[commission][appeal]") {
    CHECK(appeal_panel({20, 21, 22}, {10, 21}) == std::vector<std::int64_t>{20, 22});
    CHECK(appeal_panel({20, 21}, {}) == std::vector<std::int64_t>{20, 21});
    CHECK(appeal_panel({10}, {10, 11}).empty());
}

TEST_CASE("practical card: a tie is the chair's vote when the chair marked the item, else not done", "[commission][procedure]") {
    const std::vector<practical_item> card{{"p1", {{"ru", "Соединить трубы"}}, true}, {"p2", {{"ru", "Убрать"}}, false}};
    // four members present: 10 (chair), 11, 12, 13. p1: two done (10, 11), two not (12, 13)
    const std::vector<practical_mark> tie{{10, "p1", true}, {11, "p1", true}, {12, "p1", false}, {13, "p1", false},
                                          {10, "p2", false}, {11, "p2", true}, {12, "p2", true}, {13, "p2", false}};
    auto o = decide_practical(card, tie, 10);
    CHECK(o.items.at("p1") == item_result::done);      // the chair said done
    CHECK(o.items.at("p2") == item_result::not_done);  // the chair said not done
    CHECK(o.passed);
    // the old rule without a chair: a tie is not done
    o = decide_practical(card, tie);
    CHECK(o.items.at("p1") == item_result::not_done);
    CHECK_FALSE(o.passed);
    // the chair did not mark p1: a tie stays not done
    const std::vector<practical_mark> no_chair{{11, "p1", true}, {12, "p1", false}, {10, "p2", true}};
    o = decide_practical(card, no_chair, 10);
    CHECK(o.items.at("p1") == item_result::not_done);
    CHECK(o.items.at("p2") == item_result::done);
    // three members 2 : 1 against the chair: the majority decides, not the chair
    o = decide_practical(card, {{10, "p1", false}, {11, "p1", true}, {12, "p1", true}, {10, "p2", true}}, 10);
    CHECK(o.items.at("p1") == item_result::done);
}
