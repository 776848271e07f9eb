#pragma once
#include <chrono>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace tanu::server {

struct argon2_cost {
    unsigned long long ops = 2;
    std::size_t mem_kib = 19456;  // 19 MiB, t=2: OWASP's minimum for Argon2id
};

// Argon2id (libsodium); the encoded hash carries its own parameters.
std::string hash_password(const std::string& password, const argon2_cost& cost);
bool verify_password(const std::string& encoded, const std::string& password);

// A new account's login and password: login 1 to 64 bytes, password 8 to 128.
// Empty when acceptable, else the reason (the one statement of the rule, for the
// API and the command line alike).
std::optional<std::string> credentials_problem(const std::string& login, const std::string& password);

// 256 random bits, base64url. Only its SHA-256 is stored.
std::string new_token();
std::string token_hash(const std::string& token);

// `bytes` random bytes as lower-case hex (a document's check value).
std::string random_hex(std::size_t bytes);
// Compares two secrets in time independent of where they differ (the length is not secret).
bool secrets_equal(std::string_view a, std::string_view b);

// Failed logins (docs/security.md). Each try is counted against two keys:
// the pair (login, client address) and the client address alone. Past
// per_login failures of a pair inside the window, or per_address failures of
// an address, the next try waits 1 s after the last failure, then 2 s, 4 s …
// up to backoff_max. A try takes its place before the password is verified
// (a parallel burst cannot slip past the limit while Argon2 runs) and gives it
// back when it succeeds, which also forgets the pair's failures. The owner
// logging in from another address is never held back by failures elsewhere.
class login_throttle {
public:
    struct limits {
        int per_login = 5;
        int per_address = 100;
        std::int64_t window_ms = 900'000;
        std::int64_t backoff_max_ms = 900'000;
    };
    explicit login_throttle(limits l) : limits_(l) {}

    struct attempt {
        bool admitted = false;
        std::int64_t retry_after_ms = 0;  // when refused: how long until the next try is admitted
        std::int64_t at_ms = 0;
    };
    // Admits a try (counted as a failure from now on) or refuses it.
    attempt begin(const std::string& login, const std::string& address, std::int64_t now_ms);
    // The admitted try succeeded: its place is given back, the pair's failures forgotten.
    void succeeded(const std::string& login, const std::string& address, const attempt& a);

    // Keys tracked per table; beyond it the oldest are forgotten (memory stays bounded).
    static constexpr std::size_t max_keys = 100'000;

private:
    using stamps = std::deque<std::int64_t>;  // failure times, oldest first
    using table = std::unordered_map<std::string, stamps>;
    std::int64_t wait_ms(const stamps& s, int limit, std::int64_t now_ms) const;
    void prune(stamps& s, std::int64_t now_ms) const;
    void prune_all(std::int64_t now_ms, bool force);
    void add(table& t, const std::string& key, std::int64_t now_ms, int limit);

    limits limits_;
    std::mutex mutex_;
    table by_pair_;
    table by_address_;
    std::int64_t last_prune_ = 0;
};

// The client's address: the peer's, unless the peer is a trusted proxy; then
// the right-most X-Forwarded-For entry that is not itself a trusted proxy
// (proxies append the address they saw, so entries to its left are the
// client's own claims). A malformed entry ends the walk at the proxy.
std::string client_address(const std::string& peer, std::string_view forwarded_for,
                           const std::vector<std::string>& trusted_proxies);

// The address as the throttle counts it: IPv4 as is (an IPv4-mapped IPv6
// address as its IPv4), IPv6 by its /64, which one host usually holds whole.
std::string throttle_bucket(const std::string& address);

// One-time tickets for the exam WebSocket's upgrade, so that the bearer token
// never travels in a URL (proxies log URLs). Each is random, valid for one
// upgrade of one sitting by one user within its life, and burnt by any use.
// Kept in memory: they live seconds, and a restart only makes the page ask again.
class ws_tickets {
public:
    struct grant {
        std::int64_t user = 0;
        std::int64_t sitting = 0;
        std::string token_hash;  // the bearer token it was issued for: a logout voids it
    };
    explicit ws_tickets(std::int64_t life_ms) : life_ms_(life_ms) {}

    // A new ticket and its expiry; nullopt when too many are outstanding.
    std::optional<std::pair<std::string, std::int64_t>> issue(const grant& g, std::int64_t now_ms);
    // The ticket's grant when it is outstanding, unexpired and for `sitting`;
    // the ticket is burnt whatever the answer.
    std::optional<grant> redeem(const std::string& ticket, std::int64_t sitting, std::int64_t now_ms);
    // Forgets expired tickets; returns how many.
    std::size_t purge(std::int64_t now_ms);

    static constexpr std::size_t max_per_sitting = 8;  // a page asks one per (re)connect; older ones are dropped
    static constexpr std::size_t max_total = 100'000;

private:
    struct entry {
        grant g;
        std::int64_t issued_ms = 0, expires_ms = 0;
    };
    std::int64_t life_ms_;
    std::mutex mutex_;
    std::unordered_map<std::string, entry> by_hash_;  // SHA-256 of the ticket -> its grant
    std::unordered_map<std::int64_t, std::deque<std::string>> by_sitting_;  // its tickets' hashes, oldest first
};

}  // namespace tanu::server
