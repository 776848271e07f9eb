#include "server/logger.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace tanu::server {

void logger::write(log_level l, std::string_view channel, std::string_view message) {
    static constexpr const char* names[] = {"DEBUG", "INFO", "WARN", "ERROR", "OFF"};
    auto now = std::chrono::system_clock::now();
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
    std::time_t secs = static_cast<std::time_t>(ms / 1000);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &tm);
    std::lock_guard lock(mutex_);
    std::fprintf(stderr, "%s.%03dZ %-5s %.*s %.*s\n", stamp, static_cast<int>(ms % 1000), names[static_cast<int>(l)],
                 static_cast<int>(channel.size()), channel.data(), static_cast<int>(message.size()), message.data());
}

}  // namespace tanu::server
