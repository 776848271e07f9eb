// The completeness check and the contract (seed 002 p.5-6) as use cases on a migrated SQLite file.
#include <catch2/catch.hpp>

#include "server/applications/contract.hpp"
#include "tests/server/applications/applications_fixture.hpp"
#include "tests/server/refusal.hpp"

using namespace tanu_test;
using tanu_test::refusal;

namespace {
bool has(const std::vector<tanu::exam::defect>& ds, const std::string& code, const std::string& subject) {
    for (const auto& d : ds)
        if (d.code == code && d.subject == subject) return true;
    return false;
}
}  // namespace

TEST_CASE("applications: contract: refused while the check finds defects, concluded once complete", "[applications][contract]") {
    applications_fixture f;
    const auto id = f.draft();
    CHECK(refusal([&] { conclude_contract(f.d, f.centre, {id, f.registrar, "", std::nullopt, ""}, f.friday); }).code ==
          "not_registered");
    submit_application(f.d, {id, f.me(), std::nullopt, std::nullopt}, f.friday);
    const auto thursday = kz_at(2026, 3, 26, 11);
    try {
        conclude_contract(f.d, f.centre, {id, f.registrar, "", std::nullopt, ""}, thursday);
        FAIL("a contract without the identity document");
    } catch (const incomplete_error& e) {
        CHECK(e.kind == error_kind::conflict);
        CHECK(e.code == "incomplete");
        CHECK(has(e.defects, "attachment_missing", "identity"));
        CHECK(std::string(e.what()).find("attachment_missing identity") != std::string::npos);
    }
    CHECK(f.row(id).status == "registered");
    CHECK(f.notices().empty());

    // the registrar receives the ID during the check
    f.attach(id, "id_document", f.clerk(), thursday);
    CHECK(check_application(f.d, f.row(id), tanu::exam::date{2026, 3, 26}).empty());
    // not before registration, not after today
    CHECK(refusal([&] {
              conclude_contract(f.d, f.centre, {id, f.registrar, "", tanu::exam::date{2026, 3, 27}, ""}, thursday);
          }).code == "field_invalid");
    const auto a = conclude_contract(f.d, f.centre, {id, f.registrar, "", std::nullopt, "150 000 тг"}, thursday);
    CHECK(a.status == "contracted");
    CHECK(a.contract_no == "2026-00001");
    CHECK(a.contract_date == "2026-03-26");
    CHECK(a.contract_price == "150 000 тг");
    // p.6: 5 working days after the contract: 27, 30, 31 March, 1, 2 April
    CHECK(a.schedule_notice_due == "2026-04-02");
    CHECK(f.audits("application.contract") == 1);
    const auto n = f.notices();
    REQUIRE(n.size() == 1);
    CHECK(n[0].kind == "contract");
    CHECK(n[0].recipient == "asan@example.kz");
    CHECK(n[0].subject == "Заключён договор о признании квалификации");
    CHECK(n[0].body.find("№ 2026-00001 заключён договор № 2026-00001 от 26.03.2026") != std::string::npos);
    CHECK(n[0].body.find("до 02.04.2026") != std::string::npos);
    CHECK(n[0].body.find("https://tanu.example.kz/apply.html") != std::string::npos);
    CHECK(n[0].body.find("Центр") != std::string::npos);

    CHECK(refusal([&] { conclude_contract(f.d, f.centre, {id, f.registrar, "", std::nullopt, ""}, thursday); }).code ==
          "not_registered");
}

TEST_CASE("applications: contract: a number given is unique, the notice in Kazakh when the form is", "[applications][contract]") {
    applications_fixture f;
    auto form = applications_fixture::complete_form();
    form.language = "kk";
    const auto id = create_application(f.d, {f.me(), form, std::nullopt}, f.friday).app.id;
    f.attach(id, "kandas_cert", f.me());
    submit_application(f.d, {id, f.me(), std::nullopt, std::nullopt}, f.friday);
    conclude_contract(f.d, f.centre, {id, f.registrar, "Д-7", std::nullopt, ""}, f.friday);
    CHECK(f.row(id).contract_no == "Д-7");
    const auto n = f.notices().back();
    CHECK(n.subject == "Біліктілікті тану туралы шарт жасалды");
    CHECK(n.body.find("Орталық") != std::string::npos);

    // the check as the staff's list shows it
    const auto j = application_json(f.d, f.row(id), "2026-03-20");
    CHECK(j["check"]["complete"] == true);
    CHECK(j["check"]["required"][0]["name"] == "identity");
    CHECK(j["check"]["required"][0]["present"] == true);
    CHECK(j["contract"]["by"] == "reg");
    CHECK(j["consents"]["pd_processing"]["given"] == true);
}
