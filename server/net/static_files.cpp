#include "server/net/static_files.hpp"

#include <openssl/evp.h>
#include <sys/stat.h>
#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <deque>
#include <fstream>
#include <memory>
#include <mutex>
#include <set>
#include <sstream>
#include <stdexcept>

#ifdef TANU_HAVE_BROTLI
#include <brotli/encode.h>
#endif

#include "server/http/error_status.hpp"

namespace tanu::server {

namespace fs = std::filesystem;

const char* mime_type(const std::string& path) {
    auto ext = path.substr(path.find_last_of('.') == std::string::npos ? path.size() : path.find_last_of('.'));
    if (ext == ".html") return "text/html; charset=utf-8";
    if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
    if (ext == ".css") return "text/css; charset=utf-8";
    if (ext == ".json") return "application/json";
    if (ext == ".svg") return "image/svg+xml";
    if (ext == ".png") return "image/png";
    if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
    if (ext == ".ico") return "image/x-icon";
    if (ext == ".woff2") return "font/woff2";
    if (ext == ".txt") return "text/plain; charset=utf-8";
    return "application/octet-stream";
}

namespace {

// A name segment static_path takes: not empty, not starting with a dot (so
// neither `..` nor hidden files), no backslash, NUL, percent sign or colon, no
// control character.
bool plain_segment(std::string_view seg) {
    if (seg.empty() || seg.front() == '.' || seg.find_first_of(std::string_view("\\%\0:", 4)) != std::string_view::npos)
        return false;
    for (unsigned char c : seg)
        if (c < 0x20 || c == 0x7F) return false;
    return true;
}

bool under(const fs::path& full, const fs::path& base) {
    const auto& b = base.native();
    const auto& f = full.native();
    return f.size() > b.size() && f.compare(0, b.size(), b) == 0 && f[b.size()] == '/';
}

}  // namespace

// Lexically: segments of plain names only (no empty segment, so no
// `//etc/passwd`; nothing starting with a dot; no backslash, NUL or percent
// sign: web/ has no names that need encoding, and an encoded slash or dot is
// refused rather than decoded).
std::optional<std::string> static_relative_path(std::string_view path) {
    if (path.empty() || path.front() != '/' || path.size() > 1024) return std::nullopt;
    std::string rel(path.substr(1));
    if (rel.empty() || rel.back() == '/') rel += "index.html";
    std::size_t i = 0;
    while (i <= rel.size()) {
        auto j = rel.find('/', i);
        if (j == std::string::npos) j = rel.size();
        if (!plain_segment(std::string_view(rel.data() + i, j - i))) return std::nullopt;
        i = j + 1;
    }
    return rel;
}

std::optional<fs::path> static_path(std::string_view path, const fs::path& root) {
    const auto rel = static_relative_path(path);
    if (!rel) return std::nullopt;
    std::error_code ec;
    const auto base = fs::canonical(root, ec);
    if (ec) return std::nullopt;
    const auto full = fs::canonical(base / *rel, ec);
    if (ec) return std::nullopt;
    if (!under(full, base)) return std::nullopt;
    if (!fs::is_regular_file(full, ec)) return std::nullopt;
    return full;
}

// ---------------------------------------------------------------------------
// Hashes and compression

namespace {

std::string sha256(std::string_view text) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (EVP_Digest(text.data(), text.size(), md, &len, EVP_sha256(), nullptr) != 1)
        throw std::runtime_error("SHA-256 failed");
    return std::string(reinterpret_cast<const char*>(md), len);
}

std::string hex(std::string_view bytes) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    for (unsigned char b : bytes) {
        out += digits[b >> 4];
        out += digits[b & 15];
    }
    return out;
}

bool compressible(const std::string& type) {
    return type.starts_with("text/") || type.starts_with("application/json") || type.starts_with("image/svg+xml");
}

