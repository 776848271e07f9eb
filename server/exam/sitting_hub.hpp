#pragma once
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
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
    // A newer connection of the same sitting took this one's place: close
    // with 1008 (policy).
    virtual void displaced() = 0;
};

// A token bucket: up to `capacity` tokens, refilled at `capacity` per minute
// (steady clock, ms). Used for a sitting's messages and its proctoring CPU.
struct token_bucket {
    double tokens = 0;
    double last_ms = 0;
    bool started = false;

    static double now_ms() {
        using namespace std::chrono;
        return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
    }
    void refill(double capacity, double now = now_ms()) {
        if (!started) {
            started = true;
            tokens = capacity;
        } else if (now > last_ms) {
            tokens = std::min(capacity, tokens + (now - last_ms) * capacity / 60000.0);
        }
        last_ms = std::max(last_ms, now);
    }
    // Full again by `now` if left alone: forgetting it changes nothing.
    bool idle(double capacity, double now = now_ms()) const {
        return !started || tokens + (now - last_ms) * capacity / 60000.0 >= capacity;
    }
};

// Which connections are open for which sitting, and what a sitting may cause
// across all of them (a reconnect does not start afresh).
class sitting_hub {
public:
    // Adds a connection. Beyond `max_per_sitting` (0: no bound) the oldest of
    // the sitting are returned for the caller to close: a candidate
    // reconnecting after a network drop, whose old socket is still half-open,
    // always gets in; a script opening hundreds holds at most the bound.
    std::vector<std::shared_ptr<exam_peer>> add(std::int64_t sitting, const std::shared_ptr<exam_peer>& peer,
                                                std::size_t max_per_sitting = 0) {
        std::vector<std::shared_ptr<exam_peer>> displaced;
        std::lock_guard lock(mutex_);
        auto& v = peers_[sitting];
        std::erase_if(v, [](const auto& w) { return w.expired(); });
        while (max_per_sitting > 0 && v.size() >= max_per_sitting) {
            if (auto p = v.front().lock()) displaced.push_back(std::move(p));
            v.erase(v.begin());
        }
        v.push_back(peer);
        return displaced;
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

    // Messages a candidate sends to be recorded (focus, room_scan), per
    // sitting: `per_minute` of them, a token bucket (ws.max_events_per_minute),
    // so a real focus loss within it is always recorded. Past it a burst
    // begins: `tell` on its first refused message (one error frame per burst).
    // The burst is over once half the bucket is back (30 s of calm at 60 a
    // minute; a flood that goes on slowly stays one burst): `burst_refused`
    // gives its count then (one summary event per burst).
    struct event_verdict {
        bool allowed = true;
        bool tell = false;
        std::uint64_t burst_refused = 0;
    };
    event_verdict take_event(std::int64_t sitting, int per_minute) {
        std::lock_guard lock(mutex_);
        const double now = token_bucket::now_ms();
        const double cap = per_minute;
        if (++takes_ % 4096 == 0) sweep(cap, now);
        auto& e = events_[sitting];
        e.bucket.refill(cap, now);
        event_verdict v;
        if (e.refused > 0 && e.bucket.tokens >= cap / 2) v.burst_refused = std::exchange(e.refused, 0);
        if (e.bucket.tokens >= 1) {
            e.bucket.tokens -= 1;
            return v;
        }
        v.allowed = false;
        v.tell = e.refused++ == 0;
        return v;
    }
    // The count of a burst still under way, which ends here (the sitting's
    // last connection closed); 0 when there is none.
    std::uint64_t end_burst(std::int64_t sitting) {
        std::lock_guard lock(mutex_);
        auto it = events_.find(sitting);
        if (it == events_.end()) return 0;
        return std::exchange(it->second.refused, 0);
    }

private:
    struct event_state {
        token_bucket bucket;
        std::uint64_t refused = 0;  // in the burst under way
    };
    // Forgets the sittings whose buckets are full again and not in a burst.
    void sweep(double cap, double now) {
        std::erase_if(events_, [&](const auto& kv) { return kv.second.refused == 0 && kv.second.bucket.idle(cap, now); });
    }

    std::mutex mutex_;
    std::unordered_map<std::int64_t, std::vector<std::weak_ptr<exam_peer>>> peers_;
    std::unordered_map<std::int64_t, event_state> events_;
    std::uint64_t takes_ = 0;
};

}  // namespace tanu::server
