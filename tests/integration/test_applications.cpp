// Applications (seed 002 p.4-6, W1) over HTTP against the real binary: self-
// registration, the draft and its attachments, registration, the registrar's
// list, the refusal the head signs, the contract, a paper application. The
// server's clock starts on Friday 20 March 2026 (config clock_start), so the
// check's deadline crosses Nauryz.
#include <catch2/catch.hpp>

#include "tests/integration/harness.hpp"

using namespace it;

namespace {

server_options on_friday() {
    server_options o;
    o.config_extra = {{"clock_start", "2026-03-20T10:00:00+05:00"},
                      {"centre", {{"public_url", "https://tanu.example.kz"}}}};
    return o;
}

json form(const std::string& programme) {
    return {{"programme", programme},
            {"applicant",
             {{"surname", "Болатов"},
              {"name", "Болат"},
              {"address", "Астана, ул. Абая, 1"},
              {"mobile_phone", "+77011234567"}}},
            {"claimed_nqf_level", 4},
            {"knowledge", "Монтаж систем водоснабжения"},
            {"skills", "Сварка труб"},
            {"language", "ru"},
            {"consents", {{"pd_processing", true}, {"nqs_publication", true}}}};
}

struct applicant {
    std::string token;
    std::int64_t candidate = 0;
    std::string iin;
};

applicant self_register(int port, const std::string& login) {
    const auto [iin, birth] = next_iin();
    auto r = http_call(port, "POST", "/api/register",
                       {{"login", login},
                        {"password", login + "-password"},
                        {"iin", iin},
                        {"surname", "Болатов"},
                        {"name", "Болат"},
                        {"patronymic", ""},
                        {"birth_date", birth},
                        {"email", login + "@example.kz"},
                        {"mobile_phone", "+77011234567"}});
    INFO(describe(r));
    REQUIRE(r.status == 201);
    CHECK(r.body_json["role"] == "candidate");
    return {r.body_json["token"].get<std::string>(), r.body_json["candidate"].get<std::int64_t>(), iin};
}

std::string pdf() { return "%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n"; }
std::string png() { return std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16); }

std::string path(std::int64_t id, const std::string& tail = "") { return "/api/applications/" + std::to_string(id) + tail; }

}  // namespace

