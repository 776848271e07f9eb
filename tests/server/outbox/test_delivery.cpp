// The outbox in-process: outbox::queue, then one delivery round at a time
// (outbox::delivery::deliver_due on the test's thread, the loop not started)
// through the maildrop transport under a temporary data_dir, on a clock the
// test sets. No SMTP.
#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "server/accounts/store.hpp"
#include "server/db/db_readers.hpp"
#include "server/db/db_writer.hpp"
#include "server/db/migrator.hpp"
#include "server/db/sqlite.hpp"
#include "server/outbox/mail_transport.hpp"
#include "server/outbox/outbox.hpp"
#include "server/outbox/store.hpp"
#include "server/people/store.hpp"
#include "server/platform/config.hpp"
#include "server/platform/logger.hpp"
#include "tests/server/temp_dir.hpp"

using namespace tanu::server;
namespace fs = std::filesystem;

namespace {

// 2026-03-02 09:00 Almaty (UTC+5), a Monday.
constexpr std::int64_t monday_ms = 1772424000000;

// A clock that moves only when the test says (the writer's thread reads it too).
struct fixed_clock final : tanu::exam::clock {
    std::atomic<std::int64_t> t{monday_ms};
    std::int64_t now_ms() const override { return t.load(); }
};

std::string read_text(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

int files_in(const fs::path& dir) {
    if (!fs::is_directory(dir)) return 0;
    return static_cast<int>(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

server_config config_in(const fs::path& dir) {
    server_config c;
    c.data_dir = dir;
    c.mail.retry_max_s = 100;  // so that the ceiling is reached after three failures: 30, 60, 100
    return c;
}

struct fixture {
    tanu_test::temp_dir dir{"tanu-outbox-"};
    server_config cfg = config_in(dir.path);
    fixed_clock clock;
    logger log{log_level::off};
    db d{cfg.db_path()};  // the test's own connection: set-up and reading back
    std::int64_t candidate = 0;
    int migrated = migrate(d, embedded_migrations());
    db_writer writer{cfg.db_path(), log, 16};
    db_readers readers{cfg.db_path(), 1};
    outbox::delivery delivery{cfg, writer, readers, clock, log};

    fixture() {
        const auto user = store::insert_user(d, "cand", "candidate", "x", monday_ms);
        candidate_row c;
        c.iin = "900101300001";
        c.full_name = "Асанов Асан";
        c.birth_date = "1990-01-01";
        c.email = "asan@example.kz";
        candidate = store::insert_candidate(d, user, c, monday_ms);
    }

    fs::path maildrop() const { return cfg.data_dir / "outbox" / "maildrop"; }

    std::int64_t queue(const std::string& recipient) {
        outbox::notice n;
        n.candidate = candidate;
        n.kind = "document_issued";
        n.recipient = recipient;
        n.subject = "Выдан документ о признании квалификации";
        n.body = "Уважаемый(ая) Асанов Асан,\n\nВам выдан документ.\n";
        n.due = "2026-03-05";
        return writer.call([&](db& w) { return outbox::queue(w, n, clock.now_ms()); });
    }

    notice_row notice(std::int64_t id) {
        for (const auto& n : store::notices_of(d, candidate))
            if (n.id == id) return n;
        FAIL("no notice " << id);
        return {};
    }

    // One round at `t`.
    void round_at(std::int64_t t) {
        clock.t = t;
        delivery.deliver_due();
    }
};

}  // namespace

TEST_CASE("outbox: a queued notice is written to the maildrop and marked delivered", "[outbox][delivery]") {
    fixture f;
    const auto id = f.queue("asan@example.kz");
    const auto queued = f.notice(id);
    CHECK(queued.next_try_ms == monday_ms);  // due at once
    CHECK(queued.attempts == 0);
    CHECK_FALSE(queued.delivered_ms);
    CHECK(queued.due == "2026-03-05");

    f.round_at(monday_ms + 1000);
    const auto n = f.notice(id);
    CHECK(n.delivered_ms == monday_ms + 1000);
    CHECK(n.attempts == 1);
    CHECK_FALSE(n.failed);
    CHECK(n.last_error.empty());

    const fs::path file = f.maildrop() / "new" / ("notice-" + std::to_string(id) + "@tanu.local.eml");
    REQUIRE(fs::exists(file));
    mail_message m;
    m.from = f.cfg.mail.from;
    m.to = "asan@example.kz";
    m.subject = queued.subject;
    m.body = queued.body;
    m.message_id = "notice-" + std::to_string(id) + "@tanu.local";
    m.date_ms = queued.created_ms;
    CHECK(read_text(file) == format_mail(m));

    // delivered once: a later round sends nothing again
    f.round_at(monday_ms + 3'600'000);
    CHECK(f.notice(id).attempts == 1);
    CHECK(files_in(f.maildrop() / "new") == 1);
    CHECK(store::undelivered_notices(f.d, 10).empty());
}

TEST_CASE("outbox: a notice not yet due waits for its time", "[outbox][delivery]") {
    fixture f;
    f.clock.t = monday_ms + 60'000;
    const auto id = f.queue("asan@example.kz");  // due at monday + 60 s
    f.round_at(monday_ms);
    CHECK(f.notice(id).attempts == 0);
    CHECK(files_in(f.maildrop() / "new") == 0);
    f.round_at(monday_ms + 60'000);
    CHECK(f.notice(id).delivered_ms == monday_ms + 60'000);
}

TEST_CASE("outbox: a notice without a usable recipient is given up, not retried", "[outbox][delivery]") {
    fixture f;
    SECTION("no address") {
        const auto id = f.queue("");
        f.round_at(monday_ms);
        const auto n = f.notice(id);
        CHECK(n.failed);
        CHECK(n.attempts == 1);
        CHECK(n.last_error == "the candidate has no e-mail address");
        CHECK_FALSE(n.delivered_ms);
        f.round_at(monday_ms + 86'400'000);  // a day later
        CHECK(f.notice(id).attempts == 1);
    }
    SECTION("a malformed address (the transport's permanent error)") {
        const auto id = f.queue("asan.example.kz");
        f.round_at(monday_ms);
        const auto n = f.notice(id);
        CHECK(n.failed);
        CHECK(n.attempts == 1);
        CHECK_FALSE(n.last_error.empty());
        f.round_at(monday_ms + 86'400'000);
        CHECK(f.notice(id).attempts == 1);
    }
    CHECK(files_in(f.maildrop() / "new") == 0);
    // staff still see it among the undelivered (GET /api/notices?undelivered=1)
    const auto open = store::undelivered_notices(f.d, 10);
    REQUIRE(open.size() == 1);
    CHECK(open[0].failed);
}

// The maildrop cannot make its folders when data_dir/outbox is a file: an I/O
// failure, which the transport reports as temporary. The outbox retries 30 s
// later, doubling each time up to mail.retry_max_s (100 s here).
TEST_CASE("outbox: a temporary failure is retried, the wait doubling up to retry_max_s", "[outbox][delivery]") {
    fixture f;
    std::ofstream(f.cfg.data_dir / "outbox") << "not a folder";
    const auto id = f.queue("asan@example.kz");

    std::int64_t t = monday_ms;
    f.round_at(t);
    auto n = f.notice(id);
    CHECK(n.attempts == 1);
    CHECK_FALSE(n.failed);
    CHECK_FALSE(n.last_error.empty());
    CHECK(n.next_try_ms == t + 30'000);

    f.round_at(n.next_try_ms - 1);  // not due yet: no attempt
    CHECK(f.notice(id).attempts == 1);

    for (const std::int64_t wait : {60'000, 100'000, 100'000}) {
        t = n.next_try_ms;
        f.round_at(t);
        n = f.notice(id);
        INFO("attempt " << n.attempts);
        CHECK_FALSE(n.failed);
        CHECK(n.next_try_ms == t + wait);
    }
    CHECK(n.attempts == 4);
    CHECK_FALSE(n.delivered_ms);

    // the folder can be made again: the next try delivers
    fs::remove(f.cfg.data_dir / "outbox");
    t = n.next_try_ms;
    f.round_at(t);
    n = f.notice(id);
    CHECK(n.delivered_ms == t);
    CHECK(n.attempts == 5);
    CHECK(n.last_error.empty());
    CHECK(files_in(f.maildrop() / "new") == 1);
}
