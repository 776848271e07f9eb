#pragma once
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include "server/exam/routes.hpp"
#include "server/net/server_context.hpp"

namespace tanu::server {

// Hands an upgraded HTTP connection to the exam WebSocket session. `slot` is
// the connection's place in the per-address count (connection_limit): the
// WebSocket holds it for as long as it lives.
void start_exam_ws(boost::beast::tcp_stream&& stream, request req, exam_ws_grant grant, server_context& ctx,
                   std::shared_ptr<void> slot);
void start_exam_ws(boost::beast::ssl_stream<boost::beast::tcp_stream>&& stream, request req, exam_ws_grant grant,
                   server_context& ctx, std::shared_ptr<void> slot);

}  // namespace tanu::server
