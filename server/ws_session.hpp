#pragma once
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include "server/api.hpp"
#include "server/server_context.hpp"

namespace tanu::server {

// Hands an upgraded HTTP connection to the exam WebSocket session.
void start_exam_ws(boost::beast::tcp_stream&& stream, request req, exam_ws_grant grant, server_context& ctx);
void start_exam_ws(boost::beast::ssl_stream<boost::beast::tcp_stream>&& stream, request req, exam_ws_grant grant,
                   server_context& ctx);

}  // namespace tanu::server
