#pragma once
// The WebSocket seam (docs/architecture.md, "The seams"): net/'s session keeps
// the strand, the bounded write queue, the size bounds and the timers of a
// connection and hands its messages to a ws_handler a domain made when it
// admitted the upgrade (router::websocket). A second kind of socket is one
// more handler, not a second session class.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include <boost/asio/any_io_executor.hpp>

namespace tanu::server {

// Close codes a handler may ask for (RFC 6455).
enum class ws_close : std::uint16_t { going_away = 1001, policy = 1008 };

// The connection as its handler sees it. Safe to call from any thread: each
// runs on the connection's strand; after the close they do nothing.
class ws_channel {
public:
    virtual ~ws_channel() = default;
    // Queued behind the message being written, bounded by ws.max_queue and
    // ws.max_queue_bytes: a client that does not read is disconnected.
    virtual void send(std::string text) = 0;
    // An `error` frame {"type": "error", "error": code, "message", "seq"?}.
    virtual void send_error(const std::string& code, const std::string& message, const std::string& seq = {}) = 0;
    // A close handshake; reading stops.
    virtual void close(ws_close code, std::string reason) = 0;
    // Runs `f` on the connection's strand (for completions coming from other threads).
    virtual void post(std::function<void()> f) = 0;
    // The strand, for the handler's own timers.
    virtual boost::asio::any_io_executor executor() = 0;
};

// A domain's side of one connection. Called on the connection's strand: opened
// once, then text and binary messages (within the size bounds), then closed
// once. A handler that throws from text or binary answers `internal`; the
// connection goes on.
class ws_handler {
public:
    virtual ~ws_handler() = default;
    virtual void opened(std::shared_ptr<ws_channel> channel) = 0;
    virtual void text(std::string_view message) = 0;
    virtual void binary(std::string_view message) = 0;
    virtual void closed() = 0;
    // For log lines ("session 12").
    virtual std::string name() const = 0;
};

}  // namespace tanu::server
