// The candidate's personal file (W10, seed 002 p.14) over HTTP against the
// real binary: a candidate who applied (one attachment), sat the theory, has
// a practical mark, a protocol and the document the head signed; the registrar
// reads the file as JSON and downloads its PDF; a commission member and the
// candidate are refused; an unknown id is 404.
#include <catch2/catch.hpp>

#include "tests/integration/harness.hpp"

using namespace it;

namespace {

server_options on_friday() {
    server_options o;
    o.config_extra = {{"clock_start", "2026-03-20T10:00:00+05:00"},
                      {"centre", {{"public_url", "https://tanu.example.kz"}, {"name", "Орталық"}, {"number", 7}}}};
    return o;
}

std::size_t pages_of(const std::string& pdf) {
    std::size_t n = 0;
    for (std::size_t i = pdf.find("/Type /Page"); i != std::string::npos; i = pdf.find("/Type /Page", i + 1))
        if (pdf.compare(i, 12, "/Type /Pages") != 0) ++n;
    return n;
}

}  // namespace

TEST_CASE("personal file: the registrar reads the whole file and its PDF - a commission member cannot",
          "[integration][personal_file]") {
    server_process srv(on_friday());
    const int port = srv.port();
    const auto admin = admin_token(port);
    create_programme(port, admin, make_programme("PLUMBER-4", 90, 90, "above", 2));
    import_questions(port, admin, "PLUMBER-4", make_questions("pf", "ru", 90));
    const auto registrar = staff(port, admin, "registrar1", "registrar");
    const auto member = staff(port, admin, "member1", "commission");
    const auto head = staff(port, admin, "head1", "head");

    const auto c = create_candidate(port, admin, "asan");
    // the candidate's application with one attachment, submitted
    const json form = {{"programme", "PLUMBER-4"},
                       {"applicant", {{"surname", "Асанов"}, {"name", "Асан"}, {"address", "Астана, Абай к-сі, 1"},
                                      {"mobile_phone", "+77011234567"}}},
                       {"claimed_nqf_level", 4},
                       {"knowledge", "Сумен жабдықтау жүйелерін монтаждау"},
                       {"skills", "Құбырларды дәнекерлеу"},
                       {"language", "ru"},
                       {"consents", {{"pd_processing", true}, {"nqs_publication", true}}}};
    auto made = http_call(port, "POST", "/api/applications", form, c.token);
    INFO(describe(made));
    REQUIRE(made.status == 201);
    const auto app = made.body_json["id"].get<std::int64_t>();
    const std::string pdf_bytes = "%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n";
    auto att = http_raw(port, "POST", "/api/applications/" + std::to_string(app) + "/attachments?type=id_document&number=N1",
                        pdf_bytes, "application/pdf", c.token);
    INFO(describe(att));
    REQUIRE(att.status == 201);
    REQUIRE(http_call(port, "POST", "/api/applications/" + std::to_string(app) + "/submit", json::object(), c.token).status == 200);

    // the sitting, passed; the protocol signed (the short path); the document prepared
    const auto s = create_session(port, admin, c.id, "PLUMBER-4");
    const auto result = sit_ninety(port, c, s, 80);
    REQUIRE(result["passed"] == true);
    auto marked = http_call(port, "POST", "/api/sessions/" + std::to_string(s.id) + "/practical",
                            {{"items", json::array({{{"id", "p1"}, {"done", true}, {"note", "Тығыз"}}})}}, member);
    INFO(describe(marked));
    REQUIRE(marked.status == 200);
    sign_protocol(port, member, s.id);
    // the head signs the document (p.18): the candidate is told, so the file has a notice
    auto docs = http_call(port, "GET", "/api/documents", nullptr, head);
    REQUIRE(docs.status == 200);
    REQUIRE(docs.body_json["documents"].size() == 1);
    const auto code = docs.body_json["documents"][0]["code"].get<std::string>();
    auto signed_ = http_call(port, "POST", "/api/documents/" + code + "/sign", {{"password", "head1-password"}}, head);
    INFO(describe(signed_));
    REQUIRE(signed_.status == 200);

    const std::string path = "/api/candidates/" + std::to_string(c.id) + "/file";
    auto file = http_call(port, "GET", path, nullptr, registrar);
    INFO(describe(file));
    REQUIRE(file.status == 200);
    const auto& f = file.body_json;
    CHECK(f["candidate"]["id"] == c.id);
    CHECK(f["candidate"]["iin"] == c.iin);
    REQUIRE(f["applications"].size() == 1);
    CHECK(f["applications"][0]["status"] == "registered");
    REQUIRE(f["applications"][0]["attachments"].size() == 1);
    CHECK(f["applications"][0]["attachments"][0]["sha256"] == att.body_json["sha256"]);
    CHECK(f["applications"][0]["attachments"][0]["size"] == pdf_bytes.size());
    const auto url = f["applications"][0]["attachments"][0]["url"].get<std::string>();
    auto download = http_call(port, "GET", url, nullptr, registrar);  // the link is a route that serves the file
    CHECK(download.status == 200);
    CHECK(download.body == pdf_bytes);
    REQUIRE(f["sittings"].size() == 1);
    CHECK(f["sittings"][0]["id"] == s.id);
    CHECK(f["sittings"][0]["status"] == "finished");
    CHECK(f["sittings"][0]["score"]["correct"] == 80);
    REQUIRE(f["protocols"].size() == 1);
    CHECK(f["protocols"][0]["decision"] == "passed");
    CHECK(f["protocols"][0]["signatures"][0]["member"] == "member1");
    REQUIRE(f["documents"].size() == 1);
    CHECK(f["documents"][0]["code"] == code);
    CHECK(f["documents"][0]["status"] == "valid");
    CHECK(f["documents"][0]["signed_by_head"]["by"] == "head1");
    CHECK(f["documents"][0]["verify_url"].get<std::string>().rfind("https://tanu.example.kz/", 0) == 0);
    REQUIRE_FALSE(f["notices"].empty());
    CHECK(f["notices"][0]["kind"] == "document_issued");
    CHECK(f["acts"].is_array());
    REQUIRE(f["practical_marks"].size() == 1);
    CHECK(f["practical_marks"][0]["item"] == "p1");
    CHECK(f["practical_marks"][0]["member"] == "member1");
    CHECK(f["appeals"].empty());

    for (const char* lang : {"kk", "ru", "en"}) {
        auto pdf = http_call(port, "GET", path + ".pdf?lang=" + lang, nullptr, head);
        INFO(lang << ": " << pdf.status << " " << pdf.content_type);
        REQUIRE(pdf.status == 200);
        CHECK(pdf.content_type == "application/pdf");
        CHECK(pdf.body.rfind("%PDF", 0) == 0);
        CHECK(pages_of(pdf.body) >= 1);
    }
    CHECK(http_call(port, "GET", path + ".pdf?lang=fr", nullptr, admin).status == 422);

    auto refused = http_call(port, "GET", path, nullptr, member);
    CHECK(refused.status == 403);
    CHECK(http_call(port, "GET", path + ".pdf", nullptr, member).status == 403);
    CHECK(http_call(port, "GET", path, nullptr, c.token).status == 403);
    CHECK(http_call(port, "GET", path).status == 401);
    auto unknown = http_call(port, "GET", "/api/candidates/987654/file", nullptr, admin);
    CHECK(unknown.status == 404);
    CHECK(unknown.error() == "not_found");
    CHECK(http_call(port, "GET", "/api/candidates/987654/file.pdf", nullptr, admin).status == 404);
}

TEST_CASE("personal file: a candidate with nothing yet has an empty file and a one-page PDF", "[integration][personal_file]") {
    server_process srv;
    const int port = srv.port();
    const auto admin = admin_token(port);
    const auto c = create_candidate(port, admin, "bos");
    auto file = http_call(port, "GET", "/api/candidates/" + std::to_string(c.id) + "/file", nullptr, admin);
    INFO(describe(file));
    REQUIRE(file.status == 200);
    for (const char* s : {"applications", "notices", "sittings", "acts", "practical_marks", "protocols", "documents",
                          "appeals", "results_receipts"})
        CHECK(file.body_json[s].empty());
    auto pdf = http_call(port, "GET", "/api/candidates/" + std::to_string(c.id) + "/file.pdf", nullptr, admin);
    REQUIRE(pdf.status == 200);
    CHECK(pdf.body.rfind("%PDF", 0) == 0);
    CHECK(pages_of(pdf.body) == 1);
}