std::string gzip(const std::string& in) {
    z_stream zs{};
    // windowBits 15 + 16: a gzip wrapper, not zlib's.
    if (deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK)
        throw std::runtime_error("zlib: deflateInit2 failed");
    std::string out(deflateBound(&zs, static_cast<uLong>(in.size())), '\0');
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    zs.avail_in = static_cast<uInt>(in.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&zs, Z_FINISH);
    deflateEnd(&zs);
    if (rc != Z_STREAM_END) throw std::runtime_error("zlib: deflate did not finish");
    out.resize(zs.total_out);
    return out;
}

std::string brotli([[maybe_unused]] const std::string& in) {
#ifdef TANU_HAVE_BROTLI
    std::size_t size = BrotliEncoderMaxCompressedSize(in.size());
    if (size == 0) return {};
    std::string out(size, '\0');
    if (!BrotliEncoderCompress(BROTLI_MAX_QUALITY, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, in.size(),
                               reinterpret_cast<const std::uint8_t*>(in.data()), &size,
                               reinterpret_cast<std::uint8_t*>(out.data())))
        return {};
    out.resize(size);
    return out;
#else
    return {};
#endif
}

std::string http_date(std::time_t t) {
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[64];
    std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    return buf;
}

std::optional<std::time_t> parse_http_date(const std::string& s) {
    std::tm tm{};
    const char* end = strptime(s.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
    if (!end || *end != '\0') return std::nullopt;
    return timegm(&tm);
}

std::time_t mtime_of(const fs::path& p) {
    struct stat st {};
    return ::stat(p.c_str(), &st) == 0 ? st.st_mtime : 0;
}

// ---------------------------------------------------------------------------
// HTML pages: the import map, modulepreload links and versioned stylesheets

// The value of attribute `name` in the tag text `tag`, and where it starts.
std::optional<std::pair<std::size_t, std::string>> attribute(std::string_view tag, std::string_view name) {
    const std::string key = " " + std::string(name) + "=\"";
    const auto at = tag.find(key);
    if (at == std::string_view::npos) return std::nullopt;
    const auto start = at + key.size();
    const auto close = tag.find('"', start);
    if (close == std::string_view::npos) return std::nullopt;
    return std::make_pair(start, std::string(tag.substr(start, close - start)));
}

// The site path ("exam/x.js") of a URL path ("/exam/x.js").
std::string site_rel(const std::string& url) { return url.substr(1); }

std::string with_version(const std::string& url, const static_entry& e) { return url + "?v=" + e.version; }

std::string insert_hash(std::string csp, const std::string& source) {
    // After `script-src 'self'` (or the directive's name): the policy still
    // reads as it did, with one more source.
    const std::string_view self = "script-src 'self'";
    if (const auto at = csp.find(self); at != std::string::npos) return csp.insert(at + self.size(), " " + source);
    const auto at = csp.find("script-src");
    if (at == std::string::npos) return csp + "; script-src 'self' " + source;
    csp.insert(at + std::string_view("script-src").size(), " " + source);
    return csp;
}

struct page_writer {
    const std::map<std::string, static_entry>& files;
    const std::map<std::string, std::vector<std::string>>& imports;  // module URL -> module URLs

    // Rewrites page `rel`; its CSP header into `csp`.
    std::string write(const std::string& rel, std::string html, std::string& csp) const {
        const std::string page_url = "/" + rel;
        std::vector<std::string> entries;
        std::size_t first_module = std::string::npos;
        // Stylesheets (first: the positions noted below must not move).
        for (std::size_t at = html.find("<link"); at != std::string::npos; at = html.find("<link", at + 1)) {
            const auto end = html.find('>', at);
            if (end == std::string::npos) break;
            const std::string_view tag(html.data() + at, end - at);
            if (tag.find(" rel=\"stylesheet\"") == std::string_view::npos) continue;
            const auto href = attribute(tag, "href");
            if (!href || href->second.find('?') != std::string::npos) continue;
            const auto url = resolve_specifier(page_url, href->second);
            const auto* e = url ? find(*url) : nullptr;
            if (!e) continue;
            html.replace(at + href->first, href->second.size(), with_version(*url, *e));
        }
        // Module scripts: src versioned, entries noted.
        for (std::size_t at = html.find("<script"); at != std::string::npos; at = html.find("<script", at + 1)) {
            const auto end = html.find('>', at);
            if (end == std::string::npos) break;
            const std::string_view tag(html.data() + at, end - at);
            if (tag.find(" type=\"module\"") == std::string_view::npos) continue;
            const auto src = attribute(tag, "src");
            if (!src) continue;
            const auto url = resolve_specifier(page_url, src->second);
            const auto* e = url ? find(*url) : nullptr;
            if (!e || src->second.find('?') != std::string::npos) continue;
            if (first_module == std::string::npos) first_module = at;
            entries.push_back(*url);
            html.replace(at + src->first, src->second.size(), with_version(*url, *e));
        }
        csp = static_csp;
        if (first_module == std::string::npos) return html;

        // Every module of the site, versioned: an import resolved anywhere in
        // the page's module graph meets the current file.
        std::string map = "{\"imports\": {";
        bool first = true;
        for (const auto& [path, e] : files) {
            if (!path.ends_with(".js") && !path.ends_with(".mjs")) continue;
            map += first ? "\n  " : ",\n  ";
            first = false;
            map += "\"/" + path + "\": \"" + with_version("/" + path, e) + "\"";
        }
        map += "\n}}";
        const std::string source = "'sha256-" + csp_sha256(map) + "'";

        // The modules the entries import, directly and transitively, in the
        // order they are met: fetched at once rather than one level a round trip.
        std::vector<std::string> preload;
        std::set<std::string> seen(entries.begin(), entries.end());
        std::deque<std::string> todo(entries.begin(), entries.end());
        while (!todo.empty()) {
            const auto url = todo.front();
            todo.pop_front();
            const auto it = imports.find(url);
            if (it == imports.end()) continue;
            for (const auto& next : it->second)
                if (seen.insert(next).second) {
                    preload.push_back(next);
                    todo.push_back(next);
                }
        }
        std::string head = "<script type=\"importmap\">" + map + "</script>\n";
        for (const auto& url : preload) head += "<link rel=\"modulepreload\" href=\"" + with_version(url, *find(url)) + "\">\n";
        html.insert(first_module, head);

        // The page's own CSP meta, if any, takes the hash too (both policies apply).
        const auto meta = html.find("http-equiv=\"Content-Security-Policy\"");
        if (meta != std::string::npos && meta < first_module) {
            const auto tag_start = html.rfind('<', meta);
            const auto tag_end = html.find('>', meta);
            const std::string_view tag(html.data() + tag_start, tag_end - tag_start);
            if (const auto content = attribute(tag, "content")) {
                html.replace(tag_start + content->first, content->second.size(), insert_hash(content->second, source));
            }
        }
        csp = insert_hash(csp, source);
        return html;
    }

    const static_entry* find(const std::string& url) const {
        const auto it = files.find(site_rel(url));
        return it == files.end() ? nullptr : &it->second;
    }
};

void set_hash(static_entry& e) {
    const auto h = hex(sha256(e.body));
    e.hash = h.substr(0, 32);
    e.version = h.substr(0, 12);
}

}  // namespace

