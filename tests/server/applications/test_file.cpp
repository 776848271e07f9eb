// Filing an application (seed 002 p.4-5, Appendix 1) as use cases on a migrated SQLite file.
#include <catch2/catch.hpp>

#include "server/platform/kept_files.hpp"
#include "server/platform/sha256.hpp"
#include "tests/server/applications/applications_fixture.hpp"
#include "tests/server/refusal.hpp"

using namespace tanu_test;
using tanu_test::refusal;

TEST_CASE("applications: submit on Friday 20 March 2026: registered at once, checked by Monday 30 March (after Nauryz)",
          "[applications][submit]") {
    applications_fixture f;
    const auto id = f.draft();
    auto a = f.row(id);
    CHECK(a.status == "draft");
    CHECK(a.channel == "centre_web");
    CHECK(a.iin == iin_1990(1));  // the account's IIN filled in
    CHECK(a.consent_pd_ms == f.friday);
    const auto done = submit_application(f.d, {id, f.me(), std::nullopt, std::nullopt}, f.friday);
    CHECK(done.status == "registered");
    CHECK(done.reg_no == "2026-00001");
    CHECK(done.registered_date == "2026-03-20");
    CHECK(done.signed_date == "2026-03-20");
    // p.5: 3 working days after the day of registration. 21-22 weekend, 23 Nauryz,
    // 24-25 the moved days off: Thursday 26 (1), Friday 27 (2), Monday 30 (3).
    CHECK(done.check_due == "2026-03-30");
    CHECK(f.audits("application.submit") == 1);
    CHECK(refusal([&] { submit_application(f.d, {id, f.me(), std::nullopt, std::nullopt}, f.friday); }).code == "not_draft");

    // the sequence is per year
    withdraw_application(f.d, id, f.me(), f.friday);  // a closed one lets him apply again
    const auto second = f.draft();
    CHECK(submit_application(f.d, {second, f.me(), std::nullopt, std::nullopt}, f.friday).reg_no == "2026-00002");
}

TEST_CASE("applications: submit: refused without consent to processing, with a wrong identity, or without the calendar",
          "[applications][submit]") {
    applications_fixture f;
    auto form = applications_fixture::complete_form();
    form.consent_pd = false;
    const auto id = create_application(f.d, {f.me(), form, std::nullopt}, f.friday).app.id;
    const auto e = refusal([&] { submit_application(f.d, {id, f.me(), std::nullopt, std::nullopt}, f.friday); });
    CHECK(e.kind == error_kind::unprocessable);
    CHECK(e.code == "consent_missing");
    CHECK(f.row(id).status == "draft");
    CHECK(f.row(id).reg_no.empty());

    form.consent_pd = true;
    update_application(f.d, {id, f.me(), form}, f.friday);
    // 2028 is not in the shipped calendar: no guess at the deadline
    const auto later = kz_at(2028, 2, 1, 10);
    CHECK(refusal([&] { submit_application(f.d, {id, f.me(), std::nullopt, std::nullopt}, later); }).code ==
          "calendar_missing");
    CHECK(f.row(id).status == "draft");

    // staff register a paper one at most 30 days back, never ahead
    submit_input late{id, f.clerk(), tanu::exam::date{2026, 2, 10}, std::nullopt};
    CHECK(refusal([&] { submit_application(f.d, late, f.friday); }).code == "field_invalid");
    submit_input ahead{id, f.clerk(), tanu::exam::date{2026, 3, 21}, std::nullopt};
    CHECK(refusal([&] { submit_application(f.d, ahead, f.friday); }).code == "field_invalid");
    submit_input back{id, f.clerk(), tanu::exam::date{2026, 3, 2}, tanu::exam::date{2026, 2, 27}};
    const auto a = submit_application(f.d, back, f.friday);
    CHECK(a.registered_date == "2026-03-02");
    CHECK(a.signed_date == "2026-02-27");
    CHECK(a.check_due == "2026-03-05");  // Monday 2 March: 3, 4, 5
    CHECK(a.registered_by == f.registrar);
}

