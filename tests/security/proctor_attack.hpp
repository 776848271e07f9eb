#pragma once
// What the attacks on the exam WebSocket and the proctoring need beyond the
// integration harness: the fixtures, a sitting ready to start, a generated
// JPEG "scan bomb", and a raw WebSocket client that never reads.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "tests/integration/harness.hpp"

namespace attack {

using namespace it;


struct sitting_setup {
    std::string admin;
    candidate cand;
    session_ref session;
};

// A programme of `questions` questions (texts of `text_chars` characters when
// given), a candidate (with an ID photo fixture unless empty) and a session.
inline sitting_setup prepare(int port, const std::string& login, const std::string& photo = {},
                             bool focus_violation = false, int questions = 5, std::size_t text_chars = 0) {
    sitting_setup s;
    s.admin = admin_token(port);
    json prog = make_programme("ATK-" + login, questions, 30, "above", 2, {"ru"});
    prog["proctoring"] = {{"focus_lost_is_violation", focus_violation}};
    create_programme(port, s.admin, prog);
    json qs = make_questions("A" + login, "ru", questions);
    if (text_chars > 0)
        for (auto& q : qs) {
            std::string t = q["text"].get<std::string>() + " ";
            while (t.size() < text_chars) t += "lorem ipsum ";
            q["text"] = t.substr(0, text_chars);
        }
    import_questions(port, s.admin, "ATK-" + login, qs);
    s.cand = create_candidate(port, s.admin, login);
    if (!photo.empty()) {
        auto r = http_raw(port, "PUT", "/api/candidates/" + std::to_string(s.cand.id) + "/photo", fixture(photo),
                          "image/jpeg", s.admin);
        INFO(describe(r));
        REQUIRE(r.status == 204);
    }
    s.session = create_session(port, s.admin, s.cand.id, "ATK-" + login);
    return s;
}

// Starts the sitting; true when the server asked for the room scan.
inline bool start_sitting(ws_client& ws) {
    ws.send_json({{"type", "start"}});
    ws.read_until_type("paper");
    for (int i = 0; i < 5; ++i) {
        auto m = ws.poll_json(2s);
        if (m && m->value("type", "") == "room_scan") return true;
    }
    return false;
}

inline json events(int port, const std::string& token, std::int64_t session) {
    auto r = http_call(port, "GET", "/api/sessions/" + std::to_string(session) + "/events", nullptr, token);
    INFO(describe(r));
    REQUIRE(r.status == 200);
    return r.body_json;
}

inline int count_kind(const json& events, const std::string& kind) {
    int n = 0;
    for (const auto& e : events) n += e.value("kind", "") == kind;
    return n;
}

inline const json* find_kind(const json& events, const std::string& kind) {
    for (const auto& e : events)
        if (e.value("kind", "") == kind) return &e;
    return nullptr;
}

// Polls the events of a session until `pred` holds (bounded).
template <class Pred>
json events_until(int port, const std::string& token, std::int64_t session, Pred pred,
                  std::chrono::milliseconds timeout = 10s) {
    auto end = clock_type::now() + timeout;
    json ev = events(port, token, session);
    while (!pred(ev) && clock_type::now() < end) {
        std::this_thread::sleep_for(200ms);
        ev = events(port, token, session);
    }
    return ev;
}

inline std::vector<json> of_type(const std::vector<json>& msgs, const std::string& type) {
    std::vector<json> out;
    for (const auto& m : msgs)
        if (m.value("type", "") == type) out.push_back(m);
    return out;
}

inline std::string dump_all(const std::vector<json>& msgs) {
    std::string s;
    for (const auto& m : msgs) s += m.dump() + "\n";
    return s;
}

// Sends `frames` (cycling) every `every` for up to `duration` and collects what
// the server says (not `time`); stops early on a message of type `stop_on`.
inline std::vector<json> stream(ws_client& ws, const std::vector<std::string>& frames,
                                std::chrono::milliseconds every, std::chrono::milliseconds duration,
                                const std::string& stop_on = {}) {
    return stream_media(ws, frames, every, duration, {}, stop_on);
}

// ---------------------------------------------------------------------------
// The scan bomb (H1 of issue 8): a small progressive JPEG whose first scan is
// followed by thousands of tiny AC scans. Each codes one run of end-of-blocks
// over the whole picture in two bytes, so the file stays small while libjpeg
// makes a pass over every block per scan: seconds of CPU per frame. A grey
// picture: one component, quantisation all ones, one-code Huffman tables.
inline std::string scan_bomb_jpeg(int width, int height, int scans) {
    const int blocks = ((width + 7) / 8) * ((height + 7) / 8);
    // An end-of-block run covers 2^r + r extra bits; r = 14 reaches 32767 blocks.
    int r = 0;
    while ((1 << (r + 1)) <= blocks && r < 14) ++r;
    if (blocks >= (1 << (r + 1)) || blocks > 32767) throw std::invalid_argument("scan_bomb_jpeg: picture too large");
    std::string j;
    auto put = [&](std::initializer_list<int> bytes) {
        for (int b : bytes) j += static_cast<char>(b);
    };
    auto u16 = [&](int v) { put({(v >> 8) & 0xFF, v & 0xFF}); };
    put({0xFF, 0xD8});                       // SOI
    put({0xFF, 0xDB}); u16(67); put({0x00}); // DQT, table 0, 8-bit
    for (int i = 0; i < 64; ++i) put({1});
    put({0xFF, 0xC2}); u16(11); put({8}); u16(height); u16(width); put({1, 1, 0x11, 0});  // SOF2, 1 component
    // DHT: DC table 0 and AC table 0, each one code of one bit ("0").
    put({0xFF, 0xC4}); u16(2 + 17 + 1); put({0x00, 1}); for (int i = 0; i < 15; ++i) put({0}); put({0x00});
    put({0xFF, 0xC4}); u16(2 + 17 + 1); put({0x10, 1}); for (int i = 0; i < 15; ++i) put({0}); put({r << 4});
    // The DC scan: every block's difference is category 0, one "0" bit each.
    put({0xFF, 0xDA}); u16(8); put({1, 1, 0x00, 0, 0, 0x00});
    j.append(static_cast<std::size_t>((blocks + 7) / 8), '\0');
    // The AC scans: EOBRUN = 2^r + extra covers all blocks; code "0", r extra bits, 1-bits padding.
    const int extra = blocks - (1 << r);
    std::uint32_t bits = static_cast<std::uint32_t>(extra);  // after the one-bit code 0
    const int nbits = 1 + r;
    const int nbytes = (nbits + 7) / 8;
    std::uint32_t word = (bits << (nbytes * 8 - nbits)) | ((1u << (nbytes * 8 - nbits)) - 1);
    std::string data;
    for (int k = nbytes - 1; k >= 0; --k) data += static_cast<char>((word >> (8 * k)) & 0xFF);
    for (char c : data)
        if (static_cast<unsigned char>(c) == 0xFF) throw std::logic_error("scan_bomb_jpeg: needs byte stuffing");
    for (int s = 0; s < scans; ++s) {
        put({0xFF, 0xDA}); u16(8); put({1, 1, 0x00, 1, 63, 0x00});
        j += data;
    }
    put({0xFF, 0xD9});  // EOI
    return j;
}

// ---------------------------------------------------------------------------
// A raw WebSocket client over a plain socket: the receive buffer made small
// and never read, so that whatever the server sends piles up on its side.

class raw_ws {
public:
    raw_ws() = default;
    raw_ws(const raw_ws&) = delete;
    raw_ws& operator=(const raw_ws&) = delete;
    ~raw_ws() {
        if (fd_ >= 0) ::close(fd_);
    }

