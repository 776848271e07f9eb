// Attacks on the HTTP layer (issue 8; docs/security.md): reading files outside
// web/ (C1), uploads refused before their route's limit (H2), malformed and
// oversized requests, missing security headers, forged log lines, one address
// taking every connection, the stock open-file limit, TLS 1.2 CBC suites.
#include <sys/resource.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

#include "tests/integration/harness.hpp"
#include "tests/security/raw_http.hpp"

using namespace it;
namespace fs = std::filesystem;

namespace {

// The JPEG made about `bytes` long by APP15 segments after its SOI marker: a
// phone photo's size with the same picture (and a valid file).
std::string padded_jpeg(const std::string& jpeg, std::size_t bytes) {
    REQUIRE(jpeg.size() > 4);
    std::string out = jpeg.substr(0, 2);
    while (out.size() + jpeg.size() + 65537 <= bytes) {
        out += "\xFF\xEF\xFF\xFF";
        out += std::string(65533, 'x');
    }
    return out + jpeg.substr(2);
}

std::string get(const std::string& target) {
    return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
}

// Lowers this process's soft open-file limit for the child it starts, then
// puts it back (the test itself needs many descriptors).
struct soft_nofile {
    rlimit saved{};
    explicit soft_nofile(rlim_t soft) {
        ::getrlimit(RLIMIT_NOFILE, &saved);
        rlimit l = saved;
        l.rlim_cur = std::min(soft, saved.rlim_max);
        ::setrlimit(RLIMIT_NOFILE, &l);
    }
    void restore() { ::setrlimit(RLIMIT_NOFILE, &saved); }
    ~soft_nofile() { restore(); }
};

}  // namespace

TEST_CASE("security: no file outside web/ is served, in any spelling of the path", "[security][http]") {
    server_process srv;
    const std::string data = srv.data_dir();
    std::vector<std::string> targets = {
        "//etc/passwd",
        "///etc/passwd",
        "//proc/self/environ",
        "/%2Fetc/passwd",
        "/%2fetc%2fpasswd",
        "/..%2F..%2F..%2Fetc%2Fpasswd",
        "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/../../../../etc/passwd",
        "/./../etc/passwd",
        "/web/../../etc/passwd",
        "/\\etc\\passwd",
        "/" + data + "/tanu.db",
        "/" + data + "/tanu.db-wal",
        "//" + data + "/tanu.db",
        "//" + data + "/tanu.db-wal",
        "/.git/config",
        "/index.html%00.txt",
    };
    for (const auto& t : targets) {
        INFO("GET " << t);
        auto r = sec::exchange(srv.port(), get(t));
        CHECK(r.status == 404);
        CHECK(r.body.find("root:") == std::string::npos);
        CHECK(r.body.find("SQLite format") == std::string::npos);
        CHECK(json::parse(r.body, nullptr, false).value("error", "") == "not_found");
    }
    // The pages themselves are still there.
    CHECK(sec::exchange(srv.port(), get("/")).status == 200);
    CHECK(sec::exchange(srv.port(), get("/index.html")).status == 200);
    CHECK(sec::exchange(srv.port(), get("/exam/exam.js")).status == 200);
}

TEST_CASE("security: a symlink in the web root does not lead out of it", "[security][http]") {
    const fs::path web = fs::temp_directory_path() / ("tanu-web-" + std::to_string(::getpid()));
    fs::create_directories(web / "sub");
    std::ofstream(web / "index.html") << "<!doctype html><title>ok</title>";
    std::ofstream(web / "sub" / "page.html") << "<!doctype html><title>sub</title>";
    fs::create_symlink("/etc/passwd", web / "leak.txt");
    fs::create_directory_symlink("/etc", web / "etc");
    server_options o;
    o.config_extra = {{"web_root", web.string()}};
    {
        server_process srv(o);
        CHECK(sec::exchange(srv.port(), get("/")).status == 200);
        CHECK(sec::exchange(srv.port(), get("/sub/page.html")).status == 200);
        for (const char* t : {"/leak.txt", "/etc/passwd", "/etc/hostname", "/sub/../leak.txt"}) {
            INFO("GET " << t);
            auto r = sec::exchange(srv.port(), get(t));
            CHECK(r.status == 404);
            CHECK(r.body.find("root:") == std::string::npos);
        }
    }
    fs::remove_all(web);
}

