// The refusal to contract (seed 002 p.5): prepared by the registrar, signed by
// the head through the signer, as use cases on a migrated SQLite file.
#include <catch2/catch.hpp>

#include "server/accounts/signing.hpp"
#include "server/applications/refusal.hpp"
#include "server/platform/sha256.hpp"
#include "tests/server/applications/applications_fixture.hpp"
#include "tests/server/refusal.hpp"

using namespace tanu_test;
using tanu_test::refusal;

namespace {

std::int64_t registered(applications_fixture& f) {
    const auto id = f.draft();
    submit_application(f.d, {id, f.me(), std::nullopt, std::nullopt}, f.friday);
    return id;
}

prepare_refusal_input missing_id(std::int64_t id, std::int64_t user) {
    return {id, user, {{"attachment_missing", "identity", ""}, {"other", "", "копия неразборчива"}},
            "Не представлен документ, удостоверяющий личность."};
}

}  // namespace

TEST_CASE("applications: refusal: prepared, a wrong password changes nothing, the right one signs it", "[applications][refusal]") {
    applications_fixture f;
    const auto id = registered(f);
    const auto monday = kz_at(2026, 3, 23, 9);  // Nauryz, but the head works
    const auto a = prepare_refusal(f.d, missing_id(id, f.registrar), monday);
    CHECK(a.status == "refusal_prepared");
    CHECK(f.audits("application.refusal_prepared") == 1);

    auto signer = make_password_signer();
    const auto thursday = kz_at(2026, 3, 26, 15);
    const auto text = refusal_for_signing(f.d, id, tanu::exam::date{2026, 3, 26});
    CHECK(text.sha256 == sha256_hex(text.text));
    // the same refusal and day: the same bytes
    CHECK(refusal_for_signing(f.d, id, tanu::exam::date{2026, 3, 26}).sha256 == text.sha256);
    CHECK(refusal_text(f.row(id), "2026-03-26") == text.text);
    const auto j = parse_json(text.text);
    CHECK(j["application"] == "2026-00001");
    CHECK(j["candidate"] == "Асанов Асан Асанович");
    CHECK(j["date"] == "2026-03-26");
    CHECK(j["defects"].size() == 2);

    const auto wrong = refusal([&] { signer->sign(f.d, f.head, text.sha256, {{"password", "nope-nope"}}, thursday); });
    CHECK(wrong.kind == error_kind::forbidden);
    CHECK(wrong.code == "wrong_password");
    CHECK(f.row(id).status == "refusal_prepared");
    CHECK(f.audits("application.refusal_signed") == 0);
    CHECK(f.notices().empty());

    const auto sig = signer->sign(f.d, f.head, text.sha256, {{"password", f.head_password}}, thursday);
    const auto done = sign_refusal(f.d, f.centre, {id, sig}, thursday);
    CHECK(done.status == "refused");
    CHECK(done.refusal_sha256 == text.sha256);
    CHECK(done.refusal_text == text.text);
    CHECK(done.refusal_signed_by == f.head);
    CHECK(done.refusal_signed_method == "password");
    CHECK(count_of(f.d, "SELECT count(*) FROM audit_log WHERE action = 'application.refusal_signed' AND detail = 'sha256 " +
                            text.sha256 + " by password'") == 1);
    const auto n = f.notices();
    REQUIRE(n.size() == 1);
    CHECK(n[0].kind == "refusal");
    CHECK(n[0].due == "2026-03-30");  // the check's deadline
    CHECK(n[0].subject == "Отказ в заключении договора");
    CHECK(n[0].body.find("- Не приложен документ: Документ, удостоверяющий личность\n") != std::string::npos);
    CHECK(n[0].body.find("- Иная причина: копия неразборчива\n") != std::string::npos);
    CHECK(n[0].body.find("Обоснование: Не представлен документ") != std::string::npos);

    const auto shown = application_json(f.d, done, "2026-03-26");
    CHECK(shown["refusal"]["signed"]["by"] == "head");
    CHECK(shown["refusal"]["prepared_by"] == "reg");
    CHECK(shown["refusal"]["sha256"] == text.sha256);
    CHECK(refusal([&] { sign_refusal(f.d, f.centre, {id, sig}, thursday); }).code == "not_prepared");
}

TEST_CASE("applications: refusal: what may be prepared, a changed text, the head returning it", "[applications][refusal]") {
    applications_fixture f;
    const auto draft = f.draft();
    CHECK(refusal([&] { prepare_refusal(f.d, missing_id(draft, f.registrar), f.friday); }).code == "not_registered");
    submit_application(f.d, {draft, f.me(), std::nullopt, std::nullopt}, f.friday);
    const auto id = draft;
    CHECK(refusal([&] { prepare_refusal(f.d, {id, f.registrar, {}, "x"}, f.friday); }).code == "no_defects");
    CHECK(refusal([&] { prepare_refusal(f.d, {id, f.registrar, {{"other", "", ""}}, "x"}, f.friday); }).code ==
          "field_missing");
    CHECK(refusal([&] { prepare_refusal(f.d, {id, f.registrar, {{"typo", "", ""}}, "x"}, f.friday); }).code ==
          "field_invalid");
    CHECK(refusal([&] {
              prepare_refusal(f.d, {id, f.registrar, {{"field_missing", "address", ""}}, std::string(4001, 'x')}, f.friday);
          }).code == "field_too_long");
    CHECK(f.row(id).status == "registered");

    prepare_refusal(f.d, missing_id(id, f.registrar), f.friday);
    // a signature over another text is not this refusal's
    const signature_record stale{"password", f.head, std::string(64, 'b'), f.friday};
    CHECK(refusal([&] { sign_refusal(f.d, f.centre, {id, stale}, f.friday); }).code == "refusal_changed");
    CHECK(f.row(id).status == "refusal_prepared");

    CHECK(refusal([&] { return_refusal(f.d, {id, f.head, ""}, f.friday); }).code == "field_missing");
    const auto back = return_refusal(f.d, {id, f.head, "Документ принесён, проверьте ещё раз"}, f.friday);
    CHECK(back.status == "registered");
    const auto j = application_json(f.d, back, "2026-03-20");
    REQUIRE(j["refusal"]["returned"].size() == 1);
    CHECK(j["refusal"]["returned"][0]["by"] == "head");
    CHECK(j["refusal"]["returned"][0]["note"] == "Документ принесён, проверьте ещё раз");
    CHECK(refusal([&] { return_refusal(f.d, {id, f.head, "x"}, f.friday); }).code == "not_prepared");
    CHECK(f.audits("application.refusal_returned") == 1);
}
