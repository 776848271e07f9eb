// Migration 8 (the engine is neutral) on a database as release 7 left it: the
// recognition procedure's dates leave `sittings` for recognition_sittings with
// every value kept, and the sittings ended before those dates existed get the
// local day they ended on.
#include <catch2/catch.hpp>

#include <vector>

#include "server/db/migrator.hpp"
#include "server/db/sqlite.hpp"
#include "server/exam/store.hpp"
#include "server/recognition/store.hpp"
#include "tests/server/temp_dir.hpp"

using namespace tanu::server;

namespace {

int count(db& d, const char* sql) {
    stmt s(d, sql);
    s.step();
    return s.i32(0);
}

}  // namespace

TEST_CASE("migration 8 moves the procedure dates of every ended sitting out of sittings", "[storage][migrator][owner]") {
    tanu_test::temp_dir dir{"tanu-owner-"};
    db d(dir.path / "t.db");
    const auto& all = embedded_migrations();
    REQUIRE(all.size() >= 8);
    std::vector<migration> release7(all.begin(), all.begin() + 7);
    REQUIRE(migrate(d, release7) == 7);

    d.exec("INSERT INTO users(id, login, role, password_hash, created_ms) VALUES (3, 'aigerim', 'candidate', 'h', 0)");
    d.exec("INSERT INTO people(id, iin, full_name, birth_date, created_ms) VALUES (1, '900101300016', 'Айгерим', '1990-01-01', 0)");
    d.exec("INSERT INTO candidates(id, user_id, iin, full_name, birth_date, created_ms, person) VALUES "
           "(10, 3, '900101300016', 'Айгерим', '1990-01-01', 0, 1)");
    d.exec("INSERT INTO programmes(code, body, created_ms) VALUES ('WELD-3', '{}', 0)");
    // 101: ended on Friday 20 March 2026 with its dates (the protocol due on the
    // 27th, as release 7 computed it); 102: ended at 00:30 on 3 March 2026 in
    // Astana (19:30 UTC on the 2nd), before release 4 wrote dates;
    // 103: not sat yet; 104: ended, no calendar for its year.
    d.exec("INSERT INTO sittings(id, candidate, programme, lang, mode, attempt, status, created_ms, finished_ms, "
           "procedure_date, protocol_due) VALUES "
           "(101, 10, 'WELD-3', 'kk', 'online', 1, 'finished', 0, 1773993600000, '2026-03-20', '2026-03-27'), "
           "(102, 10, 'WELD-3', 'kk', 'online', 2, 'terminated', 0, 1772479800000, NULL, NULL), "
           "(103, 10, 'WELD-3', 'kk', 'online', 3, 'scheduled', 0, NULL, NULL, NULL), "
           "(104, 10, 'WELD-3', 'ru', 'online', 4, 'finished', 0, 1893456000000, '2030-01-01', NULL)");

    REQUIRE(migrate(d, all) == static_cast<int>(all.size()) - 7);

    CHECK(count(d, "SELECT count(*) FROM sittings") == 4);
    CHECK(count(d, "SELECT count(*) FROM pragma_table_info('sittings') WHERE name IN ('procedure_date', 'protocol_due')") == 0);
    CHECK(count(d, "SELECT count(*) FROM recognition_sittings") == 3);

    auto a = store::procedure_dates_of(d, 101);
    REQUIRE(a);
    CHECK(a->procedure_date == "2026-03-20");
    CHECK(a->protocol_due == "2026-03-27");
    auto b = store::procedure_dates_of(d, 102);
    REQUIRE(b);
    CHECK(b->procedure_date == "2026-03-03");  // the local day (UTC+5), not the UTC one
    CHECK(b->protocol_due.empty());
    CHECK_FALSE(store::procedure_dates_of(d, 103));
    auto c = store::procedure_dates_of(d, 104);
    REQUIRE(c);
    CHECK(c->protocol_due.empty());

    auto s = store::find_sitting(d, 101);
    REQUIRE(s);
    CHECK(s->status == "finished");
    CHECK(s->finished_ms == 1773993600000);

    // The commission's queue: the known deadline first, the unknown ones after.
    const auto awaiting = store::sittings_awaiting_protocol(d, 10);
    REQUIRE(awaiting.size() == 3);
    CHECK(awaiting[0].sitting == 101);
    CHECK(awaiting[0].protocol_due == "2026-03-27");
    CHECK(awaiting[1].sitting == 102);
    CHECK(awaiting[2].sitting == 104);
}
