#pragma once
// Integration harness: runs the real `tanu` binary as a child process on
// loopback, with a fresh data directory, and talks to it with real Beast
// clients (HTTP and WebSocket). Nothing here links against the server's code.

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <nlohmann/json.hpp>

#ifndef TANU_BIN
#error "TANU_BIN must name the tanu executable"
#endif

namespace it {

using json = nlohmann::json;
using namespace std::chrono_literals;
using clock_type = std::chrono::steady_clock;

inline constexpr const char* admin_login = "admin";
inline constexpr const char* admin_password = "admin-password-1";

// ---------------------------------------------------------------------------
// Child processes

struct exit_status {
    bool timed_out = false;  // still running when the wait ended
    bool exited = false;     // WIFEXITED
    int code = -1;           // WEXITSTATUS when exited
    int signal = 0;          // WTERMSIG when killed by a signal
    std::string describe() const;
};

struct command_result {
    exit_status status;
    std::string output;  // stdout and stderr together
};

// Runs a command to completion with `input` on its standard input.
command_result run_command(const std::vector<std::string>& argv, const std::string& input,
                           std::chrono::milliseconds timeout = 30s);

// Set by the Catch listener when an assertion of the running test case fails.
bool current_test_failed();

struct server_options {
    json config_extra = json::object();  // merged (deeply) into the config file
    bool tls = false;                    // serve without --no-tls
};

// Proctoring with short windows, so that a test runs in seconds; the rules are
// the same. A frame is recorded every second.
server_options fast_proctoring();

class server_process {
public:
    explicit server_process(server_options opts = {});
    ~server_process();
    server_process(const server_process&) = delete;
    server_process& operator=(const server_process&) = delete;

    int port() const { return port_; }
    const std::string& url() const { return url_; }         // from the `listening on` line
    std::string origin() const;                               // http://127.0.0.1:PORT
    const std::string& root_dir() const { return root_; }     // the temp dir
    const std::string& data_dir() const { return data_; }     // --data
    const std::string& config_path() const { return config_; }
    pid_t pid() const { return pid_; }

    void kill(int sig);
    // Waits for the process to end; `timed_out` when it has not by then.
    exit_status wait_exit(std::chrono::milliseconds timeout = 20s);
    // Kills (SIGKILL) the process if it still runs, then starts it again on the
    // same data directory (a new port).
    void restart();
    std::string log() const;

private:
    void start();
    void drain();
    void stop_drainer();

    server_options opts_;
    std::string root_, data_, config_, log_path_;
    pid_t pid_ = -1;
    bool reaped_ = true;
    exit_status last_exit_;
    int port_ = 0;
    std::string url_;
    int out_fd_ = -1, err_fd_ = -1;
    std::thread drainer_;
    mutable std::mutex mu_;
    std::condition_variable cv_;
    std::string log_;
    std::string stdout_line_;
    std::string listening_url_;
    bool drained_ = false;
};

// ---------------------------------------------------------------------------
// HTTP

struct http_response {
    int status = 0;
    std::string body;
    std::string content_type;
    json body_json;  // discarded when the body is not JSON
    // The `error` member of a JSON error body, or "".
    std::string error() const;
};

// A request with a JSON body (null: no body) or with a raw body and its type.
http_response http_call(int port, const std::string& method, const std::string& target,
                        const json& body = nullptr, const std::string& token = {});
http_response http_raw(int port, const std::string& method, const std::string& target, const std::string& body,
                       const std::string& content_type, const std::string& token = {});

std::string describe(const http_response& r);

// ---------------------------------------------------------------------------
// WebSocket

class ws_client {
public:
    ws_client();
    ~ws_client();
    ws_client(const ws_client&) = delete;
    ws_client& operator=(const ws_client&) = delete;

    // Opens a TCP connection and asks for the upgrade. Returns 101 when the
    // server upgraded, else the HTTP status of its refusal (the body is then in
    // refusal_body()). Throws on network errors.
    int connect(int port, const std::string& target, const std::string& bearer = {},
                const std::string& origin = {});
    const std::string& refusal_body() const { return refusal_body_; }

    void send_json(const json& j);
    void send_text_raw(const std::string& text);
    void send_binary(const std::string& bytes);

    // The next text message, parsed. Throws on timeout, on a closed
    // connection, or when the message is not JSON.
    json read_json(std::chrono::milliseconds timeout = 10s);
    // The next text message within `timeout`, or nullopt (no throw on timeout;
    // throws when the connection closed with nothing left to read).
    std::optional<json> poll_json(std::chrono::milliseconds timeout);
    // The next message that is not of type `time`.
    // Proctoring prompts (`room_scan`, `identity`) are skipped too, unless
    // `wanted` names them.
    json read_non_time(std::chrono::milliseconds timeout = 10s, const std::string& wanted = {});
    // The next message that is not `time`; throws unless it is of `type`.
    json read_until_type(const std::string& type, std::chrono::milliseconds timeout = 10s);

