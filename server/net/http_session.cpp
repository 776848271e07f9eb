#include "server/net/http_session.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <algorithm>
#include <array>
#include <optional>

#include "server/http/error_status.hpp"
#include "server/net/static_files.hpp"
#include "server/net/ws_session.hpp"
#include "server/platform/domain_error.hpp"

namespace tanu::server {

namespace beast = boost::beast;
namespace net = boost::asio;
namespace websocket = beast::websocket;
using tcp = net::ip::tcp;

namespace {

using plain_stream = beast::tcp_stream;
using tls_stream = beast::ssl_stream<beast::tcp_stream>;


// An answer for a request that could not be parsed (there is no request to
// take the version from).
response refusal(http::status status, const std::string& code, const std::string& message) {
    request req{http::verb::get, "/", 11};
    req.keep_alive(false);
    return error_response(req, status, code, message);
}

template <class Stream>
class http_session : public std::enable_shared_from_this<http_session<Stream>> {
public:
    http_session(Stream&& stream, server_context& ctx, std::string remote, std::shared_ptr<void> slot)
        : stream_(std::move(stream)), ctx_(ctx), remote_(std::move(remote)), slot_(std::move(slot)) {}

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
        parser_->header_limit(header_limit);
        parser_->body_limit(ctx_.routes.largest_body_limit());
        beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(ctx_.cfg.http.read_timeout_s));
        http::async_read_header(stream_, buffer_, *parser_,
                                [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                                    self->on_header(ec);
                                });
    }

    void on_header(beast::error_code ec) {
        if (ec) return refuse_unparsed(ec);
        const std::size_t limit = ctx_.routes.body_limit(parser_->get());
        if (auto length = parser_->content_length(); length && *length > limit) {
            // Known too large from the header: answer now, without reading the body.
            request req = parser_->release();
            req.keep_alive(false);
            return write(error_response(req, http::status::payload_too_large, "body_too_large",
                                             "the body is larger than this route accepts (" + std::to_string(limit) +
                                                 " bytes)"));
        }
        parser_->body_limit(limit);
        http::async_read(stream_, buffer_, *parser_, [self = this->shared_from_this()](beast::error_code e, std::size_t) {
            self->on_read(e);
        });
    }

    void on_read(beast::error_code ec) {
        if (ec == http::error::body_limit) {
            request req = parser_->release();
            req.keep_alive(false);
            return write(error_response(req, http::status::payload_too_large, "body_too_large",
                                             "the body is larger than this route accepts (" +
                                                 std::to_string(ctx_.routes.body_limit(req)) + " bytes)"));
        }
        if (ec) return refuse_unparsed(ec);
        request req = parser_->release();
        if (ctx_.stopping) {
            req.keep_alive(false);
            return write(error_response(req, http::status::service_unavailable, "shutting_down", "the server is stopping"));
        }
        if (websocket::is_upgrade(req)) return upgrade(std::move(req));
        bool is_api = std::string_view(req.target()).starts_with("/api/");
        auto shared_req = std::make_shared<request>(std::move(req));
        ++ctx_.in_flight;
        net::post(ctx_.workers, [self = this->shared_from_this(), shared_req, is_api] {
            response res = is_api ? self->ctx_.routes.handle(*shared_req, self->remote_)
                                  : static_file(*shared_req, self->ctx_.site);
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
            std::shared_ptr<ws_handler> admitted;
            std::optional<response> refusal;
            try {
                admitted = self->ctx_.routes.admit(*shared_req, self->remote_, std::is_same_v<Stream, tls_stream>);
            } catch (const domain_error& e) {
                refusal = error_response(*shared_req, e);
            } catch (const std::exception& e) {
                self->ctx_.log.error("ws", std::string("upgrade failed: ") + e.what());
                refusal = error_response(*shared_req, http::status::internal_server_error, "internal", "internal error");
            }
            net::post(self->stream_.get_executor(), [self, shared_req, admitted, refusal]() mutable {
                --self->ctx_.in_flight;
                if (refusal) {
                    refusal->keep_alive(false);
                    return self->write(std::move(*refusal));
                }
                start_ws(std::move(self->stream_), std::move(*shared_req), std::move(admitted), self->ctx_,
                         std::move(self->slot_));
            });
        });
    }

