// proctor_load: load benchmark of online proctoring for a running `tanu serve`
// (plain HTTP/WebSocket on loopback). Not a test: scripts/bench/proctor_load
// builds the server, makes the fixture images, starts the server and runs this
// program against it.
//
// Every client is a Boost.Beast asynchronous client on ONE io_context thread
// (C++20 coroutines), so thousands of concurrent WebSockets cost one thread here
// (which matters: on a 2-core machine the client shares the cores with the server).
//
// Phases (each figure is printed as soon as it is known, then a summary):
//   1. setup over HTTP keep-alive (~32 connections): admin login, programme
//      (few questions, 90 minutes), question bank, N candidates, each with the
//      ID photo uploaded (PUT /api/candidates/{id}/photo, the same photo for all),
//      a session and a candidate login;
//   2. every candidate connects the exam WebSocket and sends `start`;
//   3. streaming for D seconds: every candidate sends a webcam frame (binary
//      0x01 + JPEG, an honest candidate: honest_NNN.jpg cycled, each candidate
//      starting at a different one) every K seconds with a random initial phase,
//      and with --audio a chunk of 1 s of quiet 16 kHz PCM (0x02 + rate + s16le)
//      every second. `GET /api/metrics?reset=1` is read after the warm-up (W s)
//      and at the end: frames analysed/s, dropped, lag from arrival to finding,
//      analysis time per frame; server CPU (/proc/PID/stat) over the same window
//      and RSS per candidate. Warnings and terminations (none are expected for
//      an honest stream) are counted with their violation codes;
//   4. every candidate finishes and waits for its `result`.

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
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "tests/bench/bench_net.hpp"

using clk = std::chrono::steady_clock;
using json = nlohmann::json;

namespace {

using namespace bench_util;
using namespace bench_net;

// The whole machine's busy CPU seconds (all cores) and its core count, from
// /proc/stat: on a shared machine, what other processes took during the window
// tells how far the figures can be trusted.
std::pair<double, int> machine_cpu_s() {
    std::ifstream f("/proc/stat");
    std::string line;
    double busy = -1;
    int cores = 0;
    while (std::getline(f, line)) {
        if (line.rfind("cpu ", 0) == 0) {
            std::istringstream in(line.substr(4));
            double v[8] = {};
            for (double& x : v) in >> x;
            busy = v[0] + v[1] + v[2] + v[5] + v[6] + v[7];  // user nice system irq softirq steal
        } else if (line.rfind("cpu", 0) == 0) {
            ++cores;
        }
    }
    return {busy < 0 ? -1 : busy / static_cast<double>(sysconf(_SC_CLK_TCK)), cores};
}

// ---------------------------------------------------------------- options

struct options {
    std::string host = "127.0.0.1";
    unsigned short port = 0;
    std::string admin_login = "admin";
    std::string admin_password;
    std::string fixtures;
    std::size_t candidates = 2000;
    double interval_s = 2;
    double duration_s = 60;
    double warmup_s = 10;
    double ramp_s = 0;  // streams start spread over this long (0: all within the first interval)
    bool audio = false;
    bool photo = true;  // --no-photo: no ID photo, the sittings run without the identity check
    long server_pid = 0;
    std::size_t http_conns = 32;
    std::size_t connect_parallel = 256;
    int questions = 5;
    int bank = 20;
    double lag_target_ms = 2000;
};

[[noreturn]] void usage(const char* argv0, const std::string& why) {
    std::fprintf(stderr,
                 "%s\nusage: %s --port P --admin-password X --fixtures DIR [--host 127.0.0.1]\n"
                 "       [--admin-login admin] [--candidates N] [--interval K] [--duration D] [--warmup W] [--ramp R]\n"
                 "       [--audio] [--no-photo] [--server-pid PID] [--http-conns 32] [--connect-parallel 256]\n"
                 "       [--lag-target-ms 2000]\n"
                 "DIR holds honest_000.jpg ... honest_029.jpg and id_photo.jpg\n"
                 "(made by /usr/bin/python3 tests/fixtures/make_proctor_fixtures.py DIR).\n",
                 why.c_str(), argv0);
    std::exit(2);
}

options parse_args(int argc, char** argv) {
    options o;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        std::string v;
        if (a == "--help" || a == "-h") usage(argv[0], "proctor_load: proctoring load benchmark for tanu serve");
        if (a == "--audio") {
            o.audio = true;
            continue;
        }
        if (a == "--no-photo") {
            o.photo = false;
            continue;
        }
        if (auto eq = a.find('='); eq != std::string::npos) {
            v = a.substr(eq + 1);
            a = a.substr(0, eq);
        } else {
            if (i + 1 >= argc) usage(argv[0], "missing value for " + a);
            v = argv[++i];
        }
        try {
            if (a == "--host") o.host = v;
            else if (a == "--port") o.port = static_cast<unsigned short>(std::stoul(v));
            else if (a == "--admin-login") o.admin_login = v;
            else if (a == "--admin-password") o.admin_password = v;
            else if (a == "--fixtures") o.fixtures = v;
            else if (a == "--candidates") o.candidates = std::stoul(v);
            else if (a == "--interval") o.interval_s = std::stod(v);
            else if (a == "--duration") o.duration_s = std::stod(v);
            else if (a == "--warmup") o.warmup_s = std::stod(v);
            else if (a == "--ramp") o.ramp_s = std::stod(v);
            else if (a == "--audio") o.audio = v == "1" || v == "true" || v == "yes";
            else if (a == "--server-pid") o.server_pid = std::stol(v);
            else if (a == "--http-conns") o.http_conns = std::max<std::size_t>(1, std::stoul(v));
            else if (a == "--connect-parallel") o.connect_parallel = std::max<std::size_t>(1, std::stoul(v));
            else if (a == "--lag-target-ms") o.lag_target_ms = std::stod(v);
            else usage(argv[0], "unknown option " + a);
        } catch (const std::exception&) {
            usage(argv[0], "bad value for " + a + ": " + v);
        }
    }
    if (o.port == 0) usage(argv[0], "--port is required");
    if (o.admin_password.empty()) usage(argv[0], "--admin-password is required");
    if (o.fixtures.empty()) usage(argv[0], "--fixtures is required");
    if (o.interval_s <= 0) usage(argv[0], "--interval must be positive");
    if (o.duration_s <= 0) usage(argv[0], "--duration must be positive");
    if (o.warmup_s < 0 || o.warmup_s >= o.duration_s) usage(argv[0], "--warmup must be in [0, duration)");
    if (o.candidates == 0) usage(argv[0], "--candidates must be positive");
    if (o.ramp_s < 0 || o.ramp_s > o.warmup_s) usage(argv[0], "--ramp must be in [0, warmup]");
    return o;
}

