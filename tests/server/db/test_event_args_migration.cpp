// Migration 11 (events carry their args) on a database as release 10 left it:
// the event chains written then, hashed without args, still verify after the
// migration; events appended afterwards, with args or without, continue them.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <vector>

#include "server/audit/audit.hpp"
#include "server/db/migrator.hpp"
#include "server/db/sqlite.hpp"
#include "server/platform/sha256.hpp"
#include "tests/server/temp_dir.hpp"

using namespace tanu::server;

namespace {

// The hash as release 10 wrote it (server/audit/audit.cpp before migration 11):
// the previous hash, a newline, the fields as a JSON array.
std::string release10_hash(const std::string& prev, std::int64_t sitting, std::int64_t seq, std::int64_t t_ms,
                           const std::string& kind, const std::string& detail, bool violation, int strike) {
    const nlohmann::json fields = {sitting, seq, t_ms, kind, detail, violation ? 1 : 0, strike, "", ""};
    return sha256_hex(prev + "\n" + fields.dump());
}

void release10_event(db& d, std::int64_t sitting, std::int64_t seq, std::string& prev, std::int64_t t_ms,
                     const std::string& kind, const std::string& detail, bool violation, int strike) {
    const std::string hash = release10_hash(prev, sitting, seq, t_ms, kind, detail, violation, strike);
    stmt s(d,
           "INSERT INTO events(sitting, t_ms, kind, detail, violation, strike, seq, prev_hash, hash) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, sitting).bind(2, t_ms).bind(3, kind).bind(4, detail).bind(5, violation ? 1 : 0).bind(6, strike);
    s.bind(7, seq).bind(8, prev).bind(9, hash).run();
    prev = hash;
}

int count(db& d, const char* sql) {
    stmt s(d, sql);
    s.step();
    return s.i32(0);
}

}  // namespace

TEST_CASE("migration 11 keeps every chain written before it verifiable and continues it with args",
          "[storage][migrator][audit][event_args]") {
    tanu_test::temp_dir dir{"tanu-event-args-"};
    db d(dir.path / "t.db");
    const auto& all = embedded_migrations();
    REQUIRE(all.size() >= 11);
    std::vector<migration> release10(all.begin(), all.begin() + 10);
    REQUIRE(migrate(d, release10) == 10);
    REQUIRE(count(d, "SELECT count(*) FROM pragma_table_info('events') WHERE name = 'args'") == 0);

    // Two sittings as release 10 stores them, and their chains.
    d.exec("INSERT INTO users(id, login, role, password_hash, created_ms) VALUES (3, 'aigerim', 'candidate', 'h', 0)");
    d.exec("INSERT INTO people(id, iin, full_name, birth_date, created_ms) VALUES (1, '900101300016', 'Айгерим', '1990-01-01', 0)");
    d.exec("INSERT INTO candidates(id, user_id, person, created_ms) VALUES (10, 3, 1, 0)");
    d.exec("INSERT INTO programmes(code, body, created_ms) VALUES ('WELD-3', '{}', 0)");
    d.exec("INSERT INTO sittings(id, candidate, programme, lang, mode, attempt, status, created_ms) VALUES "
           "(7, 10, 'WELD-3', 'kk', 'online', 1, 'finished', 0), (8, 10, 'WELD-3', 'ru', 'online', 2, 'finished', 0)");
    std::string prev7, prev8;
    release10_event(d, 7, 1, prev7, 1000, "identity_confirmed", "distance 0.312000", false, 0);
    release10_event(d, 7, 2, prev7, 9000, "multiple_faces", "2 faces for 6.0 s", true, 1);
    release10_event(d, 8, 1, prev8, 2000, "no_face", "no face for 10.0 s", true, 1);
    // One written before the chains existed (migration 4 chains it at start).
    d.exec("INSERT INTO events(sitting, t_ms, kind, detail, violation, strike) VALUES (8, 3000, 'focus_lost', 'x', 0, 0)");
    CHECK(count(d, "SELECT count(*) FROM events") == 4);

    REQUIRE(migrate(d, all) == static_cast<int>(all.size()) - 10);
    CHECK(count(d, "SELECT count(*) FROM pragma_table_info('events') WHERE name = 'args'") == 1);
    CHECK(count(d, "SELECT count(*) FROM events WHERE args IS NOT NULL") == 0);
    CHECK(audit::chain_unchained(d) == 1);

    auto r = audit::verify(d);
    INFO((r.breaks.empty() ? std::string() : r.breaks.front()));
    CHECK(r.ok());
    CHECK(r.sittings == 2);
    CHECK(r.events == 4);

    // The chains go on, with args and without.
    audit::event_fields with{7, 15000, "noise", "sound up to -18.5 dBFS for 3.0 s", true, 2, "", "", R"({"seconds": 3.0, "dbfs": -18.5})"};
    const auto id = audit::append_event(d, with);
    audit::append_event(d, {7, 16000, "focus_back", "the exam page has focus again", false, 0, "", "", ""});
    r = audit::verify(d);
    INFO((r.breaks.empty() ? std::string() : r.breaks.front()));
    CHECK(r.ok());
    CHECK(r.events == 6);
    {
        stmt q(d, "SELECT args, seq FROM events WHERE id = ?");
        q.bind(1, id);
        REQUIRE(q.step());
        CHECK(q.text(0) == R"({"dbfs":-18.5,"seconds":3.0})");  // compact: what the hash covers
        CHECK(q.i64(1) == 3);
    }
    CHECK(count(d, "SELECT count(*) FROM events WHERE args IS NULL") == 5);

    // An old event given args afterwards no longer matches its hash.
    d.exec("UPDATE events SET args = '{\"seconds\":60.0}' WHERE sitting = 7 AND seq = 2");
    r = audit::verify(d);
    REQUIRE(r.breaks.size() == 1);
    CHECK(r.breaks[0].find("seq 2): content does not match its hash") != std::string::npos);
}
