#pragma once
#include <condition_variable>
#include <deque>
#include <exception>
#include <filesystem>
#include <atomic>
#include <functional>
#include <optional>
#include <future>
#include <mutex>
#include <thread>
#include <type_traits>

#include "server/db/sqlite.hpp"
#include "server/platform/logger.hpp"

namespace tanu::server {

// The one writer. Jobs queue up; the writer thread takes every job waiting (up
// to a bound), runs each inside its own SAVEPOINT of one transaction, commits
// once (one fsync for the whole group), and only then calls each job's
// completion: a completion means the job's writes are durable, or carries the
// error that undid them. A job that throws is rolled back alone. Checkpoints
// of the write-ahead log run on a second thread, not inside commits.
class db_writer {
public:
    using job = std::function<void(db&)>;
    using done = std::function<void(std::exception_ptr)>;

    db_writer(const std::filesystem::path& path, logger& log, std::size_t max_group);
    ~db_writer();
    db_writer(const db_writer&) = delete;
    db_writer& operator=(const db_writer&) = delete;

    void post(job j, done d);

    // Runs f(db&) in the writer and waits for the commit; returns f's value or
    // rethrows its exception.
    template <class F>
    auto call(F&& f) -> std::invoke_result_t<F&, db&> {
        using R = std::invoke_result_t<F&, db&>;
        auto promise = std::make_shared<std::promise<R>>();
        auto result = std::make_shared<std::optional<std::conditional_t<std::is_void_v<R>, int, R>>>();
        post(
            [f = std::forward<F>(f), result](db& d) mutable {
                if constexpr (std::is_void_v<R>) {
                    f(d);
                    result->emplace(0);
                } else {
                    result->emplace(f(d));
                }
            },
            [promise, result](std::exception_ptr e) {
                if (e) {
                    promise->set_exception(e);
                } else if constexpr (std::is_void_v<R>) {
                    promise->set_value();
                } else {
                    promise->set_value(std::move(**result));
                }
            });
        return promise->get_future().get();
    }

    // Runs the jobs still queued, commits them, and stops the thread.
    void stop();

    std::uint64_t commits() const { return commits_; }

private:
    void run();
    void run_checkpoints();

    logger& log_;
    std::size_t max_group_;
    db db_;
    std::mutex mutex_;
    std::condition_variable cv_;
    std::deque<std::pair<job, done>> queue_;
    bool stopping_ = false;
    std::atomic<std::uint64_t> commits_{0};
    std::thread thread_;
    // WAL checkpoints run beside the writer on their own connection, so a
    // commit never waits for the database file to be synced.
    db checkpoint_db_;
    std::mutex checkpoint_mutex_;
    std::condition_variable checkpoint_cv_;
    bool checkpoint_stop_ = false;
    std::thread checkpointer_;
};

}  // namespace tanu::server
