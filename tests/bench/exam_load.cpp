// exam_load: load benchmark for a running `tanu serve` (plain HTTP/WebSocket on
// loopback). Not a test: scripts/bench/exam_load builds the server, starts it
// and runs this program against it.
//
// Every client is a Boost.Beast asynchronous client on ONE io_context thread
// (C++20 coroutines), so 10,000 concurrent WebSockets cost one thread here.
//
// Phases (each figure is printed as soon as it is known, then a summary):
//   1. setup over HTTP keep-alive (~32 connections): admin login, programme,
//      question bank, N candidates with a session each, candidate logins;
//   2. simultaneous start: M WebSockets connected first, then M `start` sent at
//      once; latency from sending `start` to receiving `paper`;
//   3. the remaining N-M connect and start; server RSS growth per candidate;
//   4. steady answering for D seconds, one answer per candidate every K seconds,
//      latency from sending `answer` to the matching `saved`;
//   5. every candidate finishes and waits for its `result`.

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <exception>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tests/bench/bench_net.hpp"

using clk = std::chrono::steady_clock;
using json = nlohmann::json;

namespace {

using namespace bench_util;
using namespace bench_net;

// ---------------------------------------------------------------- options

struct options {
    std::string host = "127.0.0.1";
    unsigned short port = 0;
    std::string admin_login = "admin";
    std::string admin_password;
    std::size_t candidates = 10000;
    double interval_s = 2;
    double duration_s = 30;
    std::size_t burst = 1000;
    long server_pid = 0;
    std::size_t http_conns = 32;
    std::size_t connect_parallel = 256;
    int questions = 90;
    int bank = 300;
};

[[noreturn]] void usage(const char* argv0, const std::string& why) {
    std::fprintf(stderr,
                 "%s\nusage: %s --port P --admin-password X [--host 127.0.0.1] [--admin-login admin]\n"
                 "       [--candidates N] [--interval K] [--duration D] [--burst M] [--server-pid PID]\n"
                 "       [--http-conns 32] [--connect-parallel 256]\n",
                 why.c_str(), argv0);
    std::exit(2);
}

options parse_args(int argc, char** argv) {
    options o;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        std::string v;
        if (auto eq = a.find('='); eq != std::string::npos) {
            v = a.substr(eq + 1);
            a = a.substr(0, eq);
        } else if (a == "--help" || a == "-h") {
            usage(argv[0], "exam_load: load benchmark for tanu serve");
        } else {
            if (i + 1 >= argc) usage(argv[0], "missing value for " + a);
            v = argv[++i];
        }
        try {
            if (a == "--host") o.host = v;
            else if (a == "--port") o.port = static_cast<unsigned short>(std::stoul(v));
            else if (a == "--admin-login") o.admin_login = v;
            else if (a == "--admin-password") o.admin_password = v;
            else if (a == "--candidates") o.candidates = std::stoul(v);
            else if (a == "--interval") o.interval_s = std::stod(v);
            else if (a == "--duration") o.duration_s = std::stod(v);
            else if (a == "--burst") o.burst = std::stoul(v);
            else if (a == "--server-pid") o.server_pid = std::stol(v);
            else if (a == "--http-conns") o.http_conns = std::max<std::size_t>(1, std::stoul(v));
            else if (a == "--connect-parallel") o.connect_parallel = std::max<std::size_t>(1, std::stoul(v));
            else usage(argv[0], "unknown option " + a);
        } catch (const std::exception&) {
            usage(argv[0], "bad value for " + a + ": " + v);
        }
    }
    if (o.port == 0) usage(argv[0], "--port is required");
    if (o.admin_password.empty()) usage(argv[0], "--admin-password is required");
    if (o.interval_s <= 0) usage(argv[0], "--interval must be positive");
    o.burst = std::min(o.burst, o.candidates);
    return o;
}

// ---------------------------------------------------------------- candidates

using ws_t = websocket::stream<beast::tcp_stream>;

struct candidate {
    std::size_t idx = 0;
    std::int64_t id = 0;
    std::int64_t session = 0;
    std::string token;
    bool ready = false;  // setup succeeded

    std::unique_ptr<ws_t> ws;
    bool alive = false;
    bool closing = false;
    std::deque<std::string> outq;
    bool writing = false;

