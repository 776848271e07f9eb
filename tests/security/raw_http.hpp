#pragma once
// Raw TCP for the attack tests: bytes exactly as an attacker writes them (a
// malformed request line, an oversized header, a body that never ends), from
// a chosen loopback source address, with bounded waits. The harness's Beast
// client would refuse to send most of these.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <stdexcept>
#include <string>

namespace sec {

// A connected TCP socket to 127.0.0.1:port from `source` (any 127.x address
// works on Linux loopback); -1 when the connect failed.
inline int connect_from(int port, const std::string& source = "127.0.0.1") {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    sockaddr_in src{};
    src.sin_family = AF_INET;
    ::inet_pton(AF_INET, source.c_str(), &src.sin_addr);
    if (::bind(fd, reinterpret_cast<sockaddr*>(&src), sizeof src) != 0) {
        ::close(fd);
        return -1;
    }
    sockaddr_in dst{};
    dst.sin_family = AF_INET;
    dst.sin_port = htons(static_cast<std::uint16_t>(port));
    ::inet_pton(AF_INET, "127.0.0.1", &dst.sin_addr);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&dst), sizeof dst) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

// Writes all of `bytes`; false when the peer closed or reset first.
inline bool send_all(int fd, const std::string& bytes) {
    std::size_t off = 0;
    while (off < bytes.size()) {
        auto n = ::send(fd, bytes.data() + off, bytes.size() - off, MSG_NOSIGNAL);
        if (n <= 0) return false;
        off += static_cast<std::size_t>(n);
    }
    return true;
}

// Reads until the peer closes or `timeout` passes; what arrived.
inline std::string read_all(int fd, std::chrono::milliseconds timeout, bool* closed = nullptr) {
    std::string out;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    if (closed) *closed = false;
    char buf[16384];
    for (;;) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) return out;
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) return out;
        auto n = ::recv(fd, buf, sizeof buf, 0);
        if (n <= 0) {
            if (closed) *closed = true;
            return out;
        }
        out.append(buf, static_cast<std::size_t>(n));
    }
}

// True when the peer closed (or reset) the connection within `timeout`.
inline bool closed_within(int fd, std::chrono::milliseconds timeout) {
    bool closed = false;
    read_all(fd, timeout, &closed);
    return closed;
}

struct raw_response {
    int status = 0;
    std::map<std::string, std::string> headers;  // names in lower case
    std::string body;
    std::string header(const std::string& name) const {
        auto it = headers.find(name);
        return it == headers.end() ? std::string() : it->second;
    }
};

// Parses one HTTP/1.1 response (body up to the end of `raw`).
inline raw_response parse_response(const std::string& raw) {
    raw_response r;
    auto end = raw.find("\r\n\r\n");
    if (raw.rfind("HTTP/1.", 0) != 0 || end == std::string::npos) return r;
    r.status = std::stoi(raw.substr(9, 3));
    std::size_t at = raw.find("\r\n") + 2;
    while (at < end) {
        auto eol = raw.find("\r\n", at);
        auto line = raw.substr(at, eol - at);
        auto colon = line.find(':');
        if (colon != std::string::npos) {
            std::string name = line.substr(0, colon);
            for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            std::string value = line.substr(colon + 1);
            while (!value.empty() && value.front() == ' ') value.erase(0, 1);
            r.headers[name] = value;
        }
        at = eol + 2;
    }
    r.body = raw.substr(end + 4);
    return r;
}

// Sends `bytes` on a new connection and reads the answer until the server
// closes or `timeout` passes.
inline raw_response exchange(int port, const std::string& bytes, std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    int fd = connect_from(port);
    if (fd < 0) throw std::runtime_error("cannot connect to the server");
    send_all(fd, bytes);
    auto raw = read_all(fd, timeout);
    ::close(fd);
    return parse_response(raw);
}

}  // namespace sec
