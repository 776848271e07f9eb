#pragma once
#include <atomic>
#include <mutex>
#include <string>
#include <string_view>

namespace tanu::server {

// `\n`, `\r`, `\t`, `\\`, other C0 controls and DEL as `\xNN`; UTF-8 text as it is.
std::string escape_log(std::string_view s);

enum class log_level { debug = 0, info = 1, warn = 2, error = 3, off = 4 };

// One logger, injected everywhere; lines go to stderr as
// `2026-11-22T10:00:00.123Z LEVEL channel message`. Check enabled() before
// building an expensive message. Messages carry user input (login names,
// targets): control characters and backslashes are escaped (escape_log), so
// one call is always one line and no input can forge another.
class logger {
public:
    explicit logger(log_level level = log_level::info) : level_(level) {}
    bool enabled(log_level l) const { return l >= level_.load(std::memory_order_relaxed); }
    void set_level(log_level l) { level_ = l; }
    void write(log_level l, std::string_view channel, std::string_view message);

    void debug(std::string_view ch, std::string_view m) { if (enabled(log_level::debug)) write(log_level::debug, ch, m); }
    void info(std::string_view ch, std::string_view m) { if (enabled(log_level::info)) write(log_level::info, ch, m); }
    void warn(std::string_view ch, std::string_view m) { if (enabled(log_level::warn)) write(log_level::warn, ch, m); }
    void error(std::string_view ch, std::string_view m) { if (enabled(log_level::error)) write(log_level::error, ch, m); }

private:
    std::atomic<log_level> level_;
    std::mutex mutex_;
};

}  // namespace tanu::server
