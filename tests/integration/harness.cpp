#include "tests/integration/harness.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <regex>
#include <stdexcept>

#define CATCH_CONFIG_EXTERNAL_INTERFACES
#include <catch2/catch.hpp>

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace it {

// ---------------------------------------------------------------------------
// Catch listener: remembers whether the running test case has failed, so that
// a server_process can keep its data directory and print its log.

std::atomic<bool> g_failed{false};

bool current_test_failed() { return g_failed.load(); }

}  // namespace it

struct tanu_it_failure_listener : Catch::TestEventListenerBase {
    using TestEventListenerBase::TestEventListenerBase;
    void testCaseStarting(Catch::TestCaseInfo const& info) override {
        it::g_failed = false;
        TestEventListenerBase::testCaseStarting(info);
    }
    bool assertionEnded(Catch::AssertionStats const& stats) override {
        if (!stats.assertionResult.isOk()) it::g_failed = true;
        return true;
    }
};

CATCH_REGISTER_LISTENER(tanu_it_failure_listener)

namespace it {

// ---------------------------------------------------------------------------
// Processes

std::string exit_status::describe() const {
    if (timed_out) return "still running";
    if (exited) return "exited with status " + std::to_string(code);
    if (signal) return std::string("killed by signal ") + std::to_string(signal) + " (" + strsignal(signal) + ")";
    return "unknown";
}

namespace {

exit_status decode(int st) {
    exit_status e;
    if (WIFEXITED(st)) {
        e.exited = true;
        e.code = WEXITSTATUS(st);
    } else if (WIFSIGNALED(st)) {
        e.signal = WTERMSIG(st);
    }
    return e;
}

std::vector<char*> make_argv(const std::vector<std::string>& args) {
    std::vector<char*> v;
    for (const auto& a : args) v.push_back(const_cast<char*>(a.c_str()));
    v.push_back(nullptr);
    return v;
}

// In the child, after fork: only async-signal-safe calls.
[[noreturn]] void exec_child(char* const* argv, int in_fd, int out_fd, int err_fd, pid_t parent) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(126);
    if (in_fd < 0) in_fd = open("/dev/null", O_RDONLY);
    dup2(in_fd, 0);
    dup2(out_fd, 1);
    dup2(err_fd, 2);
    // Signals ignored or blocked here stay so across exec: restore defaults.
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    signal(SIGPIPE, SIG_DFL);
    execv(argv[0], argv);
    _exit(127);
}

void write_all(int fd, const std::string& s) {
    std::size_t off = 0;
    while (off < s.size()) {
        ssize_t n = ::write(fd, s.data() + off, s.size() - off);
        if (n < 0) {
            if (errno == EINTR) continue;
            return;
        }
        off += static_cast<std::size_t>(n);
    }
}

}  // namespace

command_result run_command(const std::vector<std::string>& args, const std::string& input,
                           std::chrono::milliseconds timeout) {
    int in[2], out[2];
    if (pipe2(in, O_CLOEXEC) != 0 || pipe2(out, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
    auto argv = make_argv(args);
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) exec_child(argv.data(), in[0], out[1], out[1], parent);
    ::close(in[0]);
    ::close(out[1]);
    write_all(in[1], input);
    ::close(in[1]);

    command_result r;
    auto deadline = clock_type::now() + timeout;
    char buf[4096];
    for (;;) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock_type::now()).count();
        if (left <= 0) break;
        pollfd p{out[0], POLLIN, 0};
        int rc = ::poll(&p, 1, static_cast<int>(left));
        if (rc < 0 && errno == EINTR) continue;
        if (rc <= 0) break;
        ssize_t n = ::read(out[0], buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        r.output.append(buf, static_cast<std::size_t>(n));
    }
    ::close(out[0]);
    for (;;) {
        int st = 0;
        pid_t w = waitpid(pid, &st, WNOHANG);
        if (w == pid) {
            r.status = decode(st);
            return r;
        }
        if (clock_type::now() >= deadline) {
            ::kill(pid, SIGKILL);
            waitpid(pid, &st, 0);
            r.status.timed_out = true;
            return r;
        }
        std::this_thread::sleep_for(5ms);
    }
}