TEST_CASE("applications: the candidate sees and changes only his own drafts", "[applications][access]") {
    applications_fixture f;
    const auto id = f.draft();
    const auto other_user = store::insert_user(f.d, "other", "candidate", "x", f.friday);
    candidate_row c;
    c.iin = iin_1990(2);
    c.full_name = "Беков Бек";
    c.birth_date = "1990-01-15";
    const auto other = store::insert_candidate(f.d, other_user, c, f.friday);
    const actor them{other_user, other};
    CHECK(refusal([&] { must_application(f.d, id, them); }).kind == error_kind::not_found);
    CHECK(refusal([&] { update_application(f.d, {id, them, applications_fixture::complete_form()}, f.friday); }).kind ==
          error_kind::not_found);
    CHECK(refusal([&] { withdraw_application(f.d, id, them, f.friday); }).kind == error_kind::not_found);

    // his IIN is his own
    auto form = applications_fixture::complete_form();
    form.who.iin = iin_1990(2);
    CHECK(refusal([&] { update_application(f.d, {id, f.me(), form}, f.friday); }).code == "field_invalid");
    // one open application per programme
    CHECK(refusal([&] { f.draft(); }).code == "application_open");

    submit_application(f.d, {id, f.me(), std::nullopt, std::nullopt}, f.friday);
    CHECK(refusal([&] { update_application(f.d, {id, f.me(), applications_fixture::complete_form()}, f.friday); }).code ==
          "not_editable");
    CHECK(refusal([&] { f.attach(id, "id_document", f.me()); }).code == "not_editable");
    // the registrar completes a registered one
    auto fixed = applications_fixture::complete_form();
    fixed.knowledge = "Монтаж и ремонт";
    update_application(f.d, {id, f.clerk(), fixed}, f.friday);
    CHECK(form_of(f.row(id), {}).knowledge == "Монтаж и ремонт");
    f.attach(id, "id_document", f.clerk());
    CHECK(f.audits("application.update") == 1);
}

TEST_CASE("applications: a paper application entered by the registrar makes the person and the account", "[applications][paper]") {
    applications_fixture f;
    auto form = applications_fixture::complete_form();
    form.who.iin = iin_1990(7);
    form.who.birth_date = tanu::exam::date{1990, 1, 15};
    form.who.email = "paper@example.kz";
    CHECK(refusal([&] { create_application(f.d, {f.clerk(), form, std::nullopt}, f.friday); }).code == "account_needed");
    const new_account acc{"initial-pass-12", hash_password("initial-pass-12", {1, 8})};
    const auto made = create_application(f.d, {f.clerk(), form, acc}, f.friday);
    CHECK(made.initial_password == "initial-pass-12");
    CHECK(made.app.channel == "paper");
    const auto user = store::find_user(f.d, iin_1990(7));
    REQUIRE(user);
    CHECK(user->role == "candidate");
    CHECK(verify_password(user->password_hash, "initial-pass-12"));
    const auto cand = store::find_candidate(f.d, made.app.candidate);
    REQUIRE(cand);
    CHECK(cand->full_name == "Асанов Асан Асанович");
    CHECK(cand->email == "paper@example.kz");

    // the same person again: his account is found, no password is made
    withdraw_application(f.d, made.app.id, f.clerk(), f.friday);
    const auto again = create_application(f.d, {f.clerk(), form, std::nullopt}, f.friday);
    CHECK(again.initial_password.empty());
    CHECK(again.app.candidate == made.app.candidate);

    // the applicant must be identified
    form.who.iin = "123";
    CHECK(refusal([&] { create_application(f.d, {f.clerk(), form, acc}, f.friday); }).code == "bad_iin");
    form.who.iin = iin_1990(8);
    form.who.birth_date = tanu::exam::date{1991, 1, 15};
    CHECK(refusal([&] { create_application(f.d, {f.clerk(), form, acc}, f.friday); }).code == "iin_birth_mismatch");
    form.who.birth_date = tanu::exam::date{1990, 1, 15};
    form.programme = "NOPE";
    CHECK(refusal([&] { create_application(f.d, {f.clerk(), form, acc}, f.friday); }).code == "unknown_programme");
}