TEST_CASE("security: a 2 MB phone photo sent with Content-Length is taken, larger bodies get 413 JSON",
          "[security][http]") {
    server_process srv;
    auto admin = admin_token(srv.port());
    auto c = create_candidate(srv.port(), admin, "phone");
    const std::string target = "/api/candidates/" + std::to_string(c.id) + "/photo";
    const auto photo = padded_jpeg(fixture("id_photo.jpg"), 2'000'000);
    REQUIRE(photo.size() > 1'900'000);
    auto ok = http_raw(srv.port(), "PUT", target, photo, "image/jpeg", admin);
    INFO(describe(ok));
    CHECK(ok.status == 204);

    // Over the photo route's 4 MiB: refused from the header, with the JSON error.
    auto big = http_raw(srv.port(), "PUT", target, padded_jpeg(fixture("id_photo.jpg"), 5'000'000), "image/jpeg", admin);
    CHECK(big.status == 413);
    CHECK(big.error() == "body_too_large");
    // A 2 MB body on a route that takes 1 MiB.
    auto login = http_raw(srv.port(), "POST", "/api/login", std::string(2'000'000, ' '), "application/json");
    CHECK(login.status == 413);
    CHECK(login.error() == "body_too_large");
    // Over every route's limit, sent raw (the body never comes): still an answer.
    auto huge = sec::exchange(srv.port(), "POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                          "Content-Length: 900000000\r\n\r\n{");
    CHECK(huge.status == 413);
    CHECK(json::parse(huge.body, nullptr, false).value("error", "") == "body_too_large");
    CHECK(http_call(srv.port(), "GET", "/api/health").status == 200);
}

TEST_CASE("security: malformed requests get 400 and oversized headers 431, as JSON", "[security][http]") {
    server_process srv;
    const std::vector<std::string> malformed = {"GARBAGE\r\n\r\n", "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
                                                "GET / HTTP/1.1\r\nBad Header\r\n\r\n", "GET /\x01 HTTP/1.1\r\n\r\n"};
    for (const auto& bad : malformed) {
        INFO("request " << json(bad).dump());
        auto r = sec::exchange(srv.port(), bad);
        CHECK(r.status == 400);
        CHECK(json::parse(r.body, nullptr, false).value("error", "") == "bad_request");
    }
    auto big = sec::exchange(srv.port(), "GET /api/health HTTP/1.1\r\nHost: x\r\nX-Pad: " + std::string(9000, 'a') +
                                             "\r\n\r\n");
    CHECK(big.status == 431);
    CHECK(json::parse(big.body, nullptr, false).value("error", "") == "headers_too_large");
    CHECK(http_call(srv.port(), "GET", "/api/health").status == 200);
}

TEST_CASE("security: answers carry nosniff, a CSP and no-store on private data", "[security][http]") {
    server_process srv;
    auto health = sec::exchange(srv.port(), get("/api/health"));
    REQUIRE(health.status == 200);
    CHECK(health.header("x-content-type-options") == "nosniff");
    CHECK(health.header("content-security-policy").find("default-src") != std::string::npos);
    CHECK(health.header("cache-control") == "no-store");
    auto missing = sec::exchange(srv.port(), get("/api/no-such-route"));
    CHECK(missing.status == 404);
    CHECK(missing.header("x-content-type-options") == "nosniff");
    auto page = sec::exchange(srv.port(), get("/index.html"));
    CHECK(page.header("x-content-type-options") == "nosniff");
    CHECK(page.header("content-security-policy").find("script-src 'self'") != std::string::npos);
    // Without TLS there is no HSTS (it would pin a plain address).
    CHECK(page.header("strict-transport-security").empty());
}

TEST_CASE("security: a newline in a login name does not forge a log line", "[security][http]") {
    server_process srv;
    const std::string forged = "2020-01-01T00:00:00.000Z INFO  auth admin logged in from 10.0.0.1";
    auto r = http_call(srv.port(), "POST", "/api/login",
                       {{"login", "mallory\n" + forged + "\r\n\x1b[2J"}, {"password", "wrong-password"}});
    CHECK(r.status == 401);
    const auto log = srv.log();
    CHECK(log.find("\n" + forged) == std::string::npos);
    CHECK(log.find("\x1b") == std::string::npos);
    CHECK(log.find("mallory\\n2020-01-01") != std::string::npos);  // escaped, on the same line
}

TEST_CASE("security: one address cannot take every connection", "[security][http]") {
    server_options o;
    o.config_extra = {{"http", {{"max_connections_per_address", 20}}}};
    server_process srv(o);
    std::vector<int> held;
    for (int i = 0; i < 20; ++i) {
        int fd = sec::connect_from(srv.port(), "127.0.0.2");
        REQUIRE(fd >= 0);
        held.push_back(fd);
    }
    // Beyond the cap the server closes at once; what was open stays open.
    int refused = 0;
    for (int i = 0; i < 5; ++i) {
        int fd = sec::connect_from(srv.port(), "127.0.0.2");
        if (fd < 0 || sec::closed_within(fd, 3s)) ++refused;
        if (fd >= 0) ::close(fd);
    }
    CHECK(refused == 5);
    CHECK_FALSE(sec::closed_within(held.front(), 200ms));
    // Other addresses are served meanwhile.
    CHECK(http_call(srv.port(), "GET", "/api/health").status == 200);
    // A held connection still gets its answer.
    REQUIRE(sec::send_all(held.back(), get("/api/health")));
    CHECK(sec::parse_response(sec::read_all(held.back(), 5s)).status == 200);
    for (int fd : held) ::close(fd);
    held.clear();
    // Places come back when connections close.
    bool served = false;
    for (int attempt = 0; attempt < 50 && !served; ++attempt) {
        int fd = sec::connect_from(srv.port(), "127.0.0.2");
        if (fd >= 0 && sec::send_all(fd, get("/api/health")))
            served = sec::parse_response(sec::read_all(fd, 2s)).status == 200;
        if (fd >= 0) ::close(fd);
        if (!served) std::this_thread::sleep_for(100ms);
    }
    CHECK(served);
}

TEST_CASE("security: a trusted reverse proxy is not capped per address", "[security][http]") {
    server_options o;
    o.config_extra = {{"http", {{"max_connections_per_address", 5}}}, {"auth", {{"trusted_proxies", {"127.0.0.2"}}}}};
    server_process srv(o);
    std::vector<int> held;
    for (int i = 0; i < 12; ++i) {
        int fd = sec::connect_from(srv.port(), "127.0.0.2");
        REQUIRE(fd >= 0);
        held.push_back(fd);
    }
    for (int fd : held) CHECK_FALSE(sec::closed_within(fd, 100ms));
    // Another address is still capped.
    std::vector<int> other;
    int refused = 0;
    for (int i = 0; i < 7; ++i) {
        int fd = sec::connect_from(srv.port(), "127.0.0.4");
        REQUIRE(fd >= 0);
        other.push_back(fd);
    }
    for (int fd : other) refused += sec::closed_within(fd, 1s) ? 1 : 0;
    CHECK(refused == 2);
    for (int fd : held) ::close(fd);
    for (int fd : other) ::close(fd);
}

TEST_CASE("security: started with the stock 1024 open-file limit, 1,100 idle connections do not stop the server",
          "[security][http]") {
    server_options o;
    o.config_extra = {{"http", {{"max_connections_per_address", 5000}}}};
    soft_nofile limit(1024);
    rlimit hard{};
    ::getrlimit(RLIMIT_NOFILE, &hard);
    if (hard.rlim_max < 4096) {
        WARN("hard open-file limit " << hard.rlim_max << ": the test needs 4096");
        return;
    }
    server_process srv(o);
    limit.restore();
    CHECK(srv.log().find("open-file limit raised from 1024") != std::string::npos);
    std::vector<int> held;
    for (int i = 0; i < 1100; ++i) {
        int fd = sec::connect_from(srv.port(), "127.0.0.3");
        REQUIRE(fd >= 0);
        held.push_back(fd);
    }
    // Each of them is still open (accepted, not dropped) and health answers.
    std::this_thread::sleep_for(500ms);
    CHECK(http_call(srv.port(), "GET", "/api/health").status == 200);
    REQUIRE(sec::send_all(held.back(), get("/api/health")));
    CHECK(sec::parse_response(sec::read_all(held.back(), 5s)).status == 200);
    for (int fd : held) ::close(fd);
}

namespace {

// A TLS 1.2 handshake offering only `ciphers`; the response to GET /api/health
// when it succeeded, nullopt when the server refused the handshake.
std::optional<sec::raw_response> tls12_health(int port, const std::string& ciphers) {
    namespace net = boost::asio;
    namespace beast = boost::beast;
    net::io_context ioc;
    net::ssl::context ctx(net::ssl::context::tls_client);
    SSL_CTX_set_max_proto_version(ctx.native_handle(), TLS1_2_VERSION);
    SSL_CTX_set_cipher_list(ctx.native_handle(), ciphers.c_str());
    ctx.set_verify_mode(net::ssl::verify_none);
    beast::ssl_stream<beast::tcp_stream> s(ioc, ctx);
    beast::get_lowest_layer(s).expires_after(10s);
    beast::get_lowest_layer(s).connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"),
                                                              static_cast<unsigned short>(port)));
    beast::error_code ec;
    s.handshake(net::ssl::stream_base::client, ec);
    if (ec) return std::nullopt;
    namespace http = beast::http;
    http::request<http::empty_body> req{http::verb::get, "/api/health", 11};
    req.set(http::field::host, "127.0.0.1");
    req.keep_alive(false);
    http::write(s, req);
    beast::flat_buffer buf;
    http::response<http::string_body> res;
    http::read(s, buf, res);
    sec::raw_response out;
    out.status = static_cast<int>(res.result_int());
    for (const auto& f : res) {
        std::string name(f.name_string());
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        out.headers[name] = std::string(f.value());
    }
    out.body = res.body();
    return out;
}

}  // namespace

TEST_CASE("security: TLS 1.2 takes AEAD suites only, and answers carry HSTS", "[security][http][tls]") {
    server_options o;
    o.tls = true;
    server_process srv(o);
    // The certificate is ECDSA P-256 (tls_cert.cpp). The CBC suites testssl flags for LUCKY13:
    for (const char* cbc : {"ECDHE-ECDSA-AES128-SHA", "ECDHE-ECDSA-AES256-SHA", "ECDHE-ECDSA-AES128-SHA256",
                            "ECDHE-ECDSA-AES256-SHA384"}) {
        INFO("cipher " << cbc);
        CHECK_FALSE(tls12_health(srv.port(), cbc).has_value());
    }
    auto ok = tls12_health(srv.port(), "ECDHE-ECDSA-AES128-GCM-SHA256");
    REQUIRE(ok.has_value());
    CHECK(ok->status == 200);
    CHECK(ok->header("strict-transport-security").find("max-age=") == 0);
    CHECK(tls12_health(srv.port(), "ECDHE-ECDSA-AES256-GCM-SHA384").has_value());
    CHECK(tls12_health(srv.port(), "ECDHE-ECDSA-CHACHA20-POLY1305").has_value());
}
