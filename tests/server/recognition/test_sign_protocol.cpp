// Signing a protocol (seed 002 p.17-19) as a use case on a migrated SQLite file.
#include <catch2/catch.hpp>

#include "server/platform/domain_error.hpp"
#include "server/platform/sha256.hpp"
#include "server/recognition/documents.hpp"
#include "server/recognition/protocol.hpp"
#include "tests/server/recognition/procedure_fixture.hpp"
#include "tests/server/refusal.hpp"

using namespace tanu::server;
using namespace tanu::server::recognition;
using tanu_test::procedure_fixture;
using tanu_test::refusal;

namespace {
std::string code_of(const domain_error& e) {
    const char* k = e.kind == error_kind::conflict ? "conflict" : e.kind == error_kind::not_found ? "not_found" : "other";
    return std::string(k) + ":" + e.code;
}
}  // namespace

TEST_CASE("sign protocol: a pass prepares the document for the head's signature, dated in working days", "[recognition][protocol]") {
    procedure_fixture f;
    const auto sitting = f.ended_sitting(true);

    const auto r = sign_protocol(f.d, f.centre, {sitting, f.member1}, f.t0);
    CHECK(r.created);
    CHECK(r.protocol.decision == "passed");
    CHECK(r.protocol.results_date == "2026-02-09");
    CHECK(r.protocol.document_due == "2026-02-12");  // p.18: 3 working days (10, 11, 12)
    CHECK(r.protocol.appeal_until == "2026-02-16");  // p.20: 5 working days (10, 11, 12, 13, 16)
    CHECK(r.protocol.notice_due.empty());
    CHECK(store::signatures_of(f.d, r.protocol.id).size() == 1);

    const auto doc = store::document_of_sitting(f.d, sitting);
    REQUIRE(doc);
    CHECK(doc->basis == "protocol");
    // Appendix 2: not valid until the head of the centre signs, within the p.18 term
    CHECK(doc->status == "pending_signature");
    CHECK(doc->sign_due == "2026-02-12");
    CHECK_FALSE(doc->signed_ms);
    CHECK(f.audits("protocol.create") == 1);
    CHECK(f.audits("document.prepare") == 1);
    CHECK(f.notices().empty());  // nothing is told of a document nobody has signed
}

TEST_CASE("sign document: the head's signature makes it valid from that day, audited with its SHA-256, and noticed", "[recognition][documents]") {
    procedure_fixture f;
    const auto sitting = f.ended_sitting(true);
    sign_protocol(f.d, f.centre, {sitting, f.member1}, f.t0);
    const auto prepared = *store::document_of_sitting(f.d, sitting);
    // the head signs on Wednesday 11 February, inside the term
    const auto t = tanu_test::kz_ms(2026, 2, 11, 15);
    const auto doc = f.sign(prepared.code, t);
    CHECK(doc.status == "valid");
    CHECK(doc.issued == "2026-02-11");
    CHECK(doc.valid_until == "2031-02-11");  // five years (centre.document_valid_years) from the signature
    CHECK(doc.signed_ms == t);
    CHECK(doc.signed_by == f.head);
    CHECK(doc.sign_method == "password");
    CHECK(doc.signed_sha256 == sha256_hex(signed_content(doc, f.centre.number)));
    CHECK(doc.code == prepared.code);
    CHECK(doc.check_value == prepared.check_value);
    CHECK(tanu_test::count(f.d, "SELECT count(*) FROM audit_log WHERE action = 'document.sign' AND detail = 'sha256 " +
                                    doc.signed_sha256 + " by password'") == 1);

    const auto notices = f.notices();
    REQUIRE(notices.size() == 1);
    CHECK(notices[0].kind == "document_issued");
    CHECK(notices[0].recipient == "asan@example.kz");
    CHECK(notices[0].subject == "Выдан документ о признании квалификации");
    CHECK(notices[0].body ==
          "Уважаемый(ая) Асанов Асан,\n\nВам выдан документ о признании квалификации по профессии «Сварщик». "
          "Код документа: " + doc.code + "\nКод проверки: " + doc.check_value +
          "\nДействителен до: 11.02.2031\n\nОрталық\n");

    // once: a second signature is a conflict and changes nothing
    CHECK(code_of(refusal([&] { f.sign(prepared.code, t + 1000); })) == "conflict:not_pending");
    CHECK(store::find_document(f.d, prepared.code)->signed_ms == t);
    CHECK(f.notices().size() == 1);
}