    // Connects and upgrades; returns the HTTP status line's code.
    int connect(int port, const std::string& target, int rcvbuf = 4096) {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        if (fd_ < 0) throw std::runtime_error("socket");
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);  // before connect: the window stays small
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_port = htons(static_cast<std::uint16_t>(port));
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) throw std::runtime_error("connect");
        send_all("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
                 "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                 "Sec-WebSocket-Version: 13\r\n\r\n");
        // The response head, byte by byte (nothing of the WebSocket stream is read).
        std::string head;
        auto end = clock_type::now() + 10s;
        while (head.find("\r\n\r\n") == std::string::npos && clock_type::now() < end) {
            pollfd p{fd_, POLLIN, 0};
            if (::poll(&p, 1, 200) <= 0) continue;
            char c;
            if (::recv(fd_, &c, 1, 0) != 1) break;
            head += c;
        }
        if (head.size() < 12) return 0;
        return std::atoi(head.c_str() + 9);
    }

    // A masked text frame. False once the connection is gone.
    bool send_text(const std::string& payload) {
        std::string f;
        f += static_cast<char>(0x81);
        const std::size_t n = payload.size();
        if (n < 126) {
            f += static_cast<char>(0x80 | n);
        } else if (n < 65536) {
            f += static_cast<char>(0x80 | 126);
            f += static_cast<char>((n >> 8) & 0xFF);
            f += static_cast<char>(n & 0xFF);
        } else {
            f += static_cast<char>(0x80 | 127);
            for (int k = 7; k >= 0; --k) f += static_cast<char>((n >> (8 * k)) & 0xFF);
        }
        const unsigned char key[4] = {0x12, 0x34, 0x56, 0x78};
        f.append(reinterpret_cast<const char*>(key), 4);
        for (std::size_t i = 0; i < n; ++i) f += static_cast<char>(payload[i] ^ key[i % 4]);
        return send_all(f);
    }

    // Reads and discards everything until the server closes (EOF or reset);
    // true when it did within `timeout`.
    bool drain_until_closed(std::chrono::milliseconds timeout) {
        auto end = clock_type::now() + timeout;
        char buf[65536];
        while (clock_type::now() < end) {
            pollfd p{fd_, POLLIN, 0};
            if (::poll(&p, 1, 100) <= 0) continue;
            auto n = ::recv(fd_, buf, sizeof buf, 0);
            if (n <= 0) return true;
        }
        return false;
    }

private:
    bool send_all(const std::string& s) {
        std::size_t off = 0;
        while (off < s.size()) {
            auto n = ::send(fd_, s.data() + off, s.size() - off, MSG_NOSIGNAL);
            if (n <= 0) return false;
            off += static_cast<std::size_t>(n);
        }
        return true;
    }
    int fd_ = -1;
};

}  // namespace attack
