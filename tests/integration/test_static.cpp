// The static files of web/ as the real server serves them (issue 10, "Fast
// first load"): validators and 304, the gzip and brotli variants, Vary and
// HEAD, the import map, modulepreload and ?v= the server writes into the
// pages, the year-long cache only for the current version, the CSP hash of
// the inline import map, and the limits of the web root.
#include <openssl/evp.h>
#include <zlib.h>

#ifdef TANU_TEST_BROTLI
#include <brotli/decode.h>
#endif

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>

#include "tests/integration/harness.hpp"

using namespace it;
namespace fs = std::filesystem;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;

namespace {

struct reply {
    int status = 0;
    std::map<std::string, std::string> headers;  // names in lower case
    std::string body;
    std::string header(const std::string& name) const {
        const auto it = headers.find(name);
        return it == headers.end() ? std::string() : it->second;
    }
};

reply fetch(int port, const std::string& target, const std::map<std::string, std::string>& headers = {},
            bhttp::verb method = bhttp::verb::get) {
    net::io_context ioc;
    beast::tcp_stream stream(ioc);
    stream.connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)));
    bhttp::request<bhttp::empty_body> req{method, target, 11};
    req.set(bhttp::field::host, "127.0.0.1");
    for (const auto& [k, v] : headers) req.set(k, v);
    bhttp::write(stream, req);
    beast::flat_buffer buf;
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    if (method == bhttp::verb::head) parser.skip(true);
    bhttp::read(stream, buf, parser);
    auto res = parser.release();
    reply out;
    out.status = static_cast<int>(res.result_int());
    for (const auto& f : res) {
        std::string name(f.name_string());
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        out.headers[name] = std::string(f.value());
    }
    out.body = res.body();
    beast::error_code ec;
    stream.socket().shutdown(net::ip::tcp::socket::shutdown_both, ec);
    return out;
}

std::string sha256_raw(const std::string& text) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    REQUIRE(EVP_Digest(text.data(), text.size(), md, &len, EVP_sha256(), nullptr) == 1);
    return std::string(reinterpret_cast<const char*>(md), len);
}

std::string sha256_hex(const std::string& text) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    for (unsigned char b : sha256_raw(text)) {
        out += digits[b >> 4];
        out += digits[b & 15];
    }
    return out;
}

std::string sha256_b64(const std::string& text) {
    const auto md = sha256_raw(text);
    std::string out(64, '\0');
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                  reinterpret_cast<const unsigned char*>(md.data()), static_cast<int>(md.size()));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

std::string gunzip(const std::string& in) {
    z_stream zs{};
    REQUIRE(inflateInit2(&zs, 15 + 16) == Z_OK);
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    zs.avail_in = static_cast<uInt>(in.size());
    std::string out;
    char buf[16384];
    int rc = Z_OK;
    while (rc == Z_OK) {
        zs.next_out = reinterpret_cast<Bytef*>(buf);
        zs.avail_out = sizeof buf;
        rc = inflate(&zs, Z_NO_FLUSH);
        out.append(buf, sizeof buf - zs.avail_out);
    }
    inflateEnd(&zs);
    CHECK(rc == Z_STREAM_END);
    return out;
}

// The `v=` version a URL carries.
std::string version_of(const std::string& url) {
    const auto at = url.find("?v=");
    return at == std::string::npos ? std::string() : url.substr(at + 3);
}

// The text of the page's inline import map.
std::string import_map_text(const std::string& html) {
    const std::string open = "<script type=\"importmap\">";
    const auto at = html.find(open);
    if (at == std::string::npos) return {};
    const auto start = at + open.size();
    return html.substr(start, html.find("</script>", start) - start);
}

}  // namespace