    latch* paper_latch = nullptr;
    clk::time_point t_start;
    std::string raw_paper;
    bool paper_ok = false;
    std::vector<std::pair<int, int>> questions;  // (n, option count)

    std::deque<std::pair<std::uint32_t, clk::time_point>> pending;  // seq number, sent
    std::uint32_t next_seq = 0;

    latch* result_latch = nullptr;
    clk::time_point t_finish;
    bool result_ok = false;
    bool passed = false;
};

struct bench {
    net::io_context& ioc;
    options opt;
    tcp::endpoint ep;
    std::string host_hdr;
    std::mt19937_64 rng{std::random_device{}()};
    std::uint32_t run_id = 0;
    std::string programme;
    std::string admin_token;
    std::vector<std::unique_ptr<candidate>> cands;
    std::string phase = "setup";

    // IIN generation: a random start in a space of 100M numbers.
    std::uint64_t next_iin_k = 0;

    // setup
    std::size_t setup_failed = 0;
    std::vector<std::string> setup_errors;
    latencies http_lat;

    // websockets
    std::size_t connect_failed = 0;
    std::vector<std::string> connect_errors;
    std::map<std::string, std::uint64_t> error_frames;  // "phase: code"
    std::map<std::string, std::uint64_t> disconnects;   // "phase: reason"
    std::uint64_t warnings = 0, terminated = 0, time_msgs = 0, unknown_msgs = 0, bad_msgs = 0;

    // steady answering
    bool steady_on = false;
    clk::time_point steady_end;
    std::uint64_t answers_sent = 0, acks = 0, acks_in_window = 0, acks_unexpected = 0;
    std::uint64_t pending_total = 0;
    latencies saved_lat;

    latencies paper_lat_burst, paper_lat_rest, result_lat;
    std::vector<std::pair<std::string, std::string>> summary;

    bench(net::io_context& io, options o) : ioc(io), opt(std::move(o)) {}
    net::any_io_executor ex() { return ioc.get_executor(); }
    void note(const std::string& key, const std::string& value) {
        summary.emplace_back(key, value);
        say(fmt("  %-34s %s", key.c_str(), value.c_str()));
    }
};

// ---------------------------------------------------------------- setup data

// A valid test IIN (bench_util::next_iin, check digit from exam/common/iin.hpp).
std::string make_iin(bench& b, std::string& birth_date) { return next_iin(b.next_iin_k, birth_date); }

std::string cand_login(const bench& b, std::size_t i) { return fmt("ld%un%zu", b.run_id, i); }
std::string cand_password(std::size_t i) { return fmt("Load-pass-%zu", i); }

using pool = pool_state<bench>;  // setup jobs run by parallel_for (bench_net.hpp)

// ---------------------------------------------------------------- phase 1: setup

void setup_fail(bench& b, std::size_t i, const std::string& what) {
    ++b.setup_failed;
    if (b.setup_errors.size() < 5) b.setup_errors.push_back(fmt("candidate %zu: ", i) + what);
}

awaitable<void> setup_job(bench& b, pool&, http_conn& conn, std::size_t i) {
    candidate& c = *b.cands[i];
    std::string login = cand_login(b, i);
    // the candidate
    for (int tries = 0;; ++tries) {
        std::string birth;
        std::string iin = make_iin(b, birth);
        json body = {{"iin", iin},
                     {"full_name", fmt("Нагрузочный Кандидат %zu", i)},
                     {"birth_date", birth},
                     {"email", login + "@load.example.kz"},
                     {"phone", fmt("+7701%07zu", i % 10000000)},
                     {"login", login},
                     {"password", cand_password(i)}};
        auto r = co_await http_call(b, conn, http::verb::post, "/api/candidates", body.dump(), b.admin_token);
        if (r.status == 409 && r.body.find("iin_exists") != std::string::npos && tries < 5) continue;
        auto j = r.status / 100 == 2 ? parse_json(r.body) : std::nullopt;
        if (!j || !j->contains("id")) {
            setup_fail(b, i, "create candidate: " + r.describe());
            co_return;
        }
        c.id = (*j)["id"].get<std::int64_t>();
        break;
    }
    // its session
    {
        json body = {{"candidate", c.id}, {"programme", b.programme}, {"lang", "ru"}, {"mode", "online"}};
        auto r = co_await http_call(b, conn, http::verb::post, "/api/sessions", body.dump(), b.admin_token);
        auto j = r.status / 100 == 2 ? parse_json(r.body) : std::nullopt;
        if (!j || !j->contains("id")) {
            setup_fail(b, i, "create session: " + r.describe());
            co_return;
        }
        c.session = (*j)["id"].get<std::int64_t>();
    }
    // its token
    {
        json body = {{"login", login}, {"password", cand_password(i)}};
        auto r = co_await http_call(b, conn, http::verb::post, "/api/login", body.dump(), "");
        auto j = r.status == 200 ? parse_json(r.body) : std::nullopt;
        if (!j || !j->contains("token")) {
            setup_fail(b, i, "candidate login: " + r.describe());
            co_return;
        }
        c.token = (*j)["token"].get<std::string>();
    }
    c.ready = true;
}

