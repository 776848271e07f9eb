#include "server/net/listener.hpp"

#include <boost/asio/strand.hpp>

#include "server/net/http_session.hpp"

namespace tanu::server {

namespace net = boost::asio;
using tcp = net::ip::tcp;

listener::listener(net::io_context& ioc, const tcp::endpoint& ep, server_context& ctx)
    : ioc_(ioc), acceptor_(net::make_strand(ioc)), backoff_(ioc), ctx_(ctx) {
    boost::system::error_code ec;
    acceptor_.open(ep.protocol(), ec);
    if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(ep, ec);
    if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
    if (ec) throw std::runtime_error("cannot listen on " + ep.address().to_string() + ":" + std::to_string(ep.port()) +
                                     ": " + ec.message());
}

void listener::stop() {
    net::post(acceptor_.get_executor(), [self = shared_from_this()] {
        boost::system::error_code ec;
        self->acceptor_.close(ec);
        self->backoff_.cancel();
    });
}

void listener::do_accept() {
    acceptor_.async_accept(net::make_strand(ioc_), [self = shared_from_this()](boost::system::error_code ec, tcp::socket s) {
        if (ec == net::error::operation_aborted || !self->acceptor_.is_open()) return;
        if (ec) {
            // Out of descriptors or similar: log, wait a little, go on accepting.
            self->ctx_.log.warn("net", "accept failed: " + ec.message());
            self->backoff_.expires_after(std::chrono::milliseconds(100));
            self->backoff_.async_wait([self](boost::system::error_code e) {
                if (!e) self->do_accept();
            });
            return;
        }
        start_http_session(std::move(s), self->ctx_);
        self->do_accept();
    });
}

}  // namespace tanu::server