std::string csp_sha256(std::string_view text) {
    const auto md = sha256(text);
    std::string out(4 * ((md.size() + 2) / 3) + 1, '\0');
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                  reinterpret_cast<const unsigned char*>(md.data()), static_cast<int>(md.size()));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

// ---------------------------------------------------------------------------
// Loading

static_site static_site::load(const fs::path& root, static_limits limits) {
    std::error_code ec;
    const auto base = fs::canonical(root, ec);
    if (ec || !fs::is_directory(base, ec))
        throw std::runtime_error("web root " + root.string() + ": not a directory");
    static_site site;
    std::time_t newest = 0;
    for (auto it = fs::recursive_directory_iterator(base, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        const auto name = it->path().filename().string();
        if (!plain_segment(name)) {  // never served: not read, not counted
            if (it->is_directory(ec) && !it->is_symlink(ec)) it.disable_recursion_pending();
            continue;
        }
        std::error_code fec;
        const auto full = fs::canonical(it->path(), fec);
        if (fec || !under(full, base) || !fs::is_regular_file(full, fec)) continue;
        if (site.files_.size() + 1 > limits.max_files)
            throw std::runtime_error("web root " + base.string() + ": more than " + std::to_string(limits.max_files) +
                                     " files; the server holds its static files in memory and takes at most that many");
        const auto size = fs::file_size(full, fec);
        if (fec) continue;
        if (size > limits.max_bytes || site.bytes_ + size > limits.max_bytes)
            throw std::runtime_error("web root " + base.string() + ": more than " + std::to_string(limits.max_bytes) +
                                     " bytes of files; the server holds its static files in memory and takes at most that");
        std::ifstream in(full, std::ios::binary);
        if (!in) throw std::runtime_error("web root: cannot read " + full.string());
        std::ostringstream data;
        data << in.rdbuf();
        static_entry e;
        e.body = data.str();
        e.content_type = mime_type(name);
        e.modified = mtime_of(full);
        newest = std::max(newest, e.modified);
        site.bytes_ += e.body.size();
        site.files_.emplace(it->path().lexically_relative(base).generic_string(), std::move(e));
    }
    if (ec) throw std::runtime_error("web root " + base.string() + ": " + ec.message());

    std::map<std::string, std::vector<std::string>> imports;
    for (auto& [rel, e] : site.files_) {
        if (!rel.ends_with(".html")) set_hash(e);
        if (!rel.ends_with(".js") && !rel.ends_with(".mjs")) continue;
        auto& out = imports["/" + rel];
        for (const auto& imp : scan_imports(e.body)) {
            // Static imports only: what a page loads by import() it loads when
            // it needs it (the import map versions it all the same), and
            // preloading it would put it back on the first load's path.
            if (imp.dynamic) continue;
            if (const auto url = resolve_specifier("/" + rel, imp.specifier); url && site.files_.contains(url->substr(1)))
                out.push_back(*url);
        }
    }
    const page_writer writer{site.files_, imports};
    for (auto& [rel, e] : site.files_) {
        if (rel.ends_with(".html")) {
            e.body = writer.write(rel, std::move(e.body), e.csp);
            set_hash(e);
            // The page carries the versions of every file it names.
            e.modified = newest;
        } else {
            e.csp = static_csp;
        }
        e.last_modified = http_date(e.modified);
        if (compressible(e.content_type)) {
            if (auto gz = gzip(e.body); gz.size() < e.body.size()) e.gzip = std::move(gz);
            if (auto br = brotli(e.body); !br.empty() && br.size() < e.body.size()) e.brotli = std::move(br);
        }
    }
    return site;
}

const static_entry* static_site::find(const std::string& rel) const {
    const auto it = files_.find(rel);
    return it == files_.end() ? nullptr : &it->second;
}

// ---------------------------------------------------------------------------
// Serving

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// The q-value Accept-Encoding gives `coding` (or `*`); -1 when it names neither.
double accepts(std::string_view header, std::string_view coding) {
    double named = -1, star = -1;
    std::size_t i = 0;
    while (i <= header.size()) {
        auto j = header.find(',', i);
        if (j == std::string_view::npos) j = header.size();
        auto item = header.substr(i, j - i);
        i = j + 1;
        const auto semi = item.find(';');
        const auto name = lower(trim(item.substr(0, semi)));
        double q = 1;
        if (semi != std::string_view::npos) {
            const auto param = lower(trim(item.substr(semi + 1)));
            if (param.starts_with("q=")) {
                try {
                    q = std::stod(param.substr(2));
                } catch (const std::exception&) {
                    q = 0;
                }
            }
        }
        if (name == coding) named = q;
        if (name == "*") star = q;
    }
    return named >= 0 ? named : star;
}

// Does If-None-Match name the file's current content (in any of its encodings)?
bool etag_matches(std::string_view header, const std::string& hash) {
    std::size_t i = 0;
    while (i <= header.size()) {
        auto j = header.find(',', i);
        if (j == std::string_view::npos) j = header.size();
        auto tag = trim(header.substr(i, j - i));
        i = j + 1;
        if (tag == "*") return true;
        if (tag.starts_with("W/")) tag.remove_prefix(2);
        if (tag.size() < 2 || tag.front() != '"' || tag.back() != '"') continue;
        tag = tag.substr(1, tag.size() - 2);
        if (tag.ends_with(".gz")) tag.remove_suffix(3);
        if (tag.ends_with(".br")) tag.remove_suffix(3);
        if (tag == hash) return true;
    }
    return false;
}

// The `v` parameter of a query string.
std::string_view version_param(std::string_view query) {
    std::size_t i = 0;
    while (i <= query.size()) {
        auto j = query.find('&', i);
        if (j == std::string_view::npos) j = query.size();
        const auto item = query.substr(i, j - i);
        if (item.starts_with("v=")) return item.substr(2);
        i = j + 1;
    }
    return {};
}

}  // namespace

