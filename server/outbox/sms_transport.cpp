#include "server/outbox/sms_transport.hpp"

#include <nlohmann/json.hpp>

#include "server/outbox/http_json.hpp"

namespace tanu::server {

namespace {

[[noreturn]] void fail(const std::string& what, bool permanent) {
    mail_error e(what);
    e.permanent = permanent;
    throw e;
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
    check_endpoint({settings_.url, settings_.token, settings_.timeout_s, settings_.ca_file}, "sms");
}

std::string http_sms_transport::send(const sms_message& m) {
    const auto to = normalise_mobile(m.to);
    if (to.empty()) fail("sms: '" + m.to + "' is not a mobile number", true);
    const std::string body =
        nlohmann::json{{"to", to}, {"text", m.text}, {"sender", settings_.sender}, {"reference", m.reference}}.dump();
    const auto answer = post_json({settings_.url, settings_.token, settings_.timeout_s, settings_.ca_file}, body, "sms");
    if (answer.status < 200 || answer.status > 299)
        fail("sms: the gateway answered HTTP " + std::to_string(answer.status) + ": " + answer.body.substr(0, 200),
             permanent_refusal(answer.status));
    auto j = nlohmann::json::parse(answer.body, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("id") || !(j["id"].is_string() || j["id"].is_number_integer()))
        fail("sms: the gateway's answer has no id: " + answer.body.substr(0, 200), false);
    return j["id"].is_string() ? j["id"].get<std::string>() : std::to_string(j["id"].get<long long>());
}

}  // namespace tanu::server
