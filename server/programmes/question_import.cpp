#include "server/programmes/question_import.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <sstream>
#include <unordered_set>

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "server/platform/json_map.hpp"

namespace tanu::server {

namespace {

using nlohmann::json;
using tanu::exam::question;

// ---------------------------------------------------------------- text helpers

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool is_digit(char c) { return c >= '0' && c <= '9'; }

char to_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing past
// U+10FFFF). Every text of a question reaches JSON (the bank's options column,
// the paper, this import's answer), and nlohmann::json refuses to write
// anything else: one bad byte in an option used to fail the whole import with 500.
bool valid_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto b = static_cast<unsigned char>(s[i]);
        if (b < 0x80) {
            ++i;
            continue;
        }
        std::size_t len = 0;
        if (b >= 0xC2 && b <= 0xDF) len = 2;
        else if (b >= 0xE0 && b <= 0xEF) len = 3;
        else if (b >= 0xF0 && b <= 0xF4) len = 4;
        else return false;  // a continuation byte, an overlong 2-byte lead, or past U+10FFFF
        unsigned char lo = 0x80, hi = 0xBF;  // the range of the second byte
        if (b == 0xE0) lo = 0xA0;            // overlong below U+0800
        if (b == 0xED) hi = 0x9F;            // U+D800..U+DFFF are surrogates
        if (b == 0xF0) lo = 0x90;            // overlong below U+10000
        if (b == 0xF4) hi = 0x8F;            // past U+10FFFF
        if (s.size() - i < len) return false;
        const auto second = static_cast<unsigned char>(s[i + 1]);
        if (second < lo || second > hi) return false;
        for (std::size_t k = 2; k < len; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += len;
    }
    return true;
}

// `s` with every byte that is not part of well-formed UTF-8 replaced by U+FFFD,
// for the ids and reasons this import reports back.
std::string scrub_utf8(std::string_view s) {
    if (valid_utf8(s)) return std::string(s);
    std::string out;
    out.reserve(s.size() + 8);
    std::size_t i = 0;
    while (i < s.size()) {
        // The longest well-formed sequence starting here (at most 4 bytes).
        std::size_t len = 0;
        for (std::size_t n = 1; n <= 4 && i + n <= s.size() && len == 0; ++n)
            if (valid_utf8(s.substr(i, n))) len = n;
        if (len == 0) {
            out += "\xEF\xBF\xBD";
            ++i;
        } else {
            out.append(s.substr(i, len));
            i += len;
        }
    }
    return out;
}

// Runs of whitespace (no-break spaces included) become one space; leading and
// trailing whitespace goes.
std::string squash(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    bool pending = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        const bool nbsp = c == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0';  // U+00A0 in UTF-8
        if (nbsp) ++i;
        if (nbsp || is_space(c)) {
            pending = !out.empty();
        } else {
            if (pending) out += ' ';
            pending = false;
            out += c;
        }
    }
    return out;
}

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// Decodes the character reference starting at s[i] == '&'. On success appends the
// text, returns the length consumed; 0 when it is no reference we know.
// The ';' is looked for among the next 32 bytes only (no reference is longer):
// an unbounded search made text of many '&' and no ';' quadratic.
std::size_t decode_reference(std::string_view s, std::size_t i, std::string& out) {
    constexpr std::size_t longest = 32;
    const std::size_t semi = s.substr(0, std::min(s.size(), i + longest + 1)).find(';', i + 1);
    if (semi == std::string_view::npos) return 0;
    const std::string_view name = s.substr(i + 1, semi - i - 1);
    const std::size_t length = semi - i + 1;
    if (name.empty()) return 0;
    if (name[0] == '#') {
        std::string_view digits = name.substr(1);
        int base = 10;
        if (!digits.empty() && (digits[0] == 'x' || digits[0] == 'X')) {
            base = 16;
            digits.remove_prefix(1);
        }
        if (digits.empty()) return 0;
        std::uint32_t cp = 0;
        for (char c : digits) {
            std::uint32_t d = 0;
            if (is_digit(c)) d = static_cast<std::uint32_t>(c - '0');
            else if (base == 16 && c >= 'a' && c <= 'f') d = static_cast<std::uint32_t>(c - 'a' + 10);
            else if (base == 16 && c >= 'A' && c <= 'F') d = static_cast<std::uint32_t>(c - 'A' + 10);
            else return 0;
            cp = std::min<std::uint32_t>(cp * static_cast<std::uint32_t>(base) + d, 0x110000);
        }
        append_utf8(out, cp);
        return length;
    }
    if (name == "amp") out += '&';
    else if (name == "lt") out += '<';
    else if (name == "gt") out += '>';
    else if (name == "quot") out += '"';
    else if (name == "apos") out += '\'';
    else if (name == "nbsp") out += ' ';
    else return 0;
    return length;
}

