#pragma once
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace tanu::server {

// Open connections per client address (http.max_connections_per_address):
// one address cannot take every descriptor of the process. A connection holds
// its slot (a shared_ptr) for as long as it lives, as HTTP and then as a
// WebSocket; dropping the last copy gives the place back.
class connection_limit {
public:
    explicit connection_limit(std::size_t per_address) : per_address_(per_address) {}

    // Null when the address has all its places taken.
    std::shared_ptr<void> acquire(const std::string& address) {
        std::lock_guard lock(mutex_);
        auto& n = open_[address];
        if (n >= per_address_) return nullptr;
        ++n;
        // Non-null (a null shared_ptr reads as "refused"); the deleter frees the place, not the pointer.
        return std::shared_ptr<void>(static_cast<void*>(this), [this, address](void*) { release(address); });
    }

    std::size_t open(const std::string& address) {
        std::lock_guard lock(mutex_);
        auto it = open_.find(address);
        return it == open_.end() ? 0 : it->second;
    }

private:
    void release(const std::string& address) {
        std::lock_guard lock(mutex_);
        auto it = open_.find(address);
        if (it != open_.end() && --it->second == 0) open_.erase(it);
    }

    std::size_t per_address_;
    std::mutex mutex_;
    std::unordered_map<std::string, std::size_t> open_;
};

}  // namespace tanu::server
