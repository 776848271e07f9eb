#include "server/net/ws_session.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <deque>

#include "exam/common/clock.hpp"
#include "exam/theory/paper.hpp"
#include "server/platform/domain_error.hpp"

namespace tanu::server {

namespace beast = boost::beast;
namespace net = boost::asio;
namespace websocket = beast::websocket;

namespace {

constexpr std::size_t read_chunk = 64 * 1024;

// The exam WebSocket of one candidate: one strand, one write queue bounded in
// messages and in bytes. Answers are checked here against the paper it holds
// (question count, options, deadline) and saved through the writer; `saved`
// goes out only after commit. A sitting has at most ws.max_sockets_per_sitting
// of these (a new one displaces the oldest), and its focus and room_scan
// messages are limited to ws.max_events_per_minute (sitting_hub).
template <class Stream>
class ws_session : public exam_peer, public std::enable_shared_from_this<ws_session<Stream>> {
public:
    ws_session(Stream&& stream, exam_ws_grant grant, server_context& ctx, std::shared_ptr<void> slot)
        : ws_(std::move(stream)), grant_(std::move(grant)), ctx_(ctx), timer_(ws_.get_executor()), slot_(std::move(slot)) {}

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

    void ended(std::string msg) override {
        net::post(ws_.get_executor(), [self = this->shared_from_this(), msg = std::move(msg)]() mutable {
            if (self->ended_) return;
            self->ended_ = true;
            self->live_.reset();
            self->send(std::move(msg));
            self->timer_.cancel();
        });
    }

    void send_message(std::string msg) override {
        net::post(ws_.get_executor(), [self = this->shared_from_this(), msg = std::move(msg)]() mutable {
            self->send(std::move(msg));
        });
    }

    void going_away() override {
        net::post(ws_.get_executor(), [self = this->shared_from_this()] {
            self->close_with(websocket::close_code::going_away, "");
        });
    }

    void displaced() override {
        net::post(ws_.get_executor(), [self = this->shared_from_this()] {
            self->close_with(websocket::close_code::policy_error, "a newer connection of this sitting took its place");
        });
    }

private:
    void on_accept(beast::error_code ec) {
        if (ec) return;
        for (auto& old : ctx_.hub.add(grant_.sitting, this->shared_from_this(), ctx_.cfg.ws.max_sockets_per_sitting)) {
            ctx_.log.info("ws", "session " + std::to_string(grant_.sitting) + ": more than " +
                                    std::to_string(ctx_.cfg.ws.max_sockets_per_sitting) +
                                    " connections, the oldest closed");
            old->displaced();
        }
        do_read();
    }