bool is_block_tag(std::string_view name) {
    static constexpr std::string_view blocks[] = {
        "address", "article", "blockquote", "br",  "dd",    "div", "dl", "dt", "figcaption", "figure",
        "footer",  "h1",      "h2",         "h3",  "h4",    "h5",  "h6", "header", "hr", "img",
        "li",      "ol",      "p",          "pre", "section", "table", "tbody", "td", "tfoot", "th",
        "thead",   "tr",      "ul"};
    return std::find(std::begin(blocks), std::end(blocks), name) != std::end(blocks);
}

// Finds the '>' closing the tag that opens at s[i] == '<', skipping quoted
// attribute values; npos when the tag never closes.
std::size_t tag_end(std::string_view s, std::size_t i) {
    char prev = 0;
    for (std::size_t j = i + 1; j < s.size(); ++j) {
        const char c = s[j];
        if (c == '>') return j;
        if ((c == '"' || c == '\'') && prev == '=') {
            const std::size_t close = s.find(c, j + 1);
            if (close == std::string_view::npos) return std::string_view::npos;
            j = close;
            prev = c;
            continue;
        }
        if (!is_space(c)) prev = c;
    }
    return std::string_view::npos;
}

std::size_t find_ci(std::string_view haystack, std::string_view needle, std::size_t from = 0) {
    if (needle.size() > haystack.size()) return std::string_view::npos;
    for (std::size_t i = from; i + needle.size() <= haystack.size(); ++i) {
        bool match = true;
        for (std::size_t k = 0; k < needle.size() && match; ++k) match = to_lower(haystack[i + k]) == to_lower(needle[k]);
        if (match) return i;
    }
    return std::string_view::npos;
}

// ------------------------------------------------------------------ collecting

// Accepts or rejects questions in order, enforcing unique ids within the request.
class collector {
public:
    explicit collector(const tanu::exam::programme& p) : programme_(p) {}

    // The id and reason as they can be written back in JSON.
    void reject(std::size_t index, const std::string& id, const std::string& reason) {
        batch_.rejected.push_back({index, scrub_utf8(id), scrub_utf8(reason)});
    }

    // Claims the id in its language for this request; false (and the element
    // rejected) when an earlier element of the same language already used it.
    // Banks are per language, so q1/kk and q1/ru are different questions.
    bool claim(std::size_t index, const std::string& id, const std::string& lang) {
        if (id.empty() || ids_.insert(lang + '\x1f' + id).second) return true;
        reject(index, id, "duplicate id in this import");
        return false;
    }

    void offer(std::size_t index, question q) {
        if (auto why = not_utf8(q)) {
            reject(index, q.id, *why);
            return;
        }
        if (auto why = tanu::exam::validate(q, programme_.languages)) {
            reject(index, q.id, *why);
            return;
        }
        batch_.accepted.push_back(std::move(q));
    }

    import_batch take() { return std::move(batch_); }

private:
    static std::optional<std::string> not_utf8(const question& q) {
        if (!valid_utf8(q.id)) return "id is not valid UTF-8";
        if (!valid_utf8(q.lang)) return "lang is not valid UTF-8";
        if (!valid_utf8(q.topic)) return "topic is not valid UTF-8";
        if (!valid_utf8(q.text)) return "text is not valid UTF-8";
        for (const auto& o : q.options)
            if (!valid_utf8(o)) return "option is not valid UTF-8";
        return std::nullopt;
    }

    const tanu::exam::programme& programme_;
    std::unordered_set<std::string> ids_;
    import_batch batch_;
};

// ------------------------------------------------------------------------ JSON

// Reads an optional string member; the reason when it has another type.
std::optional<std::string> read_string(const json& o, const char* key, std::string& out) {
    auto it = o.find(key);
    if (it == o.end() || it->is_null()) return std::nullopt;
    if (!it->is_string()) return std::string(key) + " must be a string";
    out = it->get<std::string>();
    return std::nullopt;
}

std::optional<std::string> read_options(const json& o, std::vector<std::string>& out) {
    auto it = o.find("options");
    if (it == o.end() || it->is_null()) return std::nullopt;
    const char* reason = "options must be an array of strings";
    if (!it->is_array()) return reason;
    for (const auto& v : *it) {
        if (!v.is_string()) return reason;
        out.push_back(v.get<std::string>());
    }
    return std::nullopt;
}

