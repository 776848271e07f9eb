#include <catch2/catch.hpp>

#include "exam/recognition/procedure.hpp"
#include "exam/theory/scoring.hpp"

using namespace tanu::exam;

namespace {

programme card_programme() {
    programme p;
    p.code = "PLUMBER-4";
    p.practical = {{"p1", {{"ru", "Соединить трубы"}, {"kk", "Құбырды жалғау"}}, true},
                   {"p2", {{"ru", "Проверить давление"}, {"kk", "Қысымды тексеру"}}, true},
                   {"p3", {{"ru", "Убрать рабочее место"}}, false}};
    return p;
}

work_calendar calendar_2026() {
    work_calendar c;
    c.add_year(2026, shipped_days(2026));
    return c;
}

date d(int y, int m, int day) { return date{y, m, day}; }

}  // namespace

TEST_CASE("practical stage: every mandatory item done passes, an optional one may fail", "[procedure]") {
    const auto card = card_programme().practical;
    // seed 002 p.17: done per the card -> passed
    auto o = decide_practical(card, {{1, "p1", true}, {1, "p2", true}, {1, "p3", false}});
    CHECK(o.complete);
    CHECK(o.passed);
    CHECK(o.failed_optional == std::vector<std::string>{"p3"});
    CHECK(o.failed_mandatory.empty());
    // a mandatory item not done -> not passed
    o = decide_practical(card, {{1, "p1", true}, {1, "p2", false}, {1, "p3", true}});
    CHECK(o.complete);
    CHECK_FALSE(o.passed);
    CHECK(o.failed_mandatory == std::vector<std::string>{"p2"});
    // an item nobody marked: incomplete, not passed
    o = decide_practical(card, {{1, "p1", true}, {1, "p2", true}});
    CHECK_FALSE(o.complete);
    CHECK_FALSE(o.passed);
    CHECK(o.items.at("p3") == item_result::unscored);
    // marks of items not on the card are ignored
    o = decide_practical(card, {{1, "p1", true}, {1, "p2", true}, {1, "p3", true}, {1, "p9", false}});
    CHECK(o.passed);
    CHECK(o.items.count("p9") == 0);
}

TEST_CASE("practical stage: the members' majority decides an item, a tie is not done", "[procedure]") {
    const auto card = card_programme().practical;
    // three members: two say p2 done -> done
    auto o = decide_practical(card, {{1, "p1", true}, {2, "p1", true}, {3, "p1", true},
                                     {1, "p2", true}, {2, "p2", true}, {3, "p2", false},
                                     {1, "p3", true}});
    CHECK(o.items.at("p2") == item_result::done);
    CHECK(o.passed);
    // two members split on p2 -> not done
    o = decide_practical(card, {{1, "p1", true}, {2, "p1", true}, {1, "p2", true}, {2, "p2", false}, {1, "p3", true}});
    CHECK(o.items.at("p2") == item_result::not_done);
    CHECK_FALSE(o.passed);
    CHECK(std::string(to_string(item_result::not_done)) == "not_done");
}

TEST_CASE("only a theory stage ended passed admits to the practical stage", "[procedure]") {
    // seed 002 p.15: more than 70 % admits: 64 of 90 does, 63 of 90 (exactly 70 %) does not
    CHECK(admitted_to_practical(true, passes(64, 90, 70, pass_rule::above), false));
    CHECK_FALSE(admitted_to_practical(true, passes(63, 90, 70, pass_rule::above), false));
    CHECK_FALSE(admitted_to_practical(false, true, false));  // still sitting
    CHECK_FALSE(admitted_to_practical(true, true, true));    // ended by the second violation (p.13)
}

TEST_CASE("the protocol's decision on the whole procedure", "[procedure]") {
    procedure_facts f;
    f.has_practical = true;
    // theory failed (63/90 under "above"): not passed, no practical needed (p.15)
    f.theory_passed = false;
    CHECK(can_sign_protocol(true, f) == protocol_refusal::none);
    auto dec = decide_procedure(f);
    CHECK_FALSE(dec.passed);
    CHECK(dec.reasons == std::vector<std::string>{"theory_not_passed"});
    // terminated by the second violation (p.13)
    f.terminated = true;
    dec = decide_procedure(f);
    CHECK(dec.reasons == std::vector<std::string>{"terminated", "theory_not_passed"});
    // theory passed: the card must be marked first
    f = {};
    f.has_practical = true;
    f.theory_passed = true;
    CHECK(can_sign_protocol(false, f) == protocol_refusal::theory_in_progress);
    CHECK(can_sign_protocol(true, f) == protocol_refusal::practical_incomplete);
    const auto card = card_programme().practical;
    f.practical = decide_practical(card, {{1, "p1", true}, {1, "p2", false}, {1, "p3", true}});
    CHECK(can_sign_protocol(true, f) == protocol_refusal::none);
    dec = decide_procedure(f);
    CHECK_FALSE(dec.passed);
    CHECK(dec.reasons == std::vector<std::string>{"practical_not_passed"});
    f.practical = decide_practical(card, {{1, "p1", true}, {1, "p2", true}, {1, "p3", false}});
    CHECK(decide_procedure(f).passed);
    // a programme without a card: the theory decides
    procedure_facts theory_only;
    theory_only.theory_passed = true;
    CHECK(can_sign_protocol(true, theory_only) == protocol_refusal::none);
    CHECK(decide_procedure(theory_only).passed);
}

