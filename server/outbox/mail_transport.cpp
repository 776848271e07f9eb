#include "server/outbox/mail_transport.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <memory>
#include <string_view>
#include <mutex>
#include <system_error>
#include <utility>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <curl/curl.h>

namespace tanu::server {

namespace fs = std::filesystem;

namespace {

// ------------------------------------------------------------------ helpers

[[noreturn]] void fail(const std::string& what, bool permanent) {
    mail_error e(what);
    e.permanent = permanent;
    throw e;
}

[[noreturn]] void fail_errno(const std::string& what, const fs::path& path, int e) {
    fail("maildrop: " + what + " " + path.string() + ": " + std::strerror(e), false);
}

void reject_line_breaks(const std::string& value, const char* field) {
    if (value.find_first_of(std::string_view("\r\n\0", 3)) != std::string::npos)
        throw std::invalid_argument(std::string("mail: CR, LF or NUL in the ") + field + " field");
}

constexpr char base64_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string base64(std::string_view in) {
    std::string out;
    out.reserve((in.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 3 <= in.size(); i += 3) {
        const auto n = (std::uint32_t{static_cast<unsigned char>(in[i])} << 16) |
                       (std::uint32_t{static_cast<unsigned char>(in[i + 1])} << 8) |
                       std::uint32_t{static_cast<unsigned char>(in[i + 2])};
        out += base64_alphabet[(n >> 18) & 63];
        out += base64_alphabet[(n >> 12) & 63];
        out += base64_alphabet[(n >> 6) & 63];
        out += base64_alphabet[n & 63];
    }
    if (const std::size_t rest = in.size() - i; rest > 0) {
        std::uint32_t n = std::uint32_t{static_cast<unsigned char>(in[i])} << 16;
        if (rest == 2) n |= std::uint32_t{static_cast<unsigned char>(in[i + 1])} << 8;
        out += base64_alphabet[(n >> 18) & 63];
        out += base64_alphabet[(n >> 12) & 63];
        out += rest == 2 ? base64_alphabet[(n >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

// RFC 2047 encoded words (=?UTF-8?B?...?=), each at most 64 characters and never
// splitting a UTF-8 sequence, joined by folding white space.
std::string encoded_words(std::string_view text) {
    constexpr std::size_t max_bytes = 39;  // 52 base64 characters, a 64-character word
    std::string out;
    std::size_t pos = 0;
    do {
        std::size_t len = std::min(max_bytes, text.size() - pos);
        if (pos + len < text.size()) {
            // Back off to the start of a character (not a continuation byte 10xxxxxx).
            std::size_t cut = len;
            while (cut > 0 && (static_cast<unsigned char>(text[pos + cut]) & 0xC0) == 0x80) --cut;
            if (cut > 0) len = cut;
        }
        if (!out.empty()) out += "\r\n ";
        out += "=?UTF-8?B?";
        out += base64(text.substr(pos, len));
        out += "?=";
        pos += len;
    } while (pos < text.size());
    return out;
}

bool is_atext_or_space(char c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
    return std::strchr(" !#$%&'*+-/=?^_`{|}~.", c) != nullptr && c != '\0';
}

std::string trim(std::string_view s) {
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    const auto last = s.find_last_not_of(" \t");
    return std::string(s.substr(first, last - first + 1));
}

struct address {
    std::string display;  // decoded display name, may be empty
    std::string addr;     // addr-spec: local@domain
};

bool valid_addr_spec(const std::string& a) {
    if (a.empty() || a.size() > 254) return false;
    const auto at = a.find('@');
    if (at == std::string::npos || at == 0 || at + 1 == a.size() || a.find('@', at + 1) != std::string::npos)
        return false;
    for (char c : a) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7F) return false;
        if (std::strchr("<>()[],;:\"\\", c) != nullptr) return false;
    }
    return true;
}

// "Name <local@domain>", "\"Name\" <local@domain>", "<local@domain>" or "local@domain".
address parse_address(const std::string& field, const char* what) {
    reject_line_breaks(field, what);
    const std::string s = trim(field);
    address out;
    if (!s.empty() && s.back() == '>') {
        const auto open = s.rfind('<');
        if (open == std::string::npos) throw std::invalid_argument(std::string("mail: malformed ") + what + " address");
        out.addr = s.substr(open + 1, s.size() - open - 2);
        std::string name = trim(std::string_view(s).substr(0, open));
        if (name.size() >= 2 && name.front() == '"' && name.back() == '"') {
            std::string unquoted;
            for (std::size_t i = 1; i + 1 < name.size(); ++i) {
                if (name[i] == '\\' && i + 2 < name.size()) ++i;
                unquoted += name[i];
            }
            name = std::move(unquoted);
        }
        out.display = std::move(name);
    } else {
        out.addr = s;
    }
    if (!valid_addr_spec(out.addr))
        throw std::invalid_argument(std::string("mail: malformed ") + what + " address '" + out.addr + "'");
    return out;
}

std::string address_header(const address& a) {
    if (a.display.empty()) return a.addr;
    bool plain = a.display.size() <= 60;
    for (char c : a.display) plain = plain && is_atext_or_space(c);
    plain = plain && a.display.find("=?") == std::string::npos;
    return (plain ? a.display : encoded_words(a.display)) + " <" + a.addr + ">";
}

std::string subject_header(const std::string& subject) {
    bool plain = subject.size() <= 69 && subject.find("=?") == std::string::npos;  // "Subject: " + 69 = 78
    for (char c : subject) plain = plain && c >= 0x20 && c <= 0x7E;
    return plain ? subject : encoded_words(subject);
}

void check_message_id(const std::string& id) {
    reject_line_breaks(id, "Message-ID");
    if (id.empty()) throw std::invalid_argument("mail: empty Message-ID");
    if (id.size() > 200) throw std::invalid_argument("mail: Message-ID longer than 200 bytes");
    for (char c : id) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7F || c == '<' || c == '>')
            throw std::invalid_argument("mail: Message-ID '" + id + "' holds a character it may not");
    }
}

// RFC 5322 date in Kazakhstan's time (UTC+5 throughout the country since 2024).
std::string rfc5322_date(std::int64_t date_ms) {
    if (date_ms == 0)
        date_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::system_clock::now().time_since_epoch())
                      .count();
    std::int64_t secs = date_ms / 1000;
    if (date_ms % 1000 < 0) --secs;
    const std::time_t t = static_cast<std::time_t>(secs + 5 * 3600);
    std::tm tm{};
    if (::gmtime_r(&t, &tm) == nullptr) throw std::invalid_argument("mail: date out of range");
    static constexpr const char* days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0500", days[tm.tm_wday], tm.tm_mday,
                  months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
    return buf;
}

// Text line ends made CRLF (the canonical form of text/* before base64, RFC 2046).
std::string crlf_lines(const std::string& text) {
    std::string out;
    out.reserve(text.size() + text.size() / 32);
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\r') {
            out += "\r\n";
            if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        } else if (c == '\n') {
            out += "\r\n";
        } else {
            out += c;
        }
    }
    return out;
}

