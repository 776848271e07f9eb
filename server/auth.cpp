#include "server/auth.hpp"

#include <sodium.h>

#include <stdexcept>

namespace tanu::server {

static void ensure_sodium() {
    static const int ok = sodium_init();
    if (ok < 0) throw std::runtime_error("libsodium failed to initialise");
}

std::string hash_password(const std::string& password, const argon2_cost& cost) {
    ensure_sodium();
    char out[crypto_pwhash_STRBYTES];
    unsigned long long ops = std::max<unsigned long long>(cost.ops, crypto_pwhash_OPSLIMIT_MIN);
    std::size_t mem = std::max<std::size_t>(cost.mem_kib * 1024, crypto_pwhash_MEMLIMIT_MIN);
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), ops, mem, crypto_pwhash_ALG_ARGON2ID13) != 0)
        throw std::runtime_error("out of memory hashing a password");
    return out;
}

bool verify_password(const std::string& encoded, const std::string& password) {
    ensure_sodium();
    return crypto_pwhash_str_verify(encoded.c_str(), password.data(), password.size()) == 0;
}

std::string new_token() {
    ensure_sodium();
    unsigned char raw[32];
    randombytes_buf(raw, sizeof raw);
    char out[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
    sodium_bin2base64(out, sizeof out, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return out;
}

std::string token_hash(const std::string& token) {
    ensure_sodium();
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(token.data()), token.size());
    return std::string(reinterpret_cast<const char*>(h), sizeof h);
}

void login_throttle::prune(stamps& s, std::int64_t now_ms) const {
    while (!s.empty() && s.front() <= now_ms - window_ms_) s.pop_front();
}

void login_throttle::prune_all(std::int64_t now_ms) {
    if (now_ms - last_prune_ < window_ms_) return;
    last_prune_ = now_ms;
    for (auto* m : {&by_login_, &by_address_})
        for (auto it = m->begin(); it != m->end();) {
            prune(it->second, now_ms);
            it = it->second.empty() ? m->erase(it) : std::next(it);
        }
}

bool login_throttle::allowed(const std::string& login, const std::string& address, std::int64_t now_ms) {
    std::lock_guard lock(mutex_);
    prune_all(now_ms);
    if (auto it = by_login_.find(login); it != by_login_.end()) {
        prune(it->second, now_ms);
        if (static_cast<int>(it->second.size()) >= per_login_) return false;
    }
    if (auto it = by_address_.find(address); it != by_address_.end()) {
        prune(it->second, now_ms);
        if (static_cast<int>(it->second.size()) >= per_address_) return false;
    }
    return true;
}

void login_throttle::failed(const std::string& login, const std::string& address, std::int64_t now_ms) {
    std::lock_guard lock(mutex_);
    by_login_[login].push_back(now_ms);
    by_address_[address].push_back(now_ms);
}

void login_throttle::succeeded(const std::string& login) {
    std::lock_guard lock(mutex_);
    by_login_.erase(login);
}

}  // namespace tanu::server
