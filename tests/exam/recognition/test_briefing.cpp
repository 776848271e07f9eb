// Before the procedure (exam/recognition/briefing.hpp, seed 002 p.8, p.12, p.20-23):
// what the candidate acknowledges, the p.12 list less what the programme allows,
// the appeal rules with their 5 + 5 working days, the safety briefing's journal.
#include <catch2/catch.hpp>

#include "exam/recognition/briefing.hpp"
#include "exam/theory/prohibited.hpp"

using namespace tanu::exam;

namespace {

programme recognition_programme() {
    programme p;
    p.code = "WELD-4";
    p.regime = legal_regime::recognition_002;
    p.languages = {"kk", "ru"};
    p.theory.questions = 30;
    p.theory.minutes = 40;
    p.practical.push_back({"weld", {{"ru", "Сварить шов"}}, true});
    return p;
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("briefing: item names round-trip, others refused", "[briefing]") {
    for (auto i : briefing_items) CHECK(parse_briefing_item(to_string(i)) == i);
    CHECK_FALSE(parse_briefing_item("Methodology"));
    CHECK_FALSE(parse_briefing_item(""));
}

TEST_CASE("briefing: p.8 - a recognition_002 programme asks all three, a custom one without methodology none",
          "[briefing]") {
    auto p = recognition_programme();
    const std::vector<briefing_item> all{briefing_item::methodology, briefing_item::appeal_rules,
                                         briefing_item::prohibited_items};
    CHECK(required_acknowledgements(p) == all);
    programme custom;  // the first version's programmes: no methodology, start at once
    CHECK(required_acknowledgements(custom).empty());
    custom.methodology["ru"] = "Тест и практика";
    CHECK(required_acknowledgements(custom) == all);
}

TEST_CASE("briefing: p.12 - the seventeen items less those the programme allows, in the law's order", "[briefing]") {
    auto p = recognition_programme();
    CHECK(prohibited_for(p).size() == 17);
    p.allowed_items = {"calculators", "study_literature"};
    const auto list = prohibited_for(p);
    CHECK(list.size() == 15);
    CHECK(std::find(list.begin(), list.end(), "calculators") == list.end());
    CHECK(list.front() == "pagers");
    CHECK(list.back() == "cheat_sheets");
    const auto ru = prohibited_text(p, "ru");
    CHECK(contains(ru, "пункт 12"));
    CHECK(contains(ru, "— Пейджеры"));
    CHECK_FALSE(contains(ru, "— Калькуляторы"));
    CHECK(contains(ru, "Программа разрешает использовать: Калькуляторы, Любая учебно-методическая литература."));
    const auto kk = prohibited_text(p, "kk");
    CHECK(contains(kk, "12-тармағы"));
    CHECK(contains(kk, "— Смарт сағаттар"));
    for (auto code : prohibited_items) CHECK(prohibited_item_name(code, "kk") != std::string(code));
}

TEST_CASE("briefing: p.20-23 - the appeal rules name 5 working days each way and the centre, in kk and ru",
          "[briefing]") {
    const auto ru = appeal_rules_text("ru", "ЦПК «Астана»");
    CHECK(contains(ru, "в течение пяти (5) рабочих дней со дня получения результатов"));
    CHECK(contains(ru, "в течение пяти (5) рабочих дней со дня получения заявления"));
    CHECK(contains(ru, "(ЦПК «Астана»)"));
    CHECK(contains(ru, "статьи 91"));
    const auto kk = appeal_rules_text("kk", "Астана ТО");
    CHECK(contains(kk, "нәтижелерін алған күннен кейін бес (5) жұмыс күні ішінде"));
    CHECK(contains(kk, "өтінішті алған күннен кейін бес (5) жұмыс күні ішінде"));
    CHECK(contains(kk, "(Астана ТО)"));
    CHECK(appeal_file_working_days == 5);
    CHECK(appeal_decide_working_days == 5);
}

TEST_CASE("briefing: p.8 1) - the programme's methodology in the sitting's language, else its facts", "[briefing]") {
    auto p = recognition_programme();
    const auto ru = methodology_text(p, "ru");
    CHECK(contains(ru, "30 вопросов"));
    CHECK(contains(ru, "40 минут"));
    CHECK(contains(ru, "более 70 %"));
    CHECK(contains(ru, "1 заданий"));
    CHECK(contains(methodology_text(p, "kk"), "70 %-дан жоғары"));
    p.methodology = {{"kk", "Тест пен практика"}, {"ru", "Тест и практика"}};
    CHECK(methodology_text(p, "kk") == "Тест пен практика");
    CHECK(methodology_text(p, "ru") == "Тест и практика");
    p.methodology = {{"ru", "Тест и практика"}};
    CHECK(methodology_text(p, "kk") == "Тест и практика");  // the text it has rather than none
}

TEST_CASE("briefing: p.8 last part - the journal entry is needed for the practical stage and offline theory",
          "[briefing]") {
    auto p = recognition_programme();
    CHECK_FALSE(briefing_needed(p, "practical", "online"));
    p.briefing_required = true;
    CHECK(briefing_needed(p, "practical", "online"));
    CHECK(briefing_needed(p, "theory", "offline"));
    CHECK_FALSE(briefing_needed(p, "theory", "online"));
}

TEST_CASE("briefing: the start waits for every acknowledgement and, offline, the journal entry", "[briefing]") {
    auto p = recognition_programme();
    p.briefing_required = true;
    auto c = check_start(p, "online", {briefing_item::appeal_rules}, false);
    CHECK_FALSE(c.allowed());
    CHECK(c.missing == std::vector<briefing_item>{briefing_item::methodology, briefing_item::prohibited_items});
    CHECK_FALSE(c.briefing_missing);
    const std::set<briefing_item> all(briefing_items.begin(), briefing_items.end());
    CHECK(check_start(p, "online", all, false).allowed());
    c = check_start(p, "offline", all, false);
    CHECK_FALSE(c.allowed());
    CHECK(c.briefing_missing);
    CHECK(check_start(p, "offline", all, true).allowed());
    CHECK(check_start(programme{}, "online", {}, false).allowed());
}

TEST_CASE("briefing: a journal entry needs a date not after today, the instructor, journal, page and entry",
          "[briefing]") {
    const date today{2026, 3, 10};
    journal_entry e{"2026-03-10", "Серік Ахметов", "ТБ-3", 12, 7};
    CHECK_FALSE(validate(e, today));
    auto bad = e;
    bad.day = "2026-03-11";
    CHECK(validate(bad, today) == "date 2026-03-11 is after today");
    bad.day = "10.03.2026";
    CHECK(validate(bad, today));
    bad = e;
    bad.instructor = "  ";
    CHECK(validate(bad, today));
    bad.instructor = std::string(200, 'a');
    CHECK_FALSE(validate(bad, today));
    std::string cyr;
    for (int i = 0; i < 200; ++i) cyr += "ж";  // 200 characters, 400 bytes
    bad.instructor = cyr;
    CHECK_FALSE(validate(bad, today));
    bad.instructor += "ж";
    CHECK(validate(bad, today));
    bad = e;
    bad.journal_no = "";
    CHECK(validate(bad, today));
    bad = e;
    bad.page = 0;
    CHECK(validate(bad, today));
    bad.page = max_journal_page + 1;
    CHECK(validate(bad, today));
    bad = e;
    bad.entry = -1;
    CHECK(validate(bad, today));
}
