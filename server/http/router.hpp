#pragma once
// The route table: method, path with {params}, who may call it, its body limit
// and its handler. The router owns matching, 404, 405 with Allow, the body limit
// (asked from the header, before the body is read), authentication, the roles,
// and the one catch that turns any refusal into `{"error", "message"}`.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "server/accounts/principal.hpp"
#include "server/accounts/role.hpp"
#include "server/http/message.hpp"
#include "server/http/ws.hpp"
#include "server/platform/logger.hpp"

namespace tanu::server {

// Who may call a route.
struct access {
    enum class mode { open, optional, signed_in };
    mode how = mode::signed_in;
    role_set roles;  // signed_in: empty means any account

    static access open() { return {mode::open, {}}; }
    // Open, but a valid bearer token makes the caller known (an invalid one is ignored).
    static access optional() { return {mode::optional, {}}; }
    static access signed_in() { return {mode::signed_in, {}}; }
    static access only(role_set rs) { return {mode::signed_in, rs}; }
    std::string describe() const;  // "anyone", "any account", "admin, commission"
};

// One request as a handler sees it.
struct call {
    const request& req;
    std::string client;  // the client's address (behind a trusted proxy, the one it forwarded)
    std::string query;   // after '?', raw
    std::vector<std::string> params;  // the {params} of the path, in order, percent-decoded
    std::optional<principal> who;     // set on signed-in routes (and optional ones with a valid token)
    bool tls = false;                 // WebSocket upgrades: the connection is TLS (for the Origin check)

    const principal& user() const;                   // the caller; unauthorized when unknown
    const std::string& param(std::size_t i = 0) const { return params.at(i); }
    std::int64_t id(std::size_t i = 0) const { return parse_id(params.at(i)); }
    std::string query_param(const std::string& name) const { return tanu::server::query_param(query, name); }
};

using handler = std::function<response(const call&)>;

// Admits a WebSocket upgrade: checks who is asking (the route does its own
// authentication: tickets, tokens) and returns the connection's handler;
// throws domain_error to refuse it with a JSON answer.
using ws_admit = std::function<std::shared_ptr<ws_handler>(const call&)>;

// Refuses (forbidden) a WebSocket upgrade sent by a page of another site: a
// browser's Origin must be this server's own or one of `allowed` (config
// http.allowed_origins). Clients that send no Origin are not browsers.
void require_same_origin(const call& c, const std::vector<std::string>& allowed);

// A handler that calls `self->f(c)`: `r.get(path, who, member(this, &x::f))`.
template <class T>
handler member(T* self, response (T::*f)(const call&)) {
    return [self, f](const call& c) { return (self->*f)(c); };
}

struct route_options {
    std::size_t body_limit = 0;  // 0: the server's default (http.body_limit)
};

class router {
public:
    // Finds the account of a bearer token; throws domain_error unauthorized.
    using authenticator = std::function<principal(const request&)>;

    router(authenticator auth, std::size_t default_body_limit, std::vector<std::string> trusted_proxies, logger& log);

    void add(http::verb method, const std::string& pattern, access who, handler h, route_options opt = {});
    void get(const std::string& p, access a, handler h, route_options o = {}) { add(http::verb::get, p, a, std::move(h), o); }
    void post(const std::string& p, access a, handler h, route_options o = {}) { add(http::verb::post, p, a, std::move(h), o); }
    void put(const std::string& p, access a, handler h, route_options o = {}) { add(http::verb::put, p, a, std::move(h), o); }
    // A WebSocket route (/ws/...): its upgrades go to `admit`.
    void websocket(const std::string& pattern, ws_admit admit);

    // The body limit of the route a request's header names (the default when none).
    std::size_t body_limit(const request& req) const;
    // The largest body any route takes: headers are read under it, then the route's own limit applies.
    std::size_t largest_body_limit() const;
    // Answers a request under /api; never throws.
    response handle(const request& req, const std::string& peer) const;
    // The handler of a WebSocket upgrade, from its route's admit (on a worker:
    // admission reads the database); throws domain_error (not_found without a route).
    std::shared_ptr<ws_handler> admit(const request& req, const std::string& peer, bool tls) const;
    // The client's address: X-Forwarded-For counts only from a trusted proxy.
    std::string client_of(const request& req, const std::string& peer) const;

    struct listed {
        http::verb method;
        std::string pattern;
        std::string who;
        std::size_t body_limit;
    };
    std::vector<listed> list() const;  // by pattern, in the order patterns were first added

private:
    struct route {
        http::verb method;
        access who;
        handler h;
        std::size_t body_limit;
    };
    struct pattern {
        std::string text;
        std::vector<std::string> segments;  // "{x}" for a parameter
        std::vector<route> routes;
        ws_admit ws;  // WebSocket patterns (ws_patterns_) only
    };
    // The most specific of `among` matching the path (literal segments before parameters).
    static const pattern* match(const std::vector<pattern>& among, const std::vector<std::string>& parts,
                                std::vector<std::string>* params);
    const pattern* match(const std::vector<std::string>& parts, std::vector<std::string>* params) const {
        return match(patterns_, parts, params);
    }
    response dispatch(const request& req, const std::string& client) const;

    authenticator auth_;
    std::size_t default_body_limit_;
    std::vector<std::string> trusted_proxies_;
    logger& log_;
    std::vector<pattern> patterns_;
    std::vector<pattern> ws_patterns_;
};

}  // namespace tanu::server