awaitable<bool> phase_setup(bench& b) {
    say("== phase 1: setup over HTTP keep-alive");
    auto t0 = clk::now();
    http_conn conn(b.ex());
    {
        json body = {{"login", b.opt.admin_login}, {"password", b.opt.admin_password}};
        auto r = co_await http_call(b, conn, http::verb::post, "/api/login", body.dump(), "");
        auto j = r.status == 200 ? parse_json(r.body) : std::nullopt;
        if (!j || !j->contains("token")) {
            say("admin login failed: " + r.describe());
            co_return false;
        }
        b.admin_token = (*j)["token"].get<std::string>();
    }
    {
        auto r = co_await http_call(b, conn, http::verb::post, "/api/programmes", load_programme(b.programme, "Load benchmark", b.opt.questions).dump(),
                                    b.admin_token);
        if (r.status / 100 != 2) {
            say("create programme failed: " + r.describe());
            co_return false;
        }
    }
    {
        auto t = clk::now();
        auto r = co_await http_call(b, conn, http::verb::post, "/api/programmes/" + b.programme + "/questions",
                                    load_bank(b.opt.bank).dump(), b.admin_token);
        auto j = r.status / 100 == 2 ? parse_json(r.body) : std::nullopt;
        if (!j) {
            say("import questions failed: " + r.describe());
            co_return false;
        }
        int imported = j->value("imported", -1);
        b.note("bank import", fmt("%d of %d questions in %.0f ms", imported, b.opt.bank, ms_between(t, clk::now())));
        if (imported < b.opt.questions) {
            say("too few questions imported: " + r.body.substr(0, 500));
            co_return false;
        }
    }
    beast::error_code ec;
    conn.stream.socket().close(ec);

    auto t1 = clk::now();
    co_await parallel_for(b, 0, b.cands.size(), b.opt.http_conns, setup_job);
    double cand_s = secs_since(t1);
    std::size_t ready = b.cands.size() - b.setup_failed;
    b.note("setup: candidates ready", fmt("%zu of %zu (%zu failed)", ready, b.cands.size(), b.setup_failed));
    for (auto& e : b.setup_errors) say("    " + e);
    b.note("setup: candidate+session+login",
           fmt("%.2f s, %.0f candidates/s, %.0f requests/s over %zu connections", cand_s,
               static_cast<double>(b.cands.size()) / cand_s, 3.0 * static_cast<double>(b.cands.size()) / cand_s,
               b.opt.http_conns));
    b.note("setup: HTTP request latency", b.http_lat.line());
    b.note("setup time", fmt("%.2f s", secs_since(t0)));
    co_return ready > 0;
}

// ---------------------------------------------------------------- WebSocket client

void do_write(candidate& c);

void send(candidate& c, std::string msg) {
    if (!c.alive) return;
    c.outq.push_back(std::move(msg));
    if (!c.writing) do_write(c);
}

void do_write(candidate& c) {
    c.writing = true;
    c.ws->async_write(net::buffer(c.outq.front()), [&c](beast::error_code ec, std::size_t) {
        c.outq.pop_front();
        if (ec) {  // the reader sees the failure too and accounts for it
            c.outq.clear();
            c.writing = false;
            return;
        }
        if (!c.outq.empty() && c.alive) do_write(c);
        else c.writing = false;
    });
}