server_options fast_proctoring() {
    server_options o;
    o.config_extra = {{"proctor",
                       {{"no_face_ms", 1500},
                        {"multiple_faces_ms", 1500},
                        {"movement_ms", 3000},
                        {"noise_ms", 1500},
                        {"identity_ms", 2000},
                        {"cooldown_ms", 1000},
                        {"recording_every_ms", 1000}}}};
    return o;
}

server_process::server_process(server_options opts) : opts_(std::move(opts)) {
    char tmpl[] = "/tmp/tanu-it-XXXXXX";
    if (!mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
    root_ = tmpl;
    data_ = root_ + "/data";
    config_ = root_ + "/config.json";
    log_path_ = root_ + "/server.log";
    std::filesystem::create_directories(data_);

    json cfg = {{"auth", {{"argon2_ops", 1}, {"argon2_mem_kib", 64}}}};
    cfg.merge_patch(opts_.config_extra);
    {
        std::ofstream f(config_);
        f << cfg.dump(2) << "\n";
    }

    auto r = run_command({TANU_BIN, "user", "add", "--data", data_, "--login", admin_login, "--role", "admin",
                          "--password-stdin", "--config", config_},
                         std::string(admin_password) + "\n");
    {
        std::lock_guard<std::mutex> lk(mu_);
        log_ += "$ tanu user add ... -> " + r.status.describe() + "\n" + r.output;
    }
    if (r.status.timed_out || !r.status.exited || r.status.code != 0) {
        g_failed = true;  // keep the directory
        throw std::runtime_error("`tanu user add` failed (" + r.status.describe() + "): " + r.output);
    }
    start();
}

server_process::~server_process() {
    if (pid_ > 0 && !reaped_) {
        ::kill(pid_, SIGKILL);
        wait_exit(10s);
    }
    stop_drainer();
    bool failed = current_test_failed() || std::uncaught_exceptions() > 0;
    if (failed) {
        std::string l = log();
        const std::size_t max = 64 * 1024;
        if (l.size() > max) l = "[...]\n" + l.substr(l.size() - max);
        std::cerr << "\n===== tanu server log (" << root_ << " kept) =====\n"
                  << l << "\n===== end of server log =====\n";
    } else {
        std::error_code ec;
        std::filesystem::remove_all(root_, ec);
    }
}

std::string server_process::origin() const { return "http://127.0.0.1:" + std::to_string(port_); }

void server_process::start() {
    std::vector<std::string> args = {TANU_BIN, "serve", "--data", data_, "--listen", "127.0.0.1:0"};
    if (!opts_.tls) args.push_back("--no-tls");
    args.push_back("--config");
    args.push_back(config_);

    int out[2], err[2];
    if (pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
    auto argv = make_argv(args);
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) exec_child(argv.data(), -1, out[1], err[1], parent);
    ::close(out[1]);
    ::close(err[1]);
    pid_ = pid;
    reaped_ = false;
    out_fd_ = out[0];
    err_fd_ = err[0];
    {
        std::lock_guard<std::mutex> lk(mu_);
        listening_url_.clear();
        stdout_line_.clear();
        drained_ = false;
        std::string cmd = "$";
        for (const auto& a : args) cmd += " " + a;
        log_ += cmd + "\n";
    }
    drainer_ = std::thread([this] { drain(); });

    std::unique_lock<std::mutex> lk(mu_);
    bool ok = cv_.wait_for(lk, 20s, [this] { return !listening_url_.empty() || drained_; });
    std::string url = listening_url_;
    lk.unlock();
    if (!ok || url.empty()) {
        g_failed = true;
        ::kill(pid_, SIGKILL);
        auto st = wait_exit(10s);
        stop_drainer();
        throw std::runtime_error("tanu serve did not print `listening on URL` within 20 s (" + st.describe() +
                                 "); log:\n" + log());
    }
    static const std::regex re(R"(^(https?)://([^/]+):(\d+)/?$)");
    std::smatch m;
    if (!std::regex_match(url, m, re)) throw std::runtime_error("cannot parse the listening URL: " + url);
    url_ = url;
    port_ = std::stoi(m[3].str());
}

void server_process::drain() {
    int log_fd = ::open(log_path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    pollfd fds[2] = {{out_fd_, POLLIN, 0}, {err_fd_, POLLIN, 0}};
    int open_fds = 2;
    char buf[4096];
    while (open_fds > 0) {
        int rc = ::poll(fds, 2, 500);
        if (rc < 0 && errno == EINTR) continue;
        if (rc < 0) break;
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || fds[i].revents == 0) continue;
            ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) {
                fds[i].fd = -1;
                --open_fds;
                continue;
            }
            std::string chunk(buf, static_cast<std::size_t>(n));
            if (log_fd >= 0) write_all(log_fd, chunk);
            std::lock_guard<std::mutex> lk(mu_);
            log_ += chunk;
            if (i == 0) {
                stdout_line_ += chunk;
                std::size_t nl;
                while ((nl = stdout_line_.find('\n')) != std::string::npos) {
                    std::string line = stdout_line_.substr(0, nl);
                    stdout_line_.erase(0, nl + 1);
                    if (!line.empty() && line.back() == '\r') line.pop_back();
                    const std::string tag = "listening on ";
                    auto p = line.find(tag);
                    if (p != std::string::npos && listening_url_.empty()) {
                        listening_url_ = line.substr(p + tag.size());
                        while (!listening_url_.empty() && listening_url_.back() == ' ') listening_url_.pop_back();
                        cv_.notify_all();
                    }
                }
            }
        }
    }
    if (log_fd >= 0) ::close(log_fd);
    std::lock_guard<std::mutex> lk(mu_);
    drained_ = true;
    cv_.notify_all();
}

