#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
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

// The law a programme's theory runs under (W11, X4). `custom` is the contract
// before regimes: the options stay free (as before), only what no law allows
// is refused. A regime fixes what its seed fixes and validate refuses the rest.
//   recognition_002: seed 002 (kk and ru p.9, more than 70 % p.15, no cap on
//                    retakes p.19, the commission's protocol: kind recognition)
//   mse_003:         seed 003 (kk and ru, 90 questions, 90 minutes, online p.8;
//                    at least 70 %, one retake p.9; a test, no practical stage)
enum class legal_regime { recognition_002, mse_003, custom };

std::optional<legal_regime> parse_regime(const std::string& s);
const char* to_string(legal_regime r);

// Seed 002 p.4, last part: what the professional standard asks of a candidate
// before the procedure (the application's check reads it).
struct admission_rule {
    bool education_required = false;
    int experience_years = 0;  // 0..50
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
    int attempts = 2;  // counts the first sitting: 2 = one retake; 0 = no cap (seed 002 p.19)
    std::vector<practical_item> practical;
    bool focus_lost_is_violation = false;  // proctoring: does a tab switch count (default: logged only)
    // The proctoring signals counted as violations (strike_signals); absent: the
    // defaults (default_strikes), focus_lost besides when focus_lost_is_violation.
    // See counts_as_strike.
    std::optional<std::vector<std::string>> strikes;
    // The bank's topics in words: slug -> lang (kk, ru; en optional) -> title.
    // A slug (`first_aid`) is the bank's key, never a word for a person
    // (issue 10: every word in the reader's language); see topic_name.
    std::map<std::string, std::map<std::string, std::string>> topics;

    legal_regime regime = legal_regime::custom;
    std::vector<std::string> modes{"online"};  // seed 002 p.9: online, offline or both, as the programme sets
    // Seed 002 p.8: the tools and methods of the assessment the candidate is
    // shown before the procedure: lang (kk, ru, en) -> text.
    std::map<std::string, std::string> methodology;
    // Seed 002 p.12, second part: the p.12 items the programme lets candidates use.
    std::vector<std::string> allowed_items;
    bool briefing_required = false;  // p.8: the safety briefing, recorded in the paper journal
    std::optional<int> document_valid_years;  // absent: the centre's (centre.document_valid_years)
    admission_rule admission;
    // X17, seed 003 p.8 ("three areas, 90 questions"): questions drawn per
    // topic slug; empty: drawn over the whole bank. Sum == theory.questions.
    std::map<std::string, int> blueprint;

    bool offers(const std::string& lang) const;
    bool offers_mode(const std::string& mode) const;
};

// Empty when the programme is acceptable; else the first problem, in words.
std::optional<std::string> validate(const programme& p);

bool is_language(const std::string& lang);

// Does the proctoring signal count as a violation (seed 002 p.13: a warning,
// then the end) in this programme? The programme's list when it gives one,
// else multiple_faces and identity_mismatch; focus_lost also whenever
// focus_lost_is_violation. Every other signal is only logged.
bool counts_as_strike(const programme& p, std::string_view signal);
// The signals counted, in strike_signals' order (what a page shows).
std::vector<std::string> counted_strikes(const programme& p);

// Years a recognition document of the programme is valid: its own, else the centre's.
int document_valid_years(const programme& p, int centre_default);

// Limits of the settings (validate).
inline constexpr std::size_t max_methodology = 20000;  // bytes per language
inline constexpr int max_document_valid_years = 50;
inline constexpr int max_experience_years = 50;

// Limits of the topic titles (validate): a bank has tens of topics, not thousands.
inline constexpr std::size_t max_topics = 1000;
inline constexpr std::size_t max_topic_slug = 64;
inline constexpr std::size_t max_topic_title = 200;

// The name of a topic a reader sees in `lang` (kk, ru, en): its title in that
// language, else "Тақырып N" / "Тема N" / "Topic N" with N its number in the
// programme's order (1-based; 0 when unknown: "Тақырып" alone). Never the slug.
std::string topic_name(const std::map<std::string, std::string>& titles, int number, const std::string& lang);

}  // namespace tanu::exam