TEST_CASE("applications: apply from the page: register, draft, attach, submit, refused by the head's signature",
          "[integration][applications]") {
    server_process srv(on_friday());
    const int port = srv.port();
    const auto admin = admin_token(port);
    create_programme(port, admin, make_programme("PLUMBER-4", 5, 30, "above", 2));
    const auto registrar = staff(port, admin, "registrar1", "registrar");
    const auto head = staff(port, admin, "head1", "head");

    auto programmes = http_call(port, "GET", "/api/applications/programmes");
    REQUIRE(programmes.status == 200);
    REQUIRE(programmes.body_json.size() == 1);
    CHECK(programmes.body_json[0]["code"] == "PLUMBER-4");
    CHECK(programmes.body_json[0]["modes"] == json::array({"online"}));

    const auto me = self_register(port, "bolat");
    auto again = http_call(port, "POST", "/api/register",
                           {{"login", "bolat-2"}, {"password", "bolat-password"}, {"iin", me.iin}, {"surname", "Б"},
                            {"name", "Б"}, {"birth_date", "1990-01-15"}, {"email", "b@example.kz"},
                            {"mobile_phone", "+77011234567"}});
    CHECK(again.status == 409);
    CHECK(again.error() == "iin_registered");

    json typo = form("PLUMBER-4");
    typo["knowlege"] = "x";
    auto refused = http_call(port, "POST", "/api/applications", typo, me.token);
    CHECK(refused.status == 400);
    CHECK(refused.body_json["message"].get<std::string>().find("knowlege") != std::string::npos);

    auto made = http_call(port, "POST", "/api/applications", form("PLUMBER-4"), me.token);
    INFO(describe(made));
    REQUIRE(made.status == 201);
    const auto id = made.body_json["id"].get<std::int64_t>();
    CHECK(made.body_json["status"] == "draft");
    CHECK(made.body_json["applicant"]["iin"] == me.iin);
    CHECK(made.body_json["check"]["complete"] == false);

    auto id_doc = http_raw(port, "POST", path(id, "/attachments?type=id_document&number=N123&issue_date=2020-05-01"), pdf(),
                           "application/pdf", me.token);
    INFO(describe(id_doc));
    REQUIRE(id_doc.status == 201);
    CHECK(id_doc.body_json["content_type"] == "application/pdf");
    CHECK(id_doc.body_json["size"] == pdf().size());
    auto photo = http_raw(port, "POST", path(id, "/attachments?type=education_doc"), png(), "image/png", me.token);
    REQUIRE(photo.status == 201);
    CHECK(photo.body_json["content_type"] == "image/png");
    auto exe = http_raw(port, "POST", path(id, "/attachments?type=education_doc"),
                        std::string("MZ\x90\0\3\0\0\0 This program cannot be run in DOS mode", 44), "application/pdf",
                        me.token);
    CHECK(exe.status == 415);
    CHECK(exe.error() == "unsupported_file");
    auto back = http_call(port, "GET", path(id, "/attachments/" + std::to_string(id_doc.body_json["id"].get<int>())),
                          nullptr, me.token);
    CHECK(back.status == 200);
    CHECK(back.body == pdf());
    CHECK(back.content_type == "application/pdf");
    auto gone = http_call(port, "DELETE", path(id, "/attachments/" + std::to_string(photo.body_json["id"].get<int>())),
                          nullptr, me.token);
    CHECK(gone.status == 204);

    // another candidate does not see it, not even that it exists
    const auto other = self_register(port, "other");
    CHECK(http_call(port, "GET", path(id), nullptr, other.token).status == 404);

    auto submitted = http_call(port, "POST", path(id, "/submit"), nullptr, me.token);
    INFO(describe(submitted));
    REQUIRE(submitted.status == 200);
    CHECK(submitted.body_json["status"] == "registered");
    CHECK(submitted.body_json["reg_no"] == "2026-00001");
    CHECK(submitted.body_json["registered_date"] == "2026-03-20");
    CHECK(submitted.body_json["check_due"] == "2026-03-30");  // after Nauryz and its moved days
    CHECK(http_call(port, "PUT", path(id), form("PLUMBER-4"), me.token).error() == "not_editable");

    auto list = http_call(port, "GET", "/api/applications", nullptr, registrar);
    REQUIRE(list.status == 200);
    CHECK(list.body_json["today"] == "2026-03-20");
    REQUIRE(list.body_json["applications"].size() == 1);
    CHECK(list.body_json["applications"][0]["reg_no"] == "2026-00001");
    CHECK(list.body_json["applications"][0]["full_name"] == "Болатов Болат");
    CHECK(http_call(port, "GET", "/api/applications?q=Болатов", nullptr, head).body_json["applications"].size() == 1);
    CHECK(http_call(port, "GET", "/api/applications", nullptr, me.token).status == 403);

    auto prepared = http_call(port, "POST", path(id, "/refusal"),
                              {{"defects", json::array({{{"code", "attachment_missing"}, {"subject", "identity"},
                                                         {"note", "копия неразборчива"}}})},
                               {"reasoning", "Документ, удостоверяющий личность, не читается."}},
                              registrar);
    INFO(describe(prepared));
    REQUIRE(prepared.status == 200);
    CHECK(prepared.body_json["status"] == "refusal_prepared");
    CHECK(http_call(port, "POST", path(id, "/refusal/sign"), {{"password", "x"}}, registrar).status == 403);

    auto wrong = http_call(port, "POST", path(id, "/refusal/sign"), {{"password", "not-the-password"}}, head);
    CHECK(wrong.status == 403);
    CHECK(wrong.error() == "wrong_password");
    CHECK(http_call(port, "GET", path(id), nullptr, me.token).body_json["status"] == "refusal_prepared");

    auto signed_ = http_call(port, "POST", path(id, "/refusal/sign"), {{"password", "head1-password"}}, head);
    INFO(describe(signed_));
    REQUIRE(signed_.status == 200);
    CHECK(signed_.body_json["status"] == "refused");
    CHECK(signed_.body_json["refusal"]["signed"]["by"] == "head1");
    CHECK(signed_.body_json["refusal"]["sha256"].get<std::string>().size() == 64);

    auto mine = http_call(port, "GET", "/api/applications/mine", nullptr, me.token);
    REQUIRE(mine.status == 200);
    REQUIRE(mine.body_json.size() == 1);
    CHECK(mine.body_json[0]["status"] == "refused");
    CHECK(mine.body_json[0]["refusal"]["defects"][0]["code"] == "attachment_missing");
}

