#include "server/net/ws_session.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <deque>

#include "server/platform/json_map.hpp"

namespace tanu::server {

namespace beast = boost::beast;
namespace net = boost::asio;
namespace websocket = beast::websocket;

namespace {

constexpr std::size_t read_chunk = 64 * 1024;

// One WebSocket connection: one strand, the size bounds of what it reads
// (ws.max_text, ws.max_binary, ws.max_message), one write queue bounded in
// messages and in bytes, Beast's idle pings. What the messages mean is its
// handler's.
template <class Stream>
class ws_session final : public ws_channel, public std::enable_shared_from_this<ws_session<Stream>> {
public:
    ws_session(Stream&& stream, std::shared_ptr<ws_handler> h, server_context& ctx, std::shared_ptr<void> slot)
        : ws_(std::move(stream)), handler_(std::move(h)), name_(handler_->name()), ctx_(ctx), slot_(std::move(slot)) {}

    ~ws_session() override { --ctx_.ws_open; }

    void run(request req) {
        ++ctx_.ws_open;
        beast::get_lowest_layer(ws_).expires_never();
        websocket::stream_base::timeout opt{};
        opt.handshake_timeout = std::chrono::seconds(10);
        opt.idle_timeout = std::chrono::seconds(ctx_.cfg.ws.idle_timeout_s);
        opt.keep_alive_pings = true;
        ws_.set_option(opt);
        ws_.set_option(websocket::stream_base::decorator(
            [](websocket::response_type& res) { res.set(http::field::server, "tanu"); }));
        // ws.max_message is enforced in on_read, not by Beast: Beast 1.74 fails
        // an oversized message with a 1009 close frame and then closes the
        // socket while the rest of the message is still arriving, so the
        // client sees a reset (1006) instead of the 1009.
        ws_.read_message_max(0);
        ws_.async_accept(req, [self = this->shared_from_this()](beast::error_code ec) { self->on_accept(ec); });
    }

    // ws_channel, from any thread: on the strand at once when called on it
    // (a handler answering a message), else posted there.
    void send(std::string text) override {
        net::dispatch(ws_.get_executor(), [self = this->shared_from_this(), text = std::move(text)]() mutable {
            self->enqueue(std::move(text));
        });
    }
    void send_error(const std::string& code, const std::string& message, const std::string& seq) override {
        json j = {{"type", "error"}, {"error", code}, {"message", message}};
        if (!seq.empty()) j["seq"] = seq;
        send(j.dump(-1, ' ', false, json::error_handler_t::replace));
    }
    void close(ws_close code, std::string reason) override {
        net::dispatch(ws_.get_executor(), [self = this->shared_from_this(), code, reason = std::move(reason)] {
            self->close_with(static_cast<websocket::close_code>(code), reason);
        });
    }
    void post(std::function<void()> f) override {
        net::post(ws_.get_executor(), [self = this->shared_from_this(), f = std::move(f)] {
            if (!self->finished_) f();
        });
    }
    net::any_io_executor executor() override { return ws_.get_executor(); }

private:
    void on_accept(beast::error_code ec) {
        if (ec) return finish_connection();
        opened_ = true;
        handler_->opened(this->shared_from_this());
        do_read();
    }

    // A close handshake with `code`; reading stops, the connection ends when it completes.
    void close_with(websocket::close_code code, const std::string& reason) {
        if (closing_) return;
        closing_ = true;
        ws_.async_close(websocket::close_reason(code, reason),
                        [self = this->shared_from_this()](beast::error_code) { self->finish_connection(); });
    }

    void do_read() {
        ws_.async_read_some(buffer_, read_chunk, [self = this->shared_from_this()](beast::error_code ec, std::size_t n) {
            self->on_read(ec, n);
        });
    }