// Runs format_mail, turning what it refuses into a permanent mail_error.
std::string format_or_fail(const mail_message& m, const char* transport) {
    try {
        return format_mail(m);
    } catch (const std::invalid_argument& e) {
        fail(std::string(transport) + ": message " + m.message_id + " refused: " + e.what(), true);
    }
}

// ----------------------------------------------------------------- maildrop

// Writes all of data; 0 or the errno that stopped it.
int write_all(int fd, const std::string& data) {
    std::size_t done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            return errno;
        }
        done += static_cast<std::size_t>(n);
    }
    return 0;
}

void sync_dir(const fs::path& dir) {
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) fail_errno("cannot open", dir, errno);
    const int rc = ::fsync(fd);
    const int e = errno;
    ::close(fd);
    if (rc != 0) fail_errno("cannot sync", dir, e);
}

// ---------------------------------------------------------------------- smtp

template <auto free_fn>
struct curl_deleter {
    template <class T>
    void operator()(T* p) const {
        free_fn(p);
    }
};
using easy_ptr = std::unique_ptr<CURL, curl_deleter<curl_easy_cleanup>>;
using slist_ptr = std::unique_ptr<curl_slist, curl_deleter<curl_slist_free_all>>;

struct upload_state {
    const std::string* data;
    std::size_t pos = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t nitems, void* userdata) {
    auto* up = static_cast<upload_state*>(userdata);
    const std::size_t n = std::min(size * nitems, up->data->size() - up->pos);
    std::memcpy(buffer, up->data->data() + up->pos, n);
    up->pos += n;
    return n;
}

