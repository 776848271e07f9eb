#include "server/accounts/auth.hpp"

#include <sodium.h>

#include <algorithm>
#include <boost/asio/ip/address.hpp>
#include <stdexcept>

namespace tanu::server {

std::optional<std::string> credentials_problem(const std::string& login, const std::string& password) {
    if (login.empty() || login.size() > 64) return "login must be 1 to 64 characters";
    if (password.size() < 8 || password.size() > 128) return "password must be 8 to 128 characters";
    return std::nullopt;
}

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

std::string random_hex(std::size_t bytes) {
    ensure_sodium();
    std::vector<unsigned char> raw(bytes);
    randombytes_buf(raw.data(), raw.size());
    std::string out(bytes * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), raw.data(), raw.size());
    out.pop_back();
    return out;
}

bool secrets_equal(std::string_view a, std::string_view b) {
    ensure_sodium();
    return a.size() == b.size() && (a.empty() || sodium_memcmp(a.data(), b.data(), a.size()) == 0);
}

// ---- login throttle

void login_throttle::prune(stamps& s, std::int64_t now_ms) const {
    while (!s.empty() && s.front() <= now_ms - limits_.window_ms) s.pop_front();
}

void login_throttle::prune_all(std::int64_t now_ms, bool force) {
    if (!force && now_ms - last_prune_ < 60'000) return;
    last_prune_ = now_ms;
    for (auto* t : {&by_pair_, &by_address_})
        for (auto it = t->begin(); it != t->end();) {
            prune(it->second, now_ms);
            it = it->second.empty() ? t->erase(it) : std::next(it);
        }
}

// How long until a key with failures `s` may try again: past `limit` failures
// in the window, 1 s after the last one, doubling with each further failure.
std::int64_t login_throttle::wait_ms(const stamps& s, int limit, std::int64_t now_ms) const {
    if (static_cast<int>(s.size()) < limit) return 0;
    const int doublings = std::min(static_cast<int>(s.size()) - limit, 30);
    const std::int64_t backoff = std::min<std::int64_t>(std::int64_t{1000} << doublings, limits_.backoff_max_ms);
    return std::max<std::int64_t>(0, s.back() + backoff - now_ms);
}

void login_throttle::add(table& t, const std::string& key, std::int64_t now_ms, int limit) {
    if (t.size() >= max_keys && !t.count(key)) {
        prune_all(now_ms, true);
        if (t.size() >= max_keys) {  // still full: forget the half whose last failure is oldest
            std::vector<std::pair<std::int64_t, std::string>> last;
            last.reserve(t.size());
            for (const auto& [k, v] : t) last.emplace_back(v.empty() ? 0 : v.back(), k);
            std::nth_element(last.begin(), last.begin() + static_cast<std::ptrdiff_t>(last.size() / 2), last.end());
            for (std::size_t i = 0; i < last.size() / 2; ++i) t.erase(last[i].second);
        }
    }
    auto& s = t[key];
    s.push_back(std::max(now_ms, s.empty() ? now_ms : s.back()));  // kept in order if the clock steps back
    // Beyond the limit and 32 doublings the back-off is at its ceiling: older stamps add nothing.
    while (s.size() > static_cast<std::size_t>(limit) + 32) s.pop_front();
}

login_throttle::attempt login_throttle::begin(const std::string& login, const std::string& address,
                                              std::int64_t now_ms) {
    std::lock_guard lock(mutex_);
    prune_all(now_ms, false);
    const std::string pair = login + '\x1f' + address;
    std::int64_t wait = 0;
    if (auto it = by_pair_.find(pair); it != by_pair_.end()) {
        prune(it->second, now_ms);
        wait = std::max(wait, wait_ms(it->second, limits_.per_login, now_ms));
    }
    if (auto it = by_address_.find(address); it != by_address_.end()) {
        prune(it->second, now_ms);
        wait = std::max(wait, wait_ms(it->second, limits_.per_address, now_ms));
    }
    if (wait > 0) return {false, wait, now_ms};
    // Taken before the password is verified: parallel tries see this one.
    add(by_pair_, pair, now_ms, limits_.per_login);
    add(by_address_, address, now_ms, limits_.per_address);
    return {true, 0, by_address_[address].back()};
}

void login_throttle::succeeded(const std::string& login, const std::string& address, const attempt& a) {
    std::lock_guard lock(mutex_);
    by_pair_.erase(login + '\x1f' + address);
    if (auto it = by_address_.find(address); it != by_address_.end()) {
        auto& s = it->second;
        if (auto at = std::find(s.begin(), s.end(), a.at_ms); at != s.end()) s.erase(at);
        if (s.empty()) by_address_.erase(it);
    }
}

// ---- client addresses

namespace {

std::optional<boost::asio::ip::address> parse_ip(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    if (s.size() > 2 && s.front() == '[' && s.back() == ']') s = s.substr(1, s.size() - 2);
    boost::system::error_code ec;
    auto a = boost::asio::ip::make_address(std::string(s), ec);
    if (ec) return std::nullopt;
    if (a.is_v6() && a.to_v6().is_v4_mapped())
        return boost::asio::ip::address(boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, a.to_v6()));
    return a;
}

bool trusted(const boost::asio::ip::address& a, const std::vector<std::string>& proxies) {
    for (const auto& p : proxies)
        if (auto pa = parse_ip(p); pa && *pa == a) return true;
    return false;
}

}  // namespace

