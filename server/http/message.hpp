#pragma once
// HTTP messages as the routes see them: the request and response types, JSON
// answers, and what a path or query carries. The one declaration of each.
#include <boost/beast/http.hpp>
#include <cstdint>
#include <string>
#include <string_view>

#include "server/platform/json_map.hpp"

namespace tanu::server {

namespace http = boost::beast::http;
using request = http::request<http::string_body>;
using response = http::response<http::string_body>;

// ASCII letters in lower case (header values, schemes, hosts).
std::string lower_ascii(std::string s);

// `%xx` decoded, `+` as a space.
std::string percent_decode(std::string_view s);

// Query string value by name (percent-decoded); empty when absent.
std::string query_param(std::string_view query, const std::string& name);

// A record id from a path segment; not_found when it is not a plain number.
std::int64_t parse_id(const std::string& s);

response json_response(const request& req, http::status status, const json& body);
response no_content(const request& req);

inline json body_json(const request& req) { return parse_json(req.body()); }
// An empty body is {} (a POST whose fields are all optional).
inline json body_or_empty(const request& req) { return req.body().empty() ? json::object() : body_json(req); }

}  // namespace tanu::server
