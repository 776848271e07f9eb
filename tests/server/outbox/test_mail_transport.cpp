#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <csignal>
#include <fcntl.h>
#include <netinet/in.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "server/outbox/mail_transport.hpp"
#include "tests/server/temp_dir.hpp"

extern char** environ;

namespace fs = std::filesystem;
using tanu::server::format_mail;
using tanu::server::mail_error;
using tanu::server::mail_message;
using tanu::server::maildrop_transport;
using tanu::server::smtp_settings;
using tanu::server::smtp_transport;

namespace {

// A fresh folder, removed with everything in it at the end of the test.
using tanu_test::temp_dir;

std::string read_text(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::vector<fs::path> files_in(const fs::path& dir) {
    std::vector<fs::path> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

std::string base64_decode(const std::string& in) {
    static const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    unsigned bits = 0;
    int count = 0;
    for (char c : in) {
        if (c == '=') break;
        const auto v = alphabet.find(c);
        if (v == std::string::npos) continue;  // line ends and other white space
        bits = (bits << 6) | static_cast<unsigned>(v);
        count += 6;
        if (count >= 8) {
            count -= 8;
            out += static_cast<char>((bits >> count) & 0xFF);
        }
    }
    return out;
}

// Decodes the =?UTF-8?B?...?= words of a header value; white space between two
// encoded words is dropped (RFC 2047 section 6.2).
std::string decode_words(const std::string& value) {
    std::string out;
    std::size_t pos = 0;
    bool after_word = false;
    while (pos < value.size()) {
        if (value.compare(pos, 10, "=?UTF-8?B?") == 0 || value.compare(pos, 10, "=?utf-8?b?") == 0) {
            const auto end = value.find("?=", pos + 10);
            REQUIRE(end != std::string::npos);
            out += base64_decode(value.substr(pos + 10, end - pos - 10));
            pos = end + 2;
            after_word = true;
            continue;
        }
        if (after_word) {
            const auto next = value.find_first_not_of(" \t\r\n", pos);
            if (next != std::string::npos && next > pos && value.compare(next, 2, "=?") == 0) {
                pos = next;
                continue;
            }
        }
        after_word = false;
        out += value[pos++];
    }
    return out;
}

struct parsed_mail {
    std::map<std::string, std::string> headers;  // lower-case names, values unfolded
    std::string body;
};

// Splits a message (CRLF or LF line ends) into unfolded headers and the body.
parsed_mail parse_mail(const std::string& text) {
    parsed_mail out;
    std::size_t pos = 0;
    std::string name, value;
    auto flush = [&] {
        if (!name.empty()) out.headers[name] = value;
        name.clear();
        value.clear();
    };
    while (pos < text.size()) {
        auto eol = text.find('\n', pos);
        if (eol == std::string::npos) eol = text.size();
        std::string line = text.substr(pos, eol - pos);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        pos = eol + 1;
        if (line.empty()) break;
        if (line[0] == ' ' || line[0] == '\t') {
            value += line;
            continue;
        }
        flush();
        const auto colon = line.find(':');
        REQUIRE(colon != std::string::npos);
        name = line.substr(0, colon);
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        value = line.substr(colon + 1);
        if (!value.empty() && value[0] == ' ') value.erase(0, 1);
    }
    flush();
    out.body = pos < text.size() ? text.substr(pos) : std::string();
    return out;
}

const std::string kazakh_subject = "Хабарлама: нәтиже";
const std::string kazakh_body =
    "Құрметті үміткер!\nСіз емтиханнан өте алмадыңыз.\nҰсыныстар: еңбек қауіпсіздігі бөлімін қайталаңыз.\n"
    "Уважаемый кандидат, рекомендуем повторить раздел по охране труда.\n";

std::string crlf(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '\n') out += '\r';
        out += c;
    }
    return out;
}

mail_message sample(const std::string& id) {
    mail_message m;
    m.from = "Tanu <noreply@centre.kz>";
    m.to = "candidate@example.kz";
    m.subject = kazakh_subject;
    m.body = kazakh_body;
    m.message_id = id;
    m.date_ms = 1706781845000;  // 2024-02-01 10:04:05 UTC
    return m;
}

template <class F>
mail_error expect_mail_error(F&& f) {
    try {
        f();
    } catch (const mail_error& e) {
        return e;
    }
    FAIL("no mail_error was thrown");
    return mail_error("unreachable");
}

// ------------------------------------------------------------- local SMTP

std::uint16_t local_port(int fd) {
    sockaddr_in addr{};
    socklen_t len = sizeof addr;
    REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
    return ntohs(addr.sin_port);
}

// A socket bound to 127.0.0.1 on a port the kernel picked.
int bound_socket() {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    REQUIRE(fd >= 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    return fd;
}

std::uint16_t free_port() {
    const int fd = bound_socket();
    const auto port = local_port(fd);
    ::close(fd);
    return port;
}

bool accepts_connections(std::uint16_t port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return false;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(port);
    const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    ::close(fd);
    return ok;
}

constexpr const char* python = "/usr/bin/python3";

bool have_aiosmtpd() {
    if (::access(python, X_OK) != 0) return false;
    const std::string cmd = std::string(python) + " -c 'import aiosmtpd.handlers' >/dev/null 2>&1";
    return std::system(cmd.c_str()) == 0;
}

// aiosmtpd's Mailbox handler (a Maildir in DIR) that refuses recipients named
// refused@... with 550 and busy@... with 451.
constexpr const char* handler_module = R"(from aiosmtpd.handlers import Mailbox

class Handler(Mailbox):
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("refused@"):
            return "550 5.1.1 no such mailbox"
        if address.startswith("busy@"):
            return "451 4.3.0 try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"
)";

// `python3 -m aiosmtpd -n -l 127.0.0.1:PORT -c tanu_test_smtp.Handler DIR/maildir`,
// output to DIR/smtpd.log; killed when this goes out of scope.
class smtp_server {
public:
    explicit smtp_server(const fs::path& dir) : dir_(dir) {
        std::ofstream(dir_ / "tanu_test_smtp.py") << handler_module;
        for (int attempt = 0; attempt < 3 && !ready_; ++attempt) {
            port_ = free_port();
            start();
            const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
            while (std::chrono::steady_clock::now() < deadline) {
                int status = 0;
                if (::waitpid(pid_, &status, WNOHANG) == pid_) {  // died (the port taken meanwhile?)
                    pid_ = -1;
                    break;
                }
                if (accepts_connections(port_)) {
                    ready_ = true;
                    break;
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
            }
            if (!ready_) stop();
        }
    }
    ~smtp_server() { stop(); }
    smtp_server(const smtp_server&) = delete;
    smtp_server& operator=(const smtp_server&) = delete;

    bool ready() const { return ready_; }
    std::uint16_t port() const { return port_; }
    fs::path maildir() const { return dir_ / "maildir"; }
    std::string log() const { return read_text(dir_ / "smtpd.log"); }

    // The messages the server has stored, waiting up to 5 s for `count` of them.
    std::vector<std::string> received(std::size_t count) const {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
        std::vector<fs::path> files;
        while (true) {
            files = files_in(maildir() / "new");
            if (files.size() >= count || std::chrono::steady_clock::now() >= deadline) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        std::vector<std::string> out;
        for (const auto& f : files) out.push_back(read_text(f));
        return out;
    }

private:
    void start() {
        const std::string listen = "127.0.0.1:" + std::to_string(port_);
        const std::string mail_dir = maildir().string();
        const std::string log_file = (dir_ / "smtpd.log").string();
        std::vector<std::string> args = {python, "-u", "-m", "aiosmtpd", "-n", "-l", listen,
                                         "-c", "tanu_test_smtp.Handler", mail_dir};
        std::vector<std::string> env;
        for (char** e = environ; *e != nullptr; ++e) {
            const std::string v = *e;
            if (v.rfind("PYTHONPATH=", 0) != 0 && v.rfind("PYTHONHOME=", 0) != 0) env.push_back(v);
        }
        env.push_back("PYTHONPATH=" + dir_.string());
        std::vector<char*> argv, envp;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        for (auto& v : env) envp.push_back(v.data());
        envp.push_back(nullptr);

        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, 1, log_file.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        posix_spawn_file_actions_adddup2(&actions, 1, 2);
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
        const int rc = ::posix_spawn(&pid_, python, &actions, nullptr, argv.data(), envp.data());
        posix_spawn_file_actions_destroy(&actions);
        if (rc != 0) pid_ = -1;
        REQUIRE(rc == 0);
    }

    void stop() {
        if (pid_ <= 0) return;
        ::kill(pid_, SIGTERM);
        int status = 0;
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
        while (::waitpid(pid_, &status, WNOHANG) == 0) {
            if (std::chrono::steady_clock::now() >= deadline) {
                ::kill(pid_, SIGKILL);
                ::waitpid(pid_, &status, 0);
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        pid_ = -1;
    }

    fs::path dir_;
    pid_t pid_ = -1;
    std::uint16_t port_ = 0;
    bool ready_ = false;
};

}  // namespace

// ----------------------------------------------------------------- format_mail

TEST_CASE("format_mail writes the RFC 5322 headers with CRLF line ends", "[mail]") {
    const std::string text = format_mail(sample("notice-42@tanu.local"));

    // CRLF only: every LF preceded by CR, every CR followed by LF.
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n') REQUIRE((i > 0 && text[i - 1] == '\r'));
        if (text[i] == '\r') REQUIRE((i + 1 < text.size() && text[i + 1] == '\n'));
    }
    REQUIRE(text.find("\r\n\r\n") != std::string::npos);

    const parsed_mail mail = parse_mail(text);
    CHECK(mail.headers.at("from") == "Tanu <noreply@centre.kz>");
    CHECK(mail.headers.at("to") == "candidate@example.kz");
    CHECK(mail.headers.at("date") == "Thu, 01 Feb 2024 15:04:05 +0500");
    CHECK(mail.headers.at("message-id") == "<notice-42@tanu.local>");
    CHECK(mail.headers.at("mime-version") == "1.0");
    CHECK(mail.headers.at("content-type") == "text/plain; charset=UTF-8");
    CHECK(mail.headers.at("content-transfer-encoding") == "base64");

    const std::string& subject = mail.headers.at("subject");
    CHECK(subject.rfind("=?UTF-8?B?", 0) == 0);
    CHECK(subject.find("?=") != std::string::npos);
    for (char c : subject) CHECK(static_cast<unsigned char>(c) < 0x80);
    CHECK(decode_words(subject) == kazakh_subject);

    // Body: base64 in lines of at most 76, decoding to the text with CRLF line ends.
    std::istringstream lines(mail.body);
    std::string line;
    while (std::getline(lines, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        CHECK(line.size() <= 76);
    }
    CHECK(mail.body.find("\r\n") == 76);
    CHECK(base64_decode(mail.body) == crlf(kazakh_body));
}

TEST_CASE("format_mail folds a long subject into encoded words", "[mail]") {
    mail_message m = sample("long@tanu.local");
    m.subject.clear();
    for (int i = 0; i < 12; ++i) m.subject += "Біліктілікті тану нәтижесі ";
    const std::string text = format_mail(m);
    const std::string head = text.substr(0, text.find("\r\n\r\n"));
    std::istringstream lines(head);
    std::string line;
    while (std::getline(lines, line)) CHECK(line.size() <= 79);  // 78 and the CR
    CHECK(decode_words(parse_mail(text).headers.at("subject")) == m.subject);
}

TEST_CASE("format_mail keeps a short ASCII subject and encodes a Cyrillic sender name", "[mail]") {
    mail_message m = sample("ascii@tanu.local");
    m.subject = "Exam result";
    m.from = "Орталық <noreply@centre.kz>";
    m.to = "\"Candidate, A.\" <a@example.kz>";
    m.body = "";
    const parsed_mail mail = parse_mail(format_mail(m));
    CHECK(mail.headers.at("subject") == "Exam result");
    const std::string& from = mail.headers.at("from");
    CHECK(from.rfind("=?UTF-8?B?", 0) == 0);
    CHECK(decode_words(from) == "Орталық <noreply@centre.kz>");
    CHECK(decode_words(mail.headers.at("to")) == "Candidate, A. <a@example.kz>");
    CHECK(mail.body.empty());

    m.date_ms = -1;
    CHECK(parse_mail(format_mail(m)).headers.at("date") == "Thu, 01 Jan 1970 04:59:59 +0500");
}

TEST_CASE("format_mail refuses CR or LF in header fields and malformed addresses", "[mail]") {
    mail_message m = sample("inject@tanu.local");
    m.subject = "Result\r\nBcc: everyone@example.kz";
    CHECK_THROWS_AS(format_mail(m), std::invalid_argument);
    m.subject = "Result\nBcc: everyone@example.kz";
    CHECK_THROWS_AS(format_mail(m), std::invalid_argument);
    m.subject = "Result\r";
    CHECK_THROWS_AS(format_mail(m), std::invalid_argument);
    m.subject = std::string("Result\0X", 8);
    CHECK_THROWS_AS(format_mail(m), std::invalid_argument);

    m = sample("inject@tanu.local");
    m.to = "a@example.kz\r\nBcc: b@example.kz";
    CHECK_THROWS_AS(format_mail(m), std::invalid_argument);
    m = sample("inject@tanu.local");
    m.from = "Tanu\n <noreply@centre.kz>";
    CHECK_THROWS_AS(format_mail(m), std::invalid_argument);
    m = sample("inject@tanu.local\r\nX-Evil: 1");
    CHECK_THROWS_AS(format_mail(m), std::invalid_argument);

    for (const char* bad : {"", "no-at-sign", "@example.kz", "a@", "a b@example.kz", "a@b@c", "Name <>",
                            "a@example.kz>", "кандидат@example.kz"}) {
        INFO(bad);
        m = sample("bad@tanu.local");
        m.to = bad;
        CHECK_THROWS_AS(format_mail(m), std::invalid_argument);
    }
    m = sample("");
    CHECK_THROWS_AS(format_mail(m), std::invalid_argument);
    m = sample("<angle@tanu.local>");
    CHECK_THROWS_AS(format_mail(m), std::invalid_argument);
}

// -------------------------------------------------------------------- maildrop

TEST_CASE("maildrop writes each message once into new and leaves tmp empty", "[mail]") {
    temp_dir dir;
    const fs::path drop = dir.path / "outbox-mail";
    maildrop_transport t(drop);
    CHECK(t.name() == "maildrop");

    const mail_message a = sample("notice-1@tanu.local");
    mail_message b = sample("notice-2@tanu.local");
    b.subject = "Екінші хабарлама";
    t.send(a);
    t.send(b);

    const auto files = files_in(drop / "new");
    REQUIRE(files.size() == 2);
    CHECK(files[0].filename() == "notice-1@tanu.local.eml");
    CHECK(files[1].filename() == "notice-2@tanu.local.eml");
    CHECK(read_text(files[0]) == format_mail(a));
    CHECK(read_text(files[1]) == format_mail(b));
    CHECK(files_in(drop / "tmp").empty());
    CHECK(fs::is_directory(drop / "cur"));

    // The same message again (a retry after an unknown outcome) replaces the file.
    b.body = "Түзетілген мәтін";
    t.send(b);
    t.send(b);
    const auto again = files_in(drop / "new");
    REQUIRE(again.size() == 2);
    CHECK(read_text(again[1]) == format_mail(b));
    CHECK(files_in(drop / "tmp").empty());
}

TEST_CASE("maildrop refuses message ids that cannot name a file and messages format_mail refuses", "[mail]") {
    temp_dir dir;
    maildrop_transport t(dir.path);
    for (const char* bad : {"../escape@tanu.local", "a/b@tanu.local", ".hidden@tanu.local", ""}) {
        INFO(bad);
        const mail_error e = expect_mail_error([&] { t.send(sample(bad)); });
        CHECK(e.permanent);
    }
    mail_message m = sample("inject@tanu.local");
    m.subject = "x\r\nBcc: all@example.kz";
    const mail_error e = expect_mail_error([&] { t.send(m); });
    CHECK(e.permanent);
    CHECK(files_in(dir.path / "new").empty());
    CHECK(!fs::exists(dir.path.parent_path() / "escape@tanu.local.eml"));
}

TEST_CASE("maildrop failing to write is a temporary error", "[mail]") {
    temp_dir dir;
    std::ofstream(dir.path / "file") << "not a folder";
    maildrop_transport t(dir.path / "file");
    const mail_error e = expect_mail_error([&] { t.send(sample("n@tanu.local")); });
    CHECK(!e.permanent);
}

// ------------------------------------------------------------------------ smtp

TEST_CASE("smtp_transport refuses URLs other than smtp and smtps", "[mail]") {
    smtp_settings s;
    s.url = "http://127.0.0.1:25";
    CHECK_THROWS_AS(smtp_transport(s), std::invalid_argument);
    s.url = "smtp://127.0.0.1:25";
    s.timeout_s = 0;
    CHECK_THROWS_AS(smtp_transport(s), std::invalid_argument);
    s.timeout_s = 5;
    CHECK(smtp_transport(s).name() == "smtp");
}

TEST_CASE("smtp_transport delivers to a local aiosmtpd server", "[mail]") {
    if (!have_aiosmtpd()) {
        WARN("SKIPPED: /usr/bin/python3 with aiosmtpd is missing (apt install python3-aiosmtpd); "
             "SMTP delivery is not tested");
        return;
    }
    temp_dir dir;
    smtp_server server(dir.path);
    INFO("aiosmtpd log:\n" << server.log());
    REQUIRE(server.ready());

    smtp_settings s;
    s.url = "smtp://127.0.0.1:" + std::to_string(server.port());
    s.timeout_s = 10;
    smtp_transport t(s);

    SECTION("a message arrives with its subject and body") {
        const mail_message m = sample("notice-7@tanu.local");
        t.send(m);
        const auto got = server.received(1);
        REQUIRE(got.size() == 1);
        const parsed_mail mail = parse_mail(got[0]);
        CHECK(decode_words(mail.headers.at("subject")) == kazakh_subject);
        CHECK(mail.headers.at("message-id") == "<notice-7@tanu.local>");
        CHECK(mail.headers.at("from") == "Tanu <noreply@centre.kz>");
        CHECK(mail.headers.at("x-mailfrom") == "noreply@centre.kz");
        CHECK(mail.headers.at("x-rcptto") == "candidate@example.kz");
        CHECK(base64_decode(mail.body) == crlf(kazakh_body));
    }

    SECTION("a recipient refused with 5xx is a permanent error") {
        mail_message m = sample("notice-8@tanu.local");
        m.to = "refused@example.kz";
        const mail_error e = expect_mail_error([&] { t.send(m); });
        INFO(e.what());
        CHECK(e.permanent);
        CHECK(std::string(e.what()).find("550") != std::string::npos);
        CHECK(server.received(0).empty());
    }

    SECTION("a recipient deferred with 4xx is a temporary error") {
        mail_message m = sample("notice-9@tanu.local");
        m.to = "busy@example.kz";
        const mail_error e = expect_mail_error([&] { t.send(m); });
        INFO(e.what());
        CHECK(!e.permanent);
        CHECK(std::string(e.what()).find("451") != std::string::npos);
    }

    SECTION("required STARTTLS never falls back to plain text") {
        s.starttls = true;
        smtp_transport tls(s);
        const mail_error e = expect_mail_error([&] { tls.send(sample("notice-10@tanu.local")); });
        INFO(e.what());
        CHECK(server.received(0).empty());
    }
}

TEST_CASE("smtp_transport to a closed port fails temporarily and quickly", "[mail]") {
    smtp_settings s;
    s.url = "smtp://127.0.0.1:" + std::to_string(free_port());
    s.timeout_s = 3;
    smtp_transport t(s);
    const auto start = std::chrono::steady_clock::now();
    const mail_error e = expect_mail_error([&] { t.send(sample("n@tanu.local")); });
    const auto took = std::chrono::steady_clock::now() - start;
    INFO(e.what());
    CHECK(!e.permanent);
    CHECK(took < std::chrono::seconds(4));
}

TEST_CASE("smtp_transport to a server that never answers times out temporarily", "[mail]") {
    // Listening but never accepting: the connection is made, the greeting never comes.
    const int fd = bound_socket();
    REQUIRE(::listen(fd, 4) == 0);
    smtp_settings s;
    s.url = "smtp://127.0.0.1:" + std::to_string(local_port(fd));
    s.timeout_s = 3;
    smtp_transport t(s);
    const auto start = std::chrono::steady_clock::now();
    const mail_error e = expect_mail_error([&] { t.send(sample("n@tanu.local")); });
    const auto took = std::chrono::steady_clock::now() - start;
    ::close(fd);
    INFO(e.what());
    CHECK(!e.permanent);
    CHECK(took >= std::chrono::milliseconds(2500));
    CHECK(took < std::chrono::seconds(6));
}