void on_gone(bench& b, candidate& c) {
    c.alive = false;
    if (c.paper_latch) {
        auto* l = c.paper_latch;
        c.paper_latch = nullptr;
        l->count_down();
    }
    if (c.result_latch) {
        auto* l = c.result_latch;
        c.result_latch = nullptr;
        l->count_down();
    }
    if (!c.pending.empty()) {
        b.pending_total -= c.pending.size();
        b.error_frames[b.phase + ": answers unacknowledged at disconnect"] += c.pending.size();
        c.pending.clear();
    }
}

bool parse_paper(candidate& c) {
    auto j = parse_json(c.raw_paper);
    std::string().swap(c.raw_paper);
    if (!j || !j->contains("questions") || !(*j)["questions"].is_array()) return false;
    c.questions.clear();
    for (auto& q : (*j)["questions"]) {
        int n = q.value("n", 0);
        int opts = q.contains("options") && q["options"].is_array() ? static_cast<int>(q["options"].size()) : 0;
        if (n > 0 && opts > 0) c.questions.emplace_back(n, opts);
    }
    return !c.questions.empty();
}

void on_message(bench& b, candidate& c, std::string_view m, clk::time_point now) {
    auto type = msg_type(m);
    if (type == "paper") {
        // Parsing 30 kB of JSON here would delay the next completions and so the
        // latencies measured for them: keep the text, parse it later.
        if (c.paper_latch) {
            double ms = ms_between(c.t_start, now);
            (b.phase == "burst" ? b.paper_lat_burst : b.paper_lat_rest).add(ms);
            c.raw_paper.assign(m.data(), m.size());
            c.paper_ok = true;
            auto* l = c.paper_latch;
            c.paper_latch = nullptr;
            l->count_down();
        }
        return;
    }
    if (type == "time") {
        ++b.time_msgs;
        return;
    }
    json j;
    try {
        j = json::parse(m);
    } catch (const std::exception&) {
        ++b.bad_msgs;
        return;
    }
    if (type == "saved") {
        std::string seq = j.contains("seq") && j["seq"].is_string() ? j["seq"].get<std::string>() : "";
        auto dash = seq.rfind('-');
        std::uint32_t k = dash == std::string::npos ? UINT32_MAX
                                                    : static_cast<std::uint32_t>(std::strtoul(seq.c_str() + dash + 1, nullptr, 10));
        auto it = std::find_if(c.pending.begin(), c.pending.end(), [k](auto& p) { return p.first == k; });
        if (it == c.pending.end() || seq.rfind(fmt("c%zu-", c.idx), 0) != 0) {
            ++b.acks_unexpected;
            return;
        }
        b.saved_lat.add(ms_between(it->second, now));
        c.pending.erase(it);
        --b.pending_total;
        ++b.acks;
        if (b.steady_on && now <= b.steady_end) ++b.acks_in_window;
    } else if (type == "result") {
        if (c.result_latch) {
            b.result_lat.add(ms_between(c.t_finish, now));
            c.result_ok = true;
            c.passed = j.value("passed", false);
            auto* l = c.result_latch;
            c.result_latch = nullptr;
            l->count_down();
        }
    } else if (type == "error") {
        std::string code = j.value("error", std::string("?"));
        if (++b.error_frames[b.phase + ": " + code] == 1)  // show the first of each kind
            say("    error frame (" + b.phase + "): " + std::string(m.substr(0, 300)));
        // an error answers the start or the finish we are waiting for: give up on it
        if (c.paper_latch) {
            auto* l = c.paper_latch;
            c.paper_latch = nullptr;
            l->count_down();
        }
        if (c.result_latch) {
            auto* l = c.result_latch;
            c.result_latch = nullptr;
            l->count_down();
        }
    } else if (type == "warning") {
        ++b.warnings;
    } else if (type == "terminated") {
        ++b.terminated;
    } else {
        ++b.unknown_msgs;
    }
}