std::optional<std::string> read_correct(const json& o, std::vector<int>& out) {
    auto it = o.find("correct");
    if (it == o.end() || it->is_null()) return std::nullopt;
    const char* reason = "correct must be an array of integers";
    if (!it->is_array()) return reason;
    for (const auto& v : *it) {
        if (!v.is_number_integer()) return reason;
        int index = -1;  // anything beyond int is out of range anyway
        if (v.is_number_unsigned()) {
            const auto u = v.get<std::uint64_t>();
            if (u <= static_cast<std::uint64_t>(std::numeric_limits<int>::max())) index = static_cast<int>(u);
        } else {
            const auto s = v.get<std::int64_t>();
            if (s >= std::numeric_limits<int>::min() && s <= std::numeric_limits<int>::max())
                index = static_cast<int>(s);
        }
        out.push_back(index);
    }
    return std::nullopt;
}

// --------------------------------------------------------------------- Moodle

// The content of an element as the HTML source it carries: text and CDATA as
// they read once XML escapes are undone, element children (inline XHTML, which
// Moodle itself never writes) as their markup.
std::string node_text(const pugi::xml_node& node) {
    std::string out;
    for (const auto& child : node.children()) {
        if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
            out += child.value();
        } else if (child.type() == pugi::node_element) {
            std::ostringstream markup;
            child.print(markup, "", pugi::format_raw);
            out += markup.str();
        }
    }
    return out;
}

// `$course$/top/Safety` -> `Safety`: the last non-empty segment.
std::string category_topic(std::string_view path) {
    std::string topic;
    std::size_t start = 0;
    while (start <= path.size()) {
        std::size_t slash = path.find('/', start);
        if (slash == std::string_view::npos) slash = path.size();
        std::string segment = squash(path.substr(start, slash - start));
        if (!segment.empty()) topic = std::move(segment);
        start = slash + 1;
    }
    return topic;
}

std::string moodle_id(const pugi::xml_node& q) {
    std::string id = squash(node_text(q.child("idnumber")));
    if (id.empty()) id = squash(node_text(q.child("name").child("text")));
    return id;
}

bool is_category(const pugi::xml_node& q) { return std::string_view(q.attribute("type").value()) == "category"; }

void refuse_doctype(std::string_view xml) {
    if (find_ci(xml, "<!DOCTYPE") != std::string_view::npos || find_ci(xml, "<!ENTITY") != std::string_view::npos)
        throw domain_error(error_kind::unprocessable, "xml_doctype_forbidden",
                           "XML documents with a DOCTYPE or entity declarations are not accepted");
}

void refuse_too_many(std::size_t n) {
    if (n > max_import_questions)
        throw domain_error(error_kind::too_large, "too_many_questions",
                           "an import holds at most " + std::to_string(max_import_questions) + " questions, this one " +
                               std::to_string(n));
}

}  // namespace

// -------------------------------------------------------------------- public

// One pass, linear in the input: every search either moves `i` past what it
// read or ends the markup. A tag that never closes (no '>', or a quoted value
// with no closing quote) leaves the rest of the text as it is, '<' included:
// otherwise every later '<' would search to the end again, and 400 kB of "<a"
// took minutes.
std::string html_to_text(std::string_view html) {
    std::string out;
    out.reserve(html.size());
    bool tags_close = true;  // false once a tag was found that never closes
    std::size_t i = 0;
    while (i < html.size()) {
        const char c = html[i];
        if (c == '<' && tags_close && i + 1 < html.size()) {
            const char next = html[i + 1];
            if (html.substr(i, 4) == "<!--") {
                const std::size_t close = html.find("-->", i + 4);
                i = close == std::string_view::npos ? html.size() : close + 3;
                continue;
            }
            if (is_alpha(next) || next == '/' || next == '!' || next == '?') {
                const std::size_t close = tag_end(html, i);
                if (close == std::string_view::npos) tags_close = false;
                if (close != std::string_view::npos) {
                    std::size_t n = i + 1;
                    if (html[n] == '/') ++n;
                    std::string name;
                    while (n < close && (is_alpha(html[n]) || is_digit(html[n]))) name += to_lower(html[n++]);
                    const bool closing = html[i + 1] == '/';
                    i = close + 1;
                    if (!closing && (name == "script" || name == "style")) {
                        const std::size_t end = find_ci(html, "</" + name, i);
                        const std::size_t end_close = end == std::string_view::npos ? end : tag_end(html, end);
                        i = end_close == std::string_view::npos ? html.size() : end_close + 1;
                        out += ' ';
                    } else if (is_block_tag(name)) {
                        out += ' ';
                    }
                    continue;
                }
            }
        }
        if (c == '&') {
            if (const std::size_t used = decode_reference(html, i, out)) {
                i += used;
                continue;
            }
        }
        out += c;
        ++i;
    }
    return squash(out);
}

