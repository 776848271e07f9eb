#include "exam/theory/programme.hpp"

#include <algorithm>
#include <set>

#include "exam/theory/prohibited.hpp"

namespace tanu::exam {

std::optional<pass_rule> parse_pass_rule(const std::string& s) {
    if (s == "above") return pass_rule::above;
    if (s == "at_least") return pass_rule::at_least;
    return std::nullopt;
}

const char* to_string(pass_rule r) { return r == pass_rule::above ? "above" : "at_least"; }

std::optional<legal_regime> parse_regime(const std::string& s) {
    if (s == "recognition_002") return legal_regime::recognition_002;
    if (s == "mse_003") return legal_regime::mse_003;
    if (s == "custom") return legal_regime::custom;
    return std::nullopt;
}

const char* to_string(legal_regime r) {
    switch (r) {
        case legal_regime::recognition_002: return "recognition_002";
        case legal_regime::mse_003: return "mse_003";
        case legal_regime::custom: return "custom";
    }
    return "custom";
}

bool is_language(const std::string& lang) { return lang == "kk" || lang == "ru"; }

std::string topic_name(const std::map<std::string, std::string>& titles, int number, const std::string& lang) {
    if (auto it = titles.find(lang); it != titles.end() && !it->second.empty()) return it->second;
    const std::string word = lang == "kk" ? "Тақырып" : lang == "ru" ? "Тема" : "Topic";
    return number > 0 ? word + " " + std::to_string(number) : word;
}

bool programme::offers(const std::string& lang) const {
    return std::find(languages.begin(), languages.end(), lang) != languages.end();
}

bool programme::offers_mode(const std::string& mode) const {
    return std::find(modes.begin(), modes.end(), mode) != modes.end();
}

bool counts_as_strike(const programme& p, std::string_view signal) {
    if (signal == "focus_lost" && p.focus_lost_is_violation) return true;  // X16: the programme says so
    if (p.strikes) return std::find(p.strikes->begin(), p.strikes->end(), signal) != p.strikes->end();
    return std::find(default_strikes.begin(), default_strikes.end(), signal) != default_strikes.end();
}

std::vector<std::string> counted_strikes(const programme& p) {
    std::vector<std::string> out;
    for (auto s : strike_signals)
        if (counts_as_strike(p, s)) out.emplace_back(s);
    return out;
}

int document_valid_years(const programme& p, int centre_default) {
    return p.document_valid_years.value_or(centre_default);
}

static bool digits(const std::string& s, std::size_t n) {
    return s.size() == n && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

static bool exactly_kk_ru(const std::vector<std::string>& langs) {
    return langs.size() == 2 && std::find(langs.begin(), langs.end(), "kk") != langs.end() &&
           std::find(langs.begin(), langs.end(), "ru") != langs.end();
}

// The W11 settings, each within its list and limits.
static std::optional<std::string> validate_settings(const programme& p) {
    if (p.modes.empty()) return "modes must name online, offline or both";
    std::set<std::string> seen;
    for (const auto& m : p.modes) {
        if (m != "online" && m != "offline") return "unknown mode '" + m + "' (online, offline)";
        if (!seen.insert(m).second) return "mode '" + m + "' listed twice";
    }
    for (const auto& [lang, text] : p.methodology) {
        if (!is_language(lang) && lang != "en") return "methodology: unknown language '" + lang + "' (kk, ru, en)";
        if (text.empty() || text.size() > max_methodology)
            return "methodology: the " + lang + " text must be 1 to " + std::to_string(max_methodology) + " bytes";
    }
    seen.clear();
    for (const auto& item : p.allowed_items) {
        if (!is_prohibited_item(item))
            return "allowed_items: '" + item + "' is not an item of seed 002 p.12";
        if (!seen.insert(item).second) return "allowed_items: '" + item + "' listed twice";
    }
    if (p.strikes) {
        seen.clear();
        for (const auto& s : *p.strikes) {
            if (!is_strike_signal(s))
                return "proctoring.strikes: unknown signal '" + s +
                       "' (multiple_faces, identity_mismatch, noise, no_face, movement, focus_lost, looking_away)";
            if (!seen.insert(s).second) return "proctoring.strikes: '" + s + "' listed twice";
        }
    }
    if (p.document_valid_years &&
        (*p.document_valid_years < 1 || *p.document_valid_years > max_document_valid_years))
        return "document_valid_years must be 1 to " + std::to_string(max_document_valid_years);
    if (p.admission.experience_years < 0 || p.admission.experience_years > max_experience_years)
        return "admission.experience_years must be 0 to " + std::to_string(max_experience_years);
    if (!p.blueprint.empty()) {
        if (p.blueprint.size() > max_topics) return "blueprint must name at most " + std::to_string(max_topics) + " topics";
        long long sum = 0;
        for (const auto& [slug, count] : p.blueprint) {
            if (slug.empty() || slug.size() > max_topic_slug)
                return "blueprint: a topic's slug must be 1 to " + std::to_string(max_topic_slug) + " characters";
            if (count < 1 || count > 500) return "blueprint: topic '" + slug + "' must draw 1 to 500 questions";
            sum += count;
        }
        if (sum != p.theory.questions)
            return "blueprint draws " + std::to_string(sum) + " questions; theory.questions is " +
                   std::to_string(p.theory.questions);
    }
    return std::nullopt;
}

// What the programme's regime fixes (W11, X3, X4, X10).
static std::optional<std::string> validate_regime(const programme& p) {
    switch (p.regime) {
        case legal_regime::custom: return std::nullopt;
        case legal_regime::recognition_002:
            if (p.kind != "recognition")
                return "regime recognition_002: kind must be 'recognition' (the commission's protocol and the recognition "
                       "document of seed 002)";
            if (!exactly_kk_ru(p.languages))
                return "regime recognition_002: languages must be kk and ru, the candidate chooses (seed 002 p.9)";
            if (p.theory.rule != pass_rule::above)
                return "regime recognition_002: theory.pass_rule must be 'above' (seed 002 p.15: more than 70 %)";
            if (p.theory.pass_percent != 70)
                return "regime recognition_002: theory.pass_percent must be 70 (seed 002 p.15: more than 70 %)";
            if (p.attempts != 0)
                return "regime recognition_002: attempts must be 0 (no cap): seed 002 p.19 sets no limit on retakes";
            return std::nullopt;
        case legal_regime::mse_003:
            if (!exactly_kk_ru(p.languages))
                return "regime mse_003: languages must be kk and ru, the candidate chooses (seed 003 p.8)";
            if (p.theory.questions != 90) return "regime mse_003: theory.questions must be 90 (seed 003 p.8)";
            if (p.theory.minutes != 90) return "regime mse_003: theory.minutes must be 90 (seed 003 p.8)";
            if (p.theory.rule != pass_rule::at_least)
                return "regime mse_003: theory.pass_rule must be 'at_least' (seed 003 p.9: at least 70 %)";
            if (p.theory.pass_percent != 70)
                return "regime mse_003: theory.pass_percent must be 70 (seed 003 p.9: at least 70 %)";
            if (p.attempts != 2)
                return "regime mse_003: attempts must be 2, the test and one retake (seed 003 p.9)";
            if (!p.practical.empty()) return "regime mse_003: a test only, no practical items (seed 003 p.8-9)";
            if (p.modes != std::vector<std::string>{"online"})
                return "regime mse_003: modes must be online only (seed 003 p.8: proctored on the platform)";
            return std::nullopt;
    }
    return std::nullopt;
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
    if (p.attempts < 0 || p.attempts > 10) return "attempts must be 0 (no cap) to 10";
    // X15: "more than 100 %" is a score no paper can reach.
    if (p.theory.rule == pass_rule::above && p.theory.pass_percent == 100)
        return "theory.pass_percent 100 with pass_rule 'above' can never be passed (more than 100 %)";
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
    if (auto why = validate_settings(p)) return why;
    return validate_regime(p);
}

}  // namespace tanu::exam