    void on_read(beast::error_code ec, std::size_t n) {
        if (ec) return finish_connection();
        message_size_ += n;
        if (message_size_ > ctx_.cfg.ws.max_message) {
            // Beyond anything worth reading to its end: 1009 (message too big).
            // Beast's close reads and discards the rest of the message, so the
            // close frame reaches the client (bounded by the handshake timeout).
            buffer_.consume(buffer_.size());
            return close_with(websocket::close_code::too_big,
                              "messages are limited to " + std::to_string(ctx_.cfg.ws.max_message) + " bytes");
        }
        bool text = ws_.got_text();
        std::size_t limit = text ? ctx_.cfg.ws.max_text : ctx_.cfg.ws.max_binary;
        if (message_size_ > limit) {
            discarding_ = true;
            buffer_.consume(buffer_.size());
        }
        if (ws_.is_message_done()) {
            if (discarding_) {
                send_error("message_too_big", "messages are limited to " + std::to_string(limit) + " bytes (" +
                                                  (text ? "text" : "binary") + ")",
                           {});
            } else if (handler_) {
                auto data = buffer_.data();
                std::string_view bytes(static_cast<const char*>(data.data()), data.size());
                try {
                    if (text) handler_->text(bytes);
                    else handler_->binary(bytes);
                } catch (const std::exception& e) {
                    ctx_.log.error("ws", name_ + ": " + e.what());
                    send_error("internal", "internal error", {});
                }
            }
            buffer_.consume(buffer_.size());
            if (buffer_.capacity() > read_chunk) buffer_.shrink_to_fit();
            message_size_ = 0;
            discarding_ = false;
        }
        do_read();
    }

    void enqueue(std::string msg) {
        if (closing_) return;
        if (queue_.empty()) {
            // Nothing waits: it goes out whatever its size (a long paper may
            // be larger than the byte bound).
            queue_.push_back(std::move(msg));
            return do_write();
        }
        // Behind the one being written, bounded in messages (ws.max_queue) and
        // in bytes (ws.max_queue_bytes).
        if (queue_.size() >= ctx_.cfg.ws.max_queue || waiting_bytes_ + msg.size() > ctx_.cfg.ws.max_queue_bytes) {
            // The client does not read: drop it rather than buffer without bound.
            ctx_.log.warn("ws", name_ + ": outbound queue full (" + std::to_string(queue_.size()) + " messages, " +
                                    std::to_string(waiting_bytes_) + " bytes waiting), closing");
            closing_ = true;
            beast::error_code ig;
            beast::get_lowest_layer(ws_).socket().close(ig);
            return;
        }
        waiting_bytes_ += msg.size();
        queue_.push_back(std::move(msg));
    }

    void do_write() {
        ws_.text(true);
        ws_.async_write(net::buffer(queue_.front()), [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
            if (ec) {
                self->queue_.clear();
                self->waiting_bytes_ = 0;
                return;
            }
            self->queue_.pop_front();
            if (self->queue_.empty()) return;
            self->waiting_bytes_ -= self->queue_.front().size();
            self->do_write();
        });
    }

    void finish_connection() {
        if (finished_) return;
        finished_ = true;
        closing_ = true;
        // The handler holds this channel until closed(): dropping ours ends the cycle.
        auto h = std::move(handler_);
        if (h && opened_) h->closed();
    }

    websocket::stream<Stream> ws_;
    std::shared_ptr<ws_handler> handler_;
    const std::string name_;
    server_context& ctx_;
    beast::flat_buffer buffer_;
    std::size_t message_size_ = 0;
    bool discarding_ = false;
    std::deque<std::string> queue_;
    std::size_t waiting_bytes_ = 0;  // of the messages behind the one being written
    bool opened_ = false;
    bool closing_ = false;
    bool finished_ = false;
    std::shared_ptr<void> slot_;  // this connection's place in the per-address count
};

}  // namespace

void start_ws(beast::tcp_stream&& stream, request req, std::shared_ptr<ws_handler> h, server_context& ctx,
              std::shared_ptr<void> slot) {
    std::make_shared<ws_session<beast::tcp_stream>>(std::move(stream), std::move(h), ctx, std::move(slot))
        ->run(std::move(req));
}

void start_ws(beast::ssl_stream<beast::tcp_stream>&& stream, request req, std::shared_ptr<ws_handler> h,
              server_context& ctx, std::shared_ptr<void> slot) {
    std::make_shared<ws_session<beast::ssl_stream<beast::tcp_stream>>>(std::move(stream), std::move(h), ctx,
                                                                      std::move(slot))
        ->run(std::move(req));
}

}  // namespace tanu::server
