#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tanu::exam {

// How the theory threshold is read. Seed 002 p.15: "more than 70 %" (above);
// seed 003 p.9: "at least 70 %" (at_least). Each programme carries its own.
enum class pass_rule { above, at_least };

std::optional<pass_rule> parse_pass_rule(const std::string& s);
const char* to_string(pass_rule r);

struct practical_item {
    std::string id;
    std::map<std::string, std::string> text;  // lang -> text
    bool mandatory = true;
};

struct theory_spec {
    int questions = 90;  // seed 003 p.8: 90 questions
    int minutes = 90;    // seed 003 p.8: 90 minutes
    int pass_percent = 70;
    pass_rule rule = pass_rule::above;
};

struct programme {
    std::string code;
    // The procedure that owns the programme's sittings (server/exam/sitting_owner.hpp):
    // "recognition" (seed 002), the default. A slug of a-z and '_'.
    std::string kind = "recognition";
    std::string profession;
    std::string oked;  // 5 digits (document code level 1)
    std::string nkz;   // 8 digits or empty: zeros in the code (Appendix 2)
    int nqf_level = 0;
    std::vector<std::string> languages;  // kk, ru (seed 002 p.9)
    theory_spec theory;
    int attempts = 2;  // counts the first sitting: 2 = one retake
    std::vector<practical_item> practical;
    bool focus_lost_is_violation = false;  // proctoring: does a tab switch count (default: logged only)
    // The bank's topics in words: slug -> lang (kk, ru; en optional) -> title.
    // A slug (`first_aid`) is the bank's key, never a word for a person
    // (issue 10: every word in the reader's language); see topic_name.
    std::map<std::string, std::map<std::string, std::string>> topics;

    bool offers(const std::string& lang) const;
};

// Empty when the programme is acceptable; else the first problem, in words.
std::optional<std::string> validate(const programme& p);

bool is_language(const std::string& lang);

// Limits of the topic titles (validate): a bank has tens of topics, not thousands.
inline constexpr std::size_t max_topics = 1000;
inline constexpr std::size_t max_topic_slug = 64;
inline constexpr std::size_t max_topic_title = 200;

// The name of a topic a reader sees in `lang` (kk, ru, en): its title in that
// language, else "Тақырып N" / "Тема N" / "Topic N" with N its number in the
// programme's order (1-based; 0 when unknown: "Тақырып" alone). Never the slug.
std::string topic_name(const std::map<std::string, std::string>& titles, int number, const std::string& lang);

}  // namespace tanu::exam
