#include "server/platform/config.hpp"

#include "exam/common/calendar.hpp"
#include "exam/common/date.hpp"
#include "exam/recognition/scheduling.hpp"

#include <boost/asio/ip/address.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

namespace tanu::server {

using nlohmann::json;

namespace {

void only_keys(const json& j, const std::string& where, std::set<std::string> keys) {
    if (!j.is_object()) throw config_error(where + " must be an object");
    for (auto it = j.begin(); it != j.end(); ++it)
        if (!keys.count(it.key())) throw config_error("unknown config key " + where + "." + it.key());
}

template <class T>
void read_int(const json& j, const char* key, T& out, long long lo, long long hi, const std::string& where) {
    if (!j.contains(key)) return;
    const auto& v = j.at(key);
    if (!v.is_number_integer()) throw config_error(where + "." + key + " must be an integer");
    long long x = v.get<long long>();
    if (x < lo || x > hi)
        throw config_error(where + "." + key + " must be between " + std::to_string(lo) + " and " + std::to_string(hi));
    out = static_cast<T>(x);
}

std::string read_string(const json& j, const char* key, const std::string& where) {
    const auto& v = j.at(key);
    if (!v.is_string()) throw config_error(where + "." + key + " must be a string");
    return v.get<std::string>();
}

// proctor.media: what the exam page sends on its link (config.hpp, media_config).
void read_media(const json& m, media_config& out) {
    const std::string where = "proctor.media";
    only_keys(m, where, {"levels", "audio_window_ms", "check_every_ms", "check_ms", "ack"});
    if (m.contains("levels")) {
        const auto& ls = m["levels"];
        if (!ls.is_array() || ls.empty() || ls.size() > 8)
            throw config_error(where + ".levels must be an array of 1 to 8 {w, h, every_ms}");
        std::vector<media_level> levels;
        for (const auto& l : ls) {
            only_keys(l, where + ".levels[]", {"w", "h", "every_ms"});
            if (!l.contains("w") || !l.contains("h") || !l.contains("every_ms"))
                throw config_error(where + ".levels[] needs w, h and every_ms");
            media_level v;
            read_int(l, "w", v.w, 160, 1920, where + ".levels[]");
            read_int(l, "h", v.h, 120, 1080, where + ".levels[]");
            read_int(l, "every_ms", v.every_ms, 500, 60000, where + ".levels[]");
            levels.push_back(v);
        }
        out.levels = std::move(levels);
    }
    read_int(m, "audio_window_ms", out.audio_window_ms, 50, 1000, where);
    read_int(m, "check_every_ms", out.check_every_ms, 100, 3600000, where);
    read_int(m, "check_ms", out.check_ms, 250, 4000, where);
    // A check sample carries at most 64 windows (the 0x04 message's n).
    if (out.check_ms / out.audio_window_ms > 64 || out.check_ms < out.audio_window_ms)
        throw config_error(where + ".check_ms must be 1 to 64 audio windows");
    if (m.contains("ack")) {
        if (!m["ack"].is_boolean()) throw config_error(where + ".ack must be true or false");
        out.ack = m["ack"].get<bool>();
    }
}

}  // namespace

void apply_listen(server_config& cfg, const std::string& listen) {
    auto colon = listen.rfind(':');
    if (colon == std::string::npos || colon == 0) throw config_error("listen must be HOST:PORT, got '" + listen + "'");
    std::string host = listen.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    std::string port = listen.substr(colon + 1);
    if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos ||
        std::stoi(port) > 65535)
        throw config_error("listen port must be 0..65535, got '" + port + "'");
    boost::system::error_code ec;
    boost::asio::ip::make_address(host, ec);
    if (ec && host != "localhost") throw config_error("listen host must be an IP address, got '" + host + "'");
    cfg.host = host == "localhost" ? "127.0.0.1" : host;
    cfg.port = static_cast<std::uint16_t>(std::stoi(port));
}

bool is_loopback(const std::string& host) {
    boost::system::error_code ec;
    auto a = boost::asio::ip::make_address(host, ec);
    return !ec && a.is_loopback();
}

