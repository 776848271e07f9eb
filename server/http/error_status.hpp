#pragma once
// The one table from an error's kind to its HTTP status, and the error body
// `{"error": code, "message"}` every refusal carries.
#include "server/http/message.hpp"
#include "server/platform/domain_error.hpp"

namespace tanu::server {

http::status http_status(error_kind kind);

response error_response(const request& req, http::status status, const std::string& code, const std::string& message);
// The refusal for `e`: its kind's status; too_many adds Retry-After and `retry_after_s`.
response error_response(const request& req, const domain_error& e);

}  // namespace tanu::server
