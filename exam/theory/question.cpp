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

namespace {

// The next code point of `s` from `i` (advanced past it), or 0xFFFD for a byte
// that does not start a well-formed sequence (advanced by one).
char32_t next_code_point(std::string_view s, std::size_t& i) {
    const auto b = static_cast<unsigned char>(s[i]);
    int len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + static_cast<std::size_t>(len) > s.size()) {
        ++i;
        return 0xFFFD;
    }
    char32_t cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
    for (int k = 1; k < len; ++k) {
        const auto c = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
        if ((c & 0xC0) != 0x80) {
            ++i;
            return 0xFFFD;
        }
        cp = (cp << 6) | (c & 0x3F);
    }
    i += static_cast<std::size_t>(len);
    return cp;
}

bool kazakh_only(char32_t c) {
    switch (c) {
        case U'ә': case U'Ә': case U'ғ': case U'Ғ': case U'қ': case U'Қ': case U'ң': case U'Ң':
        case U'ө': case U'Ө': case U'ұ': case U'Ұ': case U'ү': case U'Ү': case U'һ': case U'Һ':
        case U'і': case U'І':
            return true;
        default:
            return false;
    }
}

}  // namespace

std::optional<std::string> text_language(std::string_view utf8) {
    bool cyrillic = false;
    for (std::size_t i = 0; i < utf8.size();) {
        const char32_t c = next_code_point(utf8, i);
        if (kazakh_only(c)) return "kk";
        if (c >= 0x0400 && c <= 0x04FF) cyrillic = true;
    }
    if (cyrillic) return "ru";
    return std::nullopt;
}

}  // namespace tanu::exam