// The URL without user:password@, for messages.
std::string redacted(const std::string& url) {
    const auto scheme = url.find("://");
    if (scheme == std::string::npos) return url;
    const auto start = scheme + 3;
    const auto end = url.find_first_of("/?#", start);
    const auto at = url.rfind('@', end == std::string::npos ? std::string::npos : end);
    if (at == std::string::npos || at < start) return url;
    return url.substr(0, start) + url.substr(at + 1);
}

template <class T>
void set_option(CURL* h, CURLoption option, T value, const char* name) {
    if (const CURLcode rc = curl_easy_setopt(h, option, value); rc != CURLE_OK)
        fail(std::string("smtp: setting ") + name + " failed: " + curl_easy_strerror(rc), false);
}

}  // namespace

// ------------------------------------------------------------------ format

std::string format_mail(const mail_message& m) {
    const address from = parse_address(m.from, "From");
    const address to = parse_address(m.to, "To");
    reject_line_breaks(m.subject, "Subject");
    check_message_id(m.message_id);

    std::string out;
    out.reserve(512 + m.body.size() * 4 / 3);
    out += "From: " + address_header(from) + "\r\n";
    out += "To: " + address_header(to) + "\r\n";
    out += "Subject: " + subject_header(m.subject) + "\r\n";
    out += "Date: " + rfc5322_date(m.date_ms) + "\r\n";
    out += "Message-ID: <" + m.message_id + ">\r\n";
    out += "MIME-Version: 1.0\r\n";
    out += "Content-Type: text/plain; charset=UTF-8\r\n";
    out += "Content-Transfer-Encoding: base64\r\n";
    out += "\r\n";
    const std::string encoded = base64(crlf_lines(m.body));
    for (std::size_t i = 0; i < encoded.size(); i += 76) {
        out.append(encoded, i, 76);
        out += "\r\n";
    }
    return out;
}

// ----------------------------------------------------------------- maildrop

maildrop_transport::maildrop_transport(std::filesystem::path dir) : dir_(std::move(dir)) {}

void maildrop_transport::send(const mail_message& m) {
    const std::string& id = m.message_id;
    if (id.empty() || id.front() == '.' || id.find('/') != std::string::npos ||
        id.find('\0') != std::string::npos || id.size() > 200)
        fail("maildrop: message id '" + id + "' cannot name a file", true);
    const std::string text = format_or_fail(m, "maildrop");

    const fs::path tmp_dir = dir_ / "tmp";
    const fs::path new_dir = dir_ / "new";
    for (const fs::path& d : {tmp_dir, new_dir, dir_ / "cur"}) {
        std::error_code ec;
        fs::create_directories(d, ec);
        if (ec) fail("maildrop: cannot make " + d.string() + ": " + ec.message(), false);
    }

    const std::string file = id + ".eml";
    const fs::path tmp = tmp_dir / file;
    const fs::path final_path = new_dir / file;
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0640);
    if (fd < 0) fail_errno("cannot create", tmp, errno);
    const char* failed = nullptr;
    int err = write_all(fd, text);
    if (err != 0) {
        failed = "cannot write";
    } else if (::fsync(fd) != 0) {
        err = errno;
        failed = "cannot sync";
    }
    if (::close(fd) != 0 && failed == nullptr) {
        err = errno;
        failed = "cannot close";
    }
    if (failed != nullptr) {
        ::unlink(tmp.c_str());
        fail_errno(failed, tmp, err);
    }
    if (::rename(tmp.c_str(), final_path.c_str()) != 0) {
        err = errno;
        ::unlink(tmp.c_str());
        fail_errno("cannot move the message to", final_path, err);
    }
    sync_dir(new_dir);
}

// ---------------------------------------------------------------------- smtp

