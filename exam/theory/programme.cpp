#include "exam/theory/programme.hpp"

#include <algorithm>
#include <set>

namespace tanu::exam {

std::optional<pass_rule> parse_pass_rule(const std::string& s) {
    if (s == "above") return pass_rule::above;
    if (s == "at_least") return pass_rule::at_least;
    return std::nullopt;
}

const char* to_string(pass_rule r) { return r == pass_rule::above ? "above" : "at_least"; }

bool is_language(const std::string& lang) { return lang == "kk" || lang == "ru"; }

std::string topic_name(const std::map<std::string, std::string>& titles, int number, const std::string& lang) {
    if (auto it = titles.find(lang); it != titles.end() && !it->second.empty()) return it->second;
    const std::string word = lang == "kk" ? "Тақырып" : lang == "ru" ? "Тема" : "Topic";
    return number > 0 ? word + " " + std::to_string(number) : word;
}

bool programme::offers(const std::string& lang) const {
    return std::find(languages.begin(), languages.end(), lang) != languages.end();
}

static bool digits(const std::string& s, std::size_t n) {
    return s.size() == n && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<std::string> validate(const programme& p) {
    if (p.code.empty() || p.code.size() > 32) return "code must be 1 to 32 characters";
    for (char c : p.code) {
        bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                  c == '_' || c == '.';
        if (!ok) return "code may hold only letters, digits, '-', '_' and '.'";
    }
    if (p.kind.empty() || p.kind.size() > 32 ||
        p.kind.find_first_not_of("abcdefghijklmnopqrstuvwxyz_") != std::string::npos)
        return "kind must be 1 to 32 characters of a-z and '_'";
    if (p.profession.empty() || p.profession.size() > 300) return "profession must be 1 to 300 characters";
    if (!digits(p.oked, 5)) return "oked must be 5 digits";
    if (!p.nkz.empty() && !digits(p.nkz, 8)) return "nkz must be 8 digits or empty";
    if (p.nqf_level < 1 || p.nqf_level > 8) return "nqf_level must be 1 to 8";
    if (p.languages.empty()) return "languages must name kk, ru or both";
    std::set<std::string> seen;
    for (const auto& l : p.languages) {
        if (!is_language(l)) return "unknown language '" + l + "' (kk, ru)";
        if (!seen.insert(l).second) return "language '" + l + "' listed twice";
    }
    if (p.theory.questions < 1 || p.theory.questions > 500) return "theory.questions must be 1 to 500";
    if (p.theory.minutes < 1 || p.theory.minutes > 600) return "theory.minutes must be 1 to 600";
    if (p.theory.pass_percent < 1 || p.theory.pass_percent > 100) return "theory.pass_percent must be 1 to 100";
    if (p.attempts < 1 || p.attempts > 10) return "attempts must be 1 to 10";
    std::set<std::string> ids;
    for (const auto& item : p.practical) {
        if (item.id.empty() || item.id.size() > 64) return "practical item id must be 1 to 64 characters";
        if (!ids.insert(item.id).second) return "practical item '" + item.id + "' listed twice";
        for (const auto& l : p.languages)
            if (item.text.count(l) == 0 || item.text.at(l).empty())
                return "practical item '" + item.id + "' has no text in " + l;
    }
    if (p.topics.size() > max_topics) return "topics must be at most " + std::to_string(max_topics);
    for (const auto& [slug, titles] : p.topics) {
        if (slug.empty() || slug.size() > max_topic_slug)
            return "a topic's slug must be 1 to " + std::to_string(max_topic_slug) + " characters";
        for (const auto& [lang, title] : titles) {
            if (!is_language(lang) && lang != "en")
                return "topic '" + slug + "': unknown language '" + lang + "' (kk, ru, en)";
            if (title.empty() || title.size() > max_topic_title)
                return "topic '" + slug + "': the " + lang + " title must be 1 to " + std::to_string(max_topic_title) +
                       " bytes";
        }
    }
    return std::nullopt;
}

}  // namespace tanu::exam
