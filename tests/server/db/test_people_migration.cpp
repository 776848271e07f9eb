// Migration 7 (people and roles) on a database as the release before it left
// it: every user, candidate, token and sitting is still there, each candidate
// refers to its person, each user holds its role.
#include <catch2/catch.hpp>

#include <vector>

#include "server/accounts/auth.hpp"
#include "server/accounts/store.hpp"
#include "server/db/migrator.hpp"
#include "server/db/sqlite.hpp"
#include "server/people/store.hpp"
#include "tests/server/temp_dir.hpp"

using namespace tanu::server;

namespace {

// 2026-11-30 10:00 Almaty.
constexpr std::int64_t t0 = 1796014800000;

int count(db& d, const char* sql) {
    stmt s(d, sql);
    s.step();
    return s.i32(0);
}

}  // namespace

TEST_CASE("migration 7 keeps every row of a release-6 database and adds people and roles", "[storage][migrator][people]") {
    tanu_test::temp_dir dir{"tanu-people-"};
    db d(dir.path / "t.db");
    const auto& all = embedded_migrations();
    REQUIRE(all.size() >= 7);
    std::vector<migration> release6(all.begin(), all.begin() + 6);
    REQUIRE(migrate(d, release6) == 6);
    REQUIRE(d.user_version() == 6);

    // What release 6 wrote: an admin, a commission member, two candidates, a token, a sitting.
    d.exec("INSERT INTO users(id, login, role, password_hash, created_ms) VALUES "
           "(1, 'admin', 'admin', 'h1', 1796014800000), (2, 'komissiya', 'commission', 'h2', 1796014800000), "
           "(3, 'aigerim', 'candidate', 'h3', 1796014800000), (4, 'bolat', 'candidate', 'h4', 1796014800000)");
    d.exec("INSERT INTO candidates(id, user_id, iin, full_name, birth_date, email, phone, created_ms) VALUES "
           "(10, 3, '900101300016', 'Айгерим Серикова', '1990-01-01', 'a@example.kz', '+77010000001', 1796014800000), "
           "(11, 4, '851231350027', 'Болат Ахметов', '1985-12-31', '', '', 1796014800001)");
    d.exec("INSERT INTO programmes(code, body, created_ms) VALUES ('WELD-3', '{}', 1796014800000)");
    d.exec("INSERT INTO sittings(id, candidate, programme, lang, mode, attempt, status, created_ms) VALUES "
           "(100, 10, 'WELD-3', 'kk', 'online', 1, 'scheduled', 1796014800000)");
    const auto token = token_hash("a-token");
    stmt tok(d, "INSERT INTO tokens(hash, user_id, created_ms, expires_ms) VALUES (?, 3, ?, ?)");
    tok.bind_blob(1, token).bind(2, t0).bind(3, t0 + 3'600'000).run();

    REQUIRE(migrate(d, all) == static_cast<int>(all.size()) - 6);

    CHECK(count(d, "SELECT count(*) FROM users") == 4);
    CHECK(count(d, "SELECT count(*) FROM candidates") == 2);
    CHECK(count(d, "SELECT count(*) FROM sittings") == 1);
    CHECK(count(d, "SELECT count(*) FROM tokens") == 1);
    CHECK(count(d, "SELECT count(*) FROM people") == 2);
    CHECK(count(d, "SELECT count(*) FROM candidates WHERE person IS NULL") == 0);
    CHECK(count(d, "SELECT count(*) FROM user_roles") == 4);

    auto a = store::find_candidate(d, 10);
    REQUIRE(a);
    CHECK(a->iin == "900101300016");
    CHECK(a->full_name == "Айгерим Серикова");
    CHECK(a->birth_date == "1990-01-01");
    CHECK(a->email == "a@example.kz");
    CHECK(a->phone == "+77010000001");
    CHECK(a->login == "aigerim");
    auto person = store::find_person(d, a->person);
    REQUIRE(person);
    CHECK(person->iin == "900101300016");
    auto b = store::find_candidate(d, 11);
    REQUIRE(b);
    CHECK(b->full_name == "Болат Ахметов");
    CHECK(b->person != a->person);
    CHECK(store::iin_taken(d, "851231350027"));

    auto who = store::find_token(d, token, t0 + 1000);
    REQUIRE(who);
    CHECK(who->user == 3);
    CHECK(who->candidate == 10);
    CHECK(who->roles() == role_set{role::candidate});
    CHECK(who->is(role::candidate));
    CHECK_FALSE(who->is(role::admin));
}

TEST_CASE("a person is one per IIN and a user's roles are a set", "[storage][people]") {
    tanu_test::temp_dir dir{"tanu-people-"};
    db d(dir.path / "t.db");
    migrate(d, embedded_migrations());
    const auto first = store::person_of_iin(d, {0, "900101300016", "Айгерим Серикова", "1990-01-01", "", ""}, t0);
    const auto again = store::person_of_iin(d, {0, "900101300016", "Другое имя", "1990-01-01", "", ""}, t0 + 1);
    CHECK(again == first);
    CHECK(store::find_person(d, first)->full_name == "Айгерим Серикова");  // an existing person is kept as is

    const auto uid = store::insert_user(d, "chair", "commission", "h", t0);
    d.exec(("INSERT INTO user_roles(user_id, role) VALUES (" + std::to_string(uid) + ", 'appeal')").c_str());
    const auto token = token_hash("chair-token");
    store::insert_token(d, token, uid, t0, t0 + 3'600'000);
    auto who = store::find_token(d, token, t0 + 1);
    REQUIRE(who);
    CHECK(who->role == "commission");
    CHECK(who->roles() == role_set{role::commission, role::appeal});
    CHECK(who->roles().intersects({role::admin, role::commission, role::appeal}));
}