void mail_global_init() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (const CURLcode rc = curl_global_init(CURL_GLOBAL_DEFAULT); rc != CURLE_OK)
            throw std::runtime_error(std::string("curl_global_init failed: ") + curl_easy_strerror(rc));
    });
}

smtp_transport::smtp_transport(smtp_settings s) : settings_(std::move(s)) {
    if (settings_.url.rfind("smtp://", 0) != 0 && settings_.url.rfind("smtps://", 0) != 0)
        throw std::invalid_argument("smtp: the URL must start with smtp:// or smtps://, not '" +
                                    redacted(settings_.url) + "'");
    if (settings_.timeout_s <= 0) throw std::invalid_argument("smtp: timeout_s must be positive");
    mail_global_init();
}

void smtp_transport::send(const mail_message& m) {
    const std::string text = format_or_fail(m, "smtp");
    // format_mail has checked both addresses already.
    const std::string from = "<" + parse_address(m.from, "From").addr + ">";
    const std::string to = "<" + parse_address(m.to, "To").addr + ">";

    easy_ptr h(curl_easy_init());
    if (!h) fail("smtp: curl_easy_init failed", false);
    CURL* c = h.get();

    slist_ptr rcpt(curl_slist_append(nullptr, to.c_str()));
    if (!rcpt) fail("smtp: out of memory", false);

    char error_buffer[CURL_ERROR_SIZE] = {};
    upload_state upload{&text};
    const long timeout = settings_.timeout_s;
    set_option(c, CURLOPT_ERRORBUFFER, static_cast<char*>(error_buffer), "CURLOPT_ERRORBUFFER");
    set_option(c, CURLOPT_URL, settings_.url.c_str(), "CURLOPT_URL");
#if LIBCURL_VERSION_NUM >= 0x075500
    set_option(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps", "CURLOPT_PROTOCOLS_STR");
#else
    set_option(c, CURLOPT_PROTOCOLS, static_cast<long>(CURLPROTO_SMTP | CURLPROTO_SMTPS), "CURLOPT_PROTOCOLS");
#endif
    set_option(c, CURLOPT_NOSIGNAL, 1L, "CURLOPT_NOSIGNAL");
    set_option(c, CURLOPT_TIMEOUT, timeout, "CURLOPT_TIMEOUT");
    set_option(c, CURLOPT_CONNECTTIMEOUT, timeout, "CURLOPT_CONNECTTIMEOUT");
    set_option(c, CURLOPT_MAIL_FROM, from.c_str(), "CURLOPT_MAIL_FROM");
    set_option(c, CURLOPT_MAIL_RCPT, rcpt.get(), "CURLOPT_MAIL_RCPT");
    set_option(c, CURLOPT_READFUNCTION, &read_upload, "CURLOPT_READFUNCTION");
    set_option(c, CURLOPT_READDATA, static_cast<void*>(&upload), "CURLOPT_READDATA");
    set_option(c, CURLOPT_UPLOAD, 1L, "CURLOPT_UPLOAD");
    if (settings_.starttls) set_option(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL), "CURLOPT_USE_SSL");
    if (!settings_.ca_file.empty()) set_option(c, CURLOPT_CAINFO, settings_.ca_file.c_str(), "CURLOPT_CAINFO");
    if (!settings_.username.empty()) {
        set_option(c, CURLOPT_USERNAME, settings_.username.c_str(), "CURLOPT_USERNAME");
        set_option(c, CURLOPT_PASSWORD, settings_.password.c_str(), "CURLOPT_PASSWORD");
    }

    const CURLcode rc = curl_easy_perform(c);
    if (rc == CURLE_OK) return;

    long reply = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply);
    std::string what = "smtp: sending " + m.message_id + " to " + to + " through " + redacted(settings_.url) +
                       " failed: " + curl_easy_strerror(rc);
    if (error_buffer[0] != '\0') what += std::string(" (") + error_buffer + ")";
    what += "; last SMTP reply " + (reply > 0 ? std::to_string(reply) : std::string("none"));
    const bool permanent = rc == CURLE_LOGIN_DENIED || rc == CURLE_URL_MALFORMAT || (reply >= 500 && reply < 600);
    fail(what, permanent);
}

}  // namespace tanu::server
