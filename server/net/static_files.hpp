#pragma once
// The static files of web/, held in memory (issue 10, "Fast first load"): read
// once when the site is loaded, each with a strong ETag (a content hash),
// Last-Modified, and gzip (and brotli, when built with it) variants made then.
// The HTML pages get, written in by the loader, an import map that versions
// every module URL (`/x.js` -> `/x.js?v=<hash>`), modulepreload links for the
// modules they import, and `?v=` on their stylesheets; a request carrying the
// current `?v=` is cached for a year, everything else is `no-cache` and
// revalidated with the ETag.
//
// Files changed on disk after the load are not seen: the package installs a
// new web/ together with a new binary and restarts the server, and reading at
// load time is what lets the HTML carry hashes that match the files.
#include <cstddef>
#include <ctime>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/http/message.hpp"

namespace tanu::server {

// What the loader holds at most: the site lives in memory, so it is bounded.
struct static_limits {
    std::size_t max_bytes = 64u * 1024 * 1024;  // the files as read, before compression
    std::size_t max_files = 2000;
};

// One file as it is served.
struct static_entry {
    std::string content_type;
    std::string body;    // identity; for HTML pages with the import map written in
    std::string gzip;    // empty: not compressible or not smaller
    std::string brotli;  // empty: likewise, or the server is built without brotli
    std::string hash;    // hex SHA-256 of `body`, its first 32 digits: the ETag
    std::string version; // its first 12 digits: the `?v=` value
    std::time_t modified = 0;
    std::string last_modified;  // `modified` as an HTTP date
    std::string csp;            // the Content-Security-Policy header of this file
};

class static_site {
public:
    // Reads every file under `root` (symlinks resolved must stay under it, as in
    // static_path; names static_path would refuse are skipped; directory
    // symlinks are not followed). Throws std::runtime_error, naming the root
    // and the limit, when the root is missing or over `limits`.
    static static_site load(const std::filesystem::path& root, static_limits limits = {});


    // The file at a relative path of the site ("index.html", "exam/exam.js").
    const static_entry* find(const std::string& rel) const;
    const std::map<std::string, static_entry>& files() const { return files_; }
    std::size_t bytes() const { return bytes_; }

private:
    std::map<std::string, static_entry> files_;
    std::size_t bytes_ = 0;
};

// The Content-Security-Policy of static files; HTML pages with an inline
// import map add its hash to script-src.
inline constexpr const char* static_csp =
    "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data: blob:; media-src 'self' blob:; "
    "style-src 'self'; script-src 'self'; frame-ancestors 'none'";

const char* mime_type(const std::string& path);

// The relative path a request path names under the web root, by the lexical
// rules of static_path, or nullopt. "/" and "/dir/" name index.html.
std::optional<std::string> static_relative_path(std::string_view path);

// The path of a static file under web/, or nullopt: static_relative_path, then
// canonically: the file, symlinks resolved, must lie under the canonical web
// root (issue 8, C1).
std::optional<std::filesystem::path> static_path(std::string_view path, const std::filesystem::path& root);

// Static files of web/: GET and HEAD only, only files of the site. Answers
// 304 to a matching If-None-Match (or, without one, If-Modified-Since), picks
// br or gzip by Accept-Encoding, and the year-long cache only for the
// current `?v=`.
response static_file(const request& req, const static_site& site);

// One module specifier a module names: `import x from '...'`, `import '...'`,
// `export ... from '...'` and `import('...')` with a string literal.
struct module_import {
    std::string specifier;
    bool dynamic = false;
};

// The import specifiers of an ES module's text, in order. A scanner, not a
// parser: comments and string and template literals are skipped so that the
// word `import` in them is not taken; regular expression literals are not
// recognised (web/ has none that hold a quote).
std::vector<module_import> scan_imports(std::string_view js);

// The URL path a relative ("./", "../") or absolute ("/") specifier names,
// resolved against the URL path of the module (or page) that names it;
// nullopt for bare specifiers and paths that climb above the root.
std::optional<std::string> resolve_specifier(std::string_view from, std::string_view specifier);

// The base64 SHA-256 of `text`, as CSP's 'sha256-...' source takes it.
std::string csp_sha256(std::string_view text);

}  // namespace tanu::server
