#pragma once
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace tanu::server {

// A live exam connection as the rest of the server sees it. Implementations
// post to their own strand: these are safe to call from any thread.
class exam_peer {
public:
    virtual ~exam_peer() = default;
    // The attempt ended elsewhere (deadline, termination): send `msg` and stop
    // accepting answers.
    virtual void ended(std::string msg) = 0;
    // Sends a message (warning, terminated, identity, room_scan) as it is.
    virtual void send_message(std::string msg) = 0;
    // The server is stopping: close with 1001 (going away).
    virtual void going_away() = 0;
};

// Which connections are open for which sitting.
class sitting_hub {
public:
    void add(std::int64_t sitting, const std::shared_ptr<exam_peer>& peer) {
        std::lock_guard lock(mutex_);
        auto& v = peers_[sitting];
        std::erase_if(v, [](const auto& w) { return w.expired(); });
        v.push_back(peer);
    }
    void remove(std::int64_t sitting, const exam_peer* peer) {
        std::lock_guard lock(mutex_);
        auto it = peers_.find(sitting);
        if (it == peers_.end()) return;
        std::erase_if(it->second, [&](const auto& w) {
            auto p = w.lock();
            return !p || p.get() == peer;
        });
        if (it->second.empty()) peers_.erase(it);
    }
    std::vector<std::shared_ptr<exam_peer>> of(std::int64_t sitting) {
        std::lock_guard lock(mutex_);
        std::vector<std::shared_ptr<exam_peer>> out;
        if (auto it = peers_.find(sitting); it != peers_.end())
            for (auto& w : it->second)
                if (auto p = w.lock()) out.push_back(std::move(p));
        return out;
    }
    std::vector<std::shared_ptr<exam_peer>> all() {
        std::lock_guard lock(mutex_);
        std::vector<std::shared_ptr<exam_peer>> out;
        for (auto& [id, v] : peers_)
            for (auto& w : v)
                if (auto p = w.lock()) out.push_back(std::move(p));
        return out;
    }
    std::size_t size() {
        std::lock_guard lock(mutex_);
        return peers_.size();
    }

private:
    std::mutex mutex_;
    std::unordered_map<std::int64_t, std::vector<std::weak_ptr<exam_peer>>> peers_;
};

}  // namespace tanu::server
