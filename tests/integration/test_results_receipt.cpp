// The appeal window from the day the results were received, and appeals
// handed in on paper (issue 11, W5; seed 002 p.20-21), over the real server.
// The protocol binds on Friday 20 March 2026 (config clock_start); the
// Nauryz days off follow. A restart with a later clock plays the days after.
#include <catch2/catch.hpp>

#include "tests/integration/harness.hpp"

using namespace it;

namespace {

std::string path(std::int64_t id, const std::string& tail) { return "/api/sessions/" + std::to_string(id) + tail; }

}  // namespace

TEST_CASE("results receipt: the cabinet's first view or a paper receipt starts the appeal window, paper appeals",
          "[integration][appeals][receipt]") {
    server_options o;
    o.config_extra = {{"clock_start", "2026-03-20T10:00:00+05:00"}};
    server_process srv(o);
    int port = srv.port();
    auto admin = admin_token(port);
    json prog = make_programme("RCPT-4", 90, 90, "above", 0, {"ru"});
    prog.erase("practical");
    create_programme(port, admin, prog);
    import_questions(port, admin, "RCPT-4", make_questions("R", "ru", 90));
    auto member = staff(port, admin, "member", "commission");
    staff(port, admin, "appealer", "appeal");
    auto registrar = staff(port, admin, "registrar", "registrar");
    auto made = http_call(port, "POST", "/api/commissions",
                          {{"kind", "appeal"}, {"name", "Апелляциялық комиссия"}, {"order_no", "15-П"},
                           {"order_date", "2026-03-02"}, {"members", {{{"login", "appealer"}, {"role", "chair"}}}},
                           {"programmes", {"RCPT-4"}}},
                          registrar);
    INFO(describe(made));
    REQUIRE(made.status == 201);
    auto viewer = create_candidate(port, admin, "viewer");
    auto paper = create_candidate(port, admin, "paper");
    const auto s1 = create_session(port, admin, viewer.id, "RCPT-4");
    const auto s2 = create_session(port, admin, paper.id, "RCPT-4");
    sit_ninety(port, viewer, s1, 30);
    sit_ninety(port, paper, s2, 30);
    sign_protocol(port, member, s1.id);
    sign_protocol(port, member, s2.id);

    // the staff's view is no receipt; the candidate's first view is
    auto staff_view = http_call(port, "GET", path(s1.id, "/protocol"), nullptr, member);
    CHECK(staff_view.body_json["results_received"].is_null());
    CHECK(staff_view.body_json["appeal_open"] == true);
    auto first = http_call(port, "GET", path(s1.id, "/protocol"), nullptr, viewer.token);
    INFO(describe(first));
    REQUIRE(first.status == 200);
    CHECK(first.body_json["results_received"] == json({{"date", "2026-03-20"}, {"channel", "cabinet"}}));
    CHECK(first.body_json["appeal_until"] == "2026-04-01");  // 26, 27, 30, 31 March, 1 April
    // a paper receipt after the cabinet's is refused: the first stands
    auto twice = http_call(port, "POST", path(s1.id, "/results-receipt"), {{"received_date", "2026-03-20"}}, registrar);
    CHECK(twice.status == 409);
    CHECK(twice.error() == "already_received");
    CHECK(http_call(port, "POST", path(s2.id, "/results-receipt"), {{"received_date", "2026-03-21"}}, registrar).status ==
          422);  // after today
    CHECK(http_call(port, "POST", path(s2.id, "/results-receipt"), {{"received_date", "2026-03-19"}}, registrar).status ==
          422);  // before the protocol
    CHECK(http_call(port, "POST", path(s2.id, "/results-receipt"), {{"received_date", "2026-03-20"}}, paper.token).status ==
          403);

    // Friday 3 April: the protocol's own five days are over
    set_clock(srv, "2026-04-03T10:00:00+05:00");
    port = srv.port();
    admin = admin_token(port);
    registrar = login_token(port, "registrar", "registrar-password");
    viewer.token = login_token(port, viewer.login, viewer.password);
    // received on 20 March: the window closed on 1 April
    auto late = http_call(port, "POST", "/api/appeals", {{"session", s1.id}, {"reason", "не согласен"}}, viewer.token);
    CHECK(late.status == 409);
    CHECK(late.error() == "appeal_window_closed");
    // the second candidate signed the centre's paper receipt on 1 April: until 8 April
    auto receipt = http_call(port, "POST", path(s2.id, "/results-receipt"),
                             {{"received_date", "2026-04-01"}, {"note", "расписка № 17"}}, registrar);
    INFO(describe(receipt));
    REQUIRE(receipt.status == 200);
    CHECK(receipt.body_json["results_received"] == json({{"date", "2026-04-01"}, {"channel", "paper"}}));
    CHECK(receipt.body_json["appeal_until"] == "2026-04-08");
    CHECK(receipt.body_json["appeal_open"] == true);
    // his appeal comes on paper: the registrar enters it with the day the centre received it
    CHECK(http_call(port, "POST", "/api/appeals", {{"session", s2.id}, {"reason", "не согласен"}}, registrar).status == 422);
    CHECK(http_call(port, "POST", "/api/appeals",
                    {{"session", s2.id}, {"reason", "x"}, {"channel", "paper"}, {"received_date", "2026-04-04"}}, registrar)
              .status == 422);  // a day to come
    auto filed = http_call(port, "POST", "/api/appeals",
                           {{"session", s2.id}, {"reason", "Прошу пересмотреть вопросы 10–20"}, {"channel", "paper"},
                            {"received_date", "2026-04-02"}},
                           registrar);
    INFO(describe(filed));
    REQUIRE(filed.status == 201);
    CHECK(filed.body_json["decide_by"] == "2026-04-09");  // p.22: 5 working days from 2 April (3, 6, 7, 8, 9)
    const auto id = filed.body_json["id"].get<std::int64_t>();
    auto shown = http_call(port, "GET", "/api/appeals/" + std::to_string(id), nullptr, admin);
    CHECK(shown.body_json["channel"] == "paper");
    CHECK(shown.body_json["candidate"] == paper.id);
    CHECK(shown.body_json["filed_date"] == "2026-04-02");
    // one appeal per decision
    CHECK(http_call(port, "POST", "/api/appeals",
                    {{"session", s2.id}, {"reason", "ещё"}, {"channel", "paper"}, {"received_date", "2026-04-03"}}, registrar)
              .error() == "appeal_open");
}
