#pragma once
// A stand-in for a system outside our reach (the SMS gateway; later the
// national platform): an HTTP/1.1 server on 127.0.0.1 in a thread of the
// test, one request per connection, that records what it is sent and answers
// with the status and body the test sets. Boost.Beast, synchronous.
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace tanu_test {

class fake_http {
public:
    struct request {
        std::string method, target, authorization, content_type, body;
    };

    fake_http() : acceptor_(ioc_, {boost::asio::ip::make_address("127.0.0.1"), 0}) {
        port_ = acceptor_.local_endpoint().port();
        thread_ = std::thread([this] { serve(); });
    }
    ~fake_http() {
        stopping_ = true;
        boost::system::error_code ec;
        // wake the blocking accept with a connection of our own
        boost::asio::io_context io;
        boost::asio::ip::tcp::socket s(io);
        s.connect({boost::asio::ip::make_address("127.0.0.1"), port_}, ec);
        thread_.join();
    }
    fake_http(const fake_http&) = delete;
    fake_http& operator=(const fake_http&) = delete;

    unsigned short port() const { return port_; }
    std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }

    // What the next requests get (until changed).
    void answer(int status, std::string body) {
        std::lock_guard lock(m_);
        status_ = status;
        body_ = std::move(body);
    }
    std::vector<request> received() const {
        std::lock_guard lock(m_);
        return received_;
    }
    // Waits until at least `n` requests came, or `timeout`; returns what came.
    std::vector<request> wait_for(std::size_t n, std::chrono::milliseconds timeout = std::chrono::seconds(10)) const {
        const auto until = std::chrono::steady_clock::now() + timeout;
        while (std::chrono::steady_clock::now() < until) {
            if (received().size() >= n) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        return received();
    }

private:
    void serve() {
        namespace http = boost::beast::http;
        while (!stopping_) {
            boost::asio::ip::tcp::socket sock(ioc_);
            boost::system::error_code ec;
            acceptor_.accept(sock, ec);
            if (ec || stopping_) continue;
            boost::beast::flat_buffer buf;
            http::request<http::string_body> req;
            http::read(sock, buf, req, ec);
            if (ec) continue;
            int status;
            std::string body;
            {
                std::lock_guard lock(m_);
                received_.push_back({std::string(req.method_string()), std::string(req.target()),
                                     std::string(req[http::field::authorization]),
                                     std::string(req[http::field::content_type]), req.body()});
                status = status_;
                body = body_;
            }
            http::response<http::string_body> res{static_cast<http::status>(status), req.version()};
            res.set(http::field::content_type, "application/json");
            res.keep_alive(false);
            res.body() = body;
            res.prepare_payload();
            http::write(sock, res, ec);
            sock.shutdown(boost::asio::ip::tcp::socket::shutdown_both, ec);
        }
    }

    boost::asio::io_context ioc_;
    boost::asio::ip::tcp::acceptor acceptor_;
    unsigned short port_ = 0;
    std::atomic<bool> stopping_{false};
    std::thread thread_;
    mutable std::mutex m_;
    int status_ = 200;
    std::string body_ = R"({"id": "gw-1"})";
    std::vector<request> received_;
};

}  // namespace tanu_test
