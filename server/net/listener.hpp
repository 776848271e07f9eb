#pragma once
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <memory>

#include "server/net/server_context.hpp"

namespace tanu::server {

// Accepts connections and hands each to an HTTP session on its own strand.
class listener : public std::enable_shared_from_this<listener> {
public:
    // Binds and listens; throws std::runtime_error with the reason when it cannot.
    listener(boost::asio::io_context& ioc, const boost::asio::ip::tcp::endpoint& ep, server_context& ctx);
    void run() { do_accept(); }
    void stop();
    boost::asio::ip::tcp::endpoint local_endpoint() const { return acceptor_.local_endpoint(); }

private:
    void do_accept();

    boost::asio::io_context& ioc_;
    boost::asio::ip::tcp::acceptor acceptor_;
    boost::asio::steady_timer backoff_;
    server_context& ctx_;
};

}  // namespace tanu::server
