#include <catch2/catch.hpp>

#include "exam/theory/programme.hpp"

using namespace tanu::exam;

namespace {
programme valid_programme() {
    programme p;
    p.code = "MSE-EXPERT-2024";
    p.profession = "Independent expert of medical-social expertise";
    p.oked = "86101";
    p.nkz = "22110001";
    p.nqf_level = 7;
    p.languages = {"kk", "ru"};
    p.theory.questions = 90;
    p.theory.minutes = 90;
    p.theory.pass_percent = 70;
    p.theory.rule = pass_rule::at_least;
    p.attempts = 2;
    practical_item item;
    item.id = "card-1";
    item.text = {{"kk", "Тапсырма"}, {"ru", "Задание"}};
    p.practical.push_back(item);
    return p;
}
}  // namespace

TEST_CASE("a valid programme passes", "[programme]") {
    auto p = valid_programme();
    CHECK_FALSE(validate(p).has_value());
    CHECK(p.offers("kk"));
    CHECK(p.offers("ru"));
    CHECK_FALSE(p.offers("en"));

    p.nkz.clear();  // no NKZ code: zeros in the document number
    CHECK_FALSE(validate(p).has_value());
    p.languages = {"ru"};
    p.practical.clear();
    CHECK_FALSE(validate(p).has_value());
    p.theory.pass_percent = 100;
    p.attempts = 10;
    p.theory.questions = 500;
    p.theory.minutes = 600;
    CHECK_FALSE(validate(p).has_value());
}

TEST_CASE("defaults follow seed 003: 90 questions, 90 minutes, 70 %, one retake", "[programme]") {
    programme p;
    CHECK(p.regime == legal_regime::custom);
    CHECK(p.modes == std::vector<std::string>{"online"});
    CHECK_FALSE(p.document_valid_years.has_value());
    CHECK_FALSE(p.strikes.has_value());
    CHECK(p.blueprint.empty());
    CHECK(p.theory.questions == 90);
    CHECK(p.theory.minutes == 90);
    CHECK(p.theory.pass_percent == 70);
    CHECK(p.attempts == 2);
}

TEST_CASE("invalid programmes", "[programme]") {
    auto p = valid_programme();
    SECTION("oked") {
        p.oked = "8610";
        CHECK(validate(p) == std::string("oked must be 5 digits"));
        p.oked = "861011";
        CHECK(validate(p).has_value());
        p.oked = "8610A";
        CHECK(validate(p).has_value());
        p.oked = "";
        CHECK(validate(p).has_value());
    }
    SECTION("nkz of 7 digits") {
        p.nkz = "2211000";
        CHECK(validate(p) == std::string("nkz must be 8 digits or empty"));
        p.nkz = "221100011";
        CHECK(validate(p).has_value());
    }
    SECTION("unknown language") {
        p.languages = {"kk", "en"};
        CHECK(validate(p) == std::string("unknown language 'en' (kk, ru)"));
    }
    SECTION("no language, or one listed twice") {
        p.languages = {};
        CHECK(validate(p).has_value());
        p.languages = {"ru", "ru"};
        CHECK(validate(p).has_value());
    }
    SECTION("pass_percent 0 or over 100") {
        p.theory.pass_percent = 0;
        CHECK(validate(p) == std::string("theory.pass_percent must be 1 to 100"));
        p.theory.pass_percent = 101;
        CHECK(validate(p).has_value());
    }
    SECTION("attempts below 0 or over 10; 0 is no cap") {
        p.attempts = -1;
        CHECK(validate(p) == std::string("attempts must be 0 (no cap) to 10"));
        p.attempts = 11;
        CHECK(validate(p) == std::string("attempts must be 0 (no cap) to 10"));
        p.attempts = 0;  // seed 002 p.19: no limit on retakes
        CHECK_FALSE(validate(p).has_value());
    }
    SECTION("X15: more than 100 % can never be scored") {
        p.theory.rule = pass_rule::above;
        p.theory.pass_percent = 100;
        CHECK(validate(p) == std::string("theory.pass_percent 100 with pass_rule 'above' can never be passed (more than 100 %)"));
        p.theory.pass_percent = 99;  // 100 % passes
        CHECK_FALSE(validate(p).has_value());
        p.theory.rule = pass_rule::at_least;
        p.theory.pass_percent = 100;  // every answer right passes
        CHECK_FALSE(validate(p).has_value());
    }
    SECTION("code") {
        p.code = "";
        CHECK(validate(p).has_value());
        p.code = "has space";
        CHECK(validate(p).has_value());
        p.code = std::string(33, 'A');
        CHECK(validate(p).has_value());
    }
    SECTION("profession, nqf_level, theory sizes") {
        auto q = p;
        q.profession = "";
        CHECK(validate(q).has_value());
        q = p;
        q.nqf_level = 0;
        CHECK(validate(q).has_value());
        q.nqf_level = 9;
        CHECK(validate(q).has_value());
        q = p;
        q.theory.questions = 0;
        CHECK(validate(q).has_value());
        q = p;
        q.theory.minutes = 0;
        CHECK(validate(q).has_value());
    }
    SECTION("practical items") {
        auto q = p;
        q.practical.push_back(q.practical.front());
        CHECK(validate(q).has_value());  // listed twice
        q = p;
        q.practical.front().text.erase("ru");
        CHECK(validate(q).has_value());  // no text in ru
    }
}

TEST_CASE("pass_rule parses and prints", "[programme]") {
    CHECK(parse_pass_rule("above") == pass_rule::above);
    CHECK(parse_pass_rule("at_least") == pass_rule::at_least);
    CHECK_FALSE(parse_pass_rule("more").has_value());
    CHECK(std::string(to_string(pass_rule::above)) == "above");
    CHECK(std::string(to_string(pass_rule::at_least)) == "at_least");
    CHECK(is_language("kk"));
    CHECK(is_language("ru"));
    CHECK_FALSE(is_language("en"));
}
