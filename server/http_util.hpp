#pragma once
// Small helpers shared by the route handlers (api.cpp, procedure_service.cpp).
#include <boost/beast/http.hpp>
#include <cstdint>
#include <initializer_list>
#include <string>

#include "server/api_error.hpp"
#include "server/json_map.hpp"
#include "server/store.hpp"

namespace tanu::server {

namespace http = boost::beast::http;
using request = http::request<http::string_body>;
using response = http::response<http::string_body>;

inline std::int64_t parse_id(const std::string& s) {
    if (s.empty() || s.size() > 18 || s.find_first_not_of("0123456789") != std::string::npos)
        throw not_found("no such record");
    return std::stoll(s);
}

inline response json_response(const request& req, http::status status, const json& body) {
    response res{status, req.version()};
    res.set(http::field::content_type, "application/json; charset=utf-8");
    res.set(http::field::cache_control, "no-store");
    res.keep_alive(req.keep_alive());
    res.body() = body.dump(-1, ' ', false, json::error_handler_t::replace);
    res.prepare_payload();
    return res;
}

inline response no_content(const request& req) {
    response res{http::status::no_content, req.version()};
    res.keep_alive(req.keep_alive());
    res.prepare_payload();
    return res;
}

inline void require_method(const request& req, http::verb allowed) {
    if (req.method() != allowed)
        throw api_error(405, "method_not_allowed", "this route does not take " + std::string(req.method_string()));
}

inline void require_role(const principal& p, std::initializer_list<const char*> roles) {
    for (const char* r : roles)
        if (p.role == r) return;
    throw forbidden();
}

// Query string value by name (percent-decoded); empty when absent (api.cpp).
std::string query_param(const std::string& query, const std::string& name);

inline json body_json(const request& req) { return parse_json(req.body()); }


}  // namespace tanu::server