TEST_CASE("applications: the form: unknown keys and oversized fields are refused by name", "[applications][form]") {
    const json good = {{"programme", "PLUMBER-4"},
                       {"applicant", {{"surname", "Асанов"}, {"birth_date", "1990-01-15"}}},
                       {"consents", {{"pd_processing", true}, {"nqs_publication", false}}}};
    const auto f = form_from_json(good);
    CHECK(f.who.surname == "Асанов");
    CHECK(f.consent_pd);
    CHECK_FALSE(f.consent_nqs);
    CHECK(form_from_json(form_to_json(f)).who.birth_date == tanu::exam::date{1990, 1, 15});

    json typo = good;
    typo["knowlege"] = "x";
    auto e = refusal([&] { form_from_json(typo); });
    CHECK(e.kind == error_kind::bad_request);
    CHECK(std::string(e.what()).find("knowlege") != std::string::npos);
    json nested = good;
    nested["applicant"]["phone"] = "x";
    CHECK(std::string(refusal([&] { form_from_json(nested); }).what()).find("applicant.phone") != std::string::npos);

    json longer = good;
    longer["applicant"]["surname"] = std::string(101, 'a');
    e = refusal([&] { form_from_json(longer); });
    CHECK(e.code == "field_too_long");
    CHECK(std::string(e.what()).find("applicant.surname") != std::string::npos);
    json bad_date = good;
    bad_date["applicant"]["birth_date"] = "15.01.1990";
    CHECK(refusal([&] { form_from_json(bad_date); }).code == "field_invalid");
    json bad_type = good;
    bad_type["claimed_nqf_level"] = "4";
    CHECK(refusal([&] { form_from_json(bad_type); }).kind == error_kind::bad_request);
}

TEST_CASE("applications: attachments: at most the configured count, typed by their content, kept by their SHA-256",
          "[applications][attachments]") {
    applications_fixture f;
    const auto id = f.draft();
    f.attach(id, "id_document", f.me());
    attach_input in;
    in.application = id;
    in.who = f.me();
    in.type = "passport";
    CHECK(refusal([&] { add_attachment(f.d, in, f.friday); }).code == "field_invalid");
    in.type = "education_doc";
    in.issue_date = "2026-13-01";
    CHECK(refusal([&] { add_attachment(f.d, in, f.friday); }).code == "field_invalid");
    in.issue_date = "";
    in.max_attachments = 1;
    CHECK(refusal([&] { add_attachment(f.d, in, f.friday); }).code == "too_many_attachments");
    CHECK(store::attachment_count(f.d, id) == 1);

    CHECK(sniff_content_type("%PDF-1.7\n...") == "application/pdf");
    CHECK(sniff_content_type(std::string("\x89PNG\r\n\x1A\n\0\0", 10)) == "image/png");
    CHECK(sniff_content_type("\xFF\xD8\xFF\xE0JFIF") == "image/jpeg");
    const auto exe = refusal([] { sniff_content_type("MZ\x90\x00 this program cannot be run in DOS mode"); });
    CHECK(exe.kind == error_kind::unsupported_media);
    CHECK(exe.code == "unsupported_file");
    CHECK(refusal([] { sniff_content_type(""); }).kind == error_kind::bad_request);

    const std::string pdf = "%PDF-1.4 a certificate";
    const auto kept = keep_file(f.dir.path, "applications/" + std::to_string(id), pdf);
    CHECK(kept.rel == "applications/" + std::to_string(id) + "/" + kept.sha256);
    CHECK(kept.sha256 == sha256_hex(pdf));
    CHECK(read_kept_file(f.dir.path, kept.rel, kept.sha256) == pdf);
    CHECK(refusal([&] { read_kept_file(f.dir.path, kept.rel, std::string(64, '0')); }).code == "attachment_corrupt");

    const auto a = store::attachments_of(f.d, id).front();
    CHECK(delete_attachment(f.d, id, a.id, f.me(), f.friday) == a.file);
    CHECK(store::attachment_count(f.d, id) == 0);
    CHECK(f.audits("application.attach") == 1);
    CHECK(f.audits("application.detach") == 1);
}
