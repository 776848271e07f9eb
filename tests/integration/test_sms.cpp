// Notices by SMS over the real server (W9, X14): the centre's gateway is a
// local fake on loopback (tests/fakes/fake_http.hpp); the schedule notice of
// a sitting goes by e-mail and by SMS to the candidate's mobile, the gateway's
// receipt comes back to POST /api/sms/receipts with its own token, and the
// cabinet's notices say when each was sent and delivered.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <thread>

#include "tests/fakes/fake_http.hpp"
#include "tests/integration/harness.hpp"

using namespace it;
using namespace std::chrono_literals;

TEST_CASE("sms: the schedule notice goes by SMS too, and the gateway's receipt is kept", "[integration][sms]") {
    tanu_test::fake_http gw;
    gw.answer(200, R"({"id": "gw-4242"})");
    server_options o;
    o.config_extra = {{"clock_start", "2026-03-20T10:00:00+05:00"},
                      {"centre", {{"public_url", "https://tanu.example.kz"}}},
                      {"sms", {{"gateway_url", gw.url("/v1/send")}, {"token", "gateway-token-1"},
                               {"receipt_token", "receipts-token-0123456789"}}}};
    server_process srv(o);
    const int port = srv.port();
    const auto admin = admin_token(port);
    create_programme(port, admin, make_programme("FIT-3", 5, 30, "above", 2, {"ru"}));
    import_questions(port, admin, "FIT-3", make_questions("F", "ru", 5));
    const auto c = create_candidate(port, admin, "aidos");  // mobile +77010000000
    auto made = http_call(port, "POST", "/api/sessions",
                          {{"candidate", c.id}, {"programme", "FIT-3"}, {"lang", "ru"},
                           {"theory", {{"day", "2026-04-09"}, {"starts", "10:00"}, {"ends", "11:00"}}},
                           {"practical", {{"day", "2026-04-09"}, {"starts", "14:00"}, {"ends", "15:00"}, {"place", "цех 2"}}}},
                          admin);
    INFO(describe(made));
    REQUIRE(made.status == 201);
    const auto got = gw.wait_for(1, 15s);
    REQUIRE(got.size() >= 1);
    CHECK(got[0].authorization == "Bearer gateway-token-1");
    const auto sms = nlohmann::json::parse(got[0].body);
    CHECK(sms["to"] == "+77010000000");
    CHECK(sms["text"].get<std::string>().find("Дата, время и место") != std::string::npos);

    // the cabinet: the e-mail and its SMS, each with when it went
    json mine;
    for (int i = 0; i < 50; ++i) {
        mine = http_call(port, "GET", "/api/notices", nullptr, c.token).body_json;
        if (mine.size() == 2 && !mine[1]["delivered_ms"].is_null()) break;
        std::this_thread::sleep_for(100ms);
    }
    REQUIRE(mine.size() == 2);
    CHECK(mine[0]["channel"] == "email");
    CHECK(mine[1]["channel"] == "sms");
    CHECK(mine[1]["of_notice"] == mine[0]["id"]);
    CHECK(mine[1]["delivered_ms"].is_number_integer());
    CHECK(mine[1]["receipt_ms"].is_null());

    // the receipt: the gateway's token only
    const json receipt = {{"id", "gw-4242"}, {"status", "delivered"}, {"ms", 1773990000000}};
    CHECK(http_call(port, "POST", "/api/sms/receipts", receipt).status == 401);
    CHECK(http_call(port, "POST", "/api/sms/receipts", receipt, "receipts-token-wrong-0000").status == 401);
    CHECK(http_call(port, "POST", "/api/sms/receipts", receipt, admin).status == 401);
    CHECK(http_call(port, "POST", "/api/sms/receipts", {{"id", "gw-none"}, {"status", "delivered"}},
                    "receipts-token-0123456789")
              .status == 404);
    CHECK(http_call(port, "POST", "/api/sms/receipts", {{"id", "gw-4242"}, {"status", "read"}}, "receipts-token-0123456789")
              .status == 422);
    auto ok = http_call(port, "POST", "/api/sms/receipts", receipt, "receipts-token-0123456789");
    INFO(describe(ok));
    CHECK(ok.status == 204);
    mine = http_call(port, "GET", "/api/notices", nullptr, c.token).body_json;
    CHECK(mine[1]["receipt_ms"] == 1773990000000);
    CHECK(mine[1]["receipt_status"] == "delivered");
}