void server_process::stop_drainer() {
    if (drainer_.joinable()) drainer_.join();
    if (out_fd_ >= 0) ::close(out_fd_);
    if (err_fd_ >= 0) ::close(err_fd_);
    out_fd_ = err_fd_ = -1;
}

void server_process::kill(int sig) {
    if (pid_ > 0 && !reaped_) ::kill(pid_, sig);
}

exit_status server_process::wait_exit(std::chrono::milliseconds timeout) {
    if (pid_ <= 0 || reaped_) return last_exit_;
    auto deadline = clock_type::now() + timeout;
    for (;;) {
        int st = 0;
        pid_t w = waitpid(pid_, &st, WNOHANG);
        if (w == pid_) {
            reaped_ = true;
            last_exit_ = decode(st);
            std::lock_guard<std::mutex> lk(mu_);
            log_ += "[harness] server " + last_exit_.describe() + "\n";
            return last_exit_;
        }
        if (clock_type::now() >= deadline) {
            exit_status e;
            e.timed_out = true;
            return e;
        }
        std::this_thread::sleep_for(5ms);
    }
}

void server_process::restart() {
    if (pid_ > 0 && !reaped_) {
        ::kill(pid_, SIGKILL);
        wait_exit(10s);
    }
    stop_drainer();
    {
        std::lock_guard<std::mutex> lk(mu_);
        log_ += "[harness] ---- restart ----\n";
    }
    start();
}

std::string server_process::log() const {
    std::lock_guard<std::mutex> lk(mu_);
    return log_;
}

// ---------------------------------------------------------------------------
// HTTP

std::string http_response::error() const {
    if (body_json.is_object() && body_json.contains("error") && body_json["error"].is_string())
        return body_json["error"].get<std::string>();
    return {};
}

std::string describe(const http_response& r) {
    std::string b = r.body.size() > 2000 ? r.body.substr(0, 2000) + "..." : r.body;
    return "HTTP " + std::to_string(r.status) + " " + b;
}