    // A request that could not be read: a malformed one or headers over the
    // limit get a JSON answer and the connection closes; a peer that left or
    // went quiet is simply closed.
    void refuse_unparsed(beast::error_code ec) {
        if (ec == http::error::end_of_stream || ec == net::error::eof || ec == beast::error::timeout ||
            ec == net::error::connection_reset || ec == net::error::operation_aborted ||
            ec == net::ssl::error::stream_truncated || ec == http::error::partial_message)
            return close(0);
        if (ec == http::error::header_limit)
            return write(refusal(http::status::request_header_fields_too_large, "headers_too_large",
                                 "the request line and headers are limited to " + std::to_string(header_limit) + " bytes"));
        if (ec == http::error::body_limit)
            return write(refusal(http::status::payload_too_large, "body_too_large", "the body is larger than any route accepts"));
        return write(refusal(http::status::bad_request, "bad_request", "the request is not valid HTTP/1.1 (" + ec.message() + ")"));
    }

    void write(response res) {
        auto shared_res = std::make_shared<response>(std::move(res));
        shared_res->set(http::field::server, "tanu");
        shared_res->set("X-Content-Type-Options", "nosniff");
        shared_res->set("X-Frame-Options", "DENY");
        shared_res->set("Referrer-Policy", "no-referrer");
        if (shared_res->find("Content-Security-Policy") == shared_res->end())
            shared_res->set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        if constexpr (std::is_same_v<Stream, tls_stream>)
            shared_res->set(http::field::strict_transport_security, "max-age=31536000");
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
            // Read what the peer still sends (the body of a refused upload) for
            // a bounded time, so that closing does not reset the connection
            // before the peer has read our answer.
            drained_ = 0;
            beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(5));
            drain();
        }
    }

    void drain() {
        stream_.async_read_some(net::buffer(scratch_), [self = this->shared_from_this()](beast::error_code ec, std::size_t n) {
            self->drained_ += n;
            if (ec || self->drained_ > drain_max) return;
            self->drain();
        });
    }

    static constexpr std::size_t header_limit = 8 * 1024;
    static constexpr std::size_t drain_max = 64 * 1024 * 1024;

    Stream stream_;
    server_context& ctx_;
    std::string remote_;
    std::shared_ptr<void> slot_;  // this connection's place in the per-address count
    std::array<char, 16 * 1024> scratch_{};
    std::size_t drained_ = 0;
    beast::flat_buffer buffer_{16 * 1024};
    std::optional<http::request_parser<http::string_body>> parser_;
};

}  // namespace

void start_http_session(tcp::socket socket, server_context& ctx) {
    beast::error_code ec;
    auto ep = socket.remote_endpoint(ec);
    std::string remote = ec ? "unknown" : ep.address().to_string();
    // A reverse proxy the config trusts carries many clients on its connections
    // and limits them itself: it is not capped here.
    const auto& proxies = ctx.cfg.auth.trusted_proxies;
    const bool proxy = std::find(proxies.begin(), proxies.end(), remote) != proxies.end();
    auto slot = proxy ? std::make_shared<int>(0) : ctx.connections.acquire(remote);
    if (!slot) {
        // Over the per-address cap: closed at once, before any TLS work.
        if (ctx.refused_connections++ % 1000 == 0)
            ctx.log.warn("net", "connections from " + remote + " over http.max_connections_per_address (" +
                                    std::to_string(ctx.cfg.http.max_connections_per_address) + "): refusing");
        socket.close(ec);
        return;
    }
    socket.set_option(tcp::no_delay(true), ec);
    if (ctx.tls) {
        std::make_shared<http_session<tls_stream>>(tls_stream(beast::tcp_stream(std::move(socket)), *ctx.tls), ctx,
                                                   std::move(remote), std::move(slot))
            ->run();
    } else {
        std::make_shared<http_session<plain_stream>>(beast::tcp_stream(std::move(socket)), ctx, std::move(remote),
                                                     std::move(slot))
            ->run();
    }
}

}  // namespace tanu::server