    // A close handshake with `code`; reading stops, the connection ends when it completes.
    void close_with(websocket::close_code code, const std::string& reason) {
        if (closing_) return;
        closing_ = true;
        timer_.cancel();
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
                                                  (text ? "text" : "binary") + ")");
            } else {
                auto data = buffer_.data();
                std::string_view bytes(static_cast<const char*>(data.data()), data.size());
                try {
                    if (text) on_text(bytes);
                    else on_binary(bytes);
                } catch (const std::exception& e) {
                    ctx_.log.error("ws", "session " + std::to_string(grant_.sitting) + ": " + e.what());
                    send_error("internal", "internal error");
                }
            }
            buffer_.consume(buffer_.size());
            if (buffer_.capacity() > read_chunk) buffer_.shrink_to_fit();
            message_size_ = 0;
            discarding_ = false;
        }
        do_read();
    }

    void on_text(std::string_view bytes) {
        json j = try_parse_json(bytes, 8);
        if (j.is_discarded()) return send_error("bad_json", "the message is not valid JSON");
        if (!j.is_object() || !j.contains("type") || !j["type"].is_string())
            return send_error("bad_request", "a message is a JSON object with a string 'type'");
        const auto& type = j["type"].get_ref<const std::string&>();
        if (type == "start") return on_start();
        if (type == "answer") return on_answer(j);
        if (type == "finish") return on_finish();
        if (type == "focus") return on_focus(j);
        if (type == "room_scan") return on_room_scan(j);
        if (type == "ping") return send(json{{"type", "pong"}}.dump());
        send_error("unknown_type", "unknown message type '" + type.substr(0, 32) + "'");
    }

    void on_binary(std::string_view bytes) {
        if (bytes.empty() || (bytes[0] != 0x01 && bytes[0] != 0x02))
            return send_error("bad_binary", "binary messages start with 0x01 (JPEG frame) or 0x02 (audio)");
        if (!live_ || ended_) return;  // media outside an attempt in progress is not analysed
        auto now = ctx_.exams.now_ms();
        if (bytes[0] == 0x01) {
            if (bytes.size() < 2) return send_error("bad_binary", "an empty camera frame");
            ctx_.proctor.submit_frame(grant_.sitting, std::string(bytes.substr(1)), now);
            return;
        }
        if (bytes.size() < 7 || (bytes.size() - 5) % 2 != 0)
            return send_error("bad_binary", "audio is 0x02, a uint32 sample rate, then 16-bit samples");
        auto b = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])); };
        std::uint32_t rate = b(1) | (b(2) << 8) | (b(3) << 16) | (b(4) << 24);
        if (rate < 4000 || rate > 192000) return send_error("bad_binary", "audio sample rate must be 4000..192000");
        ctx_.proctor.submit_audio(grant_.sitting, std::string(bytes.substr(5)), rate, now);
    }

    // focus and room_scan are recorded: a sitting may send ws.max_events_per_minute
    // of them (all its connections together). Past that, one `rate_limited`
    // error per burst, nothing stored, one summary event when the burst ends.
    bool event_allowed() {
        auto v = ctx_.hub.take_event(grant_.sitting, ctx_.cfg.ws.max_events_per_minute);
        if (v.burst_refused > 0) log_burst(v.burst_refused);
        if (v.allowed) return true;
        if (v.tell)
            send_error("rate_limited", "more than " + std::to_string(ctx_.cfg.ws.max_events_per_minute) +
                                           " focus and room_scan messages a minute: these are not recorded for a while");
        return false;
    }

    void log_burst(std::uint64_t refused) {
        ctx_.proctor.log_event(grant_.sitting, ctx_.exams.now_ms(), "events_rate_limited",
                               std::to_string(refused) + " focus/room_scan message(s) over " +
                                   std::to_string(ctx_.cfg.ws.max_events_per_minute) +
                                   " a minute refused and not recorded");
    }

    void on_focus(const json& j) {
        if (!event_allowed()) return;
        if (!j.contains("state") || !j["state"].is_string() ||
            (j["state"] != "lost" && j["state"] != "back"))
            return send_error("bad_request", "focus state is 'lost' or 'back'");
        if (!live_ || ended_) return;
        ctx_.proctor.focus(grant_.sitting, j["state"] == "lost", ctx_.exams.now_ms());
    }

    // Only the server starts a room scan: a `begin` without its request is
    // refused by the proctor service (an `error` frame room_scan_not_requested).
    void on_room_scan(const json& j) {
        if (!event_allowed()) return;
        if (!j.contains("state") || !j["state"].is_string() ||
            (j["state"] != "begin" && j["state"] != "end"))
            return send_error("bad_request", "room_scan state is 'begin' or 'end'");
        if (!live_ || ended_) return send_error("not_started", "the room scan is part of an attempt in progress");
        ctx_.proctor.room_scan(grant_.sitting, j["state"] == "begin", ctx_.exams.now_ms(), this->shared_from_this());
    }

    void on_start() {
        if (start_pending_) return;
        start_pending_ = true;
        ctx_.exams.start(grant_.sitting, [self = this->shared_from_this()](start_outcome out, std::optional<domain_error> err) {
            // Serialise on the worker, not on the I/O thread.
            std::string text = err ? std::string() : out.message.dump(-1, ' ', false, json::error_handler_t::replace);
            net::post(self->ws_.get_executor(), [self, out = std::move(out), err = std::move(err),
                                                 text = std::move(text)]() mutable {
                self->start_pending_ = false;
                if (err) return self->send_error(err->code, err->what());
                if (out.live) {
                    self->live_ = std::move(out.live);
                    self->ended_ = false;
                    self->send(std::move(text));
                    self->send_time();
                    self->schedule_time();
                    // Seed 002 p.2 item 8: a 360-degree film of the room, asked for at the start
                    // (recorded as owed, then sent to the sitting's connections).
                    if (out.issued_now) self->ctx_.proctor.request_room_scan(self->grant_.sitting, "start");
                    else self->ctx_.proctor.remind_room_scan(self->grant_.sitting, self);
                } else {
                    self->ended_ = true;
                    self->live_.reset();
                    self->send(std::move(text));
                }
            });
        });
    }

    void on_answer(const json& j) {
        if (!live_) {
            if (ended_) return send_error("finished", "the attempt has ended");
            return send_error("not_started", "send start first");
        }
        if (!j.contains("n") || !j["n"].is_number_integer()) return send_error("bad_request", "'n' must be an integer");
        auto n = j["n"].get<std::int64_t>();
        if (n < 1 || n > static_cast<std::int64_t>(live_->options.size()))
            return send_error("bad_question", "no question " + std::to_string(n) + " on this paper (1.." +
                                                  std::to_string(live_->options.size()) + ")");
        if (!j.contains("choice") || !j["choice"].is_array() || j["choice"].size() > 16)
            return send_error("bad_request", "'choice' must be an array of option indices");
        std::vector<int> choice;
        for (const auto& c : j["choice"]) {
            if (!c.is_number_integer() || c.get<std::int64_t>() < 0 || c.get<std::int64_t>() > 255)
                return send_error("bad_choice", "option indices are integers from 0");
            choice.push_back(c.get<int>());
        }
        auto idx = static_cast<std::size_t>(n - 1);
        if (auto bad = exam::validate_choice(choice, live_->options[idx], live_->multi[idx] != 0))
            return send_error(*bad, "question " + std::to_string(n) + " takes " +
                                        (live_->multi[idx] ? "distinct indices" : "one index") + " from 0 to " +
                                        std::to_string(live_->options[idx] - 1));
        std::string seq;
        if (j.contains("seq")) {
            if (!j["seq"].is_string() || j["seq"].get_ref<const std::string&>().size() > 64)
                return send_error("bad_request", "'seq' must be a string of at most 64 characters");
            seq = j["seq"].get<std::string>();
        }
        if (exam::time_over(ctx_.exams.now_ms(), live_->deadline_ms))
            return send_error("time_over", "the time is over; the answer was not saved", seq);
        ctx_.exams.save_answer(
            grant_.sitting, static_cast<int>(n), std::move(choice), seq,
            [self = this->shared_from_this(), n, seq](std::optional<std::string> refused) {
                net::post(self->ws_.get_executor(), [self, n, seq, refused] {
                    if (refused) {
                        std::string what = *refused == "time_over" ? "the time is over; the answer was not saved"
                                           : *refused == "finished" ? "the attempt has ended; the answer was not saved"
                                                                    : "the answer could not be saved; send it again";
                        return self->send_error(*refused, what, seq);
                    }
                    self->send(json{{"type", "saved"}, {"n", n}, {"seq", seq}}.dump());
                });
            });
    }

    void on_finish() {
        if (!live_ && !ended_) return send_error("not_started", "send start first");
        bool was_ended = ended_;
        ctx_.exams.finish(grant_.sitting, "finished",
                          [self = this->shared_from_this(), was_ended](json msg, std::optional<domain_error> err) {
                              net::post(self->ws_.get_executor(), [self, was_ended, text = msg.dump(),
                                                                   err = std::move(err)]() mutable {
                                  if (err) return self->send_error(err->code, err->what());
                                  // A finish after the end is answered again; otherwise the result
                                  // goes out once, whether the hub or this reply comes first.
                                  if (was_ended) return self->send(std::move(text));
                                  self->ended(std::move(text));
                              });
                          });
    }

    void send_time() {
        if (!live_ || ended_) return;
        send(json{{"type", "time"}, {"remaining_ms", exam::remaining_ms(ctx_.exams.now_ms(), live_->deadline_ms)}}
                 .dump());
    }

    void schedule_time() {
        timer_.expires_after(std::chrono::seconds(ctx_.cfg.ws.time_message_s));
        timer_.async_wait([self = this->shared_from_this()](beast::error_code ec) {
            if (ec || self->closing_) return;
            self->send_time();
            if (self->live_ && !self->ended_) self->schedule_time();
        });
    }

    void send_error(const std::string& code, const std::string& message, const std::string& seq = {}) {
        json j = {{"type", "error"}, {"error", code}, {"message", message}};
        if (!seq.empty()) j["seq"] = seq;
        send(j.dump(-1, ' ', false, json::error_handler_t::replace));
    }

    void send(std::string msg) {
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
            ctx_.log.warn("ws", "session " + std::to_string(grant_.sitting) + ": outbound queue full (" +
                                    std::to_string(queue_.size()) + " messages, " + std::to_string(waiting_bytes_) +
                                    " bytes waiting), closing");
            closing_ = true;
            timer_.cancel();
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
        timer_.cancel();
        ctx_.hub.remove(grant_.sitting, this);
        if (ctx_.hub.of(grant_.sitting).empty()) {
            if (auto refused = ctx_.hub.end_burst(grant_.sitting)) log_burst(refused);
            ctx_.proctor.close(grant_.sitting);
        }
    }

    websocket::stream<Stream> ws_;
    exam_ws_grant grant_;
    server_context& ctx_;
    net::steady_timer timer_;
    beast::flat_buffer buffer_;
    std::size_t message_size_ = 0;
    bool discarding_ = false;
    std::deque<std::string> queue_;
    std::size_t waiting_bytes_ = 0;  // of the messages behind the one being written
    std::optional<live_sitting> live_;
    bool ended_ = false;
    bool start_pending_ = false;
    bool closing_ = false;
    bool finished_ = false;
    std::shared_ptr<void> slot_;  // this connection's place in the per-address count
};

}  // namespace

void start_exam_ws(beast::tcp_stream&& stream, request req, exam_ws_grant grant, server_context& ctx,
                   std::shared_ptr<void> slot) {
    std::make_shared<ws_session<beast::tcp_stream>>(std::move(stream), std::move(grant), ctx, std::move(slot))
        ->run(std::move(req));
}

void start_exam_ws(beast::ssl_stream<beast::tcp_stream>&& stream, request req, exam_ws_grant grant,
                   server_context& ctx, std::shared_ptr<void> slot) {
    std::make_shared<ws_session<beast::ssl_stream<beast::tcp_stream>>>(std::move(stream), std::move(grant), ctx,
                                                                      std::move(slot))
        ->run(std::move(req));
}

}  // namespace tanu::server
