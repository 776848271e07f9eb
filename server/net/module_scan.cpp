// The import scanner of the static files (static_files.hpp): which modules an
// ES module names, statically or by import(), and where a specifier points.
// What the server preloads and versions in a page is built on it.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/net/static_files.hpp"

namespace tanu::server {

namespace {

bool ident_start(char c) {
    return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '$';
}
bool ident_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$';
}

struct js_cursor {
    std::string_view s;

    // Past white space and comments.
    std::size_t skip_space(std::size_t p) const {
        for (;;) {
            while (p < s.size() && std::isspace(static_cast<unsigned char>(s[p]))) ++p;
            if (s.substr(p, 2) == "//") {
                p = s.find('\n', p);
                if (p == std::string_view::npos) return s.size();
            } else if (s.substr(p, 2) == "/*") {
                p = s.find("*/", p + 2);
                if (p == std::string_view::npos) return s.size();
                p += 2;
            } else {
                return p;
            }
        }
    }

    // Past the string or template literal starting at p (a quote or backtick);
    // its text (escapes kept as written) into `text`.
    std::size_t skip_literal(std::size_t p, std::string* text = nullptr) const {
        const char q = s[p++];
        while (p < s.size() && s[p] != q) {
            if (s[p] == '\\' && p + 1 < s.size()) {
                if (text) *text += s[p];
                ++p;
            } else if (q != '`' && s[p] == '\n') {
                return p;  // an unterminated string: give up on it at the line's end
            }
            if (text) *text += s[p];
            ++p;
        }
        return std::min(p + 1, s.size());
    }

    bool quote_at(std::size_t p) const { return p < s.size() && (s[p] == '\'' || s[p] == '"'); }

    // After `import` or `export` (p just past the keyword): the specifier of
    // the clause `... from '...'`, or of `import '...'` / `import('...')`.
    std::size_t statement(std::string_view keyword, std::size_t p, std::vector<module_import>& out) const {
        p = skip_space(p);
        if (p >= s.size()) return p;
        const bool is_import = keyword == "import";
        if (is_import && s[p] == '(') {
            const auto q = skip_space(p + 1);
            if (!quote_at(q)) return p + 1;
            std::string spec;
            const auto end = skip_literal(q, &spec);
            if (skip_space(end) < s.size() && s[skip_space(end)] == ')') out.push_back({spec, true});
            return end;
        }
        if (is_import && quote_at(p)) {
            std::string spec;
            const auto end = skip_literal(p, &spec);
            out.push_back({spec, false});
            return end;
        }
        // `export` re-exports only start with `{` or `*`; anything else is a
        // declaration, scanned on as ordinary text.
        if (!is_import && s[p] != '{' && s[p] != '*') return p;
        for (;;) {
            p = skip_space(p);
            if (p >= s.size()) return p;
            const char c = s[p];
            if (c == '{') {
                const auto close = s.find('}', p);
                if (close == std::string_view::npos) return s.size();
                p = close + 1;
            } else if (c == '*' || c == ',') {
                ++p;
            } else if (ident_start(c)) {
                auto e = p;
                while (e < s.size() && ident_char(s[e])) ++e;
                const auto word = s.substr(p, e - p);
                p = e;
                if (word == "from") {
                    const auto q = skip_space(p);
                    if (!quote_at(q)) return q;
                    std::string spec;
                    const auto end = skip_literal(q, &spec);
                    out.push_back({spec, false});
                    return end;
                }
            } else {
                return p;  // `import.meta`, `import x = ...`, an object key `import:`...
            }
        }
    }
};

}  // namespace

std::vector<module_import> scan_imports(std::string_view js) {
    std::vector<module_import> out;
    const js_cursor cur{js};
    std::size_t i = 0;
    while (i < js.size()) {
        const char c = js[i];
        if (c == '/' && (js.substr(i, 2) == "//" || js.substr(i, 2) == "/*")) {
            i = cur.skip_space(i);
        } else if (c == '\'' || c == '"' || c == '`') {
            i = cur.skip_literal(i);
        } else if (ident_start(c)) {
            auto e = i;
            while (e < js.size() && ident_char(js[e])) ++e;
            const auto word = js.substr(i, e - i);
            const bool member = i > 0 && js[i - 1] == '.';  // `x.import` is a property
            i = (!member && (word == "import" || word == "export")) ? cur.statement(word, e, out) : e;
        } else {
            ++i;
        }
    }
    return out;
}

std::optional<std::string> resolve_specifier(std::string_view from, std::string_view spec) {
    spec = spec.substr(0, spec.find_first_of("?#"));
    std::string joined;
    if (spec.starts_with("//")) return std::nullopt;  // another host
    if (spec.starts_with("/")) {
        joined = spec;
    } else if (spec.starts_with("./") || spec.starts_with("../")) {
        from = from.substr(0, from.find_first_of("?#"));
        const auto slash = from.rfind('/');
        if (slash == std::string_view::npos) return std::nullopt;
        joined = std::string(from.substr(0, slash + 1)) + std::string(spec);
    } else {
        return std::nullopt;  // bare: an import map's business, none in web/
    }
    std::vector<std::string> parts;
    std::size_t i = 1;
    while (i <= joined.size()) {
        auto j = joined.find('/', i);
        if (j == std::string::npos) j = joined.size();
        const auto seg = joined.substr(i, j - i);
        if (seg == "..") {
            if (parts.empty()) return std::nullopt;
            parts.pop_back();
        } else if (seg != "." && !seg.empty()) {
            parts.push_back(seg);
        }
        i = j + 1;
    }
    std::string out;
    for (const auto& p : parts) out += "/" + p;
    return out.empty() ? std::string("/") : out;
}

}  // namespace tanu::server
