// Notices by SMS (W9, X14) in-process: the gateway adapter against a local
// fake gateway on loopback (what it is sent, how its answers are read), and
// the delivery: an e-mail notice is followed by one SMS to the candidate's
// mobile, also when he has no e-mail address; the receipt is kept.
#include <catch2/catch.hpp>

#include <atomic>
#include <nlohmann/json.hpp>

#include "server/accounts/store.hpp"
#include "server/db/db_readers.hpp"
#include "server/db/db_writer.hpp"
#include "server/db/migrator.hpp"
#include "server/outbox/outbox.hpp"
#include "server/outbox/sms_transport.hpp"
#include "server/outbox/store.hpp"
#include "server/people/store.hpp"
#include "server/platform/config.hpp"
#include "server/platform/logger.hpp"
#include "tests/fakes/fake_http.hpp"
#include "tests/server/temp_dir.hpp"

using namespace tanu::server;

namespace {

constexpr std::int64_t monday_ms = 1772424000000;  // 2026-03-02 09:00 Almaty

struct fixed_clock final : tanu::exam::clock {
    std::atomic<std::int64_t> t{monday_ms};
    std::int64_t now_ms() const override { return t.load(); }
};

template <class F>
mail_error failure(F&& f) {
    try {
        f();
    } catch (const mail_error& e) {
        return e;
    }
    FAIL("no failure");
    return mail_error("");
}

}  // namespace

TEST_CASE("sms: a mobile number as the gateway takes it", "[outbox][sms]") {
    CHECK(normalise_mobile("+7 (701) 123-45-67") == "+77011234567");
    CHECK(normalise_mobile("87011234567") == "+77011234567");
    CHECK(normalise_mobile("77011234567") == "+77011234567");
    CHECK(normalise_mobile("") == "");
    CHECK(normalise_mobile("+7 701 123") == "");
    CHECK(normalise_mobile("+1 202 555 0100") == "");
    CHECK(normalise_mobile("7011234567; DROP") == "");
}

TEST_CASE("sms: the gateway is sent JSON with its token, and its answers are read", "[outbox][sms]") {
    tanu_test::fake_http gw;
    http_sms_transport t({gw.url("/api/send"), "gw-secret-token", "TANU", 5, ""});
    gw.answer(200, R"({"id": "gw-77", "status": "accepted"})");
    CHECK(t.send({"8 701 123 45 67", "Дата процедуры: 09.04.2026", "notice-5"}) == "gw-77");
    const auto got = gw.received();
    REQUIRE(got.size() == 1);
    CHECK(got[0].method == "POST");
    CHECK(got[0].target == "/api/send");
    CHECK(got[0].authorization == "Bearer gw-secret-token");
    CHECK(got[0].content_type == "application/json");
    const auto body = nlohmann::json::parse(got[0].body);
    CHECK(body["to"] == "+77011234567");
    CHECK(body["text"] == "Дата процедуры: 09.04.2026");
    CHECK(body["sender"] == "TANU");
    CHECK(body["reference"] == "notice-5");
    // a numeric id is kept as text
    gw.answer(201, R"({"id": 123456})");
    CHECK(t.send({"+77011234567", "x", "notice-6"}) == "123456");
    // refused for good: the outbox gives up; busy or down: it tries again
    gw.answer(400, R"({"error": "bad number"})");
    CHECK(failure([&] { t.send({"+77011234567", "x", "n"}); }).permanent);
    gw.answer(429, "{}");
    CHECK_FALSE(failure([&] { t.send({"+77011234567", "x", "n"}); }).permanent);
    gw.answer(503, "{}");
    CHECK_FALSE(failure([&] { t.send({"+77011234567", "x", "n"}); }).permanent);
    gw.answer(200, "not json");
    CHECK_FALSE(failure([&] { t.send({"+77011234567", "x", "n"}); }).permanent);
    // a number that is none is refused before any request
    const auto before = gw.received().size();
    CHECK(failure([&] { t.send({"12345", "x", "n"}); }).permanent);
    CHECK(gw.received().size() == before);
    CHECK_THROWS_AS(http_sms_transport({"ftp://x", "", "", 5, ""}), std::invalid_argument);
}

TEST_CASE("sms: an e-mail notice is followed by one SMS, also without an e-mail address, and its receipt is kept",
          "[outbox][sms]") {
    tanu_test::temp_dir dir{"tanu-sms-"};
    tanu_test::fake_http gw;
    server_config cfg;
    cfg.data_dir = dir.path;
    cfg.sms.gateway_url = gw.url("/send");
    cfg.centre.public_url = "https://tanu.example.kz";
    fixed_clock clock;
    logger log{log_level::off};
    db d{cfg.db_path()};
    migrate(d, embedded_migrations());
    db_writer writer{cfg.db_path(), log, 16};
    db_readers readers{cfg.db_path(), 1};
    outbox::delivery delivery{cfg, writer, readers, clock, log};
    std::int64_t ids[2];
    const char* emails[2] = {"asan@example.kz", ""};
    for (int i = 0; i < 2; ++i) {
        const auto user = store::insert_user(d, "cand" + std::to_string(i), "candidate", "x", monday_ms);
        candidate_row c;
        c.iin = i == 0 ? "900101300001" : "900101300016";
        c.full_name = "Асанов Асан";
        c.birth_date = "1990-01-01";
        c.email = emails[i];
        c.phone = "+7 701 123 45 6" + std::to_string(i);
        ids[i] = store::insert_candidate(d, user, c, monday_ms);
        outbox::notice n;
        n.candidate = ids[i];
        n.kind = "schedule";
        n.recipient = emails[i];
        n.subject = "Дата, время и место процедуры";
        n.body = "Длинный текст уведомления";
        writer.call([&](db& w) { return outbox::queue(w, n, monday_ms); });
    }
    gw.answer(200, R"({"id": "gw-1"})");
    delivery.deliver_due();  // the e-mails (one has no address), and their SMS queued
    delivery.deliver_due();  // the SMS
    const auto got = gw.wait_for(2);
    REQUIRE(got.size() == 2);
    for (int i = 0; i < 2; ++i) {
        const auto mine = store::notices_of(d, ids[i]);
        REQUIRE(mine.size() == 2);
        CHECK(mine[0].channel == "email");
        CHECK(mine[1].channel == "sms");
        CHECK(mine[1].of_notice == mine[0].id);
        CHECK(mine[1].recipient == "+7701123456" + std::to_string(i));
        CHECK(mine[1].body == "Дата, время и место процедуры. https://tanu.example.kz/");
        CHECK(mine[1].delivered_ms);
        CHECK(mine[1].gateway_id == "gw-1");
    }
    CHECK(store::notices_of(d, ids[1])[0].failed);  // the e-mail without an address gives up; the SMS went
    // another round sends nothing again
    delivery.deliver_due();
    CHECK(gw.received().size() == 2);
    // the receipt
    CHECK(writer.call([&](db& w) { return store::sms_receipt(w, "gw-1", "delivered", monday_ms + 5000); }));
    CHECK(store::notices_of(d, ids[0])[1].receipt_ms == monday_ms + 5000);
    CHECK(store::notices_of(d, ids[0])[1].receipt_status == "delivered");
    CHECK_FALSE(writer.call([&](db& w) { return store::sms_receipt(w, "gw-unknown", "delivered", monday_ms); }));
}