TEST_CASE("deadlines in working days around Nauryz 2026", "[procedure][calendar]") {
    const auto c = calendar_2026();
    const date friday = d(2026, 3, 20);  // the procedure and the protocol on Friday 20 March 2026
    CHECK(protocol_due(c, friday) == d(2026, 3, 27));   // p.17: 2 working days (26, 27)
    CHECK(document_due(c, friday) == d(2026, 3, 30));   // p.18: 3 (26, 27, 30)
    CHECK(notice_due(c, friday) == d(2026, 3, 30));     // p.19: 3
    CHECK(appeal_until(c, friday) == d(2026, 4, 1));    // p.20: 5 (26, 27, 30, 31, 1 April)
    CHECK(appeal_decide_by(c, d(2026, 4, 1)) == d(2026, 4, 8));  // p.22: 5 (2, 3, 6, 7, 8)
    CHECK(appeal_in_time(appeal_until(c, friday), d(2026, 4, 1)));
    CHECK_FALSE(appeal_in_time(appeal_until(c, friday), d(2026, 4, 2)));
    CHECK(appeal_in_time(appeal_until(c, friday), friday));
    // without the year's data there is no deadline
    work_calendar empty;
    CHECK_THROWS_AS(protocol_due(empty, friday), calendar_missing);
}

TEST_CASE("a document's validity counts whole years", "[procedure]") {
    CHECK(add_years(d(2026, 3, 20), 5) == d(2031, 3, 20));
    CHECK(add_years(d(2028, 2, 29), 5) == d(2033, 2, 28));
    CHECK(add_years(d(2028, 2, 29), 4) == d(2032, 2, 29));
}

TEST_CASE("recommendations name the weak topics, weakest first, and the card items not done", "[procedure]") {
    const auto p = card_programme();
    const std::vector<topic_score> topics = {{"safety", 10, 20, {}, 0}, {"pipes", 18, 20, {}, 0}, {"tools", 3, 10, {}, 0}, {"law", 14, 20, {}, 0}};
    const auto practical = decide_practical(p.practical, {{1, "p1", true}, {1, "p2", false}, {1, "p3", false}});
    auto recs = recommendations(topics, 70, p, "kk", practical);
    REQUIRE(recs.size() == 4);
    CHECK(recs[0].what == "tools");  // 30 %
    CHECK(recs[0].text == "3/10");
    CHECK(recs[1].what == "safety");  // 50 %; law is exactly 70 %, not below
    CHECK(recs[2].kind == "practical_item");
    CHECK(recs[2].what == "p2");
    CHECK(recs[2].text == "Қысымды тексеру");
    CHECK(recs[3].what == "p3");
    CHECK(recs[3].text == "Убрать рабочее место");  // no Kazakh text: the one there is
    CHECK(recommendations({{"a", 9, 10, {}, 0}}, 70, p, "ru", std::nullopt).empty());
}

TEST_CASE("p.20: the appeal window runs from the day the results were received (W5)", "[procedure]") {
    const auto c = calendar_2026();
    // the protocol bound on Friday 20 March 2026; the candidate opened it only on Wednesday 25 March
    // (the Nauryz days off between): five working days from then, 26, 27, 30, 31 March and 1 April
    CHECK(appeal_window_open(c, d(2026, 3, 25), d(2026, 4, 1)));
    CHECK_FALSE(appeal_window_open(c, d(2026, 3, 25), d(2026, 4, 2)));
    // received on the Friday of the protocol: the same last day
    CHECK(appeal_window_open(c, d(2026, 3, 20), d(2026, 4, 1)));
    CHECK_FALSE(appeal_window_open(c, d(2026, 3, 20), d(2026, 4, 2)));
    // received later, on 1 April: until 8 April (2, 3, 6, 7, 8)
    CHECK(appeal_window_open(c, d(2026, 4, 1), d(2026, 4, 8)));
    CHECK_FALSE(appeal_window_open(c, d(2026, 4, 1), d(2026, 4, 9)));
    // not received yet: the window has not begun to run
    CHECK(appeal_window_open(c, std::nullopt, d(2026, 12, 30)));
}
