#pragma once
// One JSON POST to a system outside our reach (the SMS gateway, the national
// qualifications platform), through libcurl: the adapters' common wire.
#include <string>

#include "server/outbox/mail_transport.hpp"

namespace tanu::server {

struct http_endpoint {
    std::string url;    // https:// (http:// for loopback tests)
    std::string token;  // sent as Authorization: Bearer when not empty
    int timeout_s = 10;
    std::string ca_file;
};

struct http_answer {
    long status = 0;
    std::string body;  // at most 64 KiB
};

// Throws std::invalid_argument for a url that is not http(s):// or a timeout that is not positive.
void check_endpoint(const http_endpoint& e, const std::string& what);

// POSTs `json_body`; returns the answer whatever its status. Throws mail_error
// (temporary) when no answer came: refused, timed out, a broken connection.
http_answer post_json(const http_endpoint& e, const std::string& json_body, const std::string& what);

// A status that trying again will not change: 4xx other than 408 and 429.
inline bool permanent_refusal(long status) { return status >= 400 && status < 500 && status != 408 && status != 429; }

}  // namespace tanu::server