// ---------------------------------------------------------------- media

// The messages every candidate sends, made once: binary 0x01 + JPEG per honest
// frame, and one audio chunk. Writers point into these (no copy per send).
struct media {
    std::vector<std::string> frames;  // 0x01 + JPEG
    std::string photo;                // id_photo.jpg as is (HTTP body)
    std::string audio;                // 0x02 + uint32 LE rate + 1 s of s16le
};

std::optional<std::string> read_file(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    if (!f) return std::nullopt;
    std::string s((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    if (!f.good() && !f.eof()) return std::nullopt;
    return s;
}

bool load_media(const options& o, media& m) {
    for (int i = 0;; ++i) {
        auto bytes = read_file(fmt("%s/honest_%03d.jpg", o.fixtures.c_str(), i));
        if (!bytes) break;
        m.frames.push_back(std::string(1, '\x01') + *bytes);
    }
    if (m.frames.empty()) {
        say("proctor_load: no " + o.fixtures + "/honest_000.jpg: make the fixtures with "
            "/usr/bin/python3 tests/fixtures/make_proctor_fixtures.py " + o.fixtures);
        return false;
    }
    auto photo = read_file(o.fixtures + "/id_photo.jpg");
    if (!photo || photo->empty()) {
        say("proctor_load: no " + o.fixtures + "/id_photo.jpg");
        return false;
    }
    m.photo = std::move(*photo);
    // 1 s of a quiet room at 16 kHz: low noise around +-24 of 32767 (about -65 dBFS RMS).
    const std::uint32_t rate = 16000;
    m.audio.assign(1, '\x02');
    for (int k = 0; k < 4; ++k) m.audio.push_back(static_cast<char>((rate >> (8 * k)) & 0xff));
    std::mt19937 g(12345);
    std::uniform_int_distribution<int> d(-24, 24);
    for (std::uint32_t k = 0; k < rate; ++k) {
        auto v = static_cast<std::uint16_t>(static_cast<std::int16_t>(d(g)));
        m.audio.push_back(static_cast<char>(v & 0xff));
        m.audio.push_back(static_cast<char>(v >> 8));
    }
    return true;
}

// ---------------------------------------------------------------- candidates

using ws_t = websocket::stream<beast::tcp_stream>;

struct out_msg {
    std::string own;                   // a text message
    const std::string* ref = nullptr;  // or a shared binary one (media)
    bool binary = false;
    bool frame = false;
};

struct candidate {
    std::size_t idx = 0;
    std::int64_t id = 0;
    std::int64_t session = 0;
    std::string token;
    bool ready = false;  // setup succeeded

    std::unique_ptr<ws_t> ws;
    bool alive = false;
    bool closing = false;
    std::deque<out_msg> outq;
    bool writing = false;

    latch* paper_latch = nullptr;
    clk::time_point t_start;
    bool paper_ok = false;

    latch* result_latch = nullptr;
    clk::time_point t_finish;
    bool result_ok = false;
    std::string result_reason;

    bool terminated = false;
    std::deque<clk::time_point> pings;  // application pings sent, waiting for their pong
};

struct bench {
    net::io_context& ioc;
    options opt;
    media med;
    tcp::endpoint ep;
    std::string host_hdr;
    std::mt19937_64 rng{std::random_device{}()};
    std::uint32_t run_id = 0;
    std::string programme;
    std::string admin_token;
    std::vector<std::unique_ptr<candidate>> cands;
    std::string phase = "setup";

    std::uint64_t next_iin_k = 0;

    // setup
    std::size_t setup_failed = 0;
    std::vector<std::string> setup_errors;
    latencies http_lat, photo_lat;

    // websockets
    std::size_t connect_failed = 0;
    std::vector<std::string> connect_errors;
    std::map<std::string, std::uint64_t> error_frames;  // "phase: code"
    std::map<std::string, std::uint64_t> disconnects;   // "phase: reason"
    std::uint64_t time_msgs = 0, unknown_msgs = 0, bad_msgs = 0, room_scan_msgs = 0;
    std::map<std::string, std::uint64_t> identity;     // state -> count
    std::map<std::string, std::uint64_t> warnings;     // violation -> count
    std::map<std::string, std::uint64_t> terminations; // reason -> count
    std::vector<std::string> warning_samples;
    latencies paper_lat, result_lat;

    // streaming
    bool streaming = false;
    clk::time_point window_a, window_b;  // the steady window (after warm-up)
    std::uint64_t frames_sent = 0, frames_in_window = 0, frames_skipped = 0;
    std::uint64_t audio_sent = 0, audio_in_window = 0, audio_skipped = 0;
    std::uint64_t bytes_sent = 0;
    bool metrics_ok = false;
    latencies pong_lat;  // ping -> pong on a streaming connection, in the window

    std::vector<std::pair<std::string, std::string>> summary;

    bench(net::io_context& io, options o) : ioc(io), opt(std::move(o)) {}
    net::any_io_executor ex() { return ioc.get_executor(); }
    void note(const std::string& key, const std::string& value) {
        summary.emplace_back(key, value);
        say(fmt("  %-36s %s", key.c_str(), value.c_str()));
    }
};

// ---------------------------------------------------------------- setup data

// A valid test IIN (bench_util::next_iin, check digit from exam/common/iin.hpp).
std::string make_iin(bench& b, std::string& birth_date) { return next_iin(b.next_iin_k, birth_date); }

std::string cand_login(const bench& b, std::size_t i) { return fmt("pl%un%zu", b.run_id, i); }
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
    // the ID photo (the server finds the face in it and keeps a reference)
    if (b.opt.photo) {
        auto r = co_await http_call(b, conn, http::verb::put, fmt("/api/candidates/%lld/photo", static_cast<long long>(c.id)),
                                    b.med.photo, b.admin_token, "image/jpeg", &b.photo_lat);
        if (r.status != 204 && r.status != 200) {
            setup_fail(b, i, "upload ID photo: " + r.describe());
            co_return;
        }
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

awaitable<bool> admin_login(bench& b, http_conn& conn) {
    json body = {{"login", b.opt.admin_login}, {"password", b.opt.admin_password}};
    auto r = co_await http_call(b, conn, http::verb::post, "/api/login", body.dump(), "");
    auto j = r.status == 200 ? parse_json(r.body) : std::nullopt;
    if (!j || !j->contains("token")) {
        say("admin login failed: " + r.describe());
        co_return false;
    }
    b.admin_token = (*j)["token"].get<std::string>();
    co_return true;
}

awaitable<bool> phase_setup(bench& b) {
    say("== phase 1: setup over HTTP keep-alive");
    auto t0 = clk::now();
    http_conn conn(b.ex());
    if (!co_await admin_login(b, conn)) co_return false;
    {
        auto r = co_await http_call(b, conn, http::verb::post, "/api/programmes", load_programme(b.programme, "Proctoring load benchmark", b.opt.questions).dump(),
                                    b.admin_token);
        if (r.status / 100 != 2) {
            say("create programme failed: " + r.describe());
            co_return false;
        }
    }
    {
        auto r = co_await http_call(b, conn, http::verb::post, "/api/programmes/" + b.programme + "/questions",
                                    load_bank(b.opt.bank).dump(), b.admin_token);
        auto j = r.status / 100 == 2 ? parse_json(r.body) : std::nullopt;
        int imported = j ? j->value("imported", -1) : -1;
        if (imported < b.opt.questions) {
            say("import questions failed: " + r.describe());
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
    b.note("setup: candidate+photo+session+login",
           fmt("%.2f s, %.0f candidates/s over %zu connections", cand_s,
               static_cast<double>(b.cands.size()) / cand_s, b.opt.http_conns));
    b.note("setup: ID photo upload latency", b.photo_lat.line());
    b.note("setup time", fmt("%.2f s", secs_since(t0)));
    co_return ready > 0;
}

// ---------------------------------------------------------------- WebSocket client

void do_write(bench& b, candidate& c);

void send_text(bench& b, candidate& c, std::string msg) {
    if (!c.alive) return;
    c.outq.push_back(out_msg{std::move(msg), nullptr, false, false});
    if (!c.writing) do_write(b, c);
}

// A media message (shared, not copied). The sender checks the queue first.
void send_media(bench& b, candidate& c, const std::string& msg, bool frame) {
    if (!c.alive) return;
    c.outq.push_back(out_msg{{}, &msg, true, frame});
    if (!c.writing) do_write(b, c);
}

void do_write(bench& b, candidate& c) {
    c.writing = true;
    auto& m = c.outq.front();
    const std::string& data = m.ref ? *m.ref : m.own;
    c.ws->binary(m.binary);
    c.ws->async_write(net::buffer(data), [&b, &c](beast::error_code ec, std::size_t n) {
        c.outq.pop_front();
        if (ec) {  // the reader sees the failure too and accounts for it
            c.outq.clear();
            c.writing = false;
            return;
        }
        b.bytes_sent += n;
        if (!c.outq.empty() && c.alive) do_write(b, c);
        else c.writing = false;
    });
}

bool in_window(const bench& b, clk::time_point t) { return t >= b.window_a && t < b.window_b; }

void release(latch*& l) {
    if (!l) return;
    auto* p = l;
    l = nullptr;
    p->count_down();
}

void on_gone(candidate& c) {
    c.alive = false;
    release(c.paper_latch);
    release(c.result_latch);
}

void on_message(bench& b, candidate& c, std::string_view m, clk::time_point now) {
    auto type = msg_type(m);
    if (type == "paper") {
        if (c.paper_latch) {
            b.paper_lat.add(ms_between(c.t_start, now));
            c.paper_ok = true;
            release(c.paper_latch);
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
    if (type == "room_scan") {
        ++b.room_scan_msgs;
    } else if (type == "identity") {
        ++b.identity[j.value("state", std::string("?"))];
    } else if (type == "warning") {
        std::string v = j.value("violation", std::string("?"));
        ++b.warnings[v];
        if (b.warning_samples.size() < 5)
            b.warning_samples.push_back(fmt("candidate %zu (session %lld, %s): ", c.idx,
                                            static_cast<long long>(c.session), b.phase.c_str()) +
                                        std::string(m.substr(0, 300)));
    } else if (type == "terminated") {
        ++b.terminations[j.value("reason", std::string("?"))];
        c.terminated = true;
        if (b.warning_samples.size() < 8)
            b.warning_samples.push_back(fmt("candidate %zu (session %lld, %s): ", c.idx,
                                            static_cast<long long>(c.session), b.phase.c_str()) +
                                        std::string(m.substr(0, 300)));
    } else if (type == "result") {
        c.result_reason = j.value("reason", std::string("?"));
        if (c.result_latch) {
            b.result_lat.add(ms_between(c.t_finish, now));
            c.result_ok = true;
            release(c.result_latch);
        }
    } else if (type == "error") {
        std::string code = j.value("error", std::string("?"));
        if (++b.error_frames[b.phase + ": " + code] == 1)  // show the first of each kind
            say("    error frame (" + b.phase + "): " + std::string(m.substr(0, 300)));
        // an error answers the start or the finish we are waiting for: give up on it
        release(c.paper_latch);
        release(c.result_latch);
    } else if (type == "pong") {
        if (!c.pings.empty()) {
            if (in_window(b, c.pings.front())) b.pong_lat.add(ms_between(c.pings.front(), now));
            c.pings.pop_front();
        }
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
            on_gone(c);
            co_return;
        }
        auto now = clk::now();
        std::string_view m(static_cast<const char*>(buf.data().data()), buf.size());
        on_message(b, c, m, now);
        buf.consume(buf.size());
        if (buf.capacity() > 8192) buf.shrink_to_fit();
    }
}

void connect_fail(bench& b, std::size_t i, const std::string& what) {
    ++b.connect_failed;
    if (b.connect_errors.size() < 5) b.connect_errors.push_back(fmt("candidate %zu: ", i) + what);
}

// Connects candidate i's WebSocket and starts its reader.
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
        [](websocket::request_type& req) { req.set(http::field::user_agent, "tanu-proctor-load"); }));
    c.ws->read_message_max(64u << 20);
    // Frames go out as single WebSocket frames (the server reads them whole anyway).
    c.ws->auto_fragment(false);
    c.ws->write_buffer_bytes(64 * 1024);
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

awaitable<void> connect_and_start_job(bench& b, pool&, http_conn&, std::size_t i) {
    candidate& c = *b.cands[i];
    if (!c.ready) co_return;
    if (!co_await ws_connect(b, c)) co_return;
    latch l(b.ex(), 1);
    c.paper_latch = &l;
    c.t_start = clk::now();
    send_text(b, c, R"({"type":"start"})");
    co_await l.wait_until(clk::now() + 60s);
    c.paper_latch = nullptr;
}

std::size_t count_if_c(bench& b, bool (*pred)(const candidate&)) {
    std::size_t n = 0;
    for (auto& c : b.cands)
        if (pred(*c)) ++n;
    return n;
}

std::string counts_of(const std::map<std::string, std::uint64_t>& m) {
    std::string out;
    for (auto& [k, v] : m)
        out += fmt("%s%s x%llu", out.empty() ? "" : ", ", k.c_str(), static_cast<unsigned long long>(v));
    return out.empty() ? "none" : out;
}

// ---------------------------------------------------------------- phase 3: streaming

// One candidate's camera: a frame every `interval` from t0 + phase, until end.
// A frame whose predecessor is still queued here is skipped (counted): the
// client, not the server, was the bottleneck then.
awaitable<void> camera(bench& b, candidate& c, clk::time_point t0, clk::time_point end, clk::duration interval,
                       clk::duration phase, latch& done) {
    net::steady_timer t(b.ex());
    std::size_t k = c.idx % b.med.frames.size();  // each candidate starts at a different frame
    for (auto next = t0 + phase; next < end && c.alive && !c.terminated; next += interval) {
        t.expires_at(next);
        beast::error_code ec;
        co_await t.async_wait(net::redirect_error(use_awaitable, ec));
        if (!c.alive || c.terminated) break;
        bool queued = std::any_of(c.outq.begin(), c.outq.end(), [](const out_msg& m) { return m.frame; });
        if (queued) {
            ++b.frames_skipped;
            continue;
        }
        send_media(b, c, b.med.frames[k], true);
        k = (k + 1) % b.med.frames.size();
        ++b.frames_sent;
        if (in_window(b, clk::now())) ++b.frames_in_window;
    }
    done.count_down();
}

awaitable<void> microphone(bench& b, candidate& c, clk::time_point t0, clk::time_point end, clk::duration phase,
                           latch& done) {
    net::steady_timer t(b.ex());
    for (auto next = t0 + phase; next < end && c.alive && !c.terminated; next += 1s) {
        t.expires_at(next);
        beast::error_code ec;
        co_await t.async_wait(net::redirect_error(use_awaitable, ec));
        if (!c.alive || c.terminated) break;
        bool queued = std::any_of(c.outq.begin(), c.outq.end(), [](const out_msg& m) { return m.binary && !m.frame; });
        if (queued) {
            ++b.audio_skipped;
            continue;
        }
        send_media(b, c, b.med.audio, false);
        ++b.audio_sent;
        if (in_window(b, clk::now())) ++b.audio_in_window;
    }
    done.count_down();
}

// The I/O side of the lag, which the server's figure (from a frame's arrival)
// cannot see: an application ping on a streaming connection is answered only
// after the frames sent before it on that connection have been read. Every
// 250 ms on one candidate after another.
awaitable<void> pinger(bench& b, clk::time_point t0, clk::time_point end) {
    net::steady_timer t(b.ex());
    std::size_t i = 0;
    for (auto next = t0; next < end; next += 250ms) {
        t.expires_at(next);
        beast::error_code ec;
        co_await t.async_wait(net::redirect_error(use_awaitable, ec));
        for (std::size_t tries = 0; tries < b.cands.size(); ++tries) {
            i = (i + 7919) % b.cands.size();
            auto& c = *b.cands[i];
            if (c.alive && c.paper_ok && !c.terminated && c.pings.size() < 4) {
                c.pings.push_back(clk::now());
                send_text(b, c, R"({"type":"ping"})");
                break;
            }
        }
    }
}

struct metrics_snap {
    bool ok = false;
    json m;                 // the "proctoring" object
    clk::time_point at;     // when the answer came
    double server_cpu_s = -1;
    double client_cpu_s = -1;
    long server_rss_kib = -1;
    double machine_cpu_s = -1;
    int cores = 0;
};

awaitable<metrics_snap> read_metrics(bench& b, http_conn& conn, bool reset) {
    metrics_snap s;
    auto r = co_await http_call(b, conn, http::verb::get, reset ? "/api/metrics?reset=1" : "/api/metrics", "",
                                b.admin_token);
    s.at = clk::now();
    s.server_cpu_s = b.opt.server_pid > 0 ? proc_cpu_s(b.opt.server_pid) : -1;
    s.client_cpu_s = proc_cpu_s(0);
    s.server_rss_kib = b.opt.server_pid > 0 ? proc_rss_kib(b.opt.server_pid) : -1;
    std::tie(s.machine_cpu_s, s.cores) = machine_cpu_s();
    auto j = r.status == 200 ? parse_json(r.body) : std::nullopt;
    if (j && j->contains("proctoring") && (*j)["proctoring"].is_object()) {
        s.m = (*j)["proctoring"];
        s.ok = true;
    } else {
        say("    GET /api/metrics failed: " + r.describe());
    }
    co_return s;
}

double num(const json& m, const char* key) {
    if (!m.contains(key) || !m[key].is_number()) return -1;
    return m[key].get<double>();
}

std::string metrics_line(const json& m, double secs) {
    return fmt("%.0f frames analysed (%.1f/s), %.0f dropped, %.0f queued, lag p50 %.0f ms p99 %.0f ms max %.0f ms, "
               "%.1f ms analysis per frame, %.0f streams",
               num(m, "frames_analysed"), secs > 0 ? num(m, "frames_analysed") / secs : 0, num(m, "frames_dropped"),
               num(m, "queued"), num(m, "lag_p50_ms"), num(m, "lag_p99_ms"), num(m, "lag_max_ms"),
               num(m, "cpu_ms_per_frame"), num(m, "streams"));
}

// ---------------------------------------------------------------- the run

awaitable<void> sleep_until(bench& b, clk::time_point t) {
    net::steady_timer tm(b.ex());
    tm.expires_at(t);
    beast::error_code ec;
    co_await tm.async_wait(net::redirect_error(use_awaitable, ec));
}

awaitable<void> run(bench& b, int& exit_code) {
    auto& o = b.opt;
    b.cands.reserve(o.candidates);
    for (std::size_t i = 0; i < o.candidates; ++i) {
        b.cands.push_back(std::make_unique<candidate>());
        b.cands.back()->idx = i;
    }
    exit_code = 1;
    if (!co_await phase_setup(b)) co_return;
    const long pid = o.server_pid;

    // ---- phase 2
    b.phase = "connect";
    long rss0 = pid > 0 ? proc_rss_kib(pid) : -1;
    say(fmt("== phase 2: %zu candidates connect and start (server RSS before: %ld KiB)",
            o.candidates - b.setup_failed, rss0));
    auto t = clk::now();
    co_await parallel_for(b, 0, o.candidates, o.connect_parallel, connect_and_start_job);
    double conn_s = secs_since(t);
    std::size_t with_paper = count_if_c(b, [](const candidate& c) { return c.paper_ok && c.alive; });
    b.note("connect: papers", fmt("%zu of %zu in %.2f s (%zu connect failures)", with_paper,
                                  o.candidates - b.setup_failed, conn_s, b.connect_failed));
    for (auto& e : b.connect_errors) say("    " + e);
    b.note("connect: paper latency", b.paper_lat.line());
    b.note("connect: errors", errors_of(b.error_frames, "connect") + "; disconnects: " + errors_of(b.disconnects, "connect"));
    if (with_paper == 0) co_return;

    // ---- phase 3
    b.phase = "stream";
    http_conn mconn(b.ex());
    if (!co_await admin_login(b, mconn)) co_return;  // a fresh token, its own connection
    say(fmt("== phase 3: %zu candidates send a frame every %.2f s%s for %.0f s (offered %.0f frames/s); "
            "%s metrics reset after %.0f s of warm-up",
            with_paper, o.interval_s, o.audio ? " and 1 s of audio every second" : "", o.duration_s,
            static_cast<double>(with_paper) / o.interval_s,
            o.ramp_s > 0 ? fmt("streams start over %.0f s;", o.ramp_s).c_str() : "", o.warmup_s));
    metrics_snap m_start = co_await read_metrics(b, mconn, true);  // forget setup-time figures
    std::size_t started = with_paper;
    std::uint64_t warn0 = 0;
    {
        auto interval = std::chrono::duration_cast<clk::duration>(std::chrono::duration<double>(o.interval_s));
        auto t0 = clk::now() + 100ms;
        auto end = t0 + std::chrono::duration_cast<clk::duration>(std::chrono::duration<double>(o.duration_s));
        b.window_a = t0 + std::chrono::duration_cast<clk::duration>(std::chrono::duration<double>(o.warmup_s));
        b.window_b = end;
        b.streaming = true;
        latch done(b.ex(), with_paper * (o.audio ? 2 : 1));
        std::uniform_int_distribution<clk::rep> ph(0, interval.count() - 1);
        std::uniform_int_distribution<clk::rep> ph1(0, std::chrono::duration_cast<clk::duration>(1s).count() - 1);
        auto ramp = std::chrono::duration_cast<clk::duration>(std::chrono::duration<double>(o.ramp_s));
        std::uniform_int_distribution<clk::rep> rp(0, std::max<clk::rep>(0, ramp.count() - 1));
        for (auto& cp : b.cands)
            if (cp->paper_ok && cp->alive) {
                auto t_own = t0 + clk::duration(ramp.count() > 0 ? rp(b.rng) : 0);  // this candidate's first frame
                net::co_spawn(b.ex(), camera(b, *cp, t_own, end, interval, clk::duration(ph(b.rng)), done), log_exception);
                if (o.audio)
                    net::co_spawn(b.ex(), microphone(b, *cp, t_own, end, clk::duration(ph1(b.rng)), done), log_exception);
            }

        net::co_spawn(b.ex(), pinger(b, t0, end), log_exception);

        // warm-up, then the first reading (and reset)
        co_await sleep_until(b, b.window_a);
        metrics_snap ma = co_await read_metrics(b, mconn, true);
        if (ma.ok)
            b.note("warm-up: server metrics",
                   metrics_line(ma.m, std::chrono::duration<double>(ma.at - m_start.at).count()));
        for (auto& [k, v] : b.warnings) warn0 += v;
        // the end of the window, the second reading
        co_await sleep_until(b, end);
        metrics_snap mb = co_await read_metrics(b, mconn, true);
        b.streaming = false;
        double win = std::chrono::duration<double>(mb.at - ma.at).count();
        double sent_win = std::chrono::duration<double>(b.window_b - b.window_a).count();
        std::size_t still = count_if_c(b, [](const candidate& c) { return c.paper_ok && c.alive && !c.terminated; });

        b.note("stream: frames sent", fmt("%llu in all, %llu in the %.0f s window: %.1f/s (offered %.1f/s); "
                                          "%llu skipped (the client's queue was busy)",
                                          static_cast<unsigned long long>(b.frames_sent),
                                          static_cast<unsigned long long>(b.frames_in_window), sent_win,
                                          static_cast<double>(b.frames_in_window) / sent_win,
                                          static_cast<double>(with_paper) / o.interval_s,
                                          static_cast<unsigned long long>(b.frames_skipped)));
        if (o.audio)
            b.note("stream: audio chunks sent",
                   fmt("%llu in all, %.1f/s in the window, %llu skipped", static_cast<unsigned long long>(b.audio_sent),
                       static_cast<double>(b.audio_in_window) / sent_win, static_cast<unsigned long long>(b.audio_skipped)));
        b.note("stream: ping->pong on a streaming WS", b.pong_lat.line());
        b.note("stream: bytes sent", fmt("%.1f MiB (%.1f MiB/s)", static_cast<double>(b.bytes_sent) / 1048576.0,
                                         static_cast<double>(b.bytes_sent) / 1048576.0 / o.duration_s));
        b.metrics_ok = m_start.ok && ma.ok && mb.ok;
        if (ma.ok && mb.ok) {
            double analysed = num(mb.m, "frames_analysed");
            b.note("steady: window", fmt("%.1f s (between the two metrics readings)", win));
            b.note("steady: frames analysed/s", fmt("%.1f (%.0f frames; offered %.1f/s)", analysed / win, analysed,
                                                    static_cast<double>(with_paper) / o.interval_s));
            b.note("steady: frames dropped", fmt("%.0f (server count; includes audio chunks)", num(mb.m, "frames_dropped")));
            b.note("steady: queued at the end", fmt("%.0f", num(mb.m, "queued")));
            b.note("steady: lag arrival->finding",
                   fmt("p50 %.0f ms, p99 %.0f ms, max %.0f ms", num(mb.m, "lag_p50_ms"), num(mb.m, "lag_p99_ms"),
                       num(mb.m, "lag_max_ms")));
            b.note("steady: analysis time per frame", fmt("%.1f ms (server's cpu_ms_per_frame)", num(mb.m, "cpu_ms_per_frame")));
            if (mb.m.contains("streams")) b.note("steady: streams", fmt("%.0f", num(mb.m, "streams")));
            if (pid > 0 && ma.server_cpu_s >= 0 && mb.server_cpu_s >= 0) {
                double cpu = mb.server_cpu_s - ma.server_cpu_s;
                b.note("steady: server CPU", fmt("%.0f%% of one core (%.1f s in %.1f s; %.1f ms per analysed frame, "
                                                 "all threads)",
                                                 100.0 * cpu / win, cpu, win, analysed > 0 ? 1000.0 * cpu / analysed : 0));
            }
            double ccpu = mb.client_cpu_s - ma.client_cpu_s;
            b.note("steady: client CPU", fmt("%.0f%% of one core", 100.0 * ccpu / win));
            if (ma.machine_cpu_s >= 0 && mb.machine_cpu_s >= 0 && pid > 0) {
                double all = mb.machine_cpu_s - ma.machine_cpu_s;
                double other = all - (mb.server_cpu_s - ma.server_cpu_s) - ccpu;
                b.note("steady: machine CPU", fmt("%.0f%% of %d cores busy; other processes took %.0f%% of one core%s",
                                                  100.0 * all / (win * mb.cores), mb.cores,
                                                  100.0 * std::max(0.0, other) / win,
                                                  other / win > 0.25 ? " (the machine was shared: figures are low)" : ""));
            }
            if (pid > 0 && rss0 > 0 && mb.server_rss_kib > 0)
                b.note("server RSS", fmt("%ld KiB before the WebSockets -> %ld KiB streaming: %.1f KiB per candidate",
                                         rss0, mb.server_rss_kib,
                                         static_cast<double>(mb.server_rss_kib - rss0) / static_cast<double>(with_paper)));
            bool met = num(mb.m, "lag_p99_ms") >= 0 && num(mb.m, "lag_p99_ms") <= o.lag_target_ms &&
                       num(mb.m, "frames_dropped") == 0 && analysed / win >= 0.95 * static_cast<double>(with_paper) / o.interval_s;
            b.note("target", fmt("%s: lag p99 <= %.0f ms, no drops, >= 95%% of offered frames analysed (N=%zu, K=%.1f s)",
                                 met ? "met" : "NOT met", o.lag_target_ms, with_paper, o.interval_s));
        } else {
            b.note("steady", "no server metrics (GET /api/metrics failed)");
        }
        b.note("stream: errors", errors_of(b.error_frames, "stream") + "; disconnects: " + errors_of(b.disconnects, "stream"));
        b.note("stream: candidates still in the exam", fmt("%zu of %zu", still, started));
        co_await done.wait_until(clk::now() + 10s);  // the senders notice the end
    }
    std::uint64_t nwarn = 0, nterm = 0;
    for (auto& [k, v] : b.warnings) nwarn += v;
    for (auto& [k, v] : b.terminations) nterm += v;
    b.note("proctoring: identity messages", counts_of(b.identity) + fmt(" (of %zu candidates)", with_paper));
    b.note("proctoring: room_scan requests", fmt("%llu", static_cast<unsigned long long>(b.room_scan_msgs)));
    b.note("proctoring: warnings", fmt("%llu (%llu during warm-up): %s", static_cast<unsigned long long>(nwarn),
                                       static_cast<unsigned long long>(warn0), counts_of(b.warnings).c_str()));
    b.note("proctoring: terminated", fmt("%llu: %s", static_cast<unsigned long long>(nterm), counts_of(b.terminations).c_str()));
    for (auto& s : b.warning_samples) say("    " + s);

    // ---- phase 4
    b.phase = "finish";
    std::size_t alive = count_if_c(b, [](const candidate& c) { return c.alive && c.paper_ok && !c.terminated; });
    say(fmt("== phase 4: %zu candidates finish", alive));
    {
        latch l(b.ex(), alive);
        t = clk::now();
        for (auto& cp : b.cands)
            if (cp->alive && cp->paper_ok && !cp->terminated) {
                cp->result_latch = &l;
                cp->t_finish = clk::now();
                send_text(b, *cp, R"({"type":"finish"})");
            }
        bool all = co_await l.wait_until(clk::now() + 120s);
        for (auto& cp : b.cands) cp->result_latch = nullptr;
        std::size_t results = count_if_c(b, [](const candidate& c) { return c.result_ok; });
        b.note("finish: results", fmt("%zu of %zu in %.2f s%s", results, alive, secs_since(t),
                                      all ? "" : " (gave up after 120 s)"));
        b.note("finish: result latency", b.result_lat.line());
        b.note("finish: errors", errors_of(b.error_frames, "finish") + "; disconnects: " + errors_of(b.disconnects, "finish"));
        // Failed: anything that is not the benchmark's own figures (setup, connections,
        // results, a warning on an honest stream, no server metrics). A missed target
        // is reported, not failed.
        exit_code = b.setup_failed == 0 && b.connect_failed == 0 && with_paper == o.candidates &&
                            results == alive && alive == with_paper && nwarn == 0 && nterm == 0 &&
                            b.disconnects.empty() && b.metrics_ok
                        ? 0
                        : 1;
    }

    // ---- close, bounded
    b.phase = "close";
    {
        std::size_t open = count_if_c(b, [](const candidate& c) { return c.alive; });
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
    bench_net::program = "proctor_load";
    options opt = parse_args(argc, argv);

    // Thousands of WebSockets need as many descriptors: raise the soft limit to the hard one.
    rlimit rl{};
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
        getrlimit(RLIMIT_NOFILE, &rl);
    }
    std::size_t need = opt.candidates + opt.http_conns + 64;
    say(fmt("proctor_load: %zu candidates, a frame every %.2f s%s, duration %.0f s (warm-up %.0f s), server %s:%u, pid %ld",
            opt.candidates, opt.interval_s, opt.audio ? " + audio every 1 s" : "", opt.duration_s, opt.warmup_s,
            opt.host.c_str(), opt.port, opt.server_pid));
    say(fmt("proctor_load: open files limit %llu%s", static_cast<unsigned long long>(rl.rlim_cur),
            rl.rlim_cur < need ? " (too low for this many candidates: some connections will fail)" : ""));

    net::io_context ioc(1);
    bench b(ioc, opt);
    if (!load_media(b.opt, b.med)) return 2;
    std::size_t frame_bytes = 0;
    for (auto& f : b.med.frames) frame_bytes += f.size() - 1;
    say(fmt("proctor_load: %zu honest frames from %s (%.1f KiB on average), ID photo %.1f KiB", b.med.frames.size(),
            opt.fixtures.c_str(), static_cast<double>(frame_bytes) / 1024.0 / static_cast<double>(b.med.frames.size()),
            static_cast<double>(b.med.photo.size()) / 1024.0));
    beast::error_code ec;
    auto addr = net::ip::make_address(opt.host, ec);
    if (ec) {
        std::fprintf(stderr, "proctor_load: --host must be an IP address: %s\n", opt.host.c_str());
        return 2;
    }
    b.ep = tcp::endpoint(addr, opt.port);
    b.host_hdr = fmt("%s:%u", opt.host.c_str(), opt.port);
    b.run_id = static_cast<std::uint32_t>(b.rng() % 1000000);
    b.programme = fmt("PLOAD-%06u", b.run_id);
    b.next_iin_k = b.rng() % (30ull * 12 * 28 * 10000 - 4 * opt.candidates - 1);

    int exit_code = 1;
    auto t0 = clk::now();
    net::co_spawn(ioc, run(b, exit_code), [&](std::exception_ptr e) {
        log_exception(e);
        ioc.stop();
    });
    ioc.run();

    say("");
    say("==== proctor_load summary ====");
    say(fmt("  %-36s %zu candidates, K=%.2f s, D=%.0f s, warm-up %.0f s%s%s%s", "run", opt.candidates, opt.interval_s,
            opt.duration_s, opt.warmup_s, opt.ramp_s > 0 ? fmt(", ramp %.0f s", opt.ramp_s).c_str() : "",
            opt.audio ? ", audio" : "", opt.photo ? "" : ", no ID photos"));
    for (auto& [k, v] : b.summary) say(fmt("  %-36s %s", k.c_str(), v.c_str()));
    say(fmt("  %-36s %.1f s wall, %.1f s CPU", "client", secs_since(t0), proc_cpu_s(0)));
    say(exit_code == 0 ? "==== ok" : "==== FAILED (see above)");
    std::fflush(stdout);
    // Thousands of sockets and coroutine frames need no orderly teardown.
    std::_Exit(exit_code);
}
