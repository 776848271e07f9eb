#include "server/db/db_writer.hpp"

#include <vector>

namespace tanu::server {

db_writer::db_writer(const std::filesystem::path& path, logger& log, std::size_t max_group)
    : log_(log), max_group_(max_group ? max_group : 1), db_(path), checkpoint_db_(path) {
    db_.exec("PRAGMA wal_autocheckpoint=0");
    thread_ = std::thread([this] { run(); });
    checkpointer_ = std::thread([this] { run_checkpoints(); });
}

db_writer::~db_writer() { stop(); }

void db_writer::post(job j, done d) {
    {
        std::lock_guard lock(mutex_);
        if (!stopping_) {
            queue_.emplace_back(std::move(j), std::move(d));
            cv_.notify_one();
            return;
        }
    }
    if (d) d(std::make_exception_ptr(std::runtime_error("the server is stopping")));
}

void db_writer::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        cv_.notify_one();
    }
    if (thread_.joinable()) thread_.join();
    {
        std::lock_guard lock(checkpoint_mutex_);
        checkpoint_stop_ = true;
        checkpoint_cv_.notify_one();
    }
    if (checkpointer_.joinable()) checkpointer_.join();
}

void db_writer::run_checkpoints() {
    for (;;) {
        {
            std::unique_lock lock(checkpoint_mutex_);
            checkpoint_cv_.wait_for(lock, std::chrono::seconds(1), [&] { return checkpoint_stop_; });
            if (checkpoint_stop_) break;
        }
        try {
            checkpoint_db_.exec("PRAGMA wal_checkpoint(PASSIVE)");
        } catch (const std::exception& e) {
            log_.warn("db", std::string("checkpoint: ") + e.what());
        }
    }
    try {
        checkpoint_db_.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    } catch (const std::exception& e) {
        log_.warn("db", std::string("final checkpoint: ") + e.what());
    }
}

void db_writer::run() {
    std::vector<std::pair<job, done>> group;
    std::vector<std::exception_ptr> errors;
    stmt& savepoint = db_.cached("SAVEPOINT job");
    (void)savepoint;
    for (;;) {
        group.clear();
        {
            std::unique_lock lock(mutex_);
            cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
            if (queue_.empty() && stopping_) return;
            while (!queue_.empty() && group.size() < max_group_) {
                group.push_back(std::move(queue_.front()));
                queue_.pop_front();
            }
        }
        errors.assign(group.size(), nullptr);
        std::exception_ptr commit_error;
        try {
            db_.exec("BEGIN IMMEDIATE");
            for (std::size_t i = 0; i < group.size(); ++i) {
                db_.cached("SAVEPOINT job").run();
                try {
                    group[i].first(db_);
                    db_.cached("RELEASE job").run();
                } catch (...) {
                    errors[i] = std::current_exception();
                    db_.cached("ROLLBACK TO job").run();
                    db_.cached("RELEASE job").run();
                }
            }
            db_.reset_all();
            db_.exec("COMMIT");
            ++commits_;
        } catch (const std::exception& e) {
            commit_error = std::current_exception();
            log_.error("db", std::string("group commit failed: ") + e.what());
            try {
                db_.reset_all();
                db_.exec("ROLLBACK");
            } catch (...) {
            }
        }
        for (std::size_t i = 0; i < group.size(); ++i) {
            if (!group[i].second) continue;
            try {
                group[i].second(commit_error ? commit_error : errors[i]);
            } catch (const std::exception& e) {
                log_.error("db", std::string("completion threw: ") + e.what());
            }
        }
    }
}

}  // namespace tanu::server