TEST_CASE("static: a file has a strong ETag and Last-Modified, and a matching validator gets 304", "[static]") {
    server_process srv;
    const auto ok = fetch(srv.port(), "/exam/exam.js");
    REQUIRE(ok.status == 200);
    const auto etag = ok.header("etag");
    INFO("ETag " << etag);
    CHECK(std::regex_match(etag, std::regex("\"[0-9a-f]{32}\"")));  // strong: no W/
    CHECK(etag == "\"" + sha256_hex(ok.body).substr(0, 32) + "\"");
    const auto modified = ok.header("last-modified");
    CHECK(std::regex_match(modified, std::regex("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT")));
    CHECK(ok.header("cache-control") == "no-cache");

    const auto same = fetch(srv.port(), "/exam/exam.js", {{"If-None-Match", etag}});
    CHECK(same.status == 304);
    CHECK(same.body.empty());
    CHECK(same.header("etag") == etag);
    CHECK(fetch(srv.port(), "/exam/exam.js", {{"If-None-Match", "\"other\", " + etag}}).status == 304);
    CHECK(fetch(srv.port(), "/exam/exam.js", {{"If-None-Match", "W/" + etag}}).status == 304);
    CHECK(fetch(srv.port(), "/exam/exam.js", {{"If-None-Match", "\"0123\""}}).status == 200);

    CHECK(fetch(srv.port(), "/exam/exam.js", {{"If-Modified-Since", modified}}).status == 304);
    CHECK(fetch(srv.port(), "/exam/exam.js", {{"If-Modified-Since", "Sat, 01 Jan 2000 00:00:00 GMT"}}).status == 200);
    CHECK(fetch(srv.port(), "/exam/exam.js", {{"If-Modified-Since", "not a date"}}).status == 200);
    // If-None-Match wins: a stale tag with a fresh date is a full answer.
    CHECK(fetch(srv.port(), "/exam/exam.js", {{"If-None-Match", "\"0123\""}, {"If-Modified-Since", modified}})
              .status == 200);
    // The pages too (their ETag is of the page as written, import map included).
    const auto page = fetch(srv.port(), "/");
    REQUIRE(page.status == 200);
    CHECK(page.header("etag") == "\"" + sha256_hex(page.body).substr(0, 32) + "\"");
    CHECK(fetch(srv.port(), "/", {{"If-None-Match", page.header("etag")}}).status == 304);
}

TEST_CASE("static: gzip and brotli variants decompress to the file, with Vary, and HEAD agrees with GET",
          "[static]") {
    server_process srv;
    for (const char* target : {"/exam/strings.js", "/", "/style.css"}) {
        INFO("GET " << target);
        const auto plain = fetch(srv.port(), target);
        REQUIRE(plain.status == 200);
        CHECK(plain.header("content-encoding").empty());
        CHECK(plain.header("vary") == "Accept-Encoding");

        const auto gz = fetch(srv.port(), target, {{"Accept-Encoding", "gzip"}});
        REQUIRE(gz.status == 200);
        CHECK(gz.header("content-encoding") == "gzip");
        CHECK(gz.header("vary") == "Accept-Encoding");
        CHECK(gz.body.size() < plain.body.size());
        CHECK(gunzip(gz.body) == plain.body);
        CHECK(gz.header("etag") != plain.header("etag"));  // another representation, another strong tag
        CHECK(fetch(srv.port(), target, {{"Accept-Encoding", "gzip"}, {"If-None-Match", gz.header("etag")}}).status ==
              304);

        const auto head = fetch(srv.port(), target, {{"Accept-Encoding", "gzip"}}, bhttp::verb::head);
        CHECK(head.status == 200);
        CHECK(head.body.empty());
        for (const char* h : {"content-encoding", "content-type", "etag", "last-modified", "vary", "cache-control",
                              "content-security-policy"})
            CHECK(head.header(h) == gz.header(h));
        CHECK(head.header("content-length") == std::to_string(gz.body.size()));
        CHECK(fetch(srv.port(), target, {}, bhttp::verb::head).header("content-length") ==
              std::to_string(plain.body.size()));

        CHECK(fetch(srv.port(), target, {{"Accept-Encoding", "identity"}}).header("content-encoding").empty());
        CHECK(fetch(srv.port(), target, {{"Accept-Encoding", "gzip;q=0"}}).header("content-encoding").empty());
        CHECK(fetch(srv.port(), target, {{"Accept-Encoding", "br;q=0, gzip"}}).header("content-encoding") == "gzip");
#ifdef TANU_TEST_BROTLI
        const auto br = fetch(srv.port(), target, {{"Accept-Encoding", "gzip, deflate, br"}});
        REQUIRE(br.status == 200);
        CHECK(br.header("content-encoding") == "br");
        CHECK(br.header("vary") == "Accept-Encoding");
        CHECK(br.body.size() < gz.body.size());
        std::string decoded(plain.body.size(), '\0');
        std::size_t size = decoded.size();
        CHECK(BrotliDecoderDecompress(br.body.size(), reinterpret_cast<const std::uint8_t*>(br.body.data()), &size,
                                      reinterpret_cast<std::uint8_t*>(decoded.data())) == BROTLI_DECODER_RESULT_SUCCESS);
        decoded.resize(size);
        CHECK(decoded == plain.body);
        const auto brhead = fetch(srv.port(), target, {{"Accept-Encoding", "br"}}, bhttp::verb::head);
        CHECK(brhead.header("content-encoding") == "br");
        CHECK(brhead.header("content-length") == std::to_string(br.body.size()));
#endif
    }
}

