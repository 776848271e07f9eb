#pragma once
// SMS through the centre's gateway (W9; X14: a candidate without e-mail is
// told too): one HTTP POST of JSON to a configurable endpoint, the gateway's
// own id kept for its delivery receipt (POST /api/sms/receipts). The gateway
// is outside our reach: tests run a local one on loopback.
#include <string>

#include "server/outbox/mail_transport.hpp"

namespace tanu::server {

struct sms_message {
    std::string to;         // +7XXXXXXXXXX
    std::string text;       // UTF-8
    std::string reference;  // ours, "notice-42": the gateway may dedupe on it
};

struct sms_settings {
    std::string url;    // https://gateway/api/send (http:// for loopback tests)
    std::string token;  // sent as Authorization: Bearer
    std::string sender; // the sender name the gateway shows
    int timeout_s = 10;
    std::string ca_file;
};

class sms_transport {
public:
    virtual ~sms_transport() = default;
    // Sends and returns the gateway's id of the message; throws mail_error
    // (permanent: a 4xx answer other than 408/429, or a malformed number; else
    // the outbox retries).
    virtual std::string send(const sms_message& m) = 0;
};

// POST url {"to", "text", "sender", "reference"} → 2xx {"id": "..."} (libcurl).
class http_sms_transport final : public sms_transport {
public:
    // Throws std::invalid_argument when the url is not http(s):// or timeout_s is not positive.
    explicit http_sms_transport(sms_settings s);
    std::string send(const sms_message& m) override;

private:
    sms_settings settings_;
};

// A mobile number as the gateway takes it: +7 and ten digits (spaces, dashes,
// brackets dropped; a leading 8 becomes +7); '' when it is not one.
std::string normalise_mobile(const std::string& phone);

}  // namespace tanu::server