TEST_CASE("sign document: a signature over other content, a revoked or unknown document sign nothing", "[recognition][documents]") {
    procedure_fixture f;
    const auto sitting = f.ended_sitting(true);
    sign_protocol(f.d, f.centre, {sitting, f.member1}, f.t0);
    const auto code = store::document_of_sitting(f.d, sitting)->code;
    // the hash of the content as it would have read on another day (the validity differs)
    const auto doc = *store::find_document(f.d, code);
    const auto prog = *store::find_programme(f.d, doc.programme);
    const auto stale = sha256_hex(signed_content(as_signed(doc, prog, f.centre, f.t0), f.centre.number));
    const auto later = tanu_test::kz_ms(2026, 2, 12, 9);
    CHECK(code_of(refusal([&] { sign_document(f.d, f.centre, {code, {"password", f.head, stale, later}}, later); })) == "conflict:content_changed");
    CHECK(store::find_document(f.d, code)->status == "pending_signature");
    CHECK(code_of(refusal([&] { sign_document(f.d, f.centre, {"00000-00000000-1-010126-0007-00000099", {"password", f.head, stale, later}}, later); })) == "not_found:not_found");
    revoke_document(f.d, {code, "ошибка в протоколе", f.admin}, later);
    CHECK(code_of(refusal([&] { f.sign(code, later); })) == "conflict:not_pending");
    CHECK(f.notices().empty());
}

TEST_CASE("sign protocol: the second member joins, once", "[recognition][protocol]") {
    procedure_fixture f;
    const auto sitting = f.ended_sitting(true);
    const auto first = sign_protocol(f.d, f.centre, {sitting, f.member1}, f.t0);
    const auto second = sign_protocol(f.d, f.centre, {sitting, f.member2}, f.t0 + 1000);
    CHECK_FALSE(second.created);
    CHECK(second.protocol.id == first.protocol.id);
    const auto again = sign_protocol(f.d, f.centre, {sitting, f.member2}, f.t0 + 2000);
    CHECK_FALSE(again.created);
    CHECK(store::signatures_of(f.d, first.protocol.id).size() == 2);
    CHECK(f.audits("protocol.sign") == 1);
    CHECK(f.notices().empty());  // no notice before the head signs, and none per signature
}

TEST_CASE("sign protocol: a refusal queues the notice in the sitting's language", "[recognition][protocol]") {
    procedure_fixture f;
    const auto sitting = f.ended_sitting(false, "kk");
    const auto r = sign_protocol(f.d, f.centre, {sitting, f.member1}, f.t0);
    CHECK(r.protocol.decision == "not_passed");
    CHECK(r.protocol.notice_due == "2026-02-12");  // p.19: 3 working days
    CHECK(r.protocol.document_due.empty());
    CHECK_FALSE(store::document_of_sitting(f.d, sitting));
    const auto notices = f.notices();
    REQUIRE(notices.size() == 1);
    CHECK(notices[0].kind == "not_passed");
    CHECK(notices[0].due == "2026-02-12");
    CHECK(notices[0].subject == "Біліктілікті тану нәтижесі");
    CHECK(notices[0].body ==
          "Құрметті Асанов Асан,\n\nКомиссия шешімі: «Сварщик» кәсібі бойынша біліктілік танылмады.\n"
          "- Теориялық кезең: 40/90\n"
          "\nТеориялық және практикалық кезеңдерді қайта тапсыруға болады (қалған мүмкіндік: 1).\n"
          "\nШағым беру мерзімі: 16.02.2026 (емтихан сайтындағы жеке кабинетте).\n\nОрталық\n");
}

TEST_CASE("sign protocol: refusals by kind and code, nothing written", "[recognition][protocol]") {
    procedure_fixture f;
    SECTION("no such sitting") {
        const auto e = refusal([&] { sign_protocol(f.d, f.centre, {999, f.member1}, f.t0); });
        CHECK(e.kind == error_kind::not_found);
    }
    SECTION("the theory stage has not ended") {
        sitting_row s;
        s.candidate = f.candidate;
        s.programme = "W1";
        s.lang = "ru";
        s.mode = "centre";
        s.attempt = 1;
        const auto id = store::insert_sitting(f.d, s);
        const auto e = refusal([&] { sign_protocol(f.d, f.centre, {id, f.member1}, f.t0); });
        CHECK(e.kind == error_kind::conflict);
        CHECK(e.code == "theory_in_progress");
        CHECK_FALSE(store::protocol_of(f.d, id));
    }
    SECTION("a year the calendar lacks") {
        const auto sitting = f.ended_sitting(true);
        const auto e =
            refusal([&] { sign_protocol(f.d, f.centre, {sitting, f.member1}, tanu_test::kz_ms(2031, 3, 3, 10)); });
        CHECK(e.kind == error_kind::conflict);
        CHECK(e.code == "calendar_missing");
    }
    CHECK(f.notices().empty());
}