namespace {

template <class Op>
void run_op(net::io_context& ioc, Op&& op, const char* what) {
    beast::error_code ec;
    bool done = false;
    op([&](beast::error_code e) {
        ec = e;
        done = true;
    });
    ioc.restart();
    ioc.run();
    if (!done) throw std::runtime_error(std::string(what) + ": did not complete");
    if (ec) throw std::runtime_error(std::string(what) + ": " + ec.message());
}

http_response do_request(int port, http::request<http::string_body>& req) {
    net::io_context ioc;
    beast::tcp_stream stream(ioc);
    tcp::endpoint ep(net::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port));
    stream.expires_after(30s);
    run_op(ioc, [&](auto h) { stream.async_connect(ep, h); }, "HTTP connect");
    stream.expires_after(30s);
    run_op(ioc, [&](auto h) { http::async_write(stream, req, [h](beast::error_code e, std::size_t) { h(e); }); },
           "HTTP write");
    beast::flat_buffer buf;
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    stream.expires_after(30s);
    run_op(ioc,
           [&](auto h) { http::async_read(stream, buf, parser, [h](beast::error_code e, std::size_t) { h(e); }); },
           "HTTP read");
    auto res = parser.release();
    beast::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_both, ec);

    http_response r;
    r.status = static_cast<int>(res.result_int());
    r.body = res.body();
    r.content_type = std::string(res[http::field::content_type]);
    r.body_json = json::parse(r.body, nullptr, false);
    return r;
}

http::request<http::string_body> make_request(int port, const std::string& method, const std::string& target,
                                              const std::string& token) {
    http::request<http::string_body> req;
    auto verb = http::string_to_verb(method);
    if (verb == http::verb::unknown) throw std::invalid_argument("unknown method " + method);
    req.method(verb);
    req.target(target);
    req.version(11);
    req.set(http::field::host, "127.0.0.1:" + std::to_string(port));
    req.set(http::field::user_agent, "tanu-integration-tests");
    req.keep_alive(false);
    if (!token.empty()) req.set(http::field::authorization, "Bearer " + token);
    return req;
}

}  // namespace

http_response http_call(int port, const std::string& method, const std::string& target, const json& body,
                        const std::string& token) {
    auto req = make_request(port, method, target, token);
    if (!body.is_null()) {
        req.set(http::field::content_type, "application/json");
        req.body() = body.dump();
    }
    req.prepare_payload();
    return do_request(port, req);
}

http_response http_raw(int port, const std::string& method, const std::string& target, const std::string& body,
                       const std::string& content_type, const std::string& token) {
    auto req = make_request(port, method, target, token);
    if (!content_type.empty()) req.set(http::field::content_type, content_type);
    req.body() = body;
    req.prepare_payload();
    return do_request(port, req);
}

// ---------------------------------------------------------------------------
// WebSocket

ws_client::ws_client() = default;

ws_client::~ws_client() {
    if (ws_) {
        beast::error_code ec;
        beast::get_lowest_layer(*ws_).socket().close(ec);
        ioc_.restart();
        ioc_.poll();
    }
}

template <class Pred>
bool ws_client::run_until(Pred pred, clock_type::time_point deadline) {
    while (!pred()) {
        if (clock_type::now() >= deadline) return false;
        if (ioc_.stopped()) ioc_.restart();
        std::size_t n = ioc_.run_one_until(deadline);
        if (n == 0 && ioc_.stopped() && !pred()) {
            // Nothing left that could make pred true, unless time passes.
            if (!reading_) return pred();
        }
    }
    return true;
}

