#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "exam/theory/question.hpp"

using namespace tanu::exam;

namespace {
const std::vector<std::string> kk_ru = {"kk", "ru"};

question valid_question() {
    question q;
    q.id = "mse-001";
    q.lang = "ru";
    q.topic = "МСЭ";
    q.text = "Сколько вопросов в тесте?";
    q.options = {"60", "90", "120"};
    q.correct = {1};
    return q;
}
}  // namespace

TEST_CASE("a valid question passes", "[question]") {
    auto q = valid_question();
    CHECK_FALSE(validate(q, kk_ru).has_value());
    CHECK_FALSE(q.multi());
    q.correct = {0, 2};
    CHECK_FALSE(validate(q, kk_ru).has_value());
    CHECK(q.multi());
    q.options = {"a", "b"};
    q.correct = {0};
    CHECK_FALSE(validate(q, kk_ru).has_value());
    q.options = std::vector<std::string>{"1", "2", "3", "4", "5", "6", "7", "8", "9", "10"};
    CHECK_FALSE(validate(q, kk_ru).has_value());
}

TEST_CASE("question rejection reasons", "[question]") {
    auto q = valid_question();
    SECTION("no correct answer") {
        q.correct = {};
        CHECK(validate(q, kk_ru) == std::string("no correct answer"));
    }
    SECTION("need 2 to 10 options") {
        q.options = {"only"};
        q.correct = {0};
        CHECK(validate(q, kk_ru) == std::string("need 2 to 10 options"));
        q.options = {};
        CHECK(validate(q, kk_ru) == std::string("need 2 to 10 options"));
        q.options = std::vector<std::string>{"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"};
        CHECK(validate(q, kk_ru) == std::string("need 2 to 10 options"));
    }
    SECTION("language not offered by the programme") {
        CHECK(validate(q, {"kk"}) == std::string("language not offered by the programme"));
        q.lang = "en";
        CHECK(validate(q, kk_ru) == std::string("language not offered by the programme"));
    }
    SECTION("duplicate options") {
        q.options = {"60", "90", "60"};
        CHECK(validate(q, kk_ru) == std::string("duplicate options"));
    }
    SECTION("correct index out of range") {
        q.correct = {3};
        CHECK(validate(q, kk_ru) == std::string("correct index out of range"));
        q.correct = {-1};
        CHECK(validate(q, kk_ru) == std::string("correct index out of range"));
        q.correct = {0, 5};
        CHECK(validate(q, kk_ru) == std::string("correct index out of range"));
    }
    SECTION("missing id, empty text, empty option, sizes") {
        auto r = q;
        r.id = "";
        CHECK(validate(r, kk_ru) == std::string("missing id"));
        r = q;
        r.text = "  \n\t";
        CHECK(validate(r, kk_ru) == std::string("empty text"));
        r = q;
        r.text = std::string(max_question_text + 1, 'x');
        CHECK(validate(r, kk_ru) == std::string("text too long"));
        r.text = std::string(max_question_text, 'x');
        CHECK_FALSE(validate(r, kk_ru).has_value());
        r = q;
        r.options[2] = " ";
        CHECK(validate(r, kk_ru) == std::string("empty option"));
        r = q;
        r.options[2] = std::string(max_option_text + 1, 'o');
        CHECK(validate(r, kk_ru) == std::string("option too long"));
        r = q;
        r.id = std::string(max_question_id + 1, 'i');
        CHECK(validate(r, kk_ru).has_value());
    }
    SECTION("a repeated correct index, or every option correct, is refused") {
        q.correct = {1, 1};
        CHECK(validate(q, kk_ru).has_value());
        q.correct = {0, 1, 2};
        CHECK(validate(q, kk_ru).has_value());
    }
}

TEST_CASE("the language of a text: a Kazakh-only letter is Kazakh, other Cyrillic Russian", "[question][language]") {
    CHECK(text_language("Дәнекерлеу") == "kk");    // ә
    CHECK(text_language("ҒЫЛЫМ") == "kk");          // Ғ, capital
    CHECK(text_language("Қауіпсіздік") == "kk");   // Қ, і
    CHECK(text_language("таңба") == "kk");          // ң
    CHECK(text_language("өрт") == "kk");            // ө
    CHECK(text_language("ұста") == "kk");           // ұ
    CHECK(text_language("үй") == "kk");             // ү
    CHECK(text_language("һ") == "kk");              // һ
    CHECK(text_language("Сварочный ток") == "ru");
    CHECK(text_language("Сварка тогы") == "ru");  // Kazakh words without a Kazakh-only letter read as Russian
    CHECK(text_language("Ёлка, щётка, ъ") == "ru");
    CHECK_FALSE(text_language("Is a helmet needed?").has_value());
    CHECK_FALSE(text_language("").has_value());
    CHECK_FALSE(text_language("2 + 2 = 4").has_value());
    CHECK(text_language("\xFF\xFE Да") == "ru");  // invalid bytes are skipped
    CHECK(text_language("\xD3") == std::nullopt);  // a cut sequence
}
