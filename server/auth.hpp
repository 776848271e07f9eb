#pragma once
#include <chrono>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

namespace tanu::server {

struct argon2_cost {
    unsigned long long ops = 2;
    std::size_t mem_kib = 19456;  // 19 MiB, t=2: OWASP's minimum for Argon2id
};

// Argon2id (libsodium); the encoded hash carries its own parameters.
std::string hash_password(const std::string& password, const argon2_cost& cost);
bool verify_password(const std::string& encoded, const std::string& password);

// 256 random bits, base64url. Only its SHA-256 is stored.
std::string new_token();
std::string token_hash(const std::string& token);

// Failed logins are counted per account and per address over a sliding window;
// past either limit logins are refused until old failures leave the window.
class login_throttle {
public:
    login_throttle(int per_login, int per_address, std::int64_t window_ms)
        : per_login_(per_login), per_address_(per_address), window_ms_(window_ms) {}

    bool allowed(const std::string& login, const std::string& address, std::int64_t now_ms);
    void failed(const std::string& login, const std::string& address, std::int64_t now_ms);
    void succeeded(const std::string& login);

private:
    using stamps = std::deque<std::int64_t>;
    void prune(stamps& s, std::int64_t now_ms) const;
    void prune_all(std::int64_t now_ms);

    int per_login_;
    int per_address_;
    std::int64_t window_ms_;
    std::mutex mutex_;
    std::unordered_map<std::string, stamps> by_login_;
    std::unordered_map<std::string, stamps> by_address_;
    std::int64_t last_prune_ = 0;
};

}  // namespace tanu::server