TEST_CASE("applications: a complete application leads to a contract", "[integration][applications]") {
    server_process srv(on_friday());
    const int port = srv.port();
    const auto admin = admin_token(port);
    create_programme(port, admin, make_programme("PLUMBER-4", 5, 30, "above", 2));
    const auto registrar = staff(port, admin, "registrar1", "registrar");
    const auto me = self_register(port, "bolat");
    auto made = http_call(port, "POST", "/api/applications", form("PLUMBER-4"), me.token);
    REQUIRE(made.status == 201);
    const auto id = made.body_json["id"].get<std::int64_t>();
    REQUIRE(http_call(port, "POST", path(id, "/submit"), nullptr, me.token).status == 200);

    auto incomplete = http_call(port, "POST", path(id, "/contract"), json::object(), registrar);
    CHECK(incomplete.status == 409);
    CHECK(incomplete.error() == "incomplete");
    REQUIRE(incomplete.body_json["defects"].size() == 1);
    CHECK(incomplete.body_json["defects"][0] == json({{"code", "attachment_missing"}, {"subject", "identity"}}));

    // the registrar attaches the ID brought during the check
    REQUIRE(http_raw(port, "POST", path(id, "/attachments?type=id_document"), pdf(), "application/pdf", registrar).status ==
            201);
    auto contracted = http_call(port, "POST", path(id, "/contract"), {{"price", "150 000 тг"}}, registrar);
    INFO(describe(contracted));
    REQUIRE(contracted.status == 200);
    CHECK(contracted.body_json["status"] == "contracted");
    CHECK(contracted.body_json["contract"]["no"] == "2026-00001");
    CHECK(contracted.body_json["contract"]["date"] == "2026-03-20");
    CHECK(contracted.body_json["contract"]["schedule_notice_due"] == "2026-04-01");  // 26, 27, 30, 31 March, 1 April
    CHECK(contracted.body_json["contract"]["by"] == "registrar1");
    CHECK(http_call(port, "POST", path(id, "/withdraw"), nullptr, me.token).error() == "not_withdrawable");
}

TEST_CASE("applications: a paper application entered by the registrar: the applicant signs in with the initial password",
          "[integration][applications]") {
    server_process srv(on_friday());
    const int port = srv.port();
    const auto admin = admin_token(port);
    create_programme(port, admin, make_programme("PLUMBER-4", 5, 30, "above", 2));
    const auto registrar = staff(port, admin, "registrar1", "registrar");
    const auto [iin, birth] = next_iin();
    json paper = form("PLUMBER-4");
    paper["applicant"]["iin"] = iin;
    paper["applicant"]["birth_date"] = birth;
    auto made = http_call(port, "POST", "/api/applications", paper, registrar);
    INFO(describe(made));
    REQUIRE(made.status == 201);
    CHECK(made.body_json["channel"] == "paper");
    const auto password = made.body_json["initial_password"].get<std::string>();
    CHECK(password.size() == 12);
    const auto id = made.body_json["id"].get<std::int64_t>();
    auto submitted = http_call(port, "POST", path(id, "/submit"), {{"registered_date", "2026-03-19"}}, registrar);
    REQUIRE(submitted.status == 200);
    CHECK(submitted.body_json["check_due"] == "2026-03-27");  // Thursday 19: 20, 26, 27

    const auto token = login_token(port, iin, password);
    auto mine = http_call(port, "GET", "/api/applications/mine", nullptr, token);
    REQUIRE(mine.status == 200);
    REQUIRE(mine.body_json.size() == 1);
    CHECK(mine.body_json[0]["reg_no"] == "2026-00001");
    CHECK(mine.body_json[0].contains("initial_password") == false);
}
