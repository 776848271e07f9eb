#pragma once
#include <stdexcept>
#include <string>

namespace tanu::server {

// A refusal with its HTTP status and machine code; one catch per request (or per
// WebSocket message) turns it into `{"error", "message"}`.
struct api_error : std::runtime_error {
    api_error(int status, std::string code, const std::string& message)
        : std::runtime_error(message), status_(status), code_(std::move(code)) {}
    int status_;
    std::string code_;
};

inline api_error bad_request(const std::string& m) { return {400, "bad_request", m}; }
inline api_error not_found(const std::string& m = "not found") { return {404, "not_found", m}; }
inline api_error forbidden(const std::string& m = "not allowed for this account") { return {403, "forbidden", m}; }
inline api_error unprocessable(const std::string& m) { return {422, "validation_failed", m}; }

}  // namespace tanu::server
