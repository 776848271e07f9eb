// Programme settings the law presumes (W11): the regime of seed 002 or 003 and
// what it fixes (X3, X4, X10), the modes, the p.12 items, the strike signals
// (X16), the blueprint (X17), the methodology, document validity and admission.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "exam/theory/programme.hpp"
#include "exam/theory/prohibited.hpp"

using namespace tanu::exam;

namespace {

std::string why(const programme& p) { return validate(p).value_or("valid"); }

// Seed 002 as the law has it: kk and ru (p.9), more than 70 % (p.15), no cap (p.19).
programme plumber_002() {
    programme p;
    p.code = "PLUMBER-4";
    p.profession = "Сантехник";
    p.oked = "43221";
    p.nqf_level = 4;
    p.languages = {"ru", "kk"};
    p.theory.questions = 40;
    p.theory.minutes = 60;
    p.theory.pass_percent = 70;
    p.theory.rule = pass_rule::above;
    p.attempts = 0;
    p.regime = legal_regime::recognition_002;
    p.modes = {"online", "offline"};
    practical_item item;
    item.id = "card-1";
    item.text = {{"kk", "Құбырды орнату"}, {"ru", "Монтаж трубы"}};
    p.practical.push_back(item);
    return p;
}

// Seed 003: kk and ru, 90 questions, 90 minutes (p.8), at least 70 %, one retake (p.9).
programme mse_003() {
    programme p;
    p.code = "MSE-EXPERT";
    p.kind = "mse_register";
    p.profession = "Independent MSE expert";
    p.oked = "86101";
    p.nqf_level = 7;
    p.languages = {"kk", "ru"};
    p.theory.questions = 90;
    p.theory.minutes = 90;
    p.theory.pass_percent = 70;
    p.theory.rule = pass_rule::at_least;
    p.attempts = 2;
    p.regime = legal_regime::mse_003;
    p.blueprint = {{"social_protection", 30}, {"mse_basics", 30}, {"needs_assessment", 30}};
    return p;
}

}  // namespace

TEST_CASE("regimes parse and print", "[programme][regime]") {
    CHECK(parse_regime("recognition_002") == legal_regime::recognition_002);
    CHECK(parse_regime("mse_003") == legal_regime::mse_003);
    CHECK(parse_regime("custom") == legal_regime::custom);
    CHECK_FALSE(parse_regime("mse_register_003").has_value());
    CHECK_FALSE(parse_regime("").has_value());
    CHECK(std::string(to_string(legal_regime::recognition_002)) == "recognition_002");
    CHECK(std::string(to_string(legal_regime::mse_003)) == "mse_003");
    CHECK(std::string(to_string(legal_regime::custom)) == "custom");
}

TEST_CASE("recognition_002: a programme as seed 002 has it is valid", "[programme][regime]") {
    CHECK(why(plumber_002()) == "valid");
}

TEST_CASE("recognition_002 refuses what seed 002 does not allow", "[programme][regime]") {
    auto p = plumber_002();
    SECTION("a cap on retakes (X3)") {
        p.attempts = 2;
        CHECK(why(p) == "regime recognition_002: attempts must be 0 (no cap): seed 002 p.19 sets no limit on retakes");
        p.attempts = 1;
        CHECK(why(p).find("seed 002 p.19 sets no limit on retakes") != std::string::npos);
    }
    SECTION("one language (X10)") {
        p.languages = {"ru"};
        CHECK(why(p) == "regime recognition_002: languages must be kk and ru, the candidate chooses (seed 002 p.9)");
        p.practical.front().text.erase("kk");
        CHECK(why(p) == "regime recognition_002: languages must be kk and ru, the candidate chooses (seed 002 p.9)");
    }
    SECTION("at least 70 % (X4)") {
        p.theory.rule = pass_rule::at_least;
        CHECK(why(p) == "regime recognition_002: theory.pass_rule must be 'above' (seed 002 p.15: more than 70 %)");
    }
    SECTION("another threshold") {
        p.theory.pass_percent = 60;
        CHECK(why(p) == "regime recognition_002: theory.pass_percent must be 70 (seed 002 p.15: more than 70 %)");
    }
    SECTION("another procedure's kind") {
        p.kind = "mse_register";
        CHECK(why(p) ==
              "regime recognition_002: kind must be 'recognition' (the commission's protocol and the recognition document "
              "of seed 002)");
    }
    SECTION("the same programme without a regime stays free (custom)") {
        p.regime = legal_regime::custom;
        p.attempts = 2;
        p.languages = {"ru"};
        p.practical.front().text.erase("kk");
        p.theory.rule = pass_rule::at_least;
        CHECK(why(p) == "valid");
    }
}

