// The password signer (server/accounts/signing.hpp): the head of the centre
// confirms each signature with the account's own password (issue 11); a wrong
// one signs nothing and answers 403, never 401; five wrong ones hold signing.
#include <catch2/catch.hpp>

#include "server/accounts/auth.hpp"
#include "server/accounts/signing.hpp"
#include "server/accounts/store.hpp"
#include "server/db/migrator.hpp"
#include "server/platform/domain_error.hpp"
#include "tests/server/temp_dir.hpp"

using namespace tanu::server;

namespace {

constexpr std::int64_t t0 = 1796014800000;  // 2026-11-30 10:00 Almaty
const std::string text_hash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

struct fixture {
    tanu_test::temp_dir dir{"tanu-signing-"};
    db d{dir.path / "t.db"};
    std::int64_t head = 0, disabled = 0;
    fixture() {
        migrate(d, embedded_migrations());
        argon2_cost cheap{1, 8192};
        head = store::insert_user(d, "bastyk", "head", hash_password("right-password", cheap), t0);
        disabled = store::insert_user(d, "former", "head", hash_password("right-password", cheap), t0);
        d.exec("UPDATE users SET disabled = 1 WHERE login = 'former'");
    }
};

std::string code_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const domain_error& e) {
        return e.code;
    }
    return "none";
}

}  // namespace

TEST_CASE("the head's own password signs, and the record names the method, the signer and the text's hash", "[signing]") {
    fixture f;
    auto s = make_password_signer();
    auto rec = s->sign(f.d, f.head, text_hash, {{"password", "right-password"}}, t0);
    CHECK(rec.method == "password");
    CHECK(rec.user == f.head);
    CHECK(rec.sha256 == text_hash);
    CHECK(rec.signed_ms == t0);
}

TEST_CASE("a wrong, missing or disabled account's password signs nothing: 403 wrong_password or 400", "[signing]") {
    fixture f;
    auto s = make_password_signer();
    CHECK(code_of([&] { s->sign(f.d, f.head, text_hash, {{"password", "wrong-password"}}, t0); }) == "wrong_password");
    CHECK(code_of([&] { s->sign(f.d, f.head, text_hash, {{"password", ""}}, t0); }) == "wrong_password");
    CHECK(code_of([&] { s->sign(f.d, f.head, text_hash, nlohmann::json::object(), t0); }) == "bad_request");
    CHECK(code_of([&] { s->sign(f.d, f.head, text_hash, {{"password", 42}}, t0); }) == "bad_request");
    CHECK(code_of([&] { s->sign(f.d, f.disabled, text_hash, {{"password", "right-password"}}, t0); }) == "wrong_password");
    CHECK(code_of([&] { s->sign(f.d, 9999, text_hash, {{"password", "right-password"}}, t0); }) == "wrong_password");
    try {
        s->sign(f.d, f.head, text_hash, {{"password", "wrong-password"}}, t0);
        FAIL("signed with a wrong password");
    } catch (const domain_error& e) {
        CHECK(e.kind == error_kind::forbidden);
    }
}

TEST_CASE("five wrong passwords in 15 minutes hold the account's signing until the first of them is 15 minutes old", "[signing]") {
    fixture f;
    auto s = make_password_signer();
    for (int i = 0; i < 5; ++i)
        CHECK(code_of([&] { s->sign(f.d, f.head, text_hash, {{"password", "guess"}}, t0 + i * 1000); }) == "wrong_password");
    // even the right password is held now
    try {
        s->sign(f.d, f.head, text_hash, {{"password", "right-password"}}, t0 + 10'000);
        FAIL("signing was not held");
    } catch (const domain_error& e) {
        CHECK(e.code == "signing_throttled");
        CHECK(e.kind == error_kind::too_many);
        CHECK(e.retry_after_s == 890);
    }
    // another account is not held
    argon2_cost cheap{1, 8192};
    auto other = store::insert_user(f.d, "deputy", "head", hash_password("deputy-password", cheap), t0);
    CHECK(s->sign(f.d, other, text_hash, {{"password", "deputy-password"}}, t0 + 10'000).user == other);
    // 15 minutes after the first failure one try is admitted again
    CHECK(s->sign(f.d, f.head, text_hash, {{"password", "right-password"}}, t0 + 15 * 60 * 1000).user == f.head);
    // a success forgets the failures
    CHECK(code_of([&] { s->sign(f.d, f.head, text_hash, {{"password", "guess"}}, t0 + 15 * 60 * 1000 + 1); }) == "wrong_password");
    CHECK(s->sign(f.d, f.head, text_hash, {{"password", "right-password"}}, t0 + 15 * 60 * 1000 + 2).user == f.head);
}
