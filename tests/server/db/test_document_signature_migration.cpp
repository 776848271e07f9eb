// Migration 14 (the head's signature on documents) on a database as the
// release before it left it: every document keeps its code, serial, status and
// check value, an appeal still points at its document, documents issued
// before stay valid, and a new one can await the signature.
#include <catch2/catch.hpp>

#include <vector>

#include "server/db/migrator.hpp"
#include "server/db/sqlite.hpp"
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

TEST_CASE("migration 14 keeps every document and appeal of the release before, valid, and admits pending_signature", "[storage][migrator][documents]") {
    tanu_test::temp_dir dir{"tanu-docsig-"};
    db d(dir.path / "t.db");
    const auto& all = embedded_migrations();
    std::vector<migration> before;
    for (const auto& m : all)
        if (m.version < 14) before.push_back(m);
    REQUIRE(before.size() < all.size());
    migrate(d, before);
    d.exec("INSERT INTO users(id, login, role, password_hash, created_ms) VALUES (1, 'admin', 'admin', 'h', 1), (5, 'a', 'candidate', 'h', 1)");
    d.exec("INSERT INTO people(id, iin, full_name, birth_date, created_ms) VALUES (7, '900101300016', 'Айгерим Серикова', '1990-01-01', 1)");
    d.exec("INSERT INTO candidates(id, user_id, person, created_ms) VALUES (10, 5, 7, 1)");
    d.exec("INSERT INTO programmes(code, body, created_ms) VALUES ('WELD-3', '{}', 1)");
    d.exec("INSERT INTO sittings(id, candidate, programme, lang, mode, attempt, status, created_ms) VALUES "
           "(100, 10, 'WELD-3', 'kk', 'online', 1, 'finished', 1), (101, 10, 'WELD-3', 'kk', 'online', 2, 'finished', 2)");
    d.exec("INSERT INTO documents(code, serial, sitting, candidate, programme, profession, nqf_level, full_name, "
           "procedure_date, issued, valid_until, issued_ms, issued_by, basis, status, check_value) VALUES "
           "('25110-00000000-3-090226-0007-00000001', 1, 100, 10, 'WELD-3', 'Сварщик', 3, 'Айгерим Серикова', "
           "'2026-02-09', '2026-02-09', '2031-02-09', 1, 1, 'protocol', 'valid', 'a1b2c3d4e5f6'), "
           "('25110-00000000-3-090226-0007-00000002', 2, 101, 10, 'WELD-3', 'Сварщик', 3, 'Айгерим Серикова', "
           "'2026-02-09', '2026-02-09', '2031-02-09', 2, 1, 'appeal', 'revoked', 'ffffffffffff')");
    d.exec("INSERT INTO appeals(id, sitting, candidate, reason, filed_ms, filed_date, decide_by, status, document) VALUES "
           "(3, 101, 10, 'r', 1, '2026-02-10', '2026-02-17', 'upheld', '25110-00000000-3-090226-0007-00000002')");

    migrate(d, all);

    CHECK(count(d, "SELECT count(*) FROM documents") == 2);
    auto first = store::find_document(d, "25110-00000000-3-090226-0007-00000001");
    REQUIRE(first);
    CHECK(first->status == "valid");
    CHECK(first->check_value == "a1b2c3d4e5f6");
    CHECK(first->valid_until == "2031-02-09");
    CHECK_FALSE(first->signed_ms);
    CHECK(first->sign_due.empty());
    CHECK(store::find_document(d, "25110-00000000-3-090226-0007-00000002")->status == "revoked");
    CHECK(count(d, "SELECT count(*) FROM appeals a JOIN documents d ON d.code = a.document") == 1);
    // a document prepared now awaits its signature
    document_row doc = *first;
    doc.code = "25110-00000000-3-090226-0007-00000003";
    doc.serial = 3;
    doc.status = "";
    doc.sign_due = "2026-02-12";
    store::insert_document(d, doc);
    auto third = store::find_document(d, doc.code);
    CHECK(third->status == "pending_signature");
    CHECK(third->sign_due == "2026-02-12");
    CHECK(store::documents_unsigned(d, 10).size() == 1);
    CHECK_THROWS(d.exec("UPDATE documents SET status = 'draft' WHERE serial = 3"));
    stmt fk(d, "PRAGMA foreign_key_check");
    CHECK_FALSE(fk.step());
}
