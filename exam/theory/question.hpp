#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tanu::exam {

inline constexpr std::size_t max_question_text = 4000;
inline constexpr std::size_t max_option_text = 1000;
inline constexpr std::size_t min_options = 2;
inline constexpr std::size_t max_options = 10;
inline constexpr std::size_t max_question_id = 64;

struct question {
    std::string id;  // the bank's own id (external)
    std::string lang;
    std::string topic;
    std::string text;
    std::vector<std::string> options;
    std::vector<int> correct;  // 0-based indices into options

    bool multi() const { return correct.size() > 1; }
};

// Empty when the question may enter a bank offering `languages`; else the reason
// (the texts are listed in docs/api.md).
std::optional<std::string> validate(const question& q, const std::vector<std::string>& languages);

// The language of a question told from its own text, for imports that carry
// none (the contract, protocol.md: Moodle XML). A letter only Kazakh has
// (ә ғ қ ң ө ұ ү һ і, either case) makes it "kk"; other Cyrillic letters make it
// "ru"; without Cyrillic letters it cannot be told (nullopt). Invalid UTF-8
// bytes are skipped.
std::optional<std::string> text_language(std::string_view utf8);

}  // namespace tanu::exam
