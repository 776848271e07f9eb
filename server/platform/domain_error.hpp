#pragma once
// The one family of refusals. Domain code throws domain_error with a kind and a
// machine code; it never names an HTTP status. One table turns a kind into a
// status (server/http/error_status.hpp); the WebSocket turns the same error into
// an `error` frame with the same code.
#include <cstdint>
#include <stdexcept>
#include <string>

namespace tanu::server {

enum class error_kind {
    bad_request,         // malformed: not JSON, a field of the wrong type
    unauthorized,        // no valid credentials
    forbidden,           // signed in, not allowed
    not_found,           // no such record or route
    method_not_allowed,  // the route exists, not with this method
    conflict,            // the request is valid but the record's state refuses it
    unsupported_media,   // a body type the route does not take
    unprocessable,       // well-formed but a value is refused
    too_large,           // over a size limit
    too_many,            // over a rate limit; retry_after_s says when to try again
    unavailable,         // busy or stopping
    internal,            // our fault, logged
};

struct domain_error : std::runtime_error {
    domain_error(error_kind k, std::string c, const std::string& message)
        : std::runtime_error(message), kind(k), code(std::move(c)) {}
    error_kind kind;
    std::string code;
    std::int64_t retry_after_s = 0;  // too_many: seconds until a try is admitted again
};

inline domain_error bad_request(const std::string& m) { return {error_kind::bad_request, "bad_request", m}; }
inline domain_error not_found(const std::string& m = "not found") { return {error_kind::not_found, "not_found", m}; }
inline domain_error forbidden(const std::string& m = "not allowed for this account") {
    return {error_kind::forbidden, "forbidden", m};
}
inline domain_error unprocessable(const std::string& m) { return {error_kind::unprocessable, "validation_failed", m}; }
inline domain_error conflict(std::string code, const std::string& m) { return {error_kind::conflict, std::move(code), m}; }
inline domain_error unauthorized(std::string code, const std::string& m) {
    return {error_kind::unauthorized, std::move(code), m};
}
inline domain_error internal_error() {
    return {error_kind::internal, "internal", "internal error; it has been logged"};
}

}  // namespace tanu::server
