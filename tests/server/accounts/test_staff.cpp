// Changing a staff account (accounts::change_staff, PUT /api/users/{id}) on a
// migrated SQLite file: its roles, disabling it (its logins end) and enabling
// it, the refusals, and the audit entry.
#include <catch2/catch.hpp>

#include <string>

#include "server/accounts/auth.hpp"
#include "server/accounts/staff.hpp"
#include "server/accounts/store.hpp"
#include "server/db/migrator.hpp"
#include "server/db/sqlite.hpp"
#include "server/people/store.hpp"
#include "server/platform/domain_error.hpp"
#include "tests/server/temp_dir.hpp"

using namespace tanu::server;

namespace {

struct staff_fixture {
    tanu_test::temp_dir dir{"tanu-staff-"};
    db d{dir.path / "t.db"};
    std::int64_t admin = 0, clerk = 0;
    staff_fixture() {
        migrate(d, embedded_migrations());
        admin = store::insert_user(d, "admin", "admin", "x", 1000);
        clerk = store::insert_user(d, "clerk", "registrar", "x", 1000);
    }
    domain_error refusal(const accounts::staff_change& in) {
        try {
            accounts::change_staff(d, in, 5000);
        } catch (const domain_error& e) {
            return e;
        }
        FAIL("no domain_error thrown");
        return internal_error();
    }
    int audit_entries(const std::string& action) {
        stmt s(d, "SELECT count(*) FROM audit_log WHERE action = ?");
        s.bind(1, action);
        s.step();
        return s.i32(0);
    }
};

}  // namespace

TEST_CASE("an administrator gives a staff account other roles: the first is its main one", "[accounts]") {
    staff_fixture f;
    auto u = accounts::change_staff(f.d, {f.clerk, std::vector{role::commission, role::registrar}, std::nullopt, f.admin}, 5000);
    CHECK(u.id == f.clerk);
    CHECK(u.role == "commission");
    CHECK(u.roles == role_set{role::commission, role::registrar});
    CHECK_FALSE(u.disabled);
    CHECK(store::roles_of_user(f.d, f.clerk) == role_set{role::commission, role::registrar});
    CHECK(store::find_user_by_id(f.d, f.clerk)->role == "commission");
    // and back to one: the registrar's role alone
    u = accounts::change_staff(f.d, {f.clerk, std::vector{role::head}, std::nullopt, f.admin}, 6000);
    CHECK(u.roles == role_set{role::head});
    CHECK(f.audit_entries("user.update") == 2);
}

TEST_CASE("disabling a staff account ends its logins, enabling it lets it log in again", "[accounts]") {
    staff_fixture f;
    const auto hash = token_hash("clerk-token");
    store::insert_token(f.d, hash, f.clerk, 1000, 1'000'000);
    REQUIRE(store::find_token(f.d, hash, 2000));
    auto u = accounts::change_staff(f.d, {f.clerk, std::nullopt, true, f.admin}, 5000);
    CHECK(u.disabled);
    CHECK(store::find_user_by_id(f.d, f.clerk)->disabled);
    CHECK_FALSE(store::find_token(f.d, hash, 2000));
    {
        stmt s(f.d, "SELECT count(*) FROM tokens WHERE user_id = ?");
        s.bind(1, f.clerk);
        s.step();
        CHECK(s.i32(0) == 0);  // deleted, not only refused
    }
    u = accounts::change_staff(f.d, {f.clerk, std::nullopt, false, f.admin}, 6000);
    CHECK_FALSE(u.disabled);
    store::insert_token(f.d, hash, f.clerk, 6000, 1'000'000);
    CHECK(store::find_token(f.d, hash, 7000));
    CHECK(f.audit_entries("user.update") == 2);
}

TEST_CASE("an administrator cannot disable himself nor drop his own admin role", "[accounts]") {
    staff_fixture f;
    auto e = f.refusal({f.admin, std::nullopt, true, f.admin});
    CHECK(e.kind == error_kind::conflict);
    CHECK(e.code == "own_account");
    e = f.refusal({f.admin, std::vector{role::registrar}, std::nullopt, f.admin});
    CHECK(e.code == "own_account");
    CHECK_FALSE(store::find_user_by_id(f.d, f.admin)->disabled);
    CHECK(store::roles_of_user(f.d, f.admin) == role_set{role::admin});
    // keeping admin and adding a role is his to do
    auto u = accounts::change_staff(f.d, {f.admin, std::vector{role::admin, role::head}, false, f.admin}, 5000);
    CHECK(u.roles == role_set{role::admin, role::head});
    // another administrator may disable him
    const auto second = store::insert_user(f.d, "admin2", "admin", "x", 1000);
    u = accounts::change_staff(f.d, {f.admin, std::nullopt, true, second}, 6000);
    CHECK(u.disabled);
    CHECK(f.audit_entries("user.update") == 2);
}

TEST_CASE("changing a staff account refuses bad roles, no change, and candidates' or unknown accounts", "[accounts]") {
    staff_fixture f;
    CHECK(f.refusal({f.clerk, std::nullopt, std::nullopt, f.admin}).kind == error_kind::unprocessable);
    CHECK(f.refusal({f.clerk, std::vector<role>{}, std::nullopt, f.admin}).kind == error_kind::unprocessable);
    CHECK(f.refusal({f.clerk, std::vector{role::candidate}, std::nullopt, f.admin}).kind == error_kind::unprocessable);
    CHECK(f.refusal({f.clerk, std::vector{role::head, role::head}, std::nullopt, f.admin}).kind == error_kind::unprocessable);
    CHECK(f.refusal({9999, std::nullopt, true, f.admin}).kind == error_kind::not_found);
    const auto cu = store::insert_user(f.d, "cand", "candidate", "x", 1000);
    candidate_row c;
    c.iin = "900101300001";
    c.full_name = "Асанов Асан";
    c.birth_date = "1990-01-01";
    store::insert_candidate(f.d, cu, c, 1000);
    CHECK(f.refusal({cu, std::nullopt, true, f.admin}).kind == error_kind::not_found);
    CHECK_FALSE(store::find_user_by_id(f.d, cu)->disabled);
    CHECK(store::roles_of_user(f.d, f.clerk) == role_set{role::registrar});
    CHECK(f.audit_entries("user.update") == 0);
}
