// The migrator and the group-committing writer, on real SQLite files.
#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>
#include <future>
#include <random>
#include <thread>
#include <vector>

#include "server/db/db_writer.hpp"
#include "server/db/migrator.hpp"
#include "server/db/sqlite.hpp"
#include "server/platform/logger.hpp"

namespace fs = std::filesystem;
using namespace tanu::server;

namespace {

struct temp_dir {
    fs::path path;
    temp_dir() {
        std::random_device rd;
        path = fs::temp_directory_path() / ("tanu-storage-" + std::to_string(rd()) + std::to_string(rd()));
        fs::create_directories(path);
    }
    ~temp_dir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

int count(db& d, const char* sql) {
    stmt s(d, sql);
    s.step();
    return s.i32(0);
}

bool has_table(db& d, const std::string& name) {
    stmt s(d, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?");
    s.bind(1, name);
    s.step();
    return s.i32(0) == 1;
}

}  // namespace

TEST_CASE("migrations bring a new database to the newest version once", "[storage][migrator]") {
    temp_dir dir;
    db d(dir.path / "t.db");
    const auto& all = embedded_migrations();
    REQUIRE_FALSE(all.empty());
    CHECK(all.front().version == 1);
    int applied = migrate(d, all);
    CHECK(applied == static_cast<int>(all.size()));
    CHECK(d.user_version() == all.back().version);
    CHECK(has_table(d, "sittings"));
    CHECK(has_table(d, "answers"));
    CHECK(migrate(d, all) == 0);  // nothing left to do
}

TEST_CASE("a database newer than the binary is refused untouched", "[storage][migrator]") {
    temp_dir dir;
    db d(dir.path / "t.db");
    migrate(d, embedded_migrations());
    int newest = d.user_version();
    d.exec(("PRAGMA user_version = " + std::to_string(newest + 1)).c_str());
    CHECK_THROWS_AS(migrate(d, embedded_migrations()), database_too_new);
    CHECK(d.user_version() == newest + 1);
}

TEST_CASE("a failing migration leaves neither its changes nor its version", "[storage][migrator]") {
    temp_dir dir;
    db d(dir.path / "t.db");
    std::vector<migration> steps = {
        {1, "0001_a", "CREATE TABLE a (x INTEGER);"},
        {2, "0002_b", "CREATE TABLE b (x INTEGER); INSERT INTO nowhere VALUES (1);"},
    };
    CHECK_THROWS(migrate(d, steps));
    CHECK(d.user_version() == 1);
    CHECK(has_table(d, "a"));
    CHECK_FALSE(has_table(d, "b"));
}

TEST_CASE("the writer commits a group once and undoes a failing job alone", "[storage][writer]") {
    temp_dir dir;
    auto path = dir.path / "w.db";
    {
        db d(path);
        d.exec("CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT NOT NULL)");
    }
    logger log(log_level::off);
    db_writer writer(path, log, 1024);

    // Many jobs from many threads; every fifth one inserts and then fails.
    constexpr int jobs = 400;
    std::vector<std::promise<bool>> done(jobs);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            for (int i = t; i < jobs; i += 4) {
                writer.post(
                    [i](db& d) {
                        d.cached("INSERT INTO t(k, v) VALUES (?, 'x')").bind(1, i).run();
                        if (i % 5 == 0) throw std::runtime_error("refused");
                    },
                    [&done, i](std::exception_ptr e) { done[static_cast<std::size_t>(i)].set_value(e == nullptr); });
            }
        });
    for (auto& th : threads) th.join();
    int ok = 0;
    for (int i = 0; i < jobs; ++i) {
        bool committed = done[static_cast<std::size_t>(i)].get_future().get();
        CHECK(committed == (i % 5 != 0));
        ok += committed;
    }
    // Each completion came after its commit: a fresh connection sees exactly the
    // jobs that succeeded, none of the failed ones.
    db reader(path);
    CHECK(count(reader, "SELECT count(*) FROM t") == ok);
    CHECK(count(reader, "SELECT count(*) FROM t WHERE k % 5 = 0") == 0);
    // Far fewer commits than jobs: the group commit shared the fsyncs.
    CHECK(writer.commits() < static_cast<std::uint64_t>(jobs));
}

TEST_CASE("call() returns the job's value and rethrows its error", "[storage][writer]") {
    temp_dir dir;
    auto path = dir.path / "c.db";
    logger log(log_level::off);
    db_writer writer(path, log, 16);
    writer.call([](db& d) { d.exec("CREATE TABLE t (v INTEGER)"); });
    auto id = writer.call([](db& d) {
        d.exec("INSERT INTO t VALUES (7)");
        return d.last_insert_id();
    });
    CHECK(id == 1);
    CHECK_THROWS_WITH(writer.call([](db&) -> int { throw std::runtime_error("no"); }), "no");
    writer.stop();
    // Jobs posted after stop are refused through their completion, not lost silently.
    std::promise<bool> refused;
    writer.post([](db&) {}, [&](std::exception_ptr e) { refused.set_value(e != nullptr); });
    CHECK(refused.get_future().get());
}
