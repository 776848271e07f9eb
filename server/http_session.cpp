#include "server/http_session.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <fstream>
#include <optional>
#include <sstream>

#include "server/api_error.hpp"
#include "server/ws_session.hpp"

namespace tanu::server {

namespace beast = boost::beast;
namespace net = boost::asio;
namespace websocket = beast::websocket;
using tcp = net::ip::tcp;

namespace {

using plain_stream = beast::tcp_stream;
using tls_stream = beast::ssl_stream<beast::tcp_stream>;

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

// Static files of web/: GET and HEAD only, no `..`, no hidden files.
response static_file(const request& req, const server_config& cfg) {
    if (req.method() != http::verb::get && req.method() != http::verb::head)
        return api::error_response(req, 405, "method_not_allowed", "static files are read with GET");
    std::string_view target(req.target());
    std::string path(target.substr(0, target.find('?')));
    if (path.empty() || path.front() != '/' || path.find("..") != std::string::npos ||
        path.find('\0') != std::string::npos || path.find("/.") != std::string::npos || path.find('\\') != std::string::npos)
        return api::error_response(req, 404, "not_found", "no such file");
    if (path.back() == '/') path += "index.html";
    auto full = cfg.web_root / path.substr(1);
    std::ifstream in(full, std::ios::binary);
    std::error_code ec;
    if (!in || !std::filesystem::is_regular_file(full, ec))
        return api::error_response(req, 404, "not_found", "no such file");
    std::ostringstream data;
    data << in.rdbuf();
    response res{http::status::ok, req.version()};
    res.set(http::field::content_type, mime_type(full.string()));
    res.set(http::field::cache_control, "no-cache");
    res.set("X-Content-Type-Options", "nosniff");
    res.set("X-Frame-Options", "DENY");
    res.set("Referrer-Policy", "no-referrer");
    res.set("Content-Security-Policy",
            "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data: blob:; media-src 'self' blob:; "
            "style-src 'self'; script-src 'self'; frame-ancestors 'none'");
    res.keep_alive(req.keep_alive());
    if (req.method() == http::verb::get) res.body() = data.str();
    res.prepare_payload();
    if (req.method() == http::verb::head) res.content_length(data.str().size());
    return res;
}

template <class Stream>
class http_session : public std::enable_shared_from_this<http_session<Stream>> {
public:
    http_session(Stream&& stream, server_context& ctx, std::string remote)
        : stream_(std::move(stream)), ctx_(ctx), remote_(std::move(remote)) {}

    void run() {
        if constexpr (std::is_same_v<Stream, tls_stream>) {
            beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(10));
            stream_.async_handshake(net::ssl::stream_base::server,
                                    [self = this->shared_from_this()](beast::error_code ec) {
                                        if (ec) return;  // bad or slow handshakes are dropped quietly
                                        self->do_read();
                                    });
        } else {
            do_read();
        }
    }

private:
    void do_read() {
        parser_.emplace();
        parser_->header_limit(8 * 1024);
        parser_->body_limit(ctx_.cfg.http.body_limit);
        beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(ctx_.cfg.http.read_timeout_s));
        http::async_read_header(stream_, buffer_, *parser_,
                                [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                                    self->on_header(ec);
                                });
    }

    void on_header(beast::error_code ec) {
        if (ec) return close(ec == http::error::header_limit ? 431 : 0);
        parser_->body_limit(ctx_.routes.body_limit(parser_->get()));
        http::async_read(stream_, buffer_, *parser_, [self = this->shared_from_this()](beast::error_code e, std::size_t) {
            self->on_read(e);
        });
    }

    void on_read(beast::error_code ec) {
        if (ec == http::error::body_limit) {
            request req = parser_->release();
            req.keep_alive(false);
            return write(api::error_response(req, 413, "body_too_large",
                                             "the body is larger than this route accepts (" +
                                                 std::to_string(ctx_.routes.body_limit(req)) + " bytes)"));
        }
        if (ec) return close(0);
        request req = parser_->release();
        if (ctx_.stopping) {
            req.keep_alive(false);
            return write(api::error_response(req, 503, "shutting_down", "the server is stopping"));
        }
        if (websocket::is_upgrade(req)) return upgrade(std::move(req));
        bool is_api = std::string_view(req.target()).starts_with("/api/");
        auto shared_req = std::make_shared<request>(std::move(req));
        ++ctx_.in_flight;
        net::post(ctx_.workers, [self = this->shared_from_this(), shared_req, is_api] {
            response res = is_api ? self->ctx_.routes.handle(*shared_req, self->remote_)
                                  : static_file(*shared_req, self->ctx_.cfg);
            net::post(self->stream_.get_executor(), [self, res = std::move(res)]() mutable {
                --self->ctx_.in_flight;
                self->write(std::move(res));
            });
        });
    }

    void upgrade(request req) {
        auto shared_req = std::make_shared<request>(std::move(req));
        beast::get_lowest_layer(stream_).expires_never();
        ++ctx_.in_flight;
        net::post(ctx_.workers, [self = this->shared_from_this(), shared_req] {
            std::optional<exam_ws_grant> grant;
            std::optional<response> refusal;
            try {
                grant = self->ctx_.routes.authorize_exam_ws(*shared_req, std::is_same_v<Stream, tls_stream>);
            } catch (const api_error& e) {
                refusal = api::error_response(*shared_req, e.status_, e.code_, e.what());
            } catch (const std::exception& e) {
                self->ctx_.log.error("ws", std::string("upgrade failed: ") + e.what());
                refusal = api::error_response(*shared_req, 500, "internal", "internal error");
            }
            net::post(self->stream_.get_executor(), [self, shared_req, grant, refusal]() mutable {
                --self->ctx_.in_flight;
                if (refusal) {
                    refusal->keep_alive(false);
                    return self->write(std::move(*refusal));
                }
                start_exam_ws(std::move(self->stream_), std::move(*shared_req), *grant, self->ctx_);
            });
        });
    }

    void write(response res) {
        auto shared_res = std::make_shared<response>(std::move(res));
        shared_res->set(http::field::server, "tanu");
        beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(ctx_.cfg.http.read_timeout_s));
        http::async_write(stream_, *shared_res,
                          [self = this->shared_from_this(), shared_res](beast::error_code ec, std::size_t) {
                              if (ec) return;
                              if (!shared_res->keep_alive()) return self->close(0);
                              self->do_read();
                          });
    }

    void close(int status) {
        (void)status;
        beast::error_code ec;
        if constexpr (std::is_same_v<Stream, tls_stream>) {
            beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(2));
            stream_.async_shutdown([self = this->shared_from_this()](beast::error_code) {});
        } else {
            stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
        }
    }

    Stream stream_;
    server_context& ctx_;
    std::string remote_;
    beast::flat_buffer buffer_{16 * 1024};
    std::optional<http::request_parser<http::string_body>> parser_;
};

}  // namespace

void start_http_session(tcp::socket socket, server_context& ctx) {
    beast::error_code ec;
    auto ep = socket.remote_endpoint(ec);
    std::string remote = ec ? "unknown" : ep.address().to_string();
    socket.set_option(tcp::no_delay(true), ec);
    if (ctx.tls) {
        std::make_shared<http_session<tls_stream>>(tls_stream(beast::tcp_stream(std::move(socket)), *ctx.tls), ctx,
                                                   std::move(remote))
            ->run();
    } else {
        std::make_shared<http_session<plain_stream>>(beast::tcp_stream(std::move(socket)), ctx, std::move(remote))
            ->run();
    }
}

}  // namespace tanu::server