awaitable<void> reader(bench& b, candidate& c) {
    beast::flat_buffer buf;
    for (;;) {
        beast::error_code ec;
        co_await c.ws->async_read(buf, net::redirect_error(use_awaitable, ec));
        if (ec) {
            if (!c.closing) count(b.disconnects, b.phase, ec.message());
            on_gone(b, c);
            co_return;
        }
        auto now = clk::now();
        std::string_view m(static_cast<const char*>(buf.data().data()), buf.size());
        on_message(b, c, m, now);
        buf.consume(buf.size());
        if (buf.capacity() > 8192) buf.shrink_to_fit();  // a paper made it big: 10k of those add up
    }
}

void connect_fail(bench& b, std::size_t i, const std::string& what) {
    ++b.connect_failed;
    if (b.connect_errors.size() < 5) b.connect_errors.push_back(fmt("candidate %zu: ", i) + what);
}

// Connects candidate i's WebSocket and starts its reader; no `start` yet.
awaitable<bool> ws_connect(bench& b, candidate& c) {
    c.ws = std::make_unique<ws_t>(b.ex());
    auto& s = beast::get_lowest_layer(*c.ws);
    beast::error_code ec;
    s.expires_after(30s);
    co_await s.async_connect(b.ep, net::redirect_error(use_awaitable, ec));
    if (ec) {
        connect_fail(b, c.idx, "connect: " + ec.message());
        c.ws.reset();
        co_return false;
    }
    s.socket().set_option(tcp::no_delay(true), ec);
    s.expires_never();
    websocket::stream_base::timeout to{};
    to.handshake_timeout = 30s;
    to.idle_timeout = websocket::stream_base::none();
    to.keep_alive_pings = false;
    c.ws->set_option(to);
    c.ws->set_option(websocket::stream_base::decorator(
        [](websocket::request_type& req) { req.set(http::field::user_agent, "tanu-exam-load"); }));
    c.ws->read_message_max(64u << 20);
    c.ws->text(true);
    websocket::response_type res;
    std::string target = fmt("/ws/exam/%lld?token=", static_cast<long long>(c.session)) + url_encode(c.token);
    co_await c.ws->async_handshake(res, b.host_hdr, target, net::redirect_error(use_awaitable, ec));
    if (ec) {
        connect_fail(b, c.idx, fmt("handshake: %s (HTTP %u %s)", ec.message().c_str(), res.result_int(),
                                   res.body().substr(0, 200).c_str()));
        c.ws.reset();
        co_return false;
    }
    c.alive = true;
    net::co_spawn(b.ex(), reader(b, c), log_exception);
    co_return true;
}

void send_start(candidate& c, latch& l) {
    c.paper_latch = &l;
    c.t_start = clk::now();
    send(c, R"({"type":"start"})");
}

// ---------------------------------------------------------------- phases 2 and 3

awaitable<void> connect_job(bench& b, pool&, http_conn&, std::size_t i) {
    candidate& c = *b.cands[i];
    if (c.ready) co_await ws_connect(b, c);
}

awaitable<void> connect_and_start_job(bench& b, pool&, http_conn&, std::size_t i) {
    candidate& c = *b.cands[i];
    if (!c.ready) co_return;
    if (!co_await ws_connect(b, c)) co_return;
    latch l(b.ex(), 1);
    send_start(c, l);
    co_await l.wait_until(clk::now() + 60s);
    c.paper_latch = nullptr;
    if (c.paper_ok && !parse_paper(c)) c.paper_ok = false;
}

std::size_t count_if_c(bench& b, std::size_t from, std::size_t to, bool (*pred)(const candidate&)) {
    std::size_t n = 0;
    for (std::size_t i = from; i < to; ++i)
        if (pred(*b.cands[i])) ++n;
    return n;
}

// ---------------------------------------------------------------- phase 4

awaitable<void> answerer(bench& b, candidate& c, clk::time_point t0, clk::duration interval,
                         clk::duration phase_offset, latch& done) {
    net::steady_timer t(b.ex());
    std::mt19937 rng(static_cast<std::uint32_t>(b.rng()));
    auto next = t0 + phase_offset;
    while (next < b.steady_end && c.alive) {
        t.expires_at(next);
        beast::error_code ec;
        co_await t.async_wait(net::redirect_error(use_awaitable, ec));
        if (!c.alive) break;
        auto& q = c.questions[rng() % c.questions.size()];
        int choice = static_cast<int>(rng() % static_cast<unsigned>(q.second));
        std::uint32_t k = c.next_seq++;
        c.pending.emplace_back(k, clk::now());
        ++b.pending_total;
        ++b.answers_sent;
        send(c, fmt(R"({"type":"answer","n":%d,"choice":[%d],"seq":"c%zu-%u"})", q.first, choice, c.idx, k));
        next += interval;
    }
    done.count_down();
}

