#pragma once
// The networking half of the load benchmarks' shared helpers (exam_load,
// proctor_load): Asio/Beast aliases, a latch for coroutines, keep-alive HTTP
// calls with one retry on a stale connection, a pool of coroutines running
// numbered jobs, and error tallies by phase. bench_util.hpp has the rest.

// Two GCC 12 false positives at -O2 in Asio code inlined into the benchmarks,
// which the system-header suppression misses: "potential null pointer
// dereference" in the scheduler (thread_info of the calling thread), and
// "mismatched new/delete" for coroutine frames, which Asio 1.74 allocates and
// frees through its own recycling allocator (a matched pair).
#pragma GCC diagnostic ignored "-Wnull-dereference"
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"

#include <utility>  // before Asio: Boost 1.74's awaitable.hpp uses std::exchange without it

#include <boost/asio.hpp>
#include <boost/beast.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <exception>
#include <map>
#include <string>

#include "tests/bench/bench_util.hpp"

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = net::ip::tcp;
using net::awaitable;
using net::use_awaitable;
using namespace std::chrono_literals;

namespace bench_net {

using bench_util::clk;
using bench_util::fmt;

// The program's name, for its messages ("exam_load", "proctor_load").
inline std::string program = "bench";

// Wakes a waiter when `n` count-downs have happened.
struct latch {
    std::size_t n;
    net::steady_timer t;
    latch(net::any_io_executor ex, std::size_t count) : n(count), t(ex) {}
    void count_down() {
        if (n > 0 && --n == 0) t.expires_at(clk::now());  // wakes a waiter
    }
    awaitable<bool> wait_until(clk::time_point deadline) {
        if (n == 0) co_return true;
        t.expires_at(deadline);
        beast::error_code ec;
        co_await t.async_wait(net::redirect_error(use_awaitable, ec));
        co_return n == 0;
    }
};

// The completion of a spawned coroutine: an escaped exception is said, not lost.
inline void log_exception(std::exception_ptr e) {
    if (!e) return;
    try {
        std::rethrow_exception(e);
    } catch (const std::exception& x) {
        bench_util::say(program + ": coroutine failed: " + x.what());
    }
}

struct http_conn {
    beast::tcp_stream stream;
    beast::flat_buffer buf;
    bool connected = false;
    explicit http_conn(net::any_io_executor ex) : stream(ex) {}
};

struct http_reply {
    int status = 0;
    std::string body;
    std::string error;  // transport error, status == 0
    std::string describe() const {
        if (status == 0) return "transport: " + error;
        return fmt("HTTP %d %s", status, body.substr(0, 300).c_str());
    }
};

// One request on a keep-alive connection (connected on first use, once more
// when a reused one has gone stale). `Bench` gives `ep` (the server),
// `host_hdr` and `http_lat` (every call's latency); `lat` adds the latency to
// another tally too.
template <class Bench>
awaitable<http_reply> http_call(Bench& b, http_conn& c, http::verb verb, std::string target, std::string body,
                                std::string token, const char* content_type = "application/json",
                                bench_util::latencies* lat = nullptr) {
    http::request<http::string_body> req{verb, target, 11};
    req.set(http::field::host, b.host_hdr);
    req.set(http::field::user_agent, "tanu-" + program);
    if (!token.empty()) req.set(http::field::authorization, "Bearer " + token);
    if (verb == http::verb::post || verb == http::verb::put) {
        req.set(http::field::content_type, content_type);
        req.body() = std::move(body);
    }
    req.keep_alive(true);
    req.prepare_payload();

    http_reply r;
    auto t0 = clk::now();
    for (int attempt = 0; attempt < 2; ++attempt) {  // a reused connection may have gone stale
        beast::error_code ec;
        if (!c.connected) {
            c.stream.expires_after(10s);
            co_await c.stream.async_connect(b.ep, net::redirect_error(use_awaitable, ec));
            if (ec) {
                r.error = "connect: " + ec.message();
                c.stream.close();
                continue;
            }
            c.stream.socket().set_option(tcp::no_delay(true), ec);
            c.connected = true;
            c.buf.clear();
        }
        c.stream.expires_after(60s);
        co_await http::async_write(c.stream, req, net::redirect_error(use_awaitable, ec));
        if (!ec) {
            http::response_parser<http::string_body> p;
            p.body_limit(64u << 20);
            co_await http::async_read(c.stream, c.buf, p, net::redirect_error(use_awaitable, ec));
            if (!ec) {
                c.stream.expires_never();
                auto res = p.release();
                r.status = static_cast<int>(res.result_int());
                r.body = std::move(res.body());
                if (!res.keep_alive()) {
                    c.stream.close();
                    c.connected = false;
                }
                const double ms = bench_util::ms_between(t0, clk::now());
                b.http_lat.add(ms);
                if (lat) lat->add(ms);
                co_return r;
            }
        }
        r.error = ec.message();
        c.stream.close();
        c.connected = false;
    }
    co_return r;
}

// Numbered jobs run by a few coroutines, each with its own HTTP connection.
template <class Bench>
struct pool_state {
    using job_fn = awaitable<void> (*)(Bench&, pool_state&, http_conn&, std::size_t);
    std::size_t next, end;
    job_fn job;
    latch done;
    pool_state(net::any_io_executor ex, std::size_t b, std::size_t e, job_fn j, std::size_t workers)
        : next(b), end(e), job(j), done(ex, workers) {}
};

template <class Bench>
awaitable<void> pool_worker(Bench& b, pool_state<Bench>& st) {
    http_conn conn(b.ex());
    while (st.next < st.end) {
        std::size_t i = st.next++;
        co_await st.job(b, st, conn, i);
    }
    beast::error_code ec;
    conn.stream.socket().close(ec);
    st.done.count_down();
}

// Runs job(i) for i in [begin, end) with `workers` coroutines; returns when all are done.
template <class Bench>
awaitable<void> parallel_for(Bench& b, std::size_t begin, std::size_t end, std::size_t workers,
                             typename pool_state<Bench>::job_fn job) {
    workers = std::max<std::size_t>(1, std::min(workers, end > begin ? end - begin : 1));
    pool_state<Bench> st(b.ex(), begin, end, job, workers);
    for (std::size_t w = 0; w < workers; ++w) net::co_spawn(b.ex(), pool_worker(b, st), log_exception);
    co_await st.done.wait_until(clk::time_point::max());
}

// Error tallies keyed "phase: what".
inline void count(std::map<std::string, std::uint64_t>& m, const std::string& phase, const std::string& what) {
    ++m[phase + ": " + what];
}

// "what xN, ..." of one phase, or "none".
inline std::string errors_of(const std::map<std::string, std::uint64_t>& m, const std::string& phase) {
    std::string out;
    for (auto& [k, v] : m)
        if (k.rfind(phase + ": ", 0) == 0)
            out += fmt("%s%s x%llu", out.empty() ? "" : ", ", k.substr(phase.size() + 2).c_str(),
                       static_cast<unsigned long long>(v));
    return out.empty() ? "none" : out;
}

}  // namespace bench_net