int ws_client::connect(int port, const std::string& target, const std::string& bearer, const std::string& origin) {
    inbox_.clear();
    rbuf_.clear();
    read_ec_ = {};
    close_code_.reset();
    refusal_body_.clear();
    connected_ = false;
    ws_ = std::make_unique<websocket::stream<beast::tcp_stream>>(ioc_);
    auto& ts = beast::get_lowest_layer(*ws_);
    tcp::endpoint ep(net::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port));
    {
        beast::error_code cec;
        bool cdone = false;
        ts.expires_after(10s);
        ts.async_connect(ep, [&](beast::error_code e) {
            cec = e;
            cdone = true;
        });
        if (!run_until([&] { return cdone; }, clock_type::now() + 15s))
            throw std::runtime_error("WebSocket TCP connect did not complete");
        if (cec) throw std::runtime_error("WebSocket TCP connect: " + cec.message());
        ts.expires_never();
    }

    websocket::stream_base::timeout to{};
    to.handshake_timeout = 10s;
    to.idle_timeout = websocket::stream_base::none();
    to.keep_alive_pings = false;
    ws_->set_option(to);
    ws_->set_option(websocket::stream_base::decorator([bearer, origin](websocket::request_type& req) {
        req.set(http::field::user_agent, "tanu-integration-tests");
        if (!bearer.empty()) req.set(http::field::authorization, "Bearer " + bearer);
        if (!origin.empty()) req.set(http::field::origin, origin);
    }));
    ws_->read_message_max(64 * 1024 * 1024);

    websocket::response_type res;
    beast::error_code ec;
    bool done = false;
    ws_->async_handshake(res, "127.0.0.1:" + std::to_string(port), target, [&](beast::error_code e) {
        ec = e;
        done = true;
    });
    // Not ioc_.run(): the stream's handshake timer may stay queued after completion.
    if (!run_until([&] { return done; }, clock_type::now() + 15s))
        throw std::runtime_error("WebSocket handshake did not complete within 15 s");
    if (ec == websocket::error::upgrade_declined) {
        refusal_body_ = res.body();
        beast::error_code ig;
        ts.socket().close(ig);
        return static_cast<int>(res.result_int());
    }
    if (ec) throw std::runtime_error("WebSocket handshake failed: " + ec.message());
    connected_ = true;
    start_read();
    return 101;
}

void ws_client::start_read() {
    reading_ = true;
    ws_->async_read(rbuf_, [this](beast::error_code ec, std::size_t) {
        if (ec) {
            reading_ = false;
            read_ec_ = ec;
            if (ec == websocket::error::closed) close_code_ = static_cast<int>(ws_->reason().code);
            return;
        }
        inbox_.push_back({ws_->got_text(), beast::buffers_to_string(rbuf_.data())});
        rbuf_.consume(rbuf_.size());
        start_read();
    });
}

void ws_client::write(const std::string& data, bool text) {
    if (!ws_ || !connected_) throw std::runtime_error("WebSocket write on a connection that is not open");
    ws_->text(text);
    beast::error_code ec;
    bool done = false;
    ws_->async_write(net::buffer(data), [&](beast::error_code e, std::size_t) {
        ec = e;
        done = true;
    });
    if (!run_until([&] { return done; }, clock_type::now() + 30s))
        throw std::runtime_error("WebSocket write did not complete within 30 s");
    if (ec) throw std::runtime_error("WebSocket write failed: " + ec.message());
}

void ws_client::send_json(const json& j) { write(j.dump(), true); }
void ws_client::send_text_raw(const std::string& text) { write(text, true); }
void ws_client::send_binary(const std::string& bytes) { write(bytes, false); }

json ws_client::read_json(std::chrono::milliseconds timeout) {
    if (!ws_) throw std::runtime_error("read on a WebSocket that was never connected");
    auto deadline = clock_type::now() + timeout;
    run_until([&] { return !inbox_.empty() || !reading_; }, deadline);
    if (inbox_.empty()) {
        if (!reading_)
            throw std::runtime_error("WebSocket closed while waiting for a message: " + read_ec_.message() +
                                     (close_code_ ? " (close code " + std::to_string(*close_code_) + ")" : ""));
        throw std::runtime_error("no WebSocket message within " + std::to_string(timeout.count()) + " ms");
    }
    message m = std::move(inbox_.front());
    inbox_.pop_front();
    if (!m.text) throw std::runtime_error("unexpected binary message from the server");
    json j = json::parse(m.data, nullptr, false);
    if (j.is_discarded()) throw std::runtime_error("server sent a text message that is not JSON: " + m.data);
    return j;
}

std::optional<json> ws_client::poll_json(std::chrono::milliseconds timeout) {
    if (!ws_) throw std::runtime_error("read on a WebSocket that was never connected");
    run_until([&] { return !inbox_.empty() || !reading_; }, clock_type::now() + timeout);
    if (inbox_.empty()) {
        if (!reading_) throw std::runtime_error("WebSocket closed while waiting for a message: " + read_ec_.message());
        return std::nullopt;
    }
    return read_json(0ms);
}

