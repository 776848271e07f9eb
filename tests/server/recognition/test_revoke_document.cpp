// Revoking a recognition document (seed 002 p.18, Appendix 2) as a use case
// on a migrated SQLite file: the document is issued through the real path (a
// passed sitting's protocol signed), and the public verification is
// recognition::document_public_json over the stored row, as GET
// /api/documents/{code} shows it.
#include <catch2/catch.hpp>

#include "exam/recognition/document_code.hpp"
#include "server/platform/domain_error.hpp"
#include "server/recognition/documents.hpp"
#include "server/recognition/json.hpp"
#include "server/recognition/protocol.hpp"
#include "tests/server/recognition/procedure_fixture.hpp"
#include "tests/server/refusal.hpp"

using namespace tanu::server;
using namespace tanu::server::recognition;
using tanu_test::procedure_fixture;
using tanu_test::refusal;

namespace {

// The document of a passed sitting, prepared by signing its protocol on Monday
// 9 February 2026 and signed by the head the same day.
document_row issued(procedure_fixture& f) {
    const auto sitting = f.ended_sitting(true);
    sign_protocol(f.d, f.centre, {sitting, f.member1}, f.t0);
    auto doc = store::document_of_sitting(f.d, sitting);
    REQUIRE(doc);
    REQUIRE(doc->status == "pending_signature");
    auto signed_doc = f.sign(doc->code, f.t0 + 60'000);
    REQUIRE(signed_doc.status == "valid");
    return signed_doc;
}

}  // namespace

TEST_CASE("revoke document: revoked with its reason, who and when, audited", "[recognition][documents]") {
    procedure_fixture f;
    const auto doc = issued(f);
    const auto t = tanu_test::kz_ms(2026, 3, 2, 11);
    const auto r = revoke_document(f.d, {doc.code, "подложные документы", f.admin}, t);
    CHECK(r.code == doc.code);
    CHECK(r.status == "revoked");
    CHECK(r.revoked_reason == "подложные документы");
    CHECK(r.revoked_by == f.admin);
    CHECK(r.revoked_ms == t);
    // what was issued stays as it was
    CHECK(r.serial == doc.serial);
    CHECK(r.issued == doc.issued);
    CHECK(r.valid_until == doc.valid_until);
    CHECK(r.check_value == doc.check_value);

    const auto stored = store::find_document(f.d, doc.code);
    REQUIRE(stored);
    CHECK(stored->status == "revoked");
    CHECK(store::document_of_sitting(f.d, doc.sitting)->status == "revoked");

    CHECK(f.audits("document.revoke") == 1);
    stmt a(f.d, "SELECT actor, object, detail FROM audit_log WHERE action = 'document.revoke'");
    REQUIRE(a.step());
    CHECK(a.i64(0) == f.admin);
    CHECK(a.text(1) == "document " + doc.code);
    CHECK(a.text(2) == "подложные документы");
}

TEST_CASE("revoke document: the public verification then says revoked, and why", "[recognition][documents]") {
    procedure_fixture f;
    const auto doc = issued(f);
    const auto before = document_public_json(*store::find_document(f.d, doc.code), false);
    CHECK(before["status"] == "valid");
    CHECK_FALSE(before.contains("revoked_reason"));

    revoke_document(f.d, {doc.code, "подложные документы", f.admin}, f.t0 + 1000);
    const auto after = store::find_document(f.d, doc.code);
    REQUIRE(after);  // a revoked code is still found: it is not "no such document"
    const auto pub = document_public_json(*after, false);
    CHECK(pub["code"] == doc.code);
    CHECK(pub["status"] == "revoked");
    CHECK(pub["revoked_reason"] == "подложные документы");
    CHECK(pub["valid_until"] == "2031-02-09");  // printed validity kept; the status says it no longer holds
    CHECK(pub["holder_verified"] == false);
    CHECK(pub["full_name"] == tanu::exam::holder_initials("Асанов Асан"));
    CHECK(document_public_json(*after, true)["full_name"] == "Асанов Асан");
}

TEST_CASE("revoke document: twice is a conflict, the first revocation stands", "[recognition][documents]") {
    procedure_fixture f;
    const auto doc = issued(f);
    revoke_document(f.d, {doc.code, "подложные документы", f.admin}, f.t0 + 1000);
    const auto e = refusal([&] { revoke_document(f.d, {doc.code, "ещё раз", f.admin}, f.t0 + 2000); });
    CHECK(e.kind == error_kind::conflict);
    CHECK(e.code == "already_revoked");
    const auto stored = store::find_document(f.d, doc.code);
    CHECK(stored->revoked_reason == "подложные документы");
    CHECK(stored->revoked_ms == f.t0 + 1000);
    CHECK(f.audits("document.revoke") == 1);
}

TEST_CASE("revoke document: an unknown code is not found", "[recognition][documents]") {
    procedure_fixture f;
    const auto doc = issued(f);
    // the next serial's code: well-formed, never issued
    const auto next = doc.code.substr(0, doc.code.size() - 8) + "00000002";
    REQUIRE(tanu::exam::is_document_code(next));
    for (const std::string& code : {next, std::string("not-a-code"), std::string()}) {
        INFO(code);
        const auto e = refusal([&] { revoke_document(f.d, {code, "x", f.admin}, f.t0); });
        CHECK(e.kind == error_kind::not_found);
    }
    CHECK(store::find_document(f.d, doc.code)->status == "valid");
    CHECK(f.audits("document.revoke") == 0);
}
