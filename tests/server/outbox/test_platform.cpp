// The national qualifications platform's outbox (W8) in-process: a queued
// record is sent to a local fake platform on loopback, its answer kept;
// refused for good, busy, or no platform configured.
#include <catch2/catch.hpp>

#include <atomic>
#include <nlohmann/json.hpp>

#include "server/accounts/store.hpp"
#include "server/db/db_readers.hpp"
#include "server/db/db_writer.hpp"
#include "server/db/migrator.hpp"
#include "server/outbox/outbox.hpp"
#include "server/outbox/platform.hpp"
#include "server/platform/config.hpp"
#include "server/platform/logger.hpp"
#include "tests/fakes/fake_http.hpp"
#include "tests/server/temp_dir.hpp"

using namespace tanu::server;

namespace {

constexpr std::int64_t monday_ms = 1772424000000;  // 2026-03-02 09:00 Almaty

struct fixed_clock final : tanu::exam::clock {
    std::atomic<std::int64_t> t{monday_ms};
    std::int64_t now_ms() const override { return t.load(); }
};

// Documents are recognition's; a row with the columns the foreign key needs.
void a_document(db& d, const std::string& code) {
    static int serial = 0;
    stmt(d, "PRAGMA foreign_keys=OFF").run();
    stmt s(d, "INSERT INTO documents(code, serial, sitting, candidate, programme, profession, full_name, nqf_level, "
              "procedure_date, issued, valid_until, issued_ms, basis) VALUES (?, ?, 1, 1, 'P', 'p', 'f', 4, "
              "'2026-03-02', '2026-03-02', '2031-03-02', 0, 'protocol')");
    s.bind(1, code).bind(2, ++serial).run();
    stmt(d, "PRAGMA foreign_keys=ON").run();
}

struct fixture {
    tanu_test::temp_dir dir{"tanu-platform-"};
    tanu_test::fake_http nqs;
    server_config cfg;
    fixed_clock clock;
    logger log{log_level::off};
    std::unique_ptr<db> d;
    std::unique_ptr<db_writer> writer;
    std::unique_ptr<db_readers> readers;
    std::unique_ptr<outbox::delivery> delivery;

    explicit fixture(bool configured) {
        cfg.data_dir = dir.path;
        cfg.mail.retry_max_s = 100;
        if (configured) {
            cfg.nqs.url = nqs.url("/api/v1/qualifications");
            cfg.nqs.token = "nqs-token";
        }
        d = std::make_unique<db>(cfg.db_path());
        migrate(*d, embedded_migrations());
        writer = std::make_unique<db_writer>(cfg.db_path(), log, 16);
        readers = std::make_unique<db_readers>(cfg.db_path(), 1);
        delivery = std::make_unique<outbox::delivery>(cfg, *writer, *readers, clock, log);
    }
    std::int64_t queue(const std::string& code) {
        a_document(*d, code);
        return writer->call([&](db& w) {
            return outbox::queue_export(w, code, {{"document", code}, {"iin", "900101300016"}}, "2026-03-05", monday_ms);
        });
    }
    platform_export_row row(const std::string& code) {
        for (const auto& e : store::exports(*d, false, 100))
            if (e.document == code) return e;
        FAIL("no export of " << code);
        return {};
    }
};

}  // namespace

TEST_CASE("platform: a signed document's record is sent with the token and the answer is kept", "[outbox][platform]") {
    fixture f(true);
    f.nqs.answer(201, R"({"id": "NQS-2026-000123", "status": "registered"})");
    f.queue("43221-71260001-4-020326-0007-00000001");
    // once per document
    CHECK(f.writer->call([&](db& w) {
        return outbox::queue_export(w, "43221-71260001-4-020326-0007-00000001", json::object(), "", monday_ms);
    }) >= 0);
    CHECK(store::exports(*f.d, false, 100).size() == 1);
    f.delivery->deliver_due();
    const auto got = f.nqs.received();
    REQUIRE(got.size() == 1);
    CHECK(got[0].target == "/api/v1/qualifications");
    CHECK(got[0].authorization == "Bearer nqs-token");
    CHECK(nlohmann::json::parse(got[0].body)["iin"] == "900101300016");
    const auto e = f.row("43221-71260001-4-020326-0007-00000001");
    CHECK(e.sent_ms == monday_ms);
    CHECK(e.platform_id == "NQS-2026-000123");
    CHECK(nlohmann::json::parse(e.answer)["status"] == "registered");
    f.delivery->deliver_due();
    CHECK(f.nqs.received().size() == 1);  // sent once
}

TEST_CASE("platform: refused for good is given up with its answer, busy is retried later", "[outbox][platform]") {
    fixture f(true);
    f.nqs.answer(422, R"({"error": "unknown NKZ"})");
    f.queue("A-1");
    f.delivery->deliver_due();
    auto e = f.row("A-1");
    CHECK(e.failed);
    CHECK_FALSE(e.sent_ms);
    CHECK(e.last_error == "the platform answered HTTP 422");
    CHECK(nlohmann::json::parse(e.answer)["error"] == "unknown NKZ");
    f.nqs.answer(503, "{}");
    f.queue("A-2");
    f.delivery->deliver_due();
    e = f.row("A-2");
    CHECK_FALSE(e.failed);
    CHECK(e.next_try_ms == monday_ms + 30'000);
    f.nqs.answer(200, "{}");
    f.clock.t = monday_ms + 30'000;
    f.delivery->deliver_due();
    CHECK(f.row("A-2").sent_ms == monday_ms + 30'000);
    CHECK(f.row("A-2").platform_id.empty());
}

TEST_CASE("platform: with no platform configured the records wait, nothing is sent", "[outbox][platform]") {
    fixture f(false);
    f.queue("B-1");
    f.delivery->deliver_due();
    CHECK(f.nqs.received().empty());
    const auto e = f.row("B-1");
    CHECK_FALSE(e.sent_ms);
    CHECK_FALSE(e.failed);
    CHECK(e.attempts == 0);
    CHECK(store::exports(*f.d, true, 100).size() == 1);
}
