// The login throttle, the client address behind proxies and the WebSocket
// tickets (server/accounts/auth.hpp), in process with a clock given by the test:
// docs/security.md says what each limit is for.
#include <catch2/catch.hpp>

#include "server/accounts/auth.hpp"

using namespace tanu::server;

namespace {

login_throttle::limits small() {
    login_throttle::limits l;
    l.per_login = 3;
    l.per_address = 10;
    l.window_ms = 60'000;
    l.backoff_max_ms = 8'000;
    return l;
}

}  // namespace

TEST_CASE("the throttle backs off one login from one address, doubling up to its ceiling", "[auth]") {
    login_throttle t(small());
    std::int64_t now = 1'000'000;
    for (int i = 0; i < 3; ++i) REQUIRE(t.begin("ada", "10.0.0.1", now).admitted);  // three failures
    auto a = t.begin("ada", "10.0.0.1", now);
    CHECK_FALSE(a.admitted);
    CHECK(a.retry_after_ms == 1000);
    now += 1000;
    REQUIRE(t.begin("ada", "10.0.0.1", now).admitted);  // the 4th failure
    CHECK(t.begin("ada", "10.0.0.1", now).retry_after_ms == 2000);
    now += 2000;
    REQUIRE(t.begin("ada", "10.0.0.1", now).admitted);
    CHECK(t.begin("ada", "10.0.0.1", now).retry_after_ms == 4000);
    now += 4000;
    REQUIRE(t.begin("ada", "10.0.0.1", now).admitted);
    CHECK(t.begin("ada", "10.0.0.1", now).retry_after_ms == 8000);
    now += 8000;
    REQUIRE(t.begin("ada", "10.0.0.1", now).admitted);
    CHECK(t.begin("ada", "10.0.0.1", now).retry_after_ms == 8000);  // the ceiling
    // Meanwhile the owner, from another address, is never held back.
    CHECK(t.begin("ada", "10.0.0.2", now).admitted);
    // And the failures leave the window.
    CHECK(t.begin("ada", "10.0.0.1", now + 61'000).admitted);
}

TEST_CASE("a success gives its place back and forgets the pair's failures", "[auth]") {
    login_throttle t(small());
    const std::int64_t now = 5'000'000;
    REQUIRE(t.begin("bob", "10.0.0.1", now).admitted);
    REQUIRE(t.begin("bob", "10.0.0.1", now).admitted);
    auto ok = t.begin("bob", "10.0.0.1", now);
    REQUIRE(ok.admitted);
    t.succeeded("bob", "10.0.0.1", ok);
    for (int i = 0; i < 3; ++i) CHECK(t.begin("bob", "10.0.0.1", now).admitted);
}

TEST_CASE("an address is slowed past its own limit, whatever the logins", "[auth]") {
    login_throttle t(small());
    const std::int64_t now = 9'000'000;
    for (int i = 0; i < 10; ++i) REQUIRE(t.begin("user" + std::to_string(i), "10.9.9.9", now).admitted);
    auto a = t.begin("someone-else", "10.9.9.9", now);
    CHECK_FALSE(a.admitted);
    CHECK(a.retry_after_ms == 1000);
    CHECK(t.begin("someone-else", "10.9.9.8", now).admitted);
}

TEST_CASE("X-Forwarded-For is believed only from trusted proxies, right to left", "[auth]") {
    const std::vector<std::string> proxies = {"10.0.0.5", "10.0.0.6"};
    CHECK(client_address("198.51.100.7", "1.2.3.4", proxies) == "198.51.100.7");  // not a proxy: ignored
    CHECK(client_address("198.51.100.7", "1.2.3.4", {}) == "198.51.100.7");
    CHECK(client_address("10.0.0.5", "203.0.113.9", proxies) == "203.0.113.9");
    // The client's own claims stand left of what the proxies appended.
    CHECK(client_address("10.0.0.5", "6.6.6.6, 203.0.113.9, 10.0.0.6", proxies) == "203.0.113.9");
    // No header through a proxy: the proxy's own address.
    CHECK(client_address("10.0.0.5", "", proxies) == "10.0.0.5");
}

TEST_CASE("IPv6 addresses are counted per /64, IPv4-mapped ones as IPv4", "[auth]") {
    CHECK(throttle_bucket("2001:db8:1:2:aaaa::1") == throttle_bucket("2001:db8:1:2:bbbb::2"));
    CHECK(throttle_bucket("2001:db8:1:2::1") != throttle_bucket("2001:db8:1:3::1"));
    CHECK(throttle_bucket("::ffff:192.0.2.1") == throttle_bucket("192.0.2.1"));
    CHECK(throttle_bucket("192.0.2.1") != throttle_bucket("192.0.2.2"));
}

TEST_CASE("a WebSocket ticket opens one sitting once, within its life", "[auth]") {
    ws_tickets t(30'000);
    const std::int64_t now = 100'000;
    auto issued = t.issue({7, 42, "hash"}, now);
    REQUIRE(issued);
    CHECK(issued->second == now + 30'000);
    auto g = t.redeem(issued->first, 42, now + 1000);
    REQUIRE(g);
    CHECK(g->user == 7);
    CHECK_FALSE(t.redeem(issued->first, 42, now + 1000));  // once
    auto other = t.issue({7, 42, "hash"}, now);
    REQUIRE(other);
    CHECK_FALSE(t.redeem(other->first, 43, now));  // another sitting: refused, and burnt
    CHECK_FALSE(t.redeem(other->first, 42, now));
    auto late = t.issue({7, 42, "hash"}, now);
    REQUIRE(late);
    CHECK_FALSE(t.redeem(late->first, 42, now + 30'001));
    CHECK_FALSE(t.redeem("not-a-ticket", 42, now));
}