json ws_client::read_non_time(std::chrono::milliseconds timeout, const std::string& wanted) {
    auto deadline = clock_type::now() + timeout;
    for (;;) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock_type::now());
        if (left.count() < 0) left = 0ms;
        json j = read_json(left);
        auto type = j.is_object() ? j.value("type", "") : std::string();
        if (type == "time") continue;
        // Proctoring prompts come on their own schedule, like `time`.
        if ((type == "room_scan" || type == "identity") && type != wanted) continue;
        return j;
    }
}

json ws_client::read_until_type(const std::string& type, std::chrono::milliseconds timeout) {
    json j = read_non_time(timeout, type);
    if (!j.is_object() || j.value("type", "") != type)
        throw std::runtime_error("expected a `" + type + "` message, got: " + j.dump());
    return j;
}

void ws_client::pump(std::chrono::milliseconds d) {
    if (!ws_) return;
    auto deadline = clock_type::now() + d;
    while (clock_type::now() < deadline) {
        if (ioc_.stopped()) ioc_.restart();
        if (ioc_.run_one_until(deadline) == 0 && !reading_) std::this_thread::sleep_until(deadline);
    }
}

bool ws_client::wait_closed(std::chrono::milliseconds timeout) {
    if (!ws_) return true;
    run_until([&] { return !reading_; }, clock_type::now() + timeout);
    return !reading_;
}

bool ws_client::is_open() const { return ws_ && connected_ && reading_ && ws_->is_open(); }

void ws_client::close() {
    if (!ws_ || !connected_) return;
    beast::error_code ec;
    bool done = false;
    ws_->async_close(websocket::close_code::normal, [&](beast::error_code e) {
        ec = e;
        done = true;
    });
    run_until([&] { return done && !reading_; }, clock_type::now() + 5s);
    beast::error_code ig;
    beast::get_lowest_layer(*ws_).socket().close(ig);
    ioc_.restart();
    ioc_.poll();
    connected_ = false;
}

void ws_client::drop() {
    if (!ws_) return;
    beast::error_code ig;
    beast::get_lowest_layer(*ws_).socket().shutdown(tcp::socket::shutdown_both, ig);
    beast::get_lowest_layer(*ws_).socket().close(ig);
    ioc_.restart();
    ioc_.poll();
    connected_ = false;
}

// ---------------------------------------------------------------------------
// Fixtures

std::string login_token(int port, const std::string& login, const std::string& password) {
    auto r = http_call(port, "POST", "/api/login", {{"login", login}, {"password", password}});
    INFO("login as " << login << ": " << describe(r));
    REQUIRE(r.status == 200);
    REQUIRE(r.body_json.contains("token"));
    REQUIRE(r.body_json["token"].is_string());
    return r.body_json["token"].get<std::string>();
}

std::string admin_token(int port) { return login_token(port, admin_login, admin_password); }

void set_clock(server_process& srv, const std::string& instant) {
    json cfg;
    {
        std::ifstream in(srv.config_path());
        cfg = json::parse(in);
    }
    cfg["clock_start"] = instant;
    {
        std::ofstream out(srv.config_path());
        out << cfg.dump(2) << "\n";
    }
    srv.restart();
}

json start_frame(int port, const candidate& c, std::int64_t session) {
    ws_client ws;
    REQUIRE(ws.connect(port, ws_target(session, c.token)) == 101);
    ws.send_json({{"type", "start"}});
    return ws.read_non_time();
}

void sign_protocol(int port, const std::string& member, std::int64_t session) {
    auto r = http_call(port, "POST", "/api/sessions/" + std::to_string(session) + "/protocol", json::object(), member);
    INFO("protocol of session " << session << ": " << describe(r));
    REQUIRE(r.status == 201);
}

json sit_ninety(int port, const candidate& c, const session_ref& s, int right) {
    ws_client ws;
    REQUIRE(ws.connect(port, ws_target(s.id, c.token)) == 101);
    ws.send_json({{"type", "start"}});
    json paper = ws.read_until_type("paper");
    REQUIRE(paper["questions"].size() == 90);
    for (int n = 1; n <= 90; ++n) {
        const json& q = paper_question(paper, n);
        answer_and_ack(ws, n, n <= right ? right_option(q) : wrong_option(q), "s" + std::to_string(n));
    }
    ws.send_json({{"type", "finish"}});
    json result = ws.read_until_type("result");
    ws.close();
    return result;
}

