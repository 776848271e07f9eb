// Migration 12 (the registrar and the head of the centre) on a database as
// release 11 left it: every user keeps its id, roles, password and tokens, the
// rows pointing at users still point at them, and the new roles can be held.
#include <catch2/catch.hpp>

#include <vector>

#include "server/accounts/auth.hpp"
#include "server/accounts/store.hpp"
#include "server/db/migrator.hpp"
#include "server/db/sqlite.hpp"
#include "tests/server/temp_dir.hpp"

using namespace tanu::server;

namespace {

constexpr std::int64_t t0 = 1796014800000;  // 2026-11-30 10:00 Almaty

int count(db& d, const char* sql) {
    stmt s(d, sql);
    s.step();
    return s.i32(0);
}

}  // namespace

TEST_CASE("migration 12 keeps every user, role and token of a release-11 database and admits registrar and head", "[storage][migrator][roles]") {
    tanu_test::temp_dir dir{"tanu-roles-"};
    db d(dir.path / "t.db");
    const auto& all = embedded_migrations();
    REQUIRE(all.size() >= 12);
    std::vector<migration> release11(all.begin(), all.begin() + 11);
    REQUIRE(migrate(d, release11) == 11);
    d.exec("INSERT INTO users(id, login, role, password_hash, created_ms, disabled) VALUES "
           "(1, 'admin', 'admin', 'h1', 1796014800000, 0), (2, 'komissiya', 'commission', 'h2', 1796014800000, 1), "
           "(5, 'aigerim', 'candidate', 'h3', 1796014800000, 0)");
    d.exec("INSERT INTO user_roles(user_id, role) VALUES (1, 'admin'), (2, 'commission'), (2, 'appeal'), (5, 'candidate')");
    d.exec("INSERT INTO people(id, iin, full_name, birth_date, created_ms) VALUES (7, '900101300016', 'Айгерим Серикова', '1990-01-01', 1796014800000)");
    d.exec("INSERT INTO candidates(id, user_id, person, created_ms) VALUES (10, 5, 7, 1796014800000)");
    stmt tok(d, "INSERT INTO tokens(hash, user_id, created_ms, expires_ms) VALUES (?, 5, ?, ?)");
    tok.bind_blob(1, token_hash("a-token")).bind(2, t0).bind(3, t0 + 3'600'000).run();
    // a head cannot be written before
    CHECK_THROWS(d.exec("INSERT INTO users(login, role, password_hash, created_ms) VALUES ('x', 'head', 'h', 1)"));

    REQUIRE(migrate(d, all) == static_cast<int>(all.size()) - 11);

    CHECK(count(d, "SELECT count(*) FROM users") == 3);
    CHECK(count(d, "SELECT count(*) FROM user_roles") == 4);
    CHECK(count(d, "SELECT count(*) FROM user_roles WHERE user_id = 2 AND role IN ('commission', 'appeal')") == 2);
    CHECK(count(d, "SELECT disabled FROM users WHERE id = 2") == 1);
    CHECK(count(d, "SELECT count(*) FROM candidates WHERE user_id = 5") == 1);
    auto who = store::find_token(d, token_hash("a-token"), t0);
    REQUIRE(who);
    CHECK(who->user == 5);
    CHECK(who->candidate == std::optional<std::int64_t>(10));
    CHECK(store::find_user_by_id(d, 1)->login == "admin");

    auto head = store::insert_user(d, "bastyk", "head", "h", t0);
    store::grant_role(d, head, role::registrar);
    CHECK(count(d, "SELECT count(*) FROM user_roles WHERE role IN ('head', 'registrar')") == 2);
    CHECK_THROWS(d.exec("INSERT INTO user_roles(user_id, role) VALUES (1, 'janitor')"));
    stmt fk(d, "PRAGMA foreign_key_check");
    CHECK_FALSE(fk.step());
}