TEST_CASE("static: the pages carry an import map of every module with its current hash, modulepreload and ?v=",
          "[static]") {
    server_process srv;
    const fs::path web = fs::path(TANU_SOURCE_DIR) / "web";
    std::set<std::string> modules;
    for (const auto& e : fs::recursive_directory_iterator(web))
        if (e.is_regular_file() && e.path().extension() == ".js")
            modules.insert("/" + e.path().lexically_relative(web).generic_string());
    REQUIRE(modules.size() > 10);

    struct page_case {
        const char* target;
        const char* entry;
        std::vector<std::string> preloads;  // some of the modules it imports, directly or not
        std::vector<std::string> styles;
        std::vector<std::string> lazy = {};  // loaded by import() when needed: never preloaded
    };
    for (const auto& pc : std::vector<page_case>{
             // The exam, its checks and camera, and the results come later: the first screen does not wait for them.
             {"/", "/exam/main.js", {"/lib/i18n.js", "/lib/session.js", "/exam/strings.js"}, {"/style.css", "/results.css"},
              {"/exam/exam.js", "/exam/check.js", "/exam/media.js", "/exam/pacer.js", "/exam/results.js"}},
             {"/staff.html", "/staff/main.js", {"/staff/strings.js", "/lib/api.js"}, {"/style.css", "/staff.css"}},
             {"/verify.html", "/verify/main.js", {"/verify/strings.js"}, {"/style.css", "/staff.css"}},
         }) {
        INFO("page " << pc.target);
        const auto page = fetch(srv.port(), pc.target);
        REQUIRE(page.status == 200);
        const auto& html = page.body;
        CHECK(page.header("cache-control") == "no-cache");

        // The import map: every module of web/, each at its current hash.
        const auto map_text = import_map_text(html);
        REQUIRE_FALSE(map_text.empty());
        const auto map = json::parse(map_text);
        const auto& imports = map.at("imports");
        std::set<std::string> mapped;
        for (const auto& [from, to] : imports.items()) {
            mapped.insert(from);
            const auto url = to.get<std::string>();
            CHECK(url.starts_with(from + "?v="));
            const auto file = fetch(srv.port(), from);
            CHECK(version_of(url) == sha256_hex(file.body).substr(0, 12));
        }
        CHECK(mapped == modules);
        // The import map comes before any module script or preload.
        CHECK(html.find("<script type=\"importmap\">") < html.find("<script type=\"module\""));
        CHECK(html.find("<script type=\"importmap\">") < html.find("rel=\"modulepreload\""));

        // The entry script and the preloads carry the same versions as the map.
        const std::string entry = imports.at(pc.entry).get<std::string>();
        CHECK(html.find("<script type=\"module\" src=\"" + entry + "\"></script>") != std::string::npos);
        const std::regex preload_re("<link rel=\"modulepreload\" href=\"([^\"]+)\">");
        std::set<std::string> preloaded;
        for (auto it = std::sregex_iterator(html.begin(), html.end(), preload_re); it != std::sregex_iterator(); ++it) {
            const std::string href = (*it)[1];
            const auto path = href.substr(0, href.find('?'));
            preloaded.insert(path);
            CHECK(imports.contains(path));
            if (imports.contains(path)) CHECK(imports.at(path).get<std::string>() == href);
        }
        for (const auto& m : pc.preloads) {
            INFO("modulepreload " << m);
            CHECK(preloaded.contains(m));
        }
        CHECK_FALSE(preloaded.contains(pc.entry));  // the script tag fetches it
        for (const auto& m : pc.lazy) {
            INFO("loaded when needed " << m);
            CHECK_FALSE(preloaded.contains(m));
            CHECK(imports.contains(m));  // versioned all the same
        }
        for (const auto& s : pc.styles) {
            INFO("stylesheet " << s);
            const auto css = fetch(srv.port(), s);
            CHECK(html.find("<link rel=\"stylesheet\" href=\"" + s + "?v=" + sha256_hex(css.body).substr(0, 12) + "\">") !=
                  std::string::npos);
        }

        // The inline import map is allowed by its hash, in the header and the
        // page's own policy, never by 'unsafe-inline'.
        const auto source = "'sha256-" + sha256_b64(map_text) + "'";
        const auto csp = page.header("content-security-policy");
        CHECK(csp.find("script-src 'self' " + source) != std::string::npos);
        CHECK(csp.find("unsafe-inline") == std::string::npos);
        CHECK(html.find("script-src 'self' " + source) != std::string::npos);
        CHECK(html.find("unsafe-inline") == std::string::npos);
    }
}