response static_file(const request& req, const static_site& site) {
    if (req.method() != http::verb::get && req.method() != http::verb::head)
        return error_response(req, http::status::method_not_allowed, "method_not_allowed", "static files are read with GET");
    const std::string_view target(req.target());
    const auto qmark = target.find('?');
    const auto rel = static_relative_path(target.substr(0, qmark));
    const auto* e = rel ? site.find(*rel) : nullptr;
    if (!e) return error_response(req, http::status::not_found, "not_found", "no such file");

    // The year-long cache only for the version the pages name now: an old or
    // made-up ?v= is served, but revalidated like any unversioned request.
    const bool versioned = qmark != std::string_view::npos && !e->version.empty() &&
                           version_param(target.substr(qmark + 1)) == e->version;
    const char* cache = versioned ? "public, max-age=31536000, immutable" : "no-cache";

    const std::string* body = &e->body;
    const char* encoding = nullptr;
    std::string etag = e->hash;
    if (!e->gzip.empty() || !e->brotli.empty()) {
        const auto ae = req[http::field::accept_encoding];
        const double br = e->brotli.empty() ? -1 : accepts(ae, "br");
        const double gz = e->gzip.empty() ? -1 : accepts(ae, "gzip");
        if (br > 0 && br >= gz) {
            body = &e->brotli;
            encoding = "br";
            etag += ".br";
        } else if (gz > 0) {
            body = &e->gzip;
            encoding = "gzip";
            etag += ".gz";
        }
    }

    const auto set_validators = [&](response& res) {
        res.set(http::field::etag, "\"" + etag + "\"");
        res.set(http::field::last_modified, e->last_modified);
        res.set(http::field::cache_control, cache);
        if (!e->gzip.empty() || !e->brotli.empty()) res.set(http::field::vary, "Accept-Encoding");
        res.set("Content-Security-Policy", e->csp);
        res.keep_alive(req.keep_alive());
    };

    // If-None-Match wins over If-Modified-Since (RFC 9110, 13.2.2).
    bool fresh = false;
    if (const auto inm = req.find(http::field::if_none_match); inm != req.end()) {
        fresh = etag_matches(inm->value(), e->hash);
    } else if (const auto ims = req.find(http::field::if_modified_since); ims != req.end()) {
        const auto t = parse_http_date(std::string(ims->value()));
        fresh = t && e->modified <= *t;
    }
    if (fresh) {
        response res{http::status::not_modified, req.version()};
        set_validators(res);
        return res;
    }

    response res{http::status::ok, req.version()};
    res.set(http::field::content_type, e->content_type);
    if (encoding) res.set(http::field::content_encoding, encoding);
    set_validators(res);
    if (req.method() == http::verb::get) res.body() = *body;
    res.prepare_payload();
    if (req.method() == http::verb::head) res.content_length(body->size());
    return res;
}

}  // namespace tanu::server