TEST_CASE("migration 9 rebuilds candidates on people and keeps every row that points at one", "[storage][migrator][people]") {
    tanu_test::temp_dir dir{"tanu-people-"};
    db d(dir.path / "t.db");
    const auto& all = embedded_migrations();
    REQUIRE(all.size() >= 9);
    std::vector<migration> release8(all.begin(), all.begin() + 8);
    REQUIRE(migrate(d, release8) == 8);

    // Release 8: two candidates (personal columns beside people), a sitting, a notice and a token of each.
    d.exec("INSERT INTO users(id, login, role, password_hash, created_ms) VALUES "
           "(3, 'aigerim', 'candidate', 'h3', 1796014800000), (4, 'bolat', 'candidate', 'h4', 1796014800000)");
    d.exec("INSERT INTO people(id, iin, full_name, birth_date, email, phone, created_ms) VALUES "
           "(1, '900101300016', 'Айгерим Серикова', '1990-01-01', 'a@example.kz', '+77010000001', 1796014800000), "
           "(2, '851231350027', 'Болат Ахметов', '1985-12-31', '', '', 1796014800001)");
    d.exec("INSERT INTO candidates(id, user_id, iin, full_name, birth_date, email, phone, created_ms, person) VALUES "
           "(10, 3, '900101300016', 'Айгерим Серикова', '1990-01-01', 'a@example.kz', '+77010000001', 1796014800000, 1), "
           "(11, 4, '851231350027', 'Болат Ахметов', '1985-12-31', '', '', 1796014800001, 2)");
    d.exec("INSERT INTO programmes(code, body, created_ms) VALUES ('WELD-3', '{}', 1796014800000)");
    d.exec("INSERT INTO sittings(id, candidate, programme, lang, mode, attempt, status, created_ms) VALUES "
           "(100, 10, 'WELD-3', 'kk', 'online', 1, 'scheduled', 1796014800000), "
           "(101, 11, 'WELD-3', 'ru', 'online', 1, 'scheduled', 1796014800000)");
    d.exec("INSERT INTO notices(candidate, sitting, kind, recipient, subject, body, created_ms, next_try_ms) VALUES "
           "(10, 100, 'not_passed', 'a@example.kz', 's', 'b', 1796014800000, 1796014800000)");

    REQUIRE(migrate(d, all) == static_cast<int>(all.size()) - 8);

    CHECK(count(d, "SELECT count(*) FROM candidates") == 2);
    CHECK(count(d, "SELECT count(*) FROM pragma_table_info('candidates')") == 4);  // id, user_id, person, created_ms
    CHECK(count(d, "SELECT count(*) FROM pragma_foreign_key_check") == 0);
    CHECK(count(d, "SELECT count(*) FROM sittings s JOIN candidates c ON c.id = s.candidate") == 2);
    CHECK(count(d, "SELECT count(*) FROM notices n JOIN candidates c ON c.id = n.candidate") == 1);
    auto a = store::find_candidate(d, 10);
    REQUIRE(a);
    CHECK(a->full_name == "Айгерим Серикова");
    CHECK(a->phone == "+77010000001");
    CHECK(a->login == "aigerim");
    CHECK(store::iin_taken(d, "851231350027"));
    // Still one candidate per person, and the references are enforced again.
    CHECK_THROWS(d.exec("INSERT INTO candidates(user_id, person, created_ms) VALUES (4, 1, 0)"));
    CHECK_THROWS(d.exec("INSERT INTO sittings(candidate, programme, lang, mode, attempt, status, created_ms) "
                        "VALUES (999, 'WELD-3', 'kk', 'online', 1, 'scheduled', 0)"));
}

TEST_CASE("a migration that leaves a row pointing at nothing is refused and nothing of it stays", "[storage][migrator]") {
    tanu_test::temp_dir dir{"tanu-people-"};
    db d(dir.path / "t.db");
    const auto& all = embedded_migrations();
    REQUIRE(migrate(d, all) == static_cast<int>(all.size()));
    d.exec("INSERT INTO users(id, login, role, password_hash, created_ms) VALUES (3, 'aigerim', 'candidate', 'h', 0)");
    d.exec("INSERT INTO people(id, iin, full_name, birth_date, created_ms) VALUES (1, '900101300016', 'А', '1990-01-01', 0)");
    d.exec("INSERT INTO candidates(id, user_id, person, created_ms) VALUES (10, 3, 1, 0)");
    const int version = d.user_version();
    std::vector<migration> more(all.begin(), all.end());
    more.push_back({version + 1, "bad", "DELETE FROM people;"});
    CHECK_THROWS_WITH(migrate(d, more), Catch::Contains("candidates"));
    CHECK(d.user_version() == version);
    CHECK(count(d, "SELECT count(*) FROM people") == 1);
    CHECK_THROWS(d.exec("DELETE FROM people"));  // foreign keys are on again
}
