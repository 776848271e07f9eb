#pragma once
#include <chrono>
#include <cstdint>

namespace tanu::exam {

// The clock the rules are given: the server's, or a test's.
struct clock {
    virtual ~clock() = default;
    virtual std::int64_t now_ms() const = 0;
};

struct system_clock final : clock {
    std::int64_t now_ms() const override {
        return std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
            .count();
    }
};

// The system clock moved to start at another instant (tests, demonstrations).
struct offset_clock final : clock {
    explicit offset_clock(std::int64_t offset_ms) : offset(offset_ms) {}
    std::int64_t offset;
    std::int64_t now_ms() const override { return system_clock{}.now_ms() + offset; }
};

// The server keeps the exam clock: the deadline is fixed when the paper is issued.
inline std::int64_t deadline_for(std::int64_t issued_ms, int minutes) {
    return issued_ms + static_cast<std::int64_t>(minutes) * 60'000;
}
inline std::int64_t remaining_ms(std::int64_t now, std::int64_t deadline) { return now >= deadline ? 0 : deadline - now; }
inline bool time_over(std::int64_t now, std::int64_t deadline) { return now >= deadline; }

}  // namespace tanu::exam
