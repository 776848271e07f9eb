#include "server/http/router.hpp"

#include <algorithm>

#include "server/accounts/auth.hpp"
#include "server/http/error_status.hpp"
#include "server/platform/domain_error.hpp"

namespace tanu::server {

namespace {

// The path's segments, percent-decoded; empty segments are skipped.
std::vector<std::string> split_path(std::string_view path, bool decode) {
    std::vector<std::string> parts;
    std::size_t i = 0;
    while (i < path.size()) {
        while (i < path.size() && path[i] == '/') ++i;
        std::size_t j = path.find('/', i);
        if (j == std::string_view::npos) j = path.size();
        if (j > i) parts.push_back(decode ? percent_decode(path.substr(i, j - i)) : std::string(path.substr(i, j - i)));
        i = j;
    }
    return parts;
}

bool is_param(const std::string& segment) { return segment.size() > 2 && segment.front() == '{' && segment.back() == '}'; }

std::string_view path_of(const request& req) {
    std::string_view target(req.target());
    return target.substr(0, target.find('?'));
}

}  // namespace

void require_same_origin(const call& c, const std::vector<std::string>& allowed) {
    const auto origin = std::string(c.req[http::field::origin]);
    if (origin.empty()) return;
    const std::string own = std::string(c.tls ? "https://" : "http://") + std::string(c.req[http::field::host]);
    bool ok = lower_ascii(origin) == lower_ascii(own);
    for (const auto& o : allowed) ok = ok || lower_ascii(o) == lower_ascii(origin);
    if (!ok) throw forbidden("cross-site WebSocket refused: origin " + origin + " is not allowed");
}

std::string access::describe() const {
    if (how == mode::open) return "anyone";
    if (how == mode::optional) return "anyone (more for a signed-in reader)";
    if (roles.empty()) return "any account";
    std::string out;
    for (role r : roles.list()) {
        if (!out.empty()) out += ", ";
        out += role_name(r);
    }
    return out;
}

const principal& call::user() const {
    if (!who) throw unauthorized("unauthorized", "log in first: no bearer token");
    return *who;
}

router::router(authenticator auth, std::size_t default_body_limit, std::vector<std::string> trusted_proxies, logger& log)
    : auth_(std::move(auth)),
      default_body_limit_(default_body_limit),
      trusted_proxies_(std::move(trusted_proxies)),
      log_(log) {}

void router::add(http::verb method, const std::string& text, access who, handler h, route_options opt) {
    auto segments = split_path(text, false);
    auto it = std::find_if(patterns_.begin(), patterns_.end(), [&](const pattern& p) { return p.segments == segments; });
    if (it == patterns_.end()) {
        patterns_.push_back({text, segments, {}, {}});
        it = patterns_.end() - 1;
    }
    for (const auto& r : it->routes)
        if (r.method == method) throw std::logic_error("route added twice: " + text);
    it->routes.push_back({method, who, std::move(h), opt.body_limit ? opt.body_limit : default_body_limit_});
}

void router::websocket(const std::string& text, ws_admit admit) {
    auto segments = split_path(text, false);
    for (const auto& p : ws_patterns_)
        if (p.segments == segments) throw std::logic_error("WebSocket route added twice: " + text);
    ws_patterns_.push_back({text, segments, {}, std::move(admit)});
}

std::shared_ptr<ws_handler> router::admit(const request& req, const std::string& peer, bool tls) const {
    std::vector<std::string> params;
    const auto* p = match(ws_patterns_, split_path(path_of(req), true), &params);
    if (!p) throw not_found("no such route");
    std::string_view target(req.target());
    const auto q = target.find('?');
    call c{req, client_of(req, peer), q == std::string_view::npos ? std::string() : std::string(target.substr(q + 1)),
           std::move(params), std::nullopt, tls};
    return p->ws(c);
}

const router::pattern* router::match(const std::vector<pattern>& among, const std::vector<std::string>& parts,
                                     std::vector<std::string>* params) {
    const pattern* best = nullptr;
    for (const auto& p : among) {
        if (p.segments.size() != parts.size()) continue;
        bool ok = true;
        for (std::size_t i = 0; i < parts.size() && ok; ++i) ok = is_param(p.segments[i]) || p.segments[i] == parts[i];
        if (!ok) continue;
        if (!best) {
            best = &p;
            continue;
        }
        // At the first segment where they differ, a literal beats a parameter.
        for (std::size_t i = 0; i < parts.size(); ++i) {
            const bool a = is_param(p.segments[i]), b = is_param(best->segments[i]);
            if (a == b) continue;
            if (!a) best = &p;
            break;
        }
    }
    if (best && params) {
        params->clear();
        for (std::size_t i = 0; i < parts.size(); ++i)
            if (is_param(best->segments[i])) params->push_back(parts[i]);
    }
    return best;
}

std::size_t router::body_limit(const request& req) const {
    const auto* p = match(split_path(path_of(req), true), nullptr);
    if (!p) return default_body_limit_;
    for (const auto& r : p->routes)
        if (r.method == req.method()) return r.body_limit;
    return default_body_limit_;
}

std::size_t router::largest_body_limit() const {
    std::size_t largest = default_body_limit_;
    for (const auto& p : patterns_)
        for (const auto& r : p.routes) largest = std::max(largest, r.body_limit);
    return largest;
}

std::string router::client_of(const request& req, const std::string& peer) const {
    if (trusted_proxies_.empty()) return peer;
    std::string forwarded;  // every X-Forwarded-For header, in order, as one list
    for (auto [it, end] = req.equal_range("X-Forwarded-For"); it != end; ++it) {
        if (!forwarded.empty()) forwarded += ',';
        forwarded += std::string(it->value());
    }
    return client_address(peer, forwarded, trusted_proxies_);
}

response router::handle(const request& req, const std::string& peer) const {
    try {
        return dispatch(req, client_of(req, peer));
    } catch (const domain_error& e) {
        return error_response(req, e);
    } catch (const std::exception& e) {
        log_.error("http", std::string(req.method_string()) + " " + std::string(req.target()) + ": " + e.what());
        return error_response(req, internal_error());
    }
}

response router::dispatch(const request& req, const std::string& client) const {
    std::vector<std::string> params;
    const auto* p = match(split_path(path_of(req), true), &params);
    if (!p) throw not_found("no such route");
    const route* r = nullptr;
    for (const auto& candidate : p->routes)
        if (candidate.method == req.method()) r = &candidate;
    if (!r) {
        std::string allow;
        for (const auto& candidate : p->routes) {
            if (!allow.empty()) allow += ", ";
            allow += std::string(http::to_string(candidate.method));
        }
        auto res = error_response(req, http::status::method_not_allowed, "method_not_allowed",
                                  "this route does not take " + std::string(req.method_string()) + " (it takes " +
                                      allow + ")");
        res.set(http::field::allow, allow);
        return res;
    }
    std::string_view target(req.target());
    const auto q = target.find('?');
    call c{req, client, q == std::string_view::npos ? std::string() : std::string(target.substr(q + 1)),
           std::move(params), std::nullopt};
    if (r->who.how == access::mode::signed_in) {
        c.who = auth_(req);
        if (!r->who.roles.empty() && !c.who->roles().intersects(r->who.roles)) throw forbidden();
    } else if (r->who.how == access::mode::optional && !req[http::field::authorization].empty()) {
        try {
            c.who = auth_(req);
        } catch (const domain_error&) {
            // an invalid token on an open route: answered as to anyone
        }
    }
    return r->h(c);
}

std::vector<router::listed> router::list() const {
    std::vector<listed> out;
    for (const auto& p : patterns_)
        for (const auto& r : p.routes) out.push_back({r.method, p.text, r.who.describe(), r.body_limit});
    return out;
}

}  // namespace tanu::server
