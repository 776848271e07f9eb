#include "server/http/error_status.hpp"

namespace tanu::server {

http::status http_status(error_kind kind) {
    switch (kind) {
        case error_kind::bad_request: return http::status::bad_request;
        case error_kind::unauthorized: return http::status::unauthorized;
        case error_kind::forbidden: return http::status::forbidden;
        case error_kind::not_found: return http::status::not_found;
        case error_kind::method_not_allowed: return http::status::method_not_allowed;
        case error_kind::conflict: return http::status::conflict;
        case error_kind::unsupported_media: return http::status::unsupported_media_type;
        case error_kind::unprocessable: return http::status::unprocessable_entity;
        case error_kind::too_large: return http::status::payload_too_large;
        case error_kind::too_many: return http::status::too_many_requests;
        case error_kind::unavailable: return http::status::service_unavailable;
        case error_kind::internal: return http::status::internal_server_error;
    }
    return http::status::internal_server_error;
}

response error_response(const request& req, http::status status, const std::string& code, const std::string& message) {
    return json_response(req, status, {{"error", code}, {"message", message}});
}

response error_response(const request& req, const domain_error& e) {
    json body = {{"error", e.code}, {"message", e.what()}};
    if (e.kind == error_kind::too_many && e.retry_after_s > 0) body["retry_after_s"] = e.retry_after_s;
    auto res = json_response(req, http_status(e.kind), body);
    if (e.kind == error_kind::too_many && e.retry_after_s > 0)
        res.set(http::field::retry_after, std::to_string(e.retry_after_s));
    return res;
}

}  // namespace tanu::server