std::string client_address(const std::string& peer, std::string_view forwarded_for,
                           const std::vector<std::string>& trusted_proxies) {
    auto from = parse_ip(peer);
    if (!from) return peer;
    if (trusted_proxies.empty() || !trusted(*from, trusted_proxies)) return from->to_string();
    // Right to left: each trusted hop names the one before it.
    std::string_view rest = forwarded_for;
    auto client = *from;
    while (!rest.empty()) {
        const auto comma = rest.rfind(',');
        const auto item = comma == std::string_view::npos ? rest : rest.substr(comma + 1);
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(0, comma);
        auto a = parse_ip(item);
        if (!a) break;  // not written by a proxy we trust: stop at the last hop we can believe
        client = *a;
        if (!trusted(*a, trusted_proxies)) break;
    }
    return client.to_string();
}

std::string throttle_bucket(const std::string& address) {
    auto a = parse_ip(address);
    if (!a) return address;
    if (a->is_v4()) return a->to_string();
    auto bytes = a->to_v6().to_bytes();
    for (std::size_t i = 8; i < bytes.size(); ++i) bytes[i] = 0;
    return boost::asio::ip::address_v6(bytes).to_string() + "/64";
}

// ---- WebSocket tickets

std::optional<std::pair<std::string, std::int64_t>> ws_tickets::issue(const grant& g, std::int64_t now_ms) {
    auto ticket = new_token();
    auto h = token_hash(ticket);
    const auto expires = now_ms + life_ms_;
    std::lock_guard lock(mutex_);
    auto& mine = by_sitting_[g.sitting];
    // The sitting's tickets: the used and expired leave; beyond max_per_sitting the oldest goes.
    std::erase_if(mine, [&](const std::string& k) {
        auto it = by_hash_.find(k);
        if (it == by_hash_.end()) return true;
        if (it->second.expires_ms > now_ms) return false;
        by_hash_.erase(it);
        return true;
    });
    while (mine.size() >= max_per_sitting) {
        by_hash_.erase(mine.front());
        mine.pop_front();
    }
    if (by_hash_.size() >= max_total) {
        std::erase_if(by_hash_, [&](const auto& kv) { return kv.second.expires_ms <= now_ms; });
        if (by_hash_.size() >= max_total) return std::nullopt;
    }
    mine.push_back(h);
    by_hash_[std::move(h)] = {g, now_ms, expires};
    return std::pair{std::move(ticket), expires};
}

std::optional<ws_tickets::grant> ws_tickets::redeem(const std::string& ticket, std::int64_t sitting,
                                                    std::int64_t now_ms) {
    const auto h = token_hash(ticket);
    std::lock_guard lock(mutex_);
    auto it = by_hash_.find(h);
    if (it == by_hash_.end()) return std::nullopt;
    entry e = std::move(it->second);
    by_hash_.erase(it);  // single use: burnt whatever happens next (its by_sitting_ entry goes at the next issue)
    if (e.expires_ms <= now_ms || e.g.sitting != sitting) return std::nullopt;
    return e.g;
}

std::size_t ws_tickets::purge(std::int64_t now_ms) {
    std::lock_guard lock(mutex_);
    const auto n = std::erase_if(by_hash_, [&](const auto& kv) { return kv.second.expires_ms <= now_ms; });
    for (auto it = by_sitting_.begin(); it != by_sitting_.end();) {
        std::erase_if(it->second, [&](const std::string& k) { return !by_hash_.count(k); });
        it = it->second.empty() ? by_sitting_.erase(it) : std::next(it);
    }
    return n;
}

}  // namespace tanu::server
