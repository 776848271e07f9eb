#pragma once
#include <atomic>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/thread_pool.hpp>

#include "server/http/router.hpp"
#include "server/net/connection_limit.hpp"
#include "server/net/static_files.hpp"
#include "server/platform/config.hpp"
#include "server/platform/logger.hpp"

namespace tanu::server {

// What every connection needs, built once in the composition root (app).
struct server_context {
    const server_config& cfg;
    const router& routes;  // every /api route, and the WebSocket routes' admission
    const static_site& site;  // web/, read at start
    logger& log;
    boost::asio::thread_pool& workers;  // blocking work: database, files
    boost::asio::ssl::context* tls = nullptr;  // null: plain TCP (loopback only)
    std::atomic<bool> stopping{false};
    std::atomic<int> in_flight{0};        // requests being handled on workers
    std::atomic<std::uint64_t> ws_open{0};
    connection_limit connections{cfg.http.max_connections_per_address};
    std::atomic<std::uint64_t> refused_connections{0};  // over the per-address cap
};

}  // namespace tanu::server
