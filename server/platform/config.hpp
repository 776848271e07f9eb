#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string_view>
#include <stdexcept>
#include <string>
#include <vector>

#include "proctor/proctor.hpp"
#include "server/accounts/auth.hpp"

namespace tanu::server {

struct config_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct auth_config {
    int token_hours = 12;
    argon2_cost argon2;
    // Failed logins (docs/security.md): per login and address before back-off
    // starts, per address (all logins together) before back-off starts; the
    // window they are counted over; the longest back-off.
    int max_failures_per_login = 5;
    int max_failures_per_address = 100;
    int failure_window_s = 900;
    int backoff_max_s = 900;
    // Addresses of reverse proxies whose X-Forwarded-For is believed; empty:
    // the header is ignored and the peer's address is the client's.
    std::vector<std::string> trusted_proxies;
    int ws_ticket_s = 30;      // life of a one-time WebSocket ticket
    int token_purge_s = 300;   // expired tokens are deleted this often
};

struct ws_config {
    int idle_timeout_s = 60;
    int time_message_s = 30;
    std::size_t max_text = 16 * 1024;
    std::size_t max_binary = 1024 * 1024;
    std::size_t max_message = 8 * 1024 * 1024;  // beyond this the connection is closed
    // Outbound messages waiting per connection. Above the largest burst a reading
    // client causes: a page re-sending every unacknowledged answer of a
    // 90-question paper after a reconnect gets 90 `saved` at once.
    std::size_t max_queue = 512;
    std::size_t max_queue_bytes = 4 * 1024 * 1024;  // and their bytes together
    std::size_t max_sockets_per_sitting = 4;         // open exam sockets of one sitting
    int max_events_per_minute = 60;                  // focus and room_scan messages a sitting may cause
};

struct http_config {
    std::size_t body_limit = 1024 * 1024;
    std::size_t import_body_limit = 8 * 1024 * 1024;
    int read_timeout_s = 30;
    std::size_t max_connections_per_address = 512;  // open connections from one client address
};

struct db_config {
    std::size_t group_commit_max = 1024;
    std::size_t readers = 0;  // 0: one per request worker
};

// What the exam page is told to send on its link (issue 10, "answers first"):
// the paper's `media`. The page picks the highest level whose frames fit in
// 30 % of the rate it measures; audio goes as levels of audio_window_ms
// windows, and the server asks for a check sample (check_ms of µ-law audio)
// at random moments, every check_every_ms on average.
struct media_level {
    int w = 640, h = 480, every_ms = 2000;
};
struct media_config {
    std::vector<media_level> levels = {{640, 480, 2000}, {480, 360, 3000}, {320, 240, 4000}, {320, 240, 5000}};
    int audio_window_ms = 250;
    int check_every_ms = 60000;
    int check_ms = 1000;
    bool ack = true;  // the page waits for each media message's media_ack before the next
};

struct proctoring_config {
    proctor::proctor_config analysis;
    std::size_t threads = 0;            // 0: one per core
    std::size_t max_queued = 4096;      // frames waiting for analysis, all candidates together
    int recording_every_ms = 10000;     // one frame kept for the recording this often (room scans: every second)
    int audio_level_every_ms = 5000;    // audio level kept (loudest of the window) this often
    int room_scan_max_s = 120;          // a room scan the server asked for ends by itself after this
    int room_scan_max_frames = 180;     // room-scan frames kept per sitting (in the database, across reconnects)
    int cpu_ms_per_minute = 6000;       // proctoring CPU one sitting may use; frames beyond it are dropped, counted
    media_config media;
};

// The recognition centre this server runs (seed 002 Appendix 2: the document
// carries its name, accreditation number and head).
struct centre_config {
    // Its name in each language a candidate reads (notices, documents); the
    // config's "name" is one string for both or {"kk", "ru"}.
    std::string name_kk = "Біліктілікті тану орталығы";
    std::string name_ru = "Центр признания квалификации";
    const std::string& name_in(std::string_view lang) const { return lang == "kk" ? name_kk : name_ru; }
    int number = 1;                 // from accreditation, 1..9999: the code's level 5
    std::string head;               // head of the centre, printed on documents
    std::string public_url;         // base of the public verification link in the QR code; empty: this server's URL
    int document_valid_years = 5;   // validity of a recognition document
};

// Notices to candidates: the outbox's delivery adapter.
struct mail_config {
    std::string transport = "maildrop";  // "maildrop": files under data_dir/outbox/maildrop; "smtp"
    std::string from = "Tanu <noreply@tanu.local>";
    std::string smtp_url;                // smtp://host:25, smtps://host:465
    bool smtp_starttls = false;
    std::string smtp_username, smtp_password;
    int retry_max_s = 3600;              // back-off ceiling between attempts
};

// Notices by SMS (W9): the centre's gateway (empty url: no SMS), its token,
// the sender name, and the token its delivery receipts carry.
struct sms_config {
    std::string gateway_url;
    std::string token;
    std::string sender = "TANU";
    std::string receipt_token;  // POST /api/sms/receipts: Authorization: Bearer; empty: receipts off
    int timeout_s = 10;
    bool enabled() const { return !gateway_url.empty(); }
};

// The national qualifications platform (W8, seed 002 p.18.2): where signed
// documents are sent (empty url: they wait, listed, until one is set).
struct platform_config {
    std::string url;
    std::string token;
    int timeout_s = 20;
    bool enabled() const { return !url.empty(); }
};

// Applications (seed 002 p.4-5): an attachment's size and count, and how many
// self-registrations one client address may make in an hour.
struct applications_config {
    std::size_t max_attachment_bytes = 10 * 1024 * 1024;
    int max_attachments = 20;
    int register_per_hour = 20;
};

// Scheduling (seed 002 p.6, p.7; W2, W3): how the p.6 gap of ten working days
// is read ("strict" or "inclusive", exam/recognition/scheduling.hpp), the start
// window around a theory slot's start, and the centre's term for the
// sick-leave sheet (the seed sets none).
struct scheduling_config {
    std::string gap_rule = "strict";
    int early_minutes = 30;          // `start` accepted from this long before the slot
    int late_minutes = 30;           // and until this long after it; then the sitting is a no-show
    int sick_leave_proof_days = 5;   // working days after the sheet's last day
    // X6 (p.11): a lost connection's time is given back up to this long per break,
    // beyond it the attempt ends for the commission's p.11 act (0: the clock just runs)
    int connection_limit_s = 300;
    int connection_credit_s = 900;   // what one attempt is given back in all
};

// The whole configuration, validated once in the composition root.
struct server_config {
    std::filesystem::path data_dir;
    std::string host = "127.0.0.1";
    std::uint16_t port = 8443;
    bool tls = true;
    std::filesystem::path cert;  // empty: data_dir/tls/cert.pem, made when missing
    std::filesystem::path key;
    std::vector<std::string> allowed_origins;
    std::filesystem::path web_root;
    // Request workers: they mostly wait on the database, so more than the cores.
    std::size_t workers = 6;
    auth_config auth;
    ws_config ws;
    http_config http;
    db_config db;
    proctoring_config proctoring;
    centre_config centre;
    mail_config mail;
    sms_config sms;
    platform_config nqs;  // config key "platform"
    applications_config applications;
    scheduling_config scheduling;
    std::string clock_start;  // tests and demonstrations only: the server's clock starts at this instant (ISO 8601)

    std::filesystem::path db_path() const { return data_dir / "tanu.db"; }
};

// Reads a JSON config file into cfg (keys as in docs/api.md); unknown keys and
// values out of range throw config_error.
void apply_config_file(server_config& cfg, const std::filesystem::path& file);
// Splits HOST:PORT ([v6]:PORT too).
void apply_listen(server_config& cfg, const std::string& listen);
// "2026-03-20T10:00:00+05:00" / "...Z" / "...T10:00+05:00" → ms since the epoch.
std::optional<std::int64_t> parse_instant_ms(std::string_view s);
// Final checks (e.g. --no-tls only on loopback).
void validate(const server_config& cfg);
bool is_loopback(const std::string& host);

}  // namespace tanu::server
