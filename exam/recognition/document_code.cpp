#include "exam/recognition/document_code.hpp"

#include <cstdio>
#include <stdexcept>

namespace tanu::exam {

namespace {

bool all_digits(std::string_view s) {
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return !s.empty();
}

int to_int(std::string_view s) {
    int v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return v;
}

// Group lengths of OKED-NKZ-LEVEL-DDMMYY-CENTRE-SERIAL.
constexpr std::size_t group_len[] = {5, 8, 1, 6, 4, 8};
constexpr std::size_t code_len = 5 + 8 + 1 + 6 + 4 + 8 + 5;  // 37

// Splits into the six groups when the shape (lengths, digits, dashes) is right.
bool split(std::string_view s, std::string_view (&g)[6]) {
    if (s.size() != code_len) return false;
    std::size_t pos = 0;
    for (int i = 0; i < 6; ++i) {
        if (i > 0) {
            if (s[pos] != '-') return false;
            ++pos;
        }
        g[i] = s.substr(pos, group_len[i]);
        if (!all_digits(g[i])) return false;
        pos += group_len[i];
    }
    return pos == s.size();
}

}  // namespace

std::string make_document_code(const document_code_parts& p) {
    if (p.oked.size() != 5 || !all_digits(p.oked))
        throw std::invalid_argument("document code: OKED must be 5 digits, got \"" + p.oked + "\"");
    std::string nkz = p.nkz.empty() ? std::string(8, '0') : p.nkz;
    if (nkz.size() != 8 || !all_digits(nkz))
        throw std::invalid_argument("document code: NKZ must be 8 digits (or empty for none), got \"" +
                                    p.nkz + "\"");
    if (p.nqf_level < 1 || p.nqf_level > 8)
        throw std::invalid_argument("document code: NQF level must be 1..8, got " +
                                    std::to_string(p.nqf_level));
    const date& d = p.procedure;
    if (!is_valid_date(d.year, d.month, d.day))
        throw std::invalid_argument("document code: procedure date is not a real day: " + to_iso(d));
    // DDMMYY keeps two year digits; only 2000..2099 reads back unambiguously.
    if (d.year < 2000 || d.year > 2099)
        throw std::invalid_argument("document code: procedure year must be 2000..2099, got " +
                                    std::to_string(d.year));
    if (p.centre_number < 1 || p.centre_number > 9999)
        throw std::invalid_argument("document code: centre number must be 1..9999, got " +
                                    std::to_string(p.centre_number));
    if (p.serial < 1 || p.serial > 99'999'999)
        throw std::invalid_argument("document code: serial must be 1..99999999, got " +
                                    std::to_string(p.serial));
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s-%s-%d-%02d%02d%02d-%04d-%08lld", p.oked.c_str(), nkz.c_str(),
                  p.nqf_level, d.day, d.month, d.year % 100, p.centre_number,
                  static_cast<long long>(p.serial));
    return buf;
}

std::optional<document_code_parts> parse_document_code(std::string_view s) {
    std::string_view g[6];
    if (!split(s, g)) return std::nullopt;
    document_code_parts p;
    p.oked = std::string(g[0]);
    p.nkz = std::string(g[1]);
    p.nqf_level = to_int(g[2]);
    p.procedure = date{2000 + to_int(g[3].substr(4, 2)), to_int(g[3].substr(2, 2)),
                       to_int(g[3].substr(0, 2))};
    p.centre_number = to_int(g[4]);
    std::int64_t serial = 0;
    for (char c : g[5]) serial = serial * 10 + (c - '0');
    p.serial = serial;
    if (!is_valid_date(p.procedure.year, p.procedure.month, p.procedure.day)) return std::nullopt;
    return p;
}

bool is_document_code(std::string_view s) { return parse_document_code(s).has_value(); }

bool is_check_value(std::string_view s) {
    if (s.size() != check_value_chars) return false;
    for (char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

std::string holder_initials(std::string_view full_name) {
    std::string out;
    std::size_t i = 0;
    auto space = [](unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (i < full_name.size()) {
        while (i < full_name.size() && space(static_cast<unsigned char>(full_name[i]))) ++i;
        if (i >= full_name.size()) break;
        // the word's first code point: its lead byte and the continuation bytes after it
        std::size_t j = i + 1;
        while (j < full_name.size() && (static_cast<unsigned char>(full_name[j]) & 0xC0) == 0x80) ++j;
        if (!out.empty()) out += ' ';
        out.append(full_name.substr(i, j - i));
        out += '.';
        while (j < full_name.size() && !space(static_cast<unsigned char>(full_name[j]))) ++j;
        i = j;
    }
    return out;
}

}  // namespace tanu::exam