std::string staff(int port, const std::string& admin, const std::string& login, const std::string& role) {
    auto r = http_call(port, "POST", "/api/users", {{"login", login}, {"password", login + "-password"}, {"role", role}}, admin);
    INFO("POST /api/users " << login << ": " << describe(r));
    REQUIRE(r.status == 201);
    return login_token(port, login, login + "-password");
}

json make_programme(const std::string& code, int questions, int minutes, const std::string& rule, int attempts,
                    const std::vector<std::string>& langs, int pass_percent) {
    return {{"code", code},
            {"profession", "Plumber " + code},
            {"oked", "43221"},
            {"nkz", "71260001"},
            {"nqf_level", 4},
            {"languages", langs},
            {"theory",
             {{"questions", questions}, {"minutes", minutes}, {"pass_percent", pass_percent}, {"pass_rule", rule}}},
            {"attempts", attempts},
            {"practical",
             json::array({{{"id", "p1"},
                           {"text", {{"kk", "Құбырды жалғау"}, {"ru", "Соединить трубы"}}},
                           {"mandatory", true}}})}};
}

void create_programme(int port, const std::string& admin, const json& programme) {
    auto r = http_call(port, "POST", "/api/programmes", programme, admin);
    INFO("create programme " << programme.value("code", "") << ": " << describe(r));
    REQUIRE(r.status == 201);
}

json make_questions(const std::string& prefix, const std::string& lang, int count, int first) {
    json arr = json::array();
    for (int i = first; i < first + count; ++i) {
        char num[16];
        std::snprintf(num, sizeof num, "%03d", i);
        std::string id = prefix + "-" + lang + "-" + num;
        int right = i % 4;
        json options = json::array();
        int w = 1;
        for (int k = 0; k < 4; ++k) {
            if (k == right)
                options.push_back("right-" + id);
            else
                options.push_back("wrong-" + id + "-" + std::to_string(w++));
        }
        arr.push_back({{"id", id},
                       {"lang", lang},
                       {"topic", "topic-" + std::to_string(i % 5)},
                       {"text", "Question " + id + ": which option is right?"},
                       {"options", options},
                       {"correct", json::array({right})}});
    }
    return arr;
}

void import_questions(int port, const std::string& admin, const std::string& code, const json& questions) {
    auto r = http_call(port, "POST", "/api/programmes/" + code + "/questions", questions, admin);
    INFO("import into " << code << ": " << describe(r));
    REQUIRE(r.status == 200);
    REQUIRE(r.body_json.value("imported", -1) == static_cast<int>(questions.size()));
    REQUIRE(r.body_json["rejected"].empty());
}

std::optional<std::string> make_iin(const std::string& first11) {
    auto digit = [&](std::size_t i) { return first11[i] - '0'; };
    int s = 0;
    for (std::size_t i = 0; i < 11; ++i) s += digit(i) * static_cast<int>(i + 1);
    int c = s % 11;
    if (c == 10) {
        static const int w2[11] = {3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2};
        s = 0;
        for (std::size_t i = 0; i < 11; ++i) s += digit(i) * w2[i];
        c = s % 11;
        if (c == 10) return std::nullopt;
    }
    return first11 + static_cast<char>('0' + c);
}

std::pair<std::string, std::string> next_iin() {
    static int serial = 0;
    for (;;) {
        ++serial;
        char buf[16];
        std::snprintf(buf, sizeof buf, "9001153%04d", serial % 10000);
        if (auto iin = make_iin(buf)) return {*iin, "1990-01-15"};
    }
}