TEST_CASE("static: the year-long cache is only for the current ?v=, a wrong one is still served", "[static]") {
    server_process srv;
    const auto page = fetch(srv.port(), "/");
    const auto imports = json::parse(import_map_text(page.body)).at("imports");
    const auto url = imports.at("/exam/exam.js").get<std::string>();
    const auto plain = fetch(srv.port(), "/exam/exam.js");

    const auto current = fetch(srv.port(), url);
    CHECK(current.status == 200);
    CHECK(current.header("cache-control") == "public, max-age=31536000, immutable");
    CHECK(current.body == plain.body);
    for (const std::string wrong : {"/exam/exam.js?v=000000000000", "/exam/exam.js?v=", "/exam/exam.js?x=1"}) {
        INFO("GET " << wrong);
        const auto r = fetch(srv.port(), wrong);
        CHECK(r.status == 200);
        CHECK(r.header("cache-control") == "no-cache");
        CHECK(r.body == plain.body);
    }
    CHECK(plain.header("cache-control") == "no-cache");
    // The pages are never cached for long, whatever the query says.
    CHECK(fetch(srv.port(), "/?v=" + version_of(url)).header("cache-control") == "no-cache");
    // A versioned stylesheet.
    const std::regex css_re("href=\"(/style\\.css\\?v=[0-9a-f]+)\"");
    std::smatch m;
    REQUIRE(std::regex_search(page.body, m, css_re));
    CHECK(fetch(srv.port(), m[1]).header("cache-control") == "public, max-age=31536000, immutable");
}

TEST_CASE("static: a web root over the file or byte limit is refused with a clear message", "[static]") {
    const fs::path base = fs::temp_directory_path() / ("tanu-web-limit-" + std::to_string(::getpid()));
    struct cleanup {
        fs::path p;
        ~cleanup() {
            std::error_code ec;
            fs::remove_all(p, ec);
        }
    } guard{base};
    // The server reads web/ at start: over a limit it does not start, and says why.
    auto serve = [&](const fs::path& web) {
        const auto data = base / ("data-" + web.filename().string());
        fs::create_directories(data);
        const auto config = base / ("config-" + web.filename().string() + ".json");
        std::ofstream(config) << json{{"web_root", web.string()}}.dump();
        return run_command({TANU_BIN, "serve", "--data", data.string(), "--listen", "127.0.0.1:0", "--no-tls", "--config",
                            config.string()},
                           "");
    };
    SECTION("2,001 files") {
        fs::create_directories(base / "many");
        for (int i = 0; i < 2001; ++i) std::ofstream(base / "many" / ("f" + std::to_string(i) + ".txt")) << i;
        const auto r = serve(base / "many");
        INFO(r.status.describe() << ": " << r.output);
        CHECK(r.status.code == 1);
        CHECK(r.output.find("more than 2000 files") != std::string::npos);
        CHECK(r.output.find("listening") == std::string::npos);
    }
    SECTION("65 MiB") {
        fs::create_directories(base / "big");
        std::ofstream(base / "big" / "index.html") << "<!doctype html>";
        fs::resize_file((std::ofstream(base / "big" / "huge.txt"), base / "big" / "huge.txt"), 65u * 1024 * 1024);
        const auto r = serve(base / "big");
        INFO(r.status.describe() << ": " << r.output);
        CHECK(r.status.code == 1);
        CHECK(r.output.find("more than 67108864 bytes") != std::string::npos);
    }
}
