#pragma once
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <memory>

#include "server/http/ws.hpp"
#include "server/net/server_context.hpp"

namespace tanu::server {

// Hands an upgraded HTTP connection to a WebSocket session that carries its
// messages to its handler `h` (server/http/ws.hpp). `slot` is the connection's place
// in the per-address count (connection_limit): the WebSocket holds it for as
// long as it lives.
void start_ws(boost::beast::tcp_stream&& stream, request req, std::shared_ptr<ws_handler> h, server_context& ctx,
              std::shared_ptr<void> slot);
void start_ws(boost::beast::ssl_stream<boost::beast::tcp_stream>&& stream, request req, std::shared_ptr<ws_handler> h,
              server_context& ctx, std::shared_ptr<void> slot);

}  // namespace tanu::server