TEST_CASE("mse_003: the test of seed 003 is valid, 90 questions in three areas of 30", "[programme][regime]") {
    CHECK(why(mse_003()) == "valid");
}

TEST_CASE("mse_003 refuses what seed 003 does not allow", "[programme][regime]") {
    auto p = mse_003();
    SECTION("more than 70 % instead of at least") {
        p.theory.rule = pass_rule::above;
        CHECK(why(p) == "regime mse_003: theory.pass_rule must be 'at_least' (seed 003 p.9: at least 70 %)");
    }
    SECTION("another threshold") {
        p.theory.pass_percent = 75;
        CHECK(why(p) == "regime mse_003: theory.pass_percent must be 70 (seed 003 p.9: at least 70 %)");
    }
    SECTION("50 questions") {
        p.theory.questions = 50;
        p.blueprint.clear();
        CHECK(why(p) == "regime mse_003: theory.questions must be 90 (seed 003 p.8)");
    }
    SECTION("60 minutes") {
        p.theory.minutes = 60;
        CHECK(why(p) == "regime mse_003: theory.minutes must be 90 (seed 003 p.8)");
    }
    SECTION("no retake, or no cap") {
        p.attempts = 1;
        CHECK(why(p) == "regime mse_003: attempts must be 2, the test and one retake (seed 003 p.9)");
        p.attempts = 0;
        CHECK(why(p) == "regime mse_003: attempts must be 2, the test and one retake (seed 003 p.9)");
    }
    SECTION("a practical stage") {
        practical_item item;
        item.id = "card-1";
        item.text = {{"kk", "Тапсырма"}, {"ru", "Задание"}};
        p.practical.push_back(item);
        CHECK(why(p) == "regime mse_003: a test only, no practical items (seed 003 p.8-9)");
    }
    SECTION("one language") {
        p.languages = {"kk"};
        CHECK(why(p) == "regime mse_003: languages must be kk and ru, the candidate chooses (seed 003 p.8)");
    }
    SECTION("offline") {
        p.modes = {"online", "offline"};
        CHECK(why(p) == "regime mse_003: modes must be online only (seed 003 p.8: proctored on the platform)");
    }
}

TEST_CASE("modes: online, offline or both, each once", "[programme][settings]") {
    auto p = plumber_002();
    p.modes = {"offline"};
    CHECK(why(p) == "valid");
    CHECK(p.offers_mode("offline"));
    CHECK_FALSE(p.offers_mode("online"));
    p.modes = {};
    CHECK(why(p) == "modes must name online, offline or both");
    p.modes = {"online", "online"};
    CHECK(why(p) == "mode 'online' listed twice");
    p.modes = {"remote"};
    CHECK(why(p) == "unknown mode 'remote' (online, offline)");
}

TEST_CASE("allowed_items: only the items of seed 002 p.12", "[programme][settings]") {
    CHECK(prohibited_items.size() == 17);
    CHECK(is_prohibited_item("calculators"));
    CHECK(is_prohibited_item("study_literature"));
    CHECK_FALSE(is_prohibited_item("pens"));
    auto p = plumber_002();
    p.allowed_items = {"calculators", "study_literature"};  // p.12 second part: where the programme provides
    CHECK(why(p) == "valid");
    p.allowed_items = {"calculators", "pens"};
    CHECK(why(p) == "allowed_items: 'pens' is not an item of seed 002 p.12");
    p.allowed_items = {"calculators", "calculators"};
    CHECK(why(p) == "allowed_items: 'calculators' listed twice");
}

TEST_CASE("strikes: the defaults count only another face and another person (X16)", "[programme][strikes]") {
    programme p;
    CHECK(counts_as_strike(p, "multiple_faces"));
    CHECK(counts_as_strike(p, "identity_mismatch"));
    for (const char* s : {"noise", "no_face", "movement", "focus_lost", "looking_away", "camera_blocked"}) {
        INFO(s);
        CHECK_FALSE(counts_as_strike(p, s));
    }
    CHECK(counted_strikes(p) == std::vector<std::string>{"multiple_faces", "identity_mismatch"});
    p.focus_lost_is_violation = true;
    CHECK(counts_as_strike(p, "focus_lost"));
    CHECK(counted_strikes(p) == std::vector<std::string>{"multiple_faces", "identity_mismatch", "focus_lost"});
}

