#include "server/outbox/http_json.hpp"

#include <curl/curl.h>

#include <memory>
#include <stdexcept>

namespace tanu::server {

namespace {

struct easy_deleter {
    void operator()(CURL* h) const { curl_easy_cleanup(h); }
};
struct slist_deleter {
    void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

std::size_t collect(char* data, std::size_t size, std::size_t n, void* out) {
    auto* s = static_cast<std::string*>(out);
    if (s->size() + size * n > 64 * 1024) return 0;  // an answer of these systems is small
    s->append(data, size * n);
    return size * n;
}

}  // namespace

void check_endpoint(const http_endpoint& e, const std::string& what) {
    if (e.url.rfind("https://", 0) != 0 && e.url.rfind("http://", 0) != 0)
        throw std::invalid_argument(what + ": the URL must start with https:// or http://");
    if (e.timeout_s <= 0) throw std::invalid_argument(what + ": timeout_s must be positive");
    mail_global_init();
}

http_answer post_json(const http_endpoint& e, const std::string& json_body, const std::string& what) {
    std::unique_ptr<CURL, easy_deleter> h(curl_easy_init());
    if (!h) {
        mail_error err(what + ": curl_easy_init failed");
        throw err;
    }
    CURL* c = h.get();
    std::unique_ptr<curl_slist, slist_deleter> headers(curl_slist_append(nullptr, "Content-Type: application/json"));
    if (!e.token.empty()) headers.reset(curl_slist_append(headers.release(), ("Authorization: Bearer " + e.token).c_str()));
    http_answer out;
    char error_buffer[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error_buffer);
    curl_easy_setopt(c, CURLOPT_URL, e.url.c_str());
#if LIBCURL_VERSION_NUM >= 0x075500
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
#else
    curl_easy_setopt(c, CURLOPT_PROTOCOLS, static_cast<long>(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(e.timeout_s));
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, static_cast<long>(e.timeout_s));
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, json_body.c_str());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(json_body.size()));
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &collect);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, static_cast<void*>(&out.body));
    if (!e.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, e.ca_file.c_str());
    const CURLcode rc = curl_easy_perform(c);
    if (rc != CURLE_OK) {
        mail_error err(what + ": no answer from " + e.url + ": " + curl_easy_strerror(rc) +
                       (error_buffer[0] ? std::string(" (") + error_buffer + ")" : std::string()));
        throw err;
    }
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &out.status);
    return out;
}

}  // namespace tanu::server
