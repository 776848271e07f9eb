// Document serials are sequential and GET /api/documents/{code} is public: it
// listed the full name of every certified holder to anyone counting codes
// (issue 8). Each document now has a random check value, printed beside its
// code and carried in its QR link; without it the public lookup names the
// holder by initials only.
#include <regex>

#include <catch2/catch.hpp>

#include "tests/integration/harness.hpp"

using namespace it;

namespace {

server_options centre() {
    server_options o;
    o.config_extra = {{"clock_start", "2026-03-20T10:00:00+05:00"},
                      {"centre", {{"name", "Тану орталығы"}, {"number", 7}, {"head", "Серік Әбенов"},
                                  {"public_url", "https://tanu.example.kz"}}}};
    return o;
}

// A passed sitting, its protocol signed by one commission member and the
// document by the head of the centre (made here on first use): the document's code.
std::string issue(int port, const std::string& admin, const std::string& member, const candidate& c,
                  const std::string& programme) {
    session_ref s = create_session(port, admin, c.id, programme);
    ws_client ws;
    REQUIRE(ws.connect(port, ws_target(s.id, c.token)) == 101);
    ws.send_json({{"type", "start"}});
    json paper = ws.read_until_type("paper");
    for (int n = 1; n <= 10; ++n) answer_and_ack(ws, n, right_option(paper_question(paper, n)), "d" + std::to_string(n));
    ws.send_json({{"type", "finish"}});
    REQUIRE(ws.read_until_type("result").value("passed", false));
    ws.close();
    auto p = http_call(port, "POST", "/api/sessions/" + std::to_string(s.id) + "/protocol", json::object(), member);
    INFO(describe(p));
    REQUIRE(p.status == 201);
    REQUIRE(p.body_json["document"].is_string());
    const auto code = p.body_json["document"].get<std::string>();
    http_call(port, "POST", "/api/users", {{"login", "bastyk"}, {"password", "bastyk-password"}, {"role", "head"}}, admin);
    const std::string head = login_token(port, "bastyk", "bastyk-password");
    auto signed_doc = http_call(port, "POST", "/api/documents/" + code + "/sign", {{"password", "bastyk-password"}}, head);
    INFO(describe(signed_doc));
    REQUIRE(signed_doc.status == 200);
    return code;
}

}  // namespace

TEST_CASE("documents: the public lookup names the holder in full only with the check value",
          "[security][documents]") {
    server_process srv(centre());
    const int port = srv.port();
    const std::string admin = admin_token(port);
    json prog = make_programme("DOC-4", 10, 30, "above", 2, {"ru"});
    prog["practical"] = json::array();  // the theory stage decides: the protocol follows at once
    create_programme(port, admin, prog);
    import_questions(port, admin, "DOC-4", make_questions("DC", "ru", 10));
    auto m = http_call(port, "POST", "/api/users", {{"login", "kom"}, {"password", "kom-password"}, {"role", "commission"}}, admin);
    REQUIRE(m.status == 201);
    const std::string member = login_token(port, "kom", "kom-password");
    candidate holder = create_candidate(port, admin, "holder");  // full name "Candidate holder"
    candidate other = create_candidate(port, admin, "stranger");
    const std::string code = issue(port, admin, member, holder, "DOC-4");

    // Anyone, with the code alone (which a counter can guess): initials only.
    auto pub = http_call(port, "GET", "/api/documents/" + code);
    INFO(describe(pub));
    REQUIRE(pub.status == 200);
    for (const char* k : {"code", "full_name", "profession", "nqf_level", "issued", "valid_until", "status"})
        CHECK(pub.body_json.contains(k));  // the contract's fields stay
    CHECK(pub.body_json.value("full_name", "") == "C. h.");
    CHECK(pub.body_json.value("holder_verified", true) == false);
    CHECK(pub.body_json.value("status", "") == "valid");
    CHECK_FALSE(pub.body_json.contains("check"));
    CHECK(pub.body.find("Candidate holder") == std::string::npos);

    // The holder's own view gives the check value, the document prints it.
    auto own = http_call(port, "GET", "/api/documents/" + code, nullptr, holder.token);
    REQUIRE(own.status == 200);
    CHECK(own.body_json.value("full_name", "") == "Candidate holder");
    CHECK(own.body_json.value("holder_verified", false) == true);
    const std::string check = own.body_json.value("check", "");
    REQUIRE(std::regex_match(check, std::regex("[0-9a-f]{12}")));
    auto html = http_call(port, "GET", "/api/documents/" + code + "/html", nullptr, holder.token);
    REQUIRE(html.status == 200);
    CHECK(html.body.find("https://tanu.example.kz/verify.html?code=" + code + "&amp;check=" + check) != std::string::npos);
    CHECK(html.body.find(">" + check + "<") != std::string::npos);  // printed beside the code
    auto staff = http_call(port, "GET", "/api/documents/" + code, nullptr, admin);
    CHECK(staff.body_json.value("full_name", "") == "Candidate holder");

    // With the check value from the QR link: the full name.
    auto verified = http_call(port, "GET", "/api/documents/" + code + "?check=" + check);
    INFO(describe(verified));
    REQUIRE(verified.status == 200);
    CHECK(verified.body_json.value("full_name", "") == "Candidate holder");
    CHECK(verified.body_json.value("holder_verified", false) == true);
    CHECK_FALSE(verified.body_json.contains("check"));
    std::string upper = check;
    for (auto& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    CHECK(http_call(port, "GET", "/api/documents/" + code + "?check=" + upper).body_json.value("holder_verified", false));

    // A wrong check value, a near one, or another candidate's token: initials.
    std::string near = check;
    near.back() = near.back() == '0' ? '1' : '0';
    for (const std::string& wrong : {std::string("000000000000"), near, check.substr(0, 11), check + "0"}) {
        auto r = http_call(port, "GET", "/api/documents/" + code + "?check=" + wrong);
        INFO("check=" << wrong << ": " << describe(r));
        CHECK(r.status == 200);
        CHECK(r.body_json.value("full_name", "") == "C. h.");
        CHECK(r.body_json.value("holder_verified", true) == false);
    }
    auto stranger = http_call(port, "GET", "/api/documents/" + code, nullptr, other.token);
    CHECK(stranger.body_json.value("full_name", "") == "C. h.");
    CHECK_FALSE(stranger.body_json.contains("check"));
    auto bad_token = http_call(port, "GET", "/api/documents/" + code, nullptr, "not-a-token");
    CHECK(bad_token.status == 200);  // a public route: a bad token is no refusal, only no more than the public sees
    CHECK(bad_token.body_json.value("full_name", "") == "C. h.");

    // Counting codes: the neighbouring serial is no document; each document has its own check value.
    candidate second = create_candidate(port, admin, "second");
    const std::string code2 = issue(port, admin, member, second, "DOC-4");
    CHECK(code2 != code);
    auto own2 = http_call(port, "GET", "/api/documents/" + code2, nullptr, second.token);
    CHECK(own2.body_json.value("check", "") != check);
    CHECK(http_call(port, "GET", "/api/documents/" + code2 + "?check=" + check).body_json.value("holder_verified", true) ==
          false);
}
