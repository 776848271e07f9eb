// Self-registration (W1) as a use case on a migrated SQLite file.
#include <catch2/catch.hpp>

#include "server/applications/register.hpp"
#include "tests/server/applications/applications_fixture.hpp"
#include "tests/server/refusal.hpp"

using namespace tanu_test;
using tanu_test::refusal;

namespace {
json body(const std::string& iin) {
    return {{"login", "bolat"},        {"password", "bolat-password"}, {"iin", iin},
            {"surname", "Болатов"},    {"name", "Болат"},              {"patronymic", ""},
            {"birth_date", "1990-01-15"}, {"email", "bolat@example.kz"}, {"mobile_phone", "+77011234567"}};
}
}  // namespace

TEST_CASE("applications: register: the person, the account, the candidate and a token at once", "[applications][register]") {
    applications_fixture f;
    register_input in;
    in.r = parse_registration(body(iin_1990(3)));
    in.password_hash = hash_password(in.r.password, {1, 8});
    in.token_hash = token_hash("t0ken");
    in.expires_ms = f.friday + 3'600'000;
    const auto out = register_candidate(f.d, in, f.friday);
    const auto c = store::find_candidate(f.d, out.candidate);
    REQUIRE(c);
    CHECK(c->full_name == "Болатов Болат");
    CHECK(c->iin == iin_1990(3));
    CHECK(c->email == "bolat@example.kz");
    const auto who = store::find_token(f.d, token_hash("t0ken"), f.friday);
    REQUIRE(who);
    CHECK(who->candidate == out.candidate);
    CHECK(f.audits("candidate.register") == 1);

    CHECK(refusal([&] { register_candidate(f.d, in, f.friday); }).code == "login_taken");
    in.r.login = "bolat2";
    in.token_hash = token_hash("t0ken2");
    CHECK(refusal([&] { register_candidate(f.d, in, f.friday); }).code == "iin_registered");
}

TEST_CASE("applications: register: the body's errors name the field", "[applications][register]") {
    auto b = body("123456789012");
    CHECK(refusal([&] { parse_registration(b); }).code == "bad_iin");
    b = body(iin_1990(3));
    b["birth_date"] = "1991-01-15";
    CHECK(refusal([&] { parse_registration(b); }).code == "iin_birth_mismatch");
    b = body(iin_1990(3));
    b["role"] = "admin";
    const auto e = refusal([&] { parse_registration(b); });
    CHECK(e.kind == error_kind::bad_request);
    CHECK(std::string(e.what()).find("role") != std::string::npos);
    b = body(iin_1990(3));
    b["email"] = "not-an-address";
    CHECK(std::string(refusal([&] { parse_registration(b); }).what()).find("email") != std::string::npos);
    b = body(iin_1990(3));
    b.erase("mobile_phone");
    CHECK(refusal([&] { parse_registration(b); }).code == "field_missing");
    b = body(iin_1990(3));
    b["password"] = "short";
    CHECK(refusal([&] { parse_registration(b); }).code == "field_invalid");
    b = body(iin_1990(3));
    b["surname"] = "";
    CHECK(refusal([&] { parse_registration(b); }).code == "field_missing");
}

TEST_CASE("applications: register: at most the limit an hour per address", "[applications][register]") {
    hourly_limit limit(20);
    const std::int64_t t0 = 1'000'000'000;
    for (int i = 0; i < 20; ++i) CHECK(limit.admit("10.0.0.1", t0 + i) == 0);
    CHECK(limit.admit("10.0.0.1", t0 + 100) == 3'600'000 - 100);
    CHECK(limit.admit("10.0.0.2", t0 + 100) == 0);  // another address is not held
    CHECK(limit.admit("10.0.0.1", t0 + 3'600'000) == 0);  // the first try is an hour old
}
