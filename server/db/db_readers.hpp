#pragma once
#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <vector>

#include "server/db/sqlite.hpp"

namespace tanu::server {

// A few read connections for the request workers. In WAL mode readers never
// wait for the writer. lease() blocks while all are in use.
class db_readers {
public:
    db_readers(const std::filesystem::path& path, std::size_t count) {
        for (std::size_t i = 0; i < count; ++i) free_.push_back(std::make_unique<db>(path));
    }

    class lease {
    public:
        lease(db_readers& pool, std::unique_ptr<db> d) : pool_(pool), db_(std::move(d)) {}
        lease(const lease&) = delete;
        lease& operator=(const lease&) = delete;
        ~lease() { pool_.give_back(std::move(db_)); }
        db& operator*() { return *db_; }
        db* operator->() { return db_.get(); }

    private:
        db_readers& pool_;
        std::unique_ptr<db> db_;
    };

    lease acquire() {
        std::unique_lock lock(mutex_);
        cv_.wait(lock, [&] { return !free_.empty(); });
        auto d = std::move(free_.back());
        free_.pop_back();
        return lease(*this, std::move(d));
    }

private:
    void give_back(std::unique_ptr<db> d) {
        d->reset_all();
        std::lock_guard lock(mutex_);
        free_.push_back(std::move(d));
        cv_.notify_one();
    }

    std::mutex mutex_;
    std::condition_variable cv_;
    std::vector<std::unique_ptr<db>> free_;
};

}  // namespace tanu::server