void apply_config_file(server_config& cfg, const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) throw config_error("cannot read config file " + file.string());
    json j = json::parse(in, nullptr, false);
    if (j.is_discarded()) throw config_error("config file " + file.string() + " is not valid JSON");
    only_keys(j, "config",
              {"listen", "tls", "allowed_origins", "auth", "ws", "http", "db", "web_root", "workers", "proctor", "centre",
               "mail", "sms", "platform", "applications", "scheduling", "clock_start"});
    if (j.contains("centre")) {
        const auto& c = j["centre"];
        only_keys(c, "centre", {"name", "number", "head", "public_url", "document_valid_years"});
        if (c.contains("name")) {
            if (c["name"].is_object()) {
                only_keys(c["name"], "centre.name", {"kk", "ru"});
                if (!c["name"].contains("kk") || !c["name"].contains("ru"))
                    throw config_error("centre.name is one string or {\"kk\": ..., \"ru\": ...} with both");
                cfg.centre.name_kk = read_string(c["name"], "kk", "centre.name");
                cfg.centre.name_ru = read_string(c["name"], "ru", "centre.name");
            } else {
                cfg.centre.name_kk = cfg.centre.name_ru = read_string(c, "name", "centre");
            }
            if (cfg.centre.name_kk.empty() || cfg.centre.name_ru.empty()) throw config_error("centre.name must not be empty");
        }
        if (c.contains("head")) cfg.centre.head = read_string(c, "head", "centre");
        if (c.contains("public_url")) cfg.centre.public_url = read_string(c, "public_url", "centre");
        read_int(c, "number", cfg.centre.number, 1, 9999, "centre");
        read_int(c, "document_valid_years", cfg.centre.document_valid_years, 1, 50, "centre");
    }
    if (j.contains("applications")) {
        const auto& a = j["applications"];
        only_keys(a, "applications", {"max_attachment_bytes", "max_attachments", "register_per_hour"});
        read_int(a, "max_attachment_bytes", cfg.applications.max_attachment_bytes, 1024, 100LL * 1024 * 1024, "applications");
        read_int(a, "max_attachments", cfg.applications.max_attachments, 1, 20, "applications");
        read_int(a, "register_per_hour", cfg.applications.register_per_hour, 1, 100000, "applications");
    }
    if (j.contains("sms")) {
        const auto& a = j["sms"];
        only_keys(a, "sms", {"gateway_url", "token", "sender", "receipt_token", "timeout_s"});
        if (a.contains("gateway_url")) cfg.sms.gateway_url = read_string(a, "gateway_url", "sms");
        if (a.contains("token")) cfg.sms.token = read_string(a, "token", "sms");
        if (a.contains("sender")) cfg.sms.sender = read_string(a, "sender", "sms");
        if (a.contains("receipt_token")) cfg.sms.receipt_token = read_string(a, "receipt_token", "sms");
        read_int(a, "timeout_s", cfg.sms.timeout_s, 1, 120, "sms");
        const auto& u = cfg.sms.gateway_url;
        if (!u.empty() && u.rfind("https://", 0) != 0 && u.rfind("http://", 0) != 0)
            throw config_error("sms.gateway_url must be an https:// (or http://) address");
        if (!cfg.sms.receipt_token.empty() && cfg.sms.receipt_token.size() < 16)
            throw config_error("sms.receipt_token must be at least 16 characters");
    }
    if (j.contains("platform")) {
        const auto& a = j["platform"];
        only_keys(a, "platform", {"url", "token", "timeout_s"});
        if (a.contains("url")) cfg.nqs.url = read_string(a, "url", "platform");
        if (a.contains("token")) cfg.nqs.token = read_string(a, "token", "platform");
        read_int(a, "timeout_s", cfg.nqs.timeout_s, 1, 120, "platform");
        const auto& u = cfg.nqs.url;
        if (!u.empty() && u.rfind("https://", 0) != 0 && u.rfind("http://", 0) != 0)
            throw config_error("platform.url must be an https:// (or http://) address");
    }
    if (j.contains("scheduling")) {
        const auto& a = j["scheduling"];
        only_keys(a, "scheduling", {"gap_rule", "early_minutes", "late_minutes", "sick_leave_proof_days",
                                                "connection_limit_s", "connection_credit_s"});
        if (a.contains("gap_rule")) cfg.scheduling.gap_rule = read_string(a, "gap_rule", "scheduling");
        if (!exam::parse_gap_rule(cfg.scheduling.gap_rule))
            throw config_error("scheduling.gap_rule must be \"strict\" or \"inclusive\" (seed 002 p.6)");
        read_int(a, "early_minutes", cfg.scheduling.early_minutes, 0, 24 * 60, "scheduling");
        read_int(a, "late_minutes", cfg.scheduling.late_minutes, 1, 24 * 60, "scheduling");
        read_int(a, "sick_leave_proof_days", cfg.scheduling.sick_leave_proof_days, 1, 60, "scheduling");
        read_int(a, "connection_limit_s", cfg.scheduling.connection_limit_s, 0, 3600, "scheduling");
        read_int(a, "connection_credit_s", cfg.scheduling.connection_credit_s, 0, 4 * 3600, "scheduling");
    }
    if (j.contains("mail")) {
        const auto& m = j["mail"];
        only_keys(m, "mail", {"transport", "from", "smtp_url", "smtp_starttls", "smtp_username", "smtp_password",
                              "retry_max_s"});
        if (m.contains("transport")) cfg.mail.transport = read_string(m, "transport", "mail");
        if (cfg.mail.transport != "maildrop" && cfg.mail.transport != "smtp")
            throw config_error("mail.transport must be \"maildrop\" or \"smtp\"");
        if (m.contains("from")) cfg.mail.from = read_string(m, "from", "mail");
        if (m.contains("smtp_url")) cfg.mail.smtp_url = read_string(m, "smtp_url", "mail");
        if (m.contains("smtp_username")) cfg.mail.smtp_username = read_string(m, "smtp_username", "mail");
        if (m.contains("smtp_password")) cfg.mail.smtp_password = read_string(m, "smtp_password", "mail");
        if (m.contains("smtp_starttls")) {
            if (!m["smtp_starttls"].is_boolean()) throw config_error("mail.smtp_starttls must be true or false");
            cfg.mail.smtp_starttls = m["smtp_starttls"].get<bool>();
        }
        read_int(m, "retry_max_s", cfg.mail.retry_max_s, 10, 86400, "mail");
        if (cfg.mail.transport == "smtp" && cfg.mail.smtp_url.empty())
            throw config_error("mail.transport \"smtp\" needs mail.smtp_url");
    }
    if (j.contains("clock_start")) {
        cfg.clock_start = read_string(j, "clock_start", "config");
        if (!parse_instant_ms(cfg.clock_start))
            throw config_error("clock_start must be an instant like 2026-03-20T10:00:00+05:00");
    }
    if (j.contains("listen")) apply_listen(cfg, read_string(j, "listen", "config"));
    if (j.contains("tls")) {
        const auto& t = j["tls"];
        only_keys(t, "tls", {"cert", "key"});
        if (t.contains("cert") != t.contains("key")) throw config_error("tls needs both cert and key");
        if (t.contains("cert")) {
            cfg.cert = read_string(t, "cert", "tls");
            cfg.key = read_string(t, "key", "tls");
        }
    }
    if (j.contains("allowed_origins")) {
        const auto& o = j["allowed_origins"];
        if (!o.is_array()) throw config_error("allowed_origins must be an array of strings");
        for (const auto& s : o) {
            if (!s.is_string()) throw config_error("allowed_origins must be an array of strings");
            cfg.allowed_origins.push_back(s.get<std::string>());
        }
    }
    if (j.contains("web_root")) cfg.web_root = read_string(j, "web_root", "config");
    read_int(j, "workers", cfg.workers, 1, 64, "config");
    if (j.contains("auth")) {
        const auto& a = j["auth"];
        only_keys(a, "auth", {"token_hours", "argon2_ops", "argon2_mem_kib", "max_failures_per_login",
                              "max_failures_per_address", "failure_window_s", "backoff_max_s", "trusted_proxies",
                              "ws_ticket_s", "token_purge_s"});
        read_int(a, "token_hours", cfg.auth.token_hours, 1, 24 * 30, "auth");
        read_int(a, "argon2_ops", cfg.auth.argon2.ops, 1, 100, "auth");
        read_int(a, "argon2_mem_kib", cfg.auth.argon2.mem_kib, 8, 4 * 1024 * 1024, "auth");
        read_int(a, "max_failures_per_login", cfg.auth.max_failures_per_login, 1, 1000, "auth");
        read_int(a, "max_failures_per_address", cfg.auth.max_failures_per_address, 1, 100000, "auth");
        read_int(a, "failure_window_s", cfg.auth.failure_window_s, 1, 86400, "auth");
        read_int(a, "backoff_max_s", cfg.auth.backoff_max_s, 1, 86400, "auth");
        read_int(a, "ws_ticket_s", cfg.auth.ws_ticket_s, 5, 600, "auth");
        read_int(a, "token_purge_s", cfg.auth.token_purge_s, 1, 86400, "auth");
        if (a.contains("trusted_proxies")) {
            const auto& t = a["trusted_proxies"];
            if (!t.is_array()) throw config_error("auth.trusted_proxies must be an array of IP addresses");
            for (const auto& s : t) {
                boost::system::error_code ec;
                if (!s.is_string()) throw config_error("auth.trusted_proxies must be an array of IP addresses");
                auto addr = boost::asio::ip::make_address(s.get<std::string>(), ec);
                if (ec) throw config_error("auth.trusted_proxies: '" + s.get<std::string>() + "' is not an IP address");
                cfg.auth.trusted_proxies.push_back(addr.to_string());
            }
        }
    }
    if (j.contains("ws")) {
        const auto& w = j["ws"];
        only_keys(w, "ws", {"idle_timeout_s", "time_message_s", "max_text", "max_binary", "max_queue", "max_queue_bytes",
                            "max_sockets_per_sitting", "max_events_per_minute"});
        read_int(w, "idle_timeout_s", cfg.ws.idle_timeout_s, 1, 3600, "ws");
        read_int(w, "time_message_s", cfg.ws.time_message_s, 1, 3600, "ws");
        read_int(w, "max_text", cfg.ws.max_text, 1024, 1024 * 1024, "ws");
        read_int(w, "max_binary", cfg.ws.max_binary, 1024, 4 * 1024 * 1024, "ws");
        read_int(w, "max_queue", cfg.ws.max_queue, 4, 4096, "ws");
        read_int(w, "max_queue_bytes", cfg.ws.max_queue_bytes, 64 * 1024, 256 * 1024 * 1024, "ws");
        read_int(w, "max_sockets_per_sitting", cfg.ws.max_sockets_per_sitting, 1, 64, "ws");
        read_int(w, "max_events_per_minute", cfg.ws.max_events_per_minute, 1, 100000, "ws");
    }
    if (j.contains("http")) {
        const auto& h = j["http"];
        only_keys(h, "http", {"body_limit", "import_body_limit", "read_timeout_s", "max_connections_per_address"});
        read_int(h, "body_limit", cfg.http.body_limit, 1024, 64 * 1024 * 1024, "http");
        read_int(h, "import_body_limit", cfg.http.import_body_limit, 1024, 256 * 1024 * 1024, "http");
        read_int(h, "read_timeout_s", cfg.http.read_timeout_s, 1, 3600, "http");
        read_int(h, "max_connections_per_address", cfg.http.max_connections_per_address, 1, 1000000, "http");
    }
    if (j.contains("proctor")) {
        const auto& p = j["proctor"];
        auto& a = cfg.proctoring.analysis;
        only_keys(p, "proctor",
                  {"threads", "max_queued", "recording_every_ms", "audio_level_every_ms", "cascade_dir", "no_face_ms",
                   "multiple_faces_ms", "movement_ms", "noise_ms", "noise_dbfs", "identity_ms", "cooldown_ms",
                   "full_scan_every_ms", "room_scan_max_s", "room_scan_max_frames", "cpu_ms_per_minute",
                   "max_jpeg_scans", "media"});
        read_int(p, "threads", cfg.proctoring.threads, 0, 64, "proctor");
        read_int(p, "max_queued", cfg.proctoring.max_queued, 1, 1000000, "proctor");
        read_int(p, "recording_every_ms", cfg.proctoring.recording_every_ms, 500, 600000, "proctor");
        read_int(p, "audio_level_every_ms", cfg.proctoring.audio_level_every_ms, 250, 600000, "proctor");
        if (p.contains("cascade_dir")) a.cascade_dir = read_string(p, "cascade_dir", "proctor");
        read_int(p, "no_face_ms", a.no_face_ms, 500, 600000, "proctor");
        read_int(p, "multiple_faces_ms", a.multiple_faces_ms, 500, 600000, "proctor");
        read_int(p, "movement_ms", a.movement_ms, 500, 600000, "proctor");
        read_int(p, "noise_ms", a.noise_ms, 250, 600000, "proctor");
        read_int(p, "identity_ms", a.identity_ms, 500, 600000, "proctor");
        read_int(p, "cooldown_ms", a.cooldown_ms, 0, 3600000, "proctor");
        read_int(p, "full_scan_every_ms", a.full_scan_every_ms, 100, 600000, "proctor");
        read_int(p, "room_scan_max_s", cfg.proctoring.room_scan_max_s, 5, 3600, "proctor");
        read_int(p, "room_scan_max_frames", cfg.proctoring.room_scan_max_frames, 0, 10000, "proctor");
        read_int(p, "cpu_ms_per_minute", cfg.proctoring.cpu_ms_per_minute, 100, 60000, "proctor");
        read_int(p, "max_jpeg_scans", a.max_jpeg_scans, 1, 1000, "proctor");
        if (p.contains("media")) read_media(p["media"], cfg.proctoring.media);
        if (p.contains("noise_dbfs")) {
            if (!p["noise_dbfs"].is_number()) throw config_error("proctor.noise_dbfs must be a number");
            a.noise_dbfs = p["noise_dbfs"].get<double>();
            if (a.noise_dbfs > 0 || a.noise_dbfs < -100) throw config_error("proctor.noise_dbfs must be -100..0");
        }
    }
    if (j.contains("db")) {
        const auto& d = j["db"];
        only_keys(d, "db", {"group_commit_max", "readers"});
        read_int(d, "group_commit_max", cfg.db.group_commit_max, 1, 100000, "db");
        read_int(d, "readers", cfg.db.readers, 0, 64, "db");
    }
}

