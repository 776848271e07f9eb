#include "server/people/search.hpp"

#include <cstdint>

#include "server/platform/domain_error.hpp"

namespace tanu::server::people {

namespace {

// One code point of `s` from `i` (advanced); an invalid byte is returned as itself, negated.
long next_code_point(std::string_view s, std::size_t& i) {
    const auto b = static_cast<unsigned char>(s[i]);
    int len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size()) {
        ++i;
        return -static_cast<long>(b);
    }
    long cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
    for (int k = 1; k < len; ++k) {
        const auto c = static_cast<unsigned char>(s[i + k]);
        if ((c >> 6) != 0x2) {
            ++i;
            return -static_cast<long>(b);
        }
        cp = (cp << 6) | (c & 0x3F);
    }
    i += len;
    return cp;
}

void put_utf8(std::string& out, long cp) {
    if (cp < 0) {
        out.push_back(static_cast<char>(-cp));
    } else if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

long lower(long cp) {
    if (cp >= 'A' && cp <= 'Z') return cp + 32;
    if (cp >= 0x0410 && cp <= 0x042F) return cp + 0x20;  // А-Я
    if (cp >= 0x0400 && cp <= 0x040F) return cp + 0x50;  // Ѐ-Џ (Ё, І)
    // The pairs of the Cyrillic supplement (Ғ Қ Ң Ү Ұ Һ Ә Ө ...): upper case even, lower odd,
    // but for U+04C1-U+04CE, where the upper case is odd.
    if ((cp >= 0x0460 && cp <= 0x0481) || (cp >= 0x048A && cp <= 0x04BF) || (cp >= 0x04D0 && cp <= 0x04FF))
        return cp % 2 == 0 ? cp + 1 : cp;
    if (cp >= 0x04C1 && cp <= 0x04CE) return cp % 2 == 1 ? cp + 1 : cp;
    if (cp == 0x04C0) return 0x04CF;  // Ӏ
    return cp;
}

std::size_t code_points(std::string_view s) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size();) {
        next_code_point(s, i);
        ++n;
    }
    return n;
}

}  // namespace

std::string fold(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool space = false;
    for (std::size_t i = 0; i < text.size();) {
        long cp = next_code_point(text, i);
        if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0) {
            space = !out.empty();
            continue;
        }
        if (space) out.push_back(' ');
        space = false;
        cp = lower(cp);
        if (cp == 0x0451) cp = 0x0435;  // ё as е
        put_utf8(out, cp);
    }
    return out;
}

std::vector<candidate_brief> search_candidates(db& d, std::string_view q, std::size_t limit) {
    if (code_points(q) > max_query_chars)
        throw unprocessable("the search text is at most " + std::to_string(max_query_chars) + " characters");
    const std::string needle = fold(q);
    const bool by_iin = !needle.empty() && needle.find_first_not_of("0123456789") == std::string::npos;
    std::vector<candidate_brief> out;
    if (limit == 0) return out;
    store::each_candidate_by_name(d, [&](candidate_brief&& c) {
        const bool match = needle.empty() ? true
                           : by_iin       ? c.iin.compare(0, needle.size(), needle) == 0
                                          : fold(c.full_name).find(needle) != std::string::npos;
        if (match) out.push_back(std::move(c));
        return out.size() < limit;
    });
    return out;
}

}  // namespace tanu::server::people