candidate create_candidate(int port, const std::string& admin, const std::string& login) {
    candidate c;
    auto [iin, birth] = next_iin();
    c.login = login;
    c.password = "pw-" + login + "-secret";
    c.iin = iin;
    json body = {{"iin", iin},
                 {"full_name", "Candidate " + login},
                 {"birth_date", birth},
                 {"email", login + "@example.kz"},
                 {"phone", "+77010000000"},
                 {"login", login},
                 {"password", c.password}};
    auto r = http_call(port, "POST", "/api/candidates", body, admin);
    INFO("create candidate " << login << ": " << describe(r));
    REQUIRE(r.status == 201);
    REQUIRE(r.body_json.contains("id"));
    REQUIRE(r.body_json["id"].is_number_integer());
    c.id = r.body_json["id"].get<std::int64_t>();
    c.token = login_token(port, c.login, c.password);
    return c;
}

session_ref create_session(int port, const std::string& admin, std::int64_t cand, const std::string& programme,
                           const std::string& lang) {
    auto r = http_call(port, "POST", "/api/sessions",
                       {{"candidate", cand}, {"programme", programme}, {"lang", lang}, {"mode", "online"}}, admin);
    INFO("create session for candidate " << cand << " in " << programme << ": " << describe(r));
    REQUIRE(r.status == 201);
    REQUIRE(r.body_json["id"].is_number_integer());
    REQUIRE(r.body_json["attempt"].is_number_integer());
    return {r.body_json["id"].get<std::int64_t>(), r.body_json["attempt"].get<int>()};
}

std::string ws_target(std::int64_t session, const std::string& token) {
    return "/ws/exam/" + std::to_string(session) + "?token=" + token;
}

namespace {
int find_option(const json& q, const std::string& prefix) {
    const auto& opts = q.at("options");
    for (std::size_t i = 0; i < opts.size(); ++i)
        if (opts[i].is_string() && opts[i].get<std::string>().rfind(prefix, 0) == 0) return static_cast<int>(i);
    throw std::runtime_error("question has no option starting with `" + prefix + "`: " + q.dump());
}
}  // namespace

int right_option(const json& q) { return find_option(q, "right-"); }
int wrong_option(const json& q) { return find_option(q, "wrong-"); }

const json& paper_question(const json& paper, int n) {
    for (const auto& q : paper.at("questions"))
        if (q.value("n", -1) == n) return q;
    throw std::runtime_error("paper has no question n=" + std::to_string(n));
}

std::string fixture(const std::string& name) {
    const char* dir = std::getenv("TANU_FIXTURES");
    REQUIRE(dir != nullptr);
    std::ifstream in(std::string(dir) + "/" + name, std::ios::binary);
    INFO("fixture " << name << " in " << dir);
    REQUIRE(in.good());
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::string frame_message(const std::string& jpeg) { return std::string(1, '\x01') + jpeg; }

std::vector<json> stream_media(ws_client& ws, const std::vector<std::string>& frames, std::chrono::milliseconds every,
                               std::chrono::milliseconds duration, const std::string& audio,
                               const std::string& stop_on) {
    std::vector<json> said;
    auto end = clock_type::now() + duration;
    std::size_t i = 0;
    while (clock_type::now() < end) {
        if (!frames.empty()) ws.send_binary(frame_message(frames[i++ % frames.size()]));
        if (!audio.empty()) ws.send_binary(audio);
        auto until = clock_type::now() + every;
        while (clock_type::now() < until) {
            auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - clock_type::now());
            std::optional<json> m;
            try {
                m = ws.poll_json(std::max(left, std::chrono::milliseconds(1)));
            } catch (const std::exception&) {
                return said;  // closed
            }
            if (!m) break;
            if (m->value("type", "") != "time") said.push_back(*m);
            if (!stop_on.empty() && m->value("type", "") == stop_on) return said;
        }
    }
    return said;
}

void answer_and_ack(ws_client& ws, int n, int choice, const std::string& seq) {
    ws.send_json({{"type", "answer"}, {"n", n}, {"choice", json::array({choice})}, {"seq", seq}});
    json s = ws.read_until_type("saved");
    INFO("answer n=" << n << " seq=" << seq << " -> " << s.dump());
    REQUIRE(s.value("n", -1) == n);
    REQUIRE(s.value("seq", "") == seq);
}

}  // namespace it
