#include "exam/theory/question.hpp"

#include <algorithm>
#include <set>

namespace tanu::exam {

static bool blank(const std::string& s) {
    return std::all_of(s.begin(), s.end(), [](unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

std::optional<std::string> validate(const question& q, const std::vector<std::string>& languages) {
    if (q.id.empty()) return "missing id";
    if (q.id.size() > max_question_id) return "id too long";
    if (std::find(languages.begin(), languages.end(), q.lang) == languages.end())
        return "language not offered by the programme";
    if (blank(q.text)) return "empty text";
    if (q.text.size() > max_question_text) return "text too long";
    if (q.topic.size() > 200) return "topic too long";
    if (q.options.size() < min_options || q.options.size() > max_options) return "need 2 to 10 options";
    std::set<std::string> seen;
    for (const auto& o : q.options) {
        if (blank(o)) return "empty option";
        if (o.size() > max_option_text) return "option too long";
        if (!seen.insert(o).second) return "duplicate options";
    }
    if (q.correct.empty()) return "no correct answer";
    std::set<int> picks;
    for (int c : q.correct) {
        if (c < 0 || static_cast<std::size_t>(c) >= q.options.size()) return "correct index out of range";
        if (!picks.insert(c).second) return "correct index repeated";
    }
    if (picks.size() == q.options.size()) return "every option is correct";
    return std::nullopt;
}

}  // namespace tanu::exam