TEST_CASE("strikes: a programme's list replaces the defaults", "[programme][strikes]") {
    auto p = plumber_002();
    p.strikes = std::vector<std::string>{"no_face", "focus_lost"};
    CHECK(why(p) == "valid");
    CHECK(counts_as_strike(p, "no_face"));
    CHECK(counts_as_strike(p, "focus_lost"));
    CHECK_FALSE(counts_as_strike(p, "multiple_faces"));  // not listed
    CHECK_FALSE(counts_as_strike(p, "noise"));
    p.strikes = std::vector<std::string>{};  // nothing counts but what focus_lost_is_violation says
    CHECK_FALSE(counts_as_strike(p, "identity_mismatch"));
    p.focus_lost_is_violation = true;
    CHECK(counts_as_strike(p, "focus_lost"));
    p.strikes = std::vector<std::string>{"camera_blocked"};
    CHECK(why(p) == "proctoring.strikes: unknown signal 'camera_blocked' (multiple_faces, identity_mismatch, noise, "
                    "no_face, movement, focus_lost, looking_away)");
    p.strikes = std::vector<std::string>{"noise", "noise"};
    CHECK(why(p) == "proctoring.strikes: 'noise' listed twice");
}

TEST_CASE("blueprint: counts of 1 or more over topic slugs, summing to theory.questions (X17)", "[programme][blueprint]") {
    auto p = mse_003();
    p.blueprint["needs_assessment"] = 29;
    CHECK(why(p) == "blueprint draws 89 questions; theory.questions is 90");
    p.blueprint["needs_assessment"] = 0;
    CHECK(why(p) == "blueprint: topic 'needs_assessment' must draw 1 to 500 questions");
    p.blueprint["needs_assessment"] = 30;
    p.blueprint[""] = 1;
    CHECK(why(p) == "blueprint: a topic's slug must be 1 to 64 characters");
    p.blueprint.erase("");
    p.blueprint[std::string(65, 'a')] = 1;
    CHECK(why(p) == "blueprint: a topic's slug must be 1 to 64 characters");
    auto q = plumber_002();
    q.blueprint = {{"safety", 40}};  // one topic drawing all 40
    CHECK(why(q) == "valid");
}

TEST_CASE("methodology, document validity and admission within their limits", "[programme][settings]") {
    auto p = plumber_002();
    p.methodology = {{"kk", "Тест және практикалық тапсырма"}, {"ru", "Тест и практическое задание"}, {"en", "A test"}};
    p.document_valid_years = 5;
    p.admission = {true, 3};
    p.briefing_required = true;
    CHECK(why(p) == "valid");
    CHECK(document_valid_years(p, 3) == 5);
    p.document_valid_years.reset();
    CHECK(document_valid_years(p, 3) == 3);  // the centre's
    SECTION("methodology") {
        p.methodology["de"] = "Test";
        CHECK(why(p) == "methodology: unknown language 'de' (kk, ru, en)");
        p.methodology.erase("de");
        p.methodology["ru"] = std::string(20001, 'x');
        CHECK(why(p) == "methodology: the ru text must be 1 to 20000 bytes");
        p.methodology["ru"] = std::string(20000, 'x');
        CHECK(why(p) == "valid");
        p.methodology["kk"] = "";
        CHECK(why(p) == "methodology: the kk text must be 1 to 20000 bytes");
    }
    SECTION("document_valid_years 1 to 50") {
        p.document_valid_years = 0;
        CHECK(why(p) == "document_valid_years must be 1 to 50");
        p.document_valid_years = 51;
        CHECK(why(p) == "document_valid_years must be 1 to 50");
        p.document_valid_years = 50;
        CHECK(why(p) == "valid");
    }
    SECTION("admission.experience_years 0 to 50") {
        p.admission.experience_years = -1;
        CHECK(why(p) == "admission.experience_years must be 0 to 50");
        p.admission.experience_years = 51;
        CHECK(why(p) == "admission.experience_years must be 0 to 50");
        p.admission.experience_years = 0;
        CHECK(why(p) == "valid");
    }
}
