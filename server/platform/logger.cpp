#include "server/platform/logger.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace tanu::server {

std::string escape_log(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '\\') out += "\\\\";
        else if (c == '\n') out += "\\n";
        else if (c == '\r') out += "\\r";
        else if (c == '\t') out += "\\t";
        else if (c < 0x20 || c == 0x7F) {
            static constexpr char hex[] = "0123456789abcdef";
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 15];
        } else {
            out += ch;
        }
    }
    return out;
}

void logger::write(log_level l, std::string_view channel, std::string_view message) {
    static constexpr const char* names[] = {"DEBUG", "INFO", "WARN", "ERROR", "OFF"};
    auto now = std::chrono::system_clock::now();
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
    std::time_t secs = static_cast<std::time_t>(ms / 1000);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &tm);
    const std::string ch = escape_log(channel), msg = escape_log(message);
    std::lock_guard lock(mutex_);
    std::fprintf(stderr, "%s.%03dZ %-5s %.*s %.*s\n", stamp, static_cast<int>(ms % 1000), names[static_cast<int>(l)],
                 static_cast<int>(ch.size()), ch.data(), static_cast<int>(msg.size()), msg.data());
}

}  // namespace tanu::server
