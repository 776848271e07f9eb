// The process: graceful SIGTERM, TLS.
#include <signal.h>

#include <filesystem>

#include <boost/asio/ssl.hpp>
#include <boost/beast/ssl.hpp>
#include <catch2/catch.hpp>
#include <openssl/ssl.h>

#include "tests/integration/harness.hpp"

using namespace it;
namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;

TEST_CASE("SIGTERM with a connected client exits 0", "[integration][process]") {
    server_process srv;
    const int port = srv.port();
    const std::string admin = admin_token(port);
    create_programme(port, admin, make_programme("TERM-5", 5, 30, "above", 2, {"ru"}));
    import_questions(port, admin, "TERM-5", make_questions("T", "ru", 5));
    candidate c = create_candidate(port, admin, "termed");
    session_ref s = create_session(port, admin, c.id, "TERM-5");

    ws_client ws;
    REQUIRE(ws.connect(port, ws_target(s.id, c.token)) == 101);
    ws.send_json({{"type", "start"}});
    json paper = ws.read_until_type("paper");
    answer_and_ack(ws, 1, right_option(paper_question(paper, 1)), "t1");

    const auto t0 = clock_type::now();
    srv.kill(SIGTERM);
    // Keep the client's I/O running meanwhile (it answers the close frame).
    exit_status st;
    st.timed_out = true;
    while (clock_type::now() < t0 + 10s) {
        ws.pump(50ms);
        st = srv.wait_exit(0ms);
        if (!st.timed_out) break;
    }
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(clock_type::now() - t0).count();
    INFO("after SIGTERM: " << st.describe() << " after " << ms << " ms");
    REQUIRE(!st.timed_out);
    CHECK(st.exited);
    CHECK(st.code == 0);

    ws.wait_closed(2s);
    INFO("client: " << (ws.close_code() ? "close code " + std::to_string(*ws.close_code()) : ws.read_error()));
    CHECK(!ws.is_open());
    CHECK(ws.close_code().value_or(-1) == 1001);

    // The acknowledged answer is there after a restart.
    srv.restart();
    ws_client ws2;
    REQUIRE(ws2.connect(srv.port(), ws_target(s.id, c.token)) == 101);
    ws2.send_json({{"type", "start"}});
    json paper2 = ws2.read_until_type("paper");
    INFO(paper2["answers"].dump());
    CHECK(paper2["answers"].contains("1"));
}

namespace {

struct tls_outcome {
    bool handshake_ok = false;
    std::string error;
    int status = 0;
    std::string body;
    std::string version;  // negotiated protocol
};

tls_outcome tls_get(int port, ssl::context& ctx, const std::string& target) {
    tls_outcome out;
    net::io_context ioc;
    beast::ssl_stream<beast::tcp_stream> stream(ioc, ctx);
    beast::error_code ec;
    auto run = [&](const char* what) {
        ioc.restart();
        ioc.run();
        if (ec) out.error = std::string(what) + ": " + ec.message();
        return !ec;
    };
    tcp::endpoint ep(net::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port));
    beast::get_lowest_layer(stream).expires_after(15s);
    beast::get_lowest_layer(stream).async_connect(ep, [&](beast::error_code e) { ec = e; });
    if (!run("connect")) return out;
    beast::get_lowest_layer(stream).expires_after(15s);
    stream.async_handshake(ssl::stream_base::client, [&](beast::error_code e) { ec = e; });
    if (!run("handshake")) return out;
    out.handshake_ok = true;
    out.version = SSL_get_version(stream.native_handle());

    http::request<http::empty_body> req{http::verb::get, target, 11};
    req.set(http::field::host, "127.0.0.1:" + std::to_string(port));
    req.keep_alive(false);
    beast::get_lowest_layer(stream).expires_after(15s);
    http::async_write(stream, req, [&](beast::error_code e, std::size_t) { ec = e; });
    if (!run("write")) return out;
    beast::flat_buffer buf;
    http::response<http::string_body> res;
    beast::get_lowest_layer(stream).expires_after(15s);
    http::async_read(stream, buf, res, [&](beast::error_code e, std::size_t) { ec = e; });
    if (!run("read")) return out;
    out.status = static_cast<int>(res.result_int());
    out.body = res.body();
    return out;
}

}  // namespace

TEST_CASE("TLS: 1.2 accepted and 1.1 refused", "[integration][process][tls]") {
    server_options opts;
    opts.tls = true;
    server_process srv(opts);
    INFO("listening on " << srv.url());
    CHECK(srv.url().rfind("https://127.0.0.1:", 0) == 0);
    CHECK(std::filesystem::exists(srv.data_dir() + "/tls/cert.pem"));
    CHECK(std::filesystem::exists(srv.data_dir() + "/tls/key.pem"));

    {
        ssl::context ctx(ssl::context::tls_client);
        ctx.set_verify_mode(ssl::verify_none);  // self-signed
        SSL_CTX_set_min_proto_version(ctx.native_handle(), TLS1_2_VERSION);
        SSL_CTX_set_max_proto_version(ctx.native_handle(), TLS1_2_VERSION);
        auto r = tls_get(srv.port(), ctx, "/api/health");
        INFO("TLS 1.2 client: " << r.error << " version " << r.version << " HTTP " << r.status << " " << r.body);
        CHECK(r.handshake_ok);
        CHECK(r.version == "TLSv1.2");
        CHECK(r.status == 200);
        CHECK(json::parse(r.body, nullptr, false) == json({{"status", "ok"}}));
    }
    {
        // A client that really offers TLS 1.0/1.1 (security level 0 so that
        // OpenSSL on this side does not refuse it by itself).
        ssl::context ctx(ssl::context::tls_client);
        ctx.set_verify_mode(ssl::verify_none);
        SSL_CTX_set_security_level(ctx.native_handle(), 0);
        SSL_CTX_set_min_proto_version(ctx.native_handle(), TLS1_VERSION);
        SSL_CTX_set_max_proto_version(ctx.native_handle(), TLS1_1_VERSION);
        SSL_CTX_set_cipher_list(ctx.native_handle(), "ALL:@SECLEVEL=0");
        auto r = tls_get(srv.port(), ctx, "/api/health");
        INFO("TLS 1.1 client: handshake " << (r.handshake_ok ? "succeeded, " + r.version : "failed: " + r.error));
        CHECK(!r.handshake_ok);
    }
    {
        // Plain HTTP on the TLS port gets no API answer.
        http_response r;
        bool threw = false;
        try {
            r = http_call(srv.port(), "GET", "/api/health");
        } catch (const std::exception&) {
            threw = true;
        }
        INFO("plain HTTP on the TLS port: " << (threw ? std::string("connection failed") : describe(r)));
        CHECK((threw || r.status != 200));
    }
}