    // Runs the connection's I/O (answers pings, queues messages) for `d`.
    void pump(std::chrono::milliseconds d);
    // Runs I/O until the server closes the connection or the timeout passes.
    // True when closed.
    bool wait_closed(std::chrono::milliseconds timeout);

    bool is_open() const;
    // After the server closed with a close frame: its code.
    std::optional<int> close_code() const { return close_code_; }
    std::string read_error() const { return read_ec_ ? read_ec_.message() : std::string(); }

    void close();  // a polite close handshake (best effort, bounded)
    void drop();   // an abrupt TCP close, no close frame

private:
    struct message {
        bool text = true;
        std::string data;
    };
    void start_read();
    template <class Pred>
    bool run_until(Pred pred, clock_type::time_point deadline);
    void write(const std::string& data, bool text);

    boost::asio::io_context ioc_;
    std::unique_ptr<boost::beast::websocket::stream<boost::beast::tcp_stream>> ws_;
    boost::beast::flat_buffer rbuf_;
    std::deque<message> inbox_;
    boost::beast::error_code read_ec_;
    bool reading_ = false;
    bool connected_ = false;
    std::optional<int> close_code_;
    std::string refusal_body_;
};

// ---------------------------------------------------------------------------
// Fixtures

std::string login_token(int port, const std::string& login, const std::string& password);
// A staff account made by the admin (password "<login>-password"), signed in: its token.
std::string staff(int port, const std::string& admin, const std::string& login, const std::string& role);
std::string admin_token(int port);
// The commission's protocol of an ended sitting, signed by `member` (a programme no
// commission body serves: the short path, a quorum of one); REQUIREs 201. X1: a
// retake is scheduled only after the decision.
void sign_protocol(int port, const std::string& member, std::int64_t session);

// A programme as the contract writes it.
json make_programme(const std::string& code, int questions, int minutes, const std::string& rule,
                    int attempts, const std::vector<std::string>& langs = {"kk", "ru"}, int pass_percent = 70);
void create_programme(int port, const std::string& admin, const json& programme);

// `count` questions with ids PREFIX-LANG-NNN; the option texts tell the test
// the answer: "right-ID" is correct, "wrong-ID-K" are not; the correct option's
// position in the import varies.
json make_questions(const std::string& prefix, const std::string& lang, int count, int first = 1);
void import_questions(int port, const std::string& admin, const std::string& code, const json& questions);

// IIN with the check digit computed (weights 1..11 mod 11; on 10, weights
// 3..11,1,2); nullopt when the second pass also gives 10.
std::optional<std::string> make_iin(const std::string& first11);
// A fresh valid IIN for a person born on 1990-01-15 (century digit 3) and its
// birth date; a different serial each call.
std::pair<std::string, std::string> next_iin();

struct candidate {
    std::int64_t id = 0;
    std::string login, password, iin, token;
};
candidate create_candidate(int port, const std::string& admin, const std::string& login);

struct session_ref {
    std::int64_t id = 0;
    int attempt = 0;
};
session_ref create_session(int port, const std::string& admin, std::int64_t candidate, const std::string& programme,
                           const std::string& lang = "ru");

// A whole 90-question sitting over the WebSocket: `right` correct answers, then
// finish; the `result` message.
json sit_ninety(int port, const candidate& c, const session_ref& s, int right);
// Restarts the server on the same data with its clock starting at `instant`
// (config clock_start): the day of a stage ten working days on.
void set_clock(server_process& srv, const std::string& instant);
// Opens the sitting's exam WebSocket as its candidate, sends `start`: the first answer
// that is not `time` (a paper, a result, or an error frame such as not_yet).
json start_frame(int port, const candidate& c, std::int64_t session);

std::string ws_target(std::int64_t session, const std::string& token);

// Option positions (as shown) of the right answer and of a wrong one.
int right_option(const json& question);
int wrong_option(const json& question);
// The paper's question with number n.
const json& paper_question(const json& paper, int n);

// A file of TANU_FIXTURES (the proctoring images tests/proctor makes); REQUIREs it.
std::string fixture(const std::string& name);
// A camera frame as the page sends it: 0x01, then the JPEG.
std::string frame_message(const std::string& jpeg);
// Sends `frames` (cycling, and `audio` after each when given) every `every` for
// up to `duration` and collects what the server says (not `time`); stops early
// on a message of type `stop_on`, or when the connection closes.
std::vector<json> stream_media(ws_client& ws, const std::vector<std::string>& frames, std::chrono::milliseconds every,
                               std::chrono::milliseconds duration, const std::string& audio = {},
                               const std::string& stop_on = {});

// Sends an answer and reads until its `saved` (REQUIREs n and seq to match).
void answer_and_ack(ws_client& ws, int n, int choice, const std::string& seq);

}  // namespace it
