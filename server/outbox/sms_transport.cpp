#include "server/outbox/sms_transport.hpp"

#include <curl/curl.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace tanu::server {

namespace {

struct easy_deleter {
    void operator()(CURL* h) const { curl_easy_cleanup(h); }
};
struct slist_deleter {
    void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

[[noreturn]] void fail(const std::string& what, bool permanent) {
    mail_error e(what);
    e.permanent = permanent;
    throw e;
}

std::size_t collect(char* data, std::size_t size, std::size_t n, void* out) {
    auto* s = static_cast<std::string*>(out);
    if (s->size() + size * n > 64 * 1024) return 0;  // a gateway's answer is small
    s->append(data, size * n);
    return size * n;
}

}  // namespace

std::string normalise_mobile(const std::string& phone) {
    std::string digits;
    for (char c : phone) {
        if (c >= '0' && c <= '9') digits += c;
        else if (c != ' ' && c != '-' && c != '(' && c != ')' && c != '+') return "";
    }
    if (digits.size() == 11 && digits[0] == '8') digits[0] = '7';
    if (digits.size() != 11 || digits[0] != '7') return "";
    return "+" + digits;
}

http_sms_transport::http_sms_transport(sms_settings s) : settings_(std::move(s)) {
    if (settings_.url.rfind("https://", 0) != 0 && settings_.url.rfind("http://", 0) != 0)
        throw std::invalid_argument("sms: the gateway URL must start with https:// or http://");
    if (settings_.timeout_s <= 0) throw std::invalid_argument("sms: timeout_s must be positive");
    mail_global_init();
}

std::string http_sms_transport::send(const sms_message& m) {
    const auto to = normalise_mobile(m.to);
    if (to.empty()) fail("sms: '" + m.to + "' is not a mobile number", true);
    const std::string body =
        nlohmann::json{{"to", to}, {"text", m.text}, {"sender", settings_.sender}, {"reference", m.reference}}.dump();
    std::unique_ptr<CURL, easy_deleter> h(curl_easy_init());
    if (!h) fail("sms: curl_easy_init failed", false);
    CURL* c = h.get();
    std::unique_ptr<curl_slist, slist_deleter> headers(curl_slist_append(nullptr, "Content-Type: application/json"));
    if (!settings_.token.empty())
        headers.reset(curl_slist_append(headers.release(), ("Authorization: Bearer " + settings_.token).c_str()));
    std::string answer;
    char error_buffer[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error_buffer);
    curl_easy_setopt(c, CURLOPT_URL, settings_.url.c_str());
#if LIBCURL_VERSION_NUM >= 0x075500
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
#else
    curl_easy_setopt(c, CURLOPT_PROTOCOLS, static_cast<long>(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(settings_.timeout_s));
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, static_cast<long>(settings_.timeout_s));
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &collect);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, static_cast<void*>(&answer));
    if (!settings_.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, settings_.ca_file.c_str());
    const CURLcode rc = curl_easy_perform(c);
    if (rc != CURLE_OK)
        fail(std::string("sms: the gateway did not answer: ") + curl_easy_strerror(rc) +
                 (error_buffer[0] ? std::string(" (") + error_buffer + ")" : std::string()),
             false);
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    if (status < 200 || status > 299) {
        const bool permanent = status >= 400 && status < 500 && status != 408 && status != 429;
        fail("sms: the gateway answered HTTP " + std::to_string(status) + ": " + answer.substr(0, 200), permanent);
    }
    auto j = nlohmann::json::parse(answer, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("id") || !(j["id"].is_string() || j["id"].is_number_integer()))
        fail("sms: the gateway's answer has no id: " + answer.substr(0, 200), false);
    return j["id"].is_string() ? j["id"].get<std::string>() : std::to_string(j["id"].get<long long>());
}

}  // namespace tanu::server
