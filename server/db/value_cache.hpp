#pragma once
#include <functional>
#include <memory>
#include <shared_mutex>
#include <unordered_map>

namespace tanu::server {

// A thread-safe cache of values that never change once stored (question
// versions, programmes), or that are dropped whole when they do (banks).
// Bounded: past max_entries it starts again empty.
template <class K, class V, class Hash = std::hash<K>>
class value_cache {
public:
    explicit value_cache(std::size_t max_entries) : max_(max_entries) {}

    // The cached value, or load()'s (nullptr is not cached).
    std::shared_ptr<const V> get(const K& key, const std::function<std::shared_ptr<const V>()>& load) {
        {
            std::shared_lock lock(mutex_);
            if (auto it = map_.find(key); it != map_.end()) return it->second;
        }
        auto value = load();
        if (!value) return value;
        std::unique_lock lock(mutex_);
        if (map_.size() >= max_) map_.clear();
        map_.emplace(key, value);
        return value;
    }

    void erase_if(const std::function<bool(const K&)>& pred) {
        std::unique_lock lock(mutex_);
        std::erase_if(map_, [&](const auto& kv) { return pred(kv.first); });
    }

private:
    std::size_t max_;
    std::shared_mutex mutex_;
    std::unordered_map<K, std::shared_ptr<const V>, Hash> map_;
};

}  // namespace tanu::server