void validate(const server_config& cfg) {
    if (cfg.data_dir.empty()) throw config_error("--data DIR is required");
    if (!cfg.tls && !is_loopback(cfg.host))
        throw config_error("--no-tls is allowed only on a loopback address (127.0.0.1, ::1), not " + cfg.host);
}

std::optional<std::int64_t> parse_instant_ms(std::string_view s) {
    auto num = [&](std::size_t at, std::size_t n) -> int {
        if (at + n > s.size()) return -1;
        int v = 0;
        for (std::size_t i = at; i < at + n; ++i) {
            if (s[i] < '0' || s[i] > '9') return -1;
            v = v * 10 + (s[i] - '0');
        }
        return v;
    };
    if (s.size() < 16 || s[10] != 'T') return std::nullopt;
    auto day = exam::parse_iso_date(s.substr(0, 10));
    const int hh = num(11, 2), mm = (s[13] == ':') ? num(14, 2) : -1;
    if (!day || hh < 0 || hh > 23 || mm < 0 || mm > 59) return std::nullopt;
    std::size_t at = 16;
    int ss = 0;
    if (at < s.size() && s[at] == ':') {
        ss = num(at + 1, 2);
        if (ss < 0 || ss > 59) return std::nullopt;
        at += 3;
    }
    std::int64_t offset_min = 0;
    if (at < s.size() && s[at] == 'Z') {
        ++at;
    } else if (at < s.size() && (s[at] == '+' || s[at] == '-')) {
        const int oh = num(at + 1, 2), om = (at + 3 < s.size() && s[at + 3] == ':') ? num(at + 4, 2) : -1;
        if (oh < 0 || oh > 14 || om < 0 || om > 59) return std::nullopt;
        offset_min = (s[at] == '-' ? -1 : 1) * (oh * 60 + om);
        at += 6;
    } else {
        return std::nullopt;
    }
    if (at != s.size()) return std::nullopt;
    const std::int64_t local_s = exam::days_from_civil(*day) * 86400 + hh * 3600 + mm * 60 + ss;
    return (local_s - offset_min * 60) * 1000;
}

}  // namespace tanu::server