// ---------------------------------------------------------------- the run

awaitable<void> run(bench& b, int& exit_code) {
    auto& o = b.opt;
    b.cands.reserve(o.candidates);
    for (std::size_t i = 0; i < o.candidates; ++i) {
        b.cands.push_back(std::make_unique<candidate>());
        b.cands.back()->idx = i;
    }
    exit_code = 1;
    if (!co_await phase_setup(b)) co_return;

    // ---- phase 2
    b.phase = "burst";
    const long pid = o.server_pid;
    long rss0 = pid > 0 ? proc_rss_kib(pid) : -1;
    double cpu0 = pid > 0 ? proc_cpu_s(pid) : -1;
    say(fmt("== phase 2: simultaneous start of %zu (server RSS before: %ld KiB)", o.burst, rss0));
    auto t = clk::now();
    co_await parallel_for(b, 0, o.burst, o.connect_parallel, connect_job);
    std::size_t burst_conn = count_if_c(b, 0, o.burst, [](const candidate& c) { return c.alive; });
    b.note("burst: WebSockets connected", fmt("%zu of %zu in %.2f s", burst_conn, o.burst, secs_since(t)));
    for (auto& e : b.connect_errors) say("    " + e);
    {
        latch l(b.ex(), burst_conn);
        t = clk::now();
        for (std::size_t i = 0; i < o.burst; ++i)
            if (b.cands[i]->alive) send_start(*b.cands[i], l);
        bool all = co_await l.wait_until(clk::now() + 120s);
        for (std::size_t i = 0; i < o.burst; ++i) b.cands[i]->paper_latch = nullptr;
        std::size_t got = count_if_c(b, 0, o.burst, [](const candidate& c) { return c.paper_ok; });
        b.note("burst: papers", fmt("%zu of %zu in %.2f s%s", got, burst_conn, secs_since(t),
                                    all ? "" : " (gave up after 120 s)"));
        b.note("burst: paper latency", b.paper_lat_burst.line());
        b.note("burst: errors", errors_of(b.error_frames, "burst") + "; disconnects: " + errors_of(b.disconnects, "burst"));
    }
    for (std::size_t i = 0; i < o.burst; ++i) {
        auto& c = *b.cands[i];
        if (c.paper_ok && !parse_paper(c)) {
            c.paper_ok = false;
            ++b.bad_msgs;
        }
    }

    // ---- phase 3
    b.phase = "connect";
    say(fmt("== phase 3: connect and start the other %zu", o.candidates - o.burst));
    t = clk::now();
    std::size_t cf0 = b.connect_failed;
    co_await parallel_for(b, o.burst, o.candidates, o.connect_parallel, connect_and_start_job);
    double conn_s = secs_since(t);
    std::size_t rest_papers = count_if_c(b, o.burst, o.candidates, [](const candidate& c) { return c.paper_ok; });
    b.note("connect: papers", fmt("%zu of %zu in %.2f s (%.0f/s, %zu connect failures)", rest_papers,
                                  o.candidates - o.burst, conn_s, static_cast<double>(rest_papers) / conn_s,
                                  b.connect_failed - cf0));
    for (std::size_t k = 5 - std::min<std::size_t>(5, cf0); k > 0 && cf0 < b.connect_errors.size(); --k, ++cf0)
        say("    " + b.connect_errors[cf0]);
    b.note("connect: paper latency", b.paper_lat_rest.line());
    b.note("connect: errors",
           errors_of(b.error_frames, "connect") + "; disconnects: " + errors_of(b.disconnects, "connect"));
    std::size_t with_paper = count_if_c(b, 0, o.candidates, [](const candidate& c) { return c.paper_ok && c.alive; });
    long rss1 = pid > 0 ? proc_rss_kib(pid) : -1;
    double cpu1 = pid > 0 ? proc_cpu_s(pid) : -1;
    if (pid > 0 && rss0 > 0 && rss1 > 0 && with_paper > 0) {
        b.note("server RSS", fmt("%ld KiB -> %ld KiB with %zu candidates in an exam", rss0, rss1, with_paper));
        b.note("server memory per candidate",
               fmt("%.1f KiB", static_cast<double>(rss1 - rss0) / static_cast<double>(with_paper)));
        b.note("server CPU, phases 2+3", fmt("%.2f s", cpu1 - cpu0));
    } else {
        b.note("server memory per candidate", "not measured (no --server-pid)");
    }
    b.note("client RSS", fmt("%ld KiB", proc_rss_kib(0)));

    // ---- phase 4
    b.phase = "steady";
    say(fmt("== phase 4: %zu candidates answer every %.2f s for %.0f s (target %.0f answers/s)", with_paper,
            o.interval_s, o.duration_s, static_cast<double>(with_paper) / o.interval_s));
    {
        auto interval = std::chrono::duration_cast<clk::duration>(std::chrono::duration<double>(o.interval_s));
        latch done(b.ex(), with_paper);
        auto t0 = clk::now() + 100ms;
        b.steady_end = t0 + std::chrono::duration_cast<clk::duration>(std::chrono::duration<double>(o.duration_s));
        b.steady_on = true;
        double cpu_a = pid > 0 ? proc_cpu_s(pid) : -1;
        double ccpu_a = proc_cpu_s(0);
        std::uniform_int_distribution<clk::rep> ph(0, interval.count() - 1);
        for (auto& cp : b.cands)
            if (cp->paper_ok && cp->alive)
                net::co_spawn(b.ex(), answerer(b, *cp, t0, interval, clk::duration(ph(b.rng)), done), log_exception);
        co_await done.wait_until(clk::time_point::max());
        // in-flight answers: wait for their acks, at most 15 s
        net::steady_timer poll(b.ex());
        auto grace_end = std::max(clk::now(), b.steady_end) + 15s;
        while (b.pending_total > 0 && clk::now() < grace_end) {
            poll.expires_after(20ms);
            beast::error_code ec;
            co_await poll.async_wait(net::redirect_error(use_awaitable, ec));
        }
        double cpu_b = pid > 0 ? proc_cpu_s(pid) : -1;
        double ccpu_b = proc_cpu_s(0);
        b.steady_on = false;
        b.note("steady: answers sent", fmt("%llu", static_cast<unsigned long long>(b.answers_sent)));
        b.note("steady: answers/s achieved",
               fmt("%.0f (acks within the %.0f s window / D; %llu acks in all)",
                   static_cast<double>(b.acks_in_window) / o.duration_s, o.duration_s,
                   static_cast<unsigned long long>(b.acks)));
        b.note("steady: saved latency", b.saved_lat.line());
        b.note("steady: timeouts (no saved after 15 s)", fmt("%llu", static_cast<unsigned long long>(b.pending_total)));
        b.note("steady: errors", errors_of(b.error_frames, "steady") + "; disconnects: " +
                                     errors_of(b.disconnects, "steady") +
                                     fmt("; unexpected saved: %llu", static_cast<unsigned long long>(b.acks_unexpected)));
        if (pid > 0)
            b.note("steady: server CPU", fmt("%.0f%% of one core", 100.0 * (cpu_b - cpu_a) / secs_since(t0)));
        b.note("steady: client CPU", fmt("%.0f%% of one core", 100.0 * (ccpu_b - ccpu_a) / secs_since(t0)));
        // forget the ones that never came, so that later acks are not mistaken
        for (auto& cp : b.cands) cp->pending.clear();
        b.pending_total = 0;
    }

    // ---- phase 5
    b.phase = "finish";
    std::size_t alive = count_if_c(b, 0, o.candidates, [](const candidate& c) { return c.alive && c.paper_ok; });
    say(fmt("== phase 5: %zu candidates finish", alive));
    {
        latch l(b.ex(), alive);
        t = clk::now();
        for (auto& cp : b.cands)
            if (cp->alive && cp->paper_ok) {
                cp->result_latch = &l;
                cp->t_finish = clk::now();
                send(*cp, R"({"type":"finish"})");
            }
        bool all = co_await l.wait_until(clk::now() + 120s);
        for (auto& cp : b.cands) cp->result_latch = nullptr;
        std::size_t results = count_if_c(b, 0, o.candidates, [](const candidate& c) { return c.result_ok; });
        std::size_t passed = count_if_c(b, 0, o.candidates, [](const candidate& c) { return c.passed; });
        b.note("finish: results", fmt("%zu of %zu in %.2f s (%zu passed)%s", results, alive, secs_since(t), passed,
                                      all ? "" : " (gave up after 120 s)"));
        b.note("finish: result latency", b.result_lat.line());
        b.note("finish: errors",
               errors_of(b.error_frames, "finish") + "; disconnects: " + errors_of(b.disconnects, "finish"));
        exit_code = results == o.candidates && b.setup_failed == 0 ? 0 : 1;
    }
    if (b.warnings || b.terminated)
        b.note("proctoring", fmt("%llu warnings, %llu terminated", static_cast<unsigned long long>(b.warnings),
                                 static_cast<unsigned long long>(b.terminated)));

    // ---- close, bounded
    b.phase = "close";
    {
        std::size_t open = count_if_c(b, 0, o.candidates, [](const candidate& c) { return c.alive; });
        latch l(b.ex(), open);
        for (auto& cp : b.cands)
            if (cp->alive) {
                cp->closing = true;
                cp->result_latch = &l;  // on_gone counts it down
                cp->ws->async_close(websocket::close_code::normal, [](beast::error_code) {});
            }
        co_await l.wait_until(clk::now() + 5s);
    }
}

}  // namespace

