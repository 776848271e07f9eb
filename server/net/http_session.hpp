#pragma once
#include <boost/asio/ip/tcp.hpp>

#include "server/net/server_context.hpp"

namespace tanu::server {

// Takes an accepted socket: TLS handshake when the server has TLS, then HTTP
// requests (keep-alive) until the peer leaves or asks for a WebSocket upgrade.
void start_http_session(boost::asio::ip::tcp::socket socket, server_context& ctx);

}  // namespace tanu::server
