#pragma once
// Delivery of notices to candidates (the outbox's transport): a Maildir-style
// drop folder by default, SMTP through libcurl when configured. A transport
// either delivers or throws mail_error; nothing is queued here, the outbox
// keeps the message and tries again later.
#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>

namespace tanu::server {

struct mail_message {
    std::string from;        // "Tanu <noreply@centre.kz>" or a bare address
    std::string to;          // one address, same forms as `from`
    std::string subject;     // UTF-8, sent as RFC 2047 encoded words
    std::string body;        // UTF-8 plain text, sent base64 (line ends made CRLF first)
    std::string message_id;  // unique, without <>, e.g. "notice-42@tanu.local"; also the drop file's name
    std::int64_t date_ms = 0;  // the Date: header (written in +0500); 0: the time of formatting
};

// The RFC 5322 text of the message, CRLF line ends throughout: From, To,
// Subject, Date, Message-ID, MIME-Version, Content-Type (text/plain;
// charset=UTF-8), Content-Transfer-Encoding (base64, lines of 76), a blank
// line, the body. A subject that is not short printable ASCII, and a display
// name that is not plain ASCII words, become encoded words (folded, at most 78
// characters a line). Throws std::invalid_argument for CR or LF in any header
// field (header injection), an empty or malformed address (non-ASCII addresses
// included), or a message_id that is empty, longer than 200 bytes, or holds
// spaces, control characters, non-ASCII or '<' '>'.
std::string format_mail(const mail_message& m);

// What send() throws. permanent: trying again will not help (the recipient or
// sender was refused with 5xx, the address is malformed, login denied, ...);
// otherwise the outbox should retry later.
struct mail_error : std::runtime_error {
    using std::runtime_error::runtime_error;
    bool permanent = false;
};

class mail_transport {
public:
    virtual ~mail_transport() = default;
    virtual std::string name() const = 0;  // "maildrop" / "smtp"
    // Delivers or throws mail_error (a message format_mail refuses becomes a
    // permanent mail_error). Safe to call again with the same message after a
    // failure.
    virtual void send(const mail_message& m) = 0;
};

// Writes DIR/new/<message_id>.eml atomically: DIR/tmp/<message_id>.eml is
// written, flushed to disk, renamed into new/ and the folder synced (the
// Maildir convention). DIR, DIR/tmp, DIR/new and DIR/cur are made when missing.
// Sending the same message_id again replaces the file (idempotent). A
// message_id with '/', a NUL, starting with '.', or longer than 200 bytes is
// refused (mail_error, permanent); I/O failures are temporary mail_errors.
class maildrop_transport final : public mail_transport {
public:
    explicit maildrop_transport(std::filesystem::path dir);
    std::string name() const override { return "maildrop"; }
    void send(const mail_message& m) override;
    const std::filesystem::path& dir() const { return dir_; }

private:
    std::filesystem::path dir_;
};

struct smtp_settings {
    std::string url;                 // "smtp://host:25", "smtps://host:465", "smtp://host:587" with starttls
    bool starttls = false;           // require STARTTLS (CURLUSESSL_ALL): never falls back to plain text
    std::string username, password;  // AUTH when username is not empty
    int timeout_s = 20;              // the whole transaction, connecting included
    std::string ca_file;             // CA bundle; empty: the system's
};

// Calls curl_global_init once per process (std::call_once; throws
// std::runtime_error when it fails, and the next call tries again).
// smtp_transport's constructor calls it too.
void mail_global_init();

// libcurl's SMTP client, one easy handle per send() (so one transport may be
// used from several threads at once). Error mapping: connection failures and
// timeouts are temporary; CURLE_LOGIN_DENIED, CURLE_URL_MALFORMAT and any SMTP
// reply >= 500 are permanent. The mail_error's text names the curl error, its
// details and the server's last reply code.
class smtp_transport final : public mail_transport {
public:
    // Throws std::invalid_argument when url is not smtp:// or smtps:// or
    // timeout_s is not positive.
    explicit smtp_transport(smtp_settings s);
    std::string name() const override { return "smtp"; }
    void send(const mail_message& m) override;

private:
    smtp_settings settings_;
};

}  // namespace tanu::server
