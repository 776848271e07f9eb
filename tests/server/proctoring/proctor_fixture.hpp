#pragma once
// A proctor_service on a migrated SQLite file (the recognition fixture's
// people), with one online sitting of `programme` in progress, its own clock,
// writer, readers and a one-thread pool; `prepare` may add a programme or tune
// the configuration before the services are made.
#include <atomic>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "server/db/db_readers.hpp"
#include "server/db/db_writer.hpp"
#include "server/exam/exam_service.hpp"
#include "server/exam/sitting_hub.hpp"
#include "server/proctoring/proctor_service.hpp"
#include "tests/server/recognition/procedure_fixture.hpp"

namespace tanu_test {

struct fixed_clock final : tanu::exam::clock {
    std::atomic<std::int64_t> t{0};
    std::int64_t now_ms() const override { return t.load(); }
};

struct proctor_fixture {
    procedure_fixture f;
    server_config cfg;
    fixed_clock clock;
    std::int64_t sitting = 0;
    std::unique_ptr<db_writer> writer;
    std::unique_ptr<db_readers> readers;
    sitting_hub hub;
    boost::asio::thread_pool workers{1};
    sitting_owners owners;
    std::unique_ptr<exam_service> exams;
    std::unique_ptr<proctor_service> proctor;

    explicit proctor_fixture(const std::string& programme = "W1",
                             const std::function<void(procedure_fixture&, server_config&)>& prepare = {}) {
        clock.t = f.t0;
        cfg.data_dir = f.dir.path;
        cfg.proctoring.threads = 1;
        if (prepare) prepare(f, cfg);
        sitting_row s;
        s.candidate = f.candidate;
        s.programme = programme;
        s.lang = "ru";
        s.mode = "online";
        s.attempt = 1;
        s.created_ms = f.t0 - 60'000;
        sitting = store::insert_sitting(f.d, s);
        stmt u(f.d, "UPDATE sittings SET status = 'in_progress', started_ms = ?, deadline_ms = ? WHERE id = ?");
        u.bind(1, f.t0).bind(2, f.t0 + 3'600'000).bind(3, sitting);
        u.run();
        owners.add("recognition", f.owner);
        writer = std::make_unique<db_writer>(f.dir.path / "t.db", f.log, 64);
        readers = std::make_unique<db_readers>(f.dir.path / "t.db", 1);
        exams = std::make_unique<exam_service>(*writer, *readers, clock, hub, workers, f.log, owners);
        proctor = std::make_unique<proctor_service>(cfg, *writer, *readers, *exams, hub, clock, f.log);
    }
    ~proctor_fixture() {
        proctor->stop();
        workers.join();
    }
    proctor_fixture(const proctor_fixture&) = delete;
    proctor_fixture& operator=(const proctor_fixture&) = delete;

    int events(const std::string& kind, const std::string& more = "") {
        return count(f.d, "SELECT count(*) FROM events WHERE sitting = " + std::to_string(sitting) + " AND kind = '" +
                              kind + "'" + more);
    }
    // Waits for the proctoring pool and the writer (no timing is asserted: a bound on the wait only).
    template <class P>
    bool eventually(P pred) {
        for (int i = 0; i < 400; ++i) {
            if (pred()) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(25));
        }
        return pred();
    }
};

}  // namespace tanu_test