import_batch import_json(const nlohmann::json& whole, const tanu::exam::programme& p) {
    std::map<std::string, std::map<std::string, std::string>> topics;
    if (whole.is_object() && whole.contains("topics")) topics = topic_titles_from_json(whole.at("topics"));
    static const nlohmann::json none;  // null: an object without "questions" is no import
    const nlohmann::json& body = whole.is_object() ? (whole.contains("questions") ? whole.at("questions") : none) : whole;
    if (!body.is_array())
        throw domain_error(error_kind::unprocessable, "validation_failed",
                           "the body must be a JSON array of questions, or {\"questions\": [...], \"topics\": {...}}");
    refuse_too_many(body.size());

    collector out(p);
    std::size_t index = 0;
    for (const auto& element : body) {
        const std::size_t at = index++;
        if (!element.is_object()) {
            out.reject(at, "", "not an object");
            continue;
        }
        question q;
        if (auto why = read_string(element, "id", q.id)) {
            out.reject(at, "", *why);
            continue;
        }
        std::optional<std::string> why = read_string(element, "lang", q.lang);
        if (!why && !out.claim(at, q.id, q.lang)) continue;
        if (!why) why = read_string(element, "topic", q.topic);
        if (!why) why = read_string(element, "text", q.text);
        if (!why) why = read_options(element, q.options);
        if (!why) why = read_correct(element, q.correct);
        if (why) {
            out.reject(at, q.id, *why);
            continue;
        }
        out.offer(at, std::move(q));
    }
    auto batch = out.take();
    batch.topics = std::move(topics);
    return batch;
}

import_batch import_moodle_xml(std::string_view xml, const std::string& lang, const tanu::exam::programme& p) {
    refuse_doctype(xml);
    if (!lang.empty() && !p.offers(lang))
        throw domain_error(error_kind::unprocessable, "language_not_offered",
                           "language '" + scrub_utf8(lang) + "' is not offered by programme " + p.code);

    pugi::xml_document doc;
    // UTF-8 only: the DOCTYPE check above reads the bytes as they are.
    const pugi::xml_parse_result parsed =
        doc.load_buffer(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_utf8);
    if (!parsed)
        throw domain_error(error_kind::unprocessable, "bad_xml",
                           std::string("malformed XML: ") + parsed.description() + " at offset " +
                               std::to_string(parsed.offset));
    const pugi::xml_node quiz = doc.document_element();
    if (std::string_view(quiz.name()) != "quiz") throw domain_error(error_kind::unprocessable, "bad_xml", "the root element must be <quiz>");

    std::size_t count = 0;
    for (const auto& q : quiz.children("question"))
        if (!is_category(q)) ++count;
    refuse_too_many(count);

    collector out(p);
    std::string topic;
    std::size_t index = 0;
    for (const auto& node : quiz.children("question")) {
        if (is_category(node)) {
            topic = category_topic(node_text(node.child("category").child("text")));
            continue;
        }
        const std::size_t at = index++;
        const std::string type = node.attribute("type").value();
        question q;
        q.id = moodle_id(node);
        if (type != "multichoice") {
            out.reject(at, q.id, "unsupported question type: " + type);
            continue;
        }
        q.topic = topic;
        q.text = html_to_text(node_text(node.child("questiontext").child("text")));
        for (const auto& answer : node.children("answer")) {
            if (answer.attribute("fraction").as_double() > 0) q.correct.push_back(static_cast<int>(q.options.size()));
            q.options.push_back(html_to_text(node_text(answer.child("text"))));
        }
        if (lang.empty()) {
            // Moodle XML has no language: the contract takes it from the question's text.
            std::string all = q.text;
            for (const auto& o : q.options) all += ' ' + o;
            const auto told = tanu::exam::text_language(all);
            if (!told) {
                out.reject(at, q.id, "the language cannot be told from the text (no Cyrillic letters); import it with ?lang=kk or ?lang=ru");
                continue;
            }
            if (!p.offers(*told)) {
                out.reject(at, q.id, "the text is in " + *told + ", which programme " + p.code + " does not offer");
                continue;
            }
            q.lang = *told;
        } else {
            q.lang = lang;
        }
        if (!out.claim(at, q.id, q.lang)) continue;
        out.offer(at, std::move(q));
    }
    return out.take();
}

}  // namespace tanu::server