int main(int argc, char** argv) {
    bench_net::program = "exam_load";
    options opt = parse_args(argc, argv);

    // 10,000 WebSockets need 10,000 descriptors: raise the soft limit to the hard one.
    rlimit rl{};
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
        getrlimit(RLIMIT_NOFILE, &rl);
    }
    std::size_t need = opt.candidates + opt.http_conns + 64;
    say(fmt("exam_load: %zu candidates, interval %.2f s, duration %.0f s, burst %zu, server %s:%u, pid %ld",
            opt.candidates, opt.interval_s, opt.duration_s, opt.burst, opt.host.c_str(), opt.port, opt.server_pid));
    say(fmt("exam_load: open files limit %llu%s", static_cast<unsigned long long>(rl.rlim_cur),
            rl.rlim_cur < need ? " (too low for this many candidates: some connections will fail)" : ""));

    net::io_context ioc(1);
    bench b(ioc, opt);
    beast::error_code ec;
    auto addr = net::ip::make_address(opt.host, ec);
    if (ec) {
        std::fprintf(stderr, "exam_load: --host must be an IP address: %s\n", opt.host.c_str());
        return 2;
    }
    b.ep = tcp::endpoint(addr, opt.port);
    b.host_hdr = fmt("%s:%u", opt.host.c_str(), opt.port);
    b.run_id = static_cast<std::uint32_t>(b.rng() % 1000000);
    b.programme = fmt("LOAD-%06u", b.run_id);
    b.next_iin_k = b.rng() % (30ull * 12 * 28 * 10000 - 4 * opt.candidates - 1);

    int exit_code = 1;
    auto t0 = clk::now();
    net::co_spawn(ioc, run(b, exit_code), [&](std::exception_ptr e) {
        log_exception(e);
        ioc.stop();
    });
    ioc.run();

    say("");
    say("==== exam_load summary ====");
    say(fmt("  %-34s %zu candidates, K=%.2f s, D=%.0f s, M=%zu", "run", opt.candidates, opt.interval_s,
            opt.duration_s, opt.burst));
    for (auto& [k, v] : b.summary) say(fmt("  %-34s %s", k.c_str(), v.c_str()));
    say(fmt("  %-34s %.1f s wall, %.1f s CPU", "client", secs_since(t0), proc_cpu_s(0)));
    say(exit_code == 0 ? "==== ok" : "==== FAILED (see above)");
    std::fflush(stdout);
    // 10,000 sockets and coroutine frames need no orderly teardown.
    std::_Exit(exit_code);
}
