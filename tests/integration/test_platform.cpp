// The national qualifications platform (W8; seed 002 p.18.2, Appendix 2)
// over the real server: when the head of the centre signs a document its
// record goes to the platform (a local fake on loopback), whose answer the
// centre sees; the document is valid by its local code whatever the answer.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <thread>

#include "tests/fakes/fake_http.hpp"
#include "tests/integration/harness.hpp"

using namespace it;
using namespace std::chrono_literals;

TEST_CASE("platform: a signed document's record goes to the national platform, its answer kept", "[integration][platform]") {
    tanu_test::fake_http nqs;
    nqs.answer(201, R"({"id": "NQS-77", "status": "registered"})");
    server_options o;
    o.config_extra = {{"clock_start", "2026-03-20T10:00:00+05:00"},
                      {"centre", {{"number", 7}}},
                      {"platform", {{"url", nqs.url("/v1/qualifications")}, {"token", "nqs-token-1"}}}};
    server_process srv(o);
    const int port = srv.port();
    const auto admin = admin_token(port);
    json prog = make_programme("THEORY-4", 90, 90, "above", 2, {"ru"});
    prog.erase("practical");
    create_programme(port, admin, prog);
    import_questions(port, admin, "THEORY-4", make_questions("T", "ru", 90));
    const auto member = staff(port, admin, "member", "commission");
    const auto head = staff(port, admin, "head1", "head");
    const auto c = create_candidate(port, admin, "aruzhan");
    const auto s = create_session(port, admin, c.id, "THEORY-4");
    REQUIRE(sit_ninety(port, c, s, 64).value("passed", false));
    auto p = http_call(port, "POST", "/api/sessions/" + std::to_string(s.id) + "/protocol", json::object(), member);
    INFO(describe(p));
    REQUIRE(p.status == 201);
    const auto code = p.body_json.value("document", "");
    REQUIRE_FALSE(code.empty());
    CHECK(nqs.received().empty());  // nothing before the head's signature
    auto signed_ = http_call(port, "POST", "/api/documents/" + code + "/sign", {{"password", "head1-password"}}, head);
    INFO(describe(signed_));
    REQUIRE(signed_.status == 200);

    const auto got = nqs.wait_for(1, 15s);
    REQUIRE(got.size() == 1);
    CHECK(got[0].authorization == "Bearer nqs-token-1");
    const auto sent = nlohmann::json::parse(got[0].body);
    CHECK(sent["document"] == code);
    CHECK(sent["iin"] == c.iin);
    CHECK(sent["issued"] == "2026-03-20");
    CHECK(sent["centre"]["number"] == 7);
    CHECK(sent["signed_sha256"].get<std::string>().size() == 64);

    json list;
    for (int i = 0; i < 50; ++i) {
        list = http_call(port, "GET", "/api/platform/exports", nullptr, head).body_json;
        if (list["exports"].size() == 1 && !list["exports"][0]["sent_ms"].is_null()) break;
        std::this_thread::sleep_for(100ms);
    }
    CHECK(list["configured"] == true);
    REQUIRE(list["exports"].size() == 1);
    CHECK(list["exports"][0]["document"] == code);
    CHECK(list["exports"][0]["platform_id"] == "NQS-77");
    CHECK(list["exports"][0]["answer"]["status"] == "registered");
    CHECK(http_call(port, "GET", "/api/platform/exports?pending=1", nullptr, head).body_json["exports"].empty());
    CHECK(http_call(port, "GET", "/api/platform/exports", nullptr, member).status == 403);
    CHECK(http_call(port, "GET", "/api/documents/" + code).body_json.value("status", "") == "valid");
}
