#pragma once
#include <optional>
#include <string>
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

}  // namespace tanu::exam
