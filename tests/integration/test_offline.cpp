// The offline procedure over HTTP and the exam WebSocket on the real server
// (issue 11, W7; seed 002 p.9, p.10, p.13 offline, p.14). Two candidates sit
// the theory in the centre on Thursday 9 April 2026 at 10:00 (notified on
// Friday 20 March: the p.6 gap), before the exam commission of order 14-П
// (chair, member present; the secretary absent). For the first the commission
// warns orally, then removes him: his page is told `terminated`, the acts are
// signed by the members present, and the protocol says terminated. For the
// second the removal's act is annulled: the termination falls, as online.
#include <catch2/catch.hpp>

#include <thread>

#include "tests/integration/harness.hpp"

using namespace it;

namespace {

std::string path(std::int64_t id, const std::string& tail = "") { return "/api/sessions/" + std::to_string(id) + tail; }

std::int64_t offline_session(int port, const std::string& admin, std::int64_t candidate) {
    auto made = http_call(port, "POST", "/api/sessions",
                          {{"candidate", candidate},
                           {"programme", "OFF-1"},
                           {"lang", "ru"},
                           {"mode", "offline"},
                           {"theory", {{"day", "2026-04-09"}, {"starts", "10:00"}, {"ends", "11:00"}, {"place", "Астана, ауд. 204"}}}},
                          admin);
    INFO(describe(made));
    REQUIRE(made.status == 201);
    return made.body_json["id"].get<std::int64_t>();
}

// The sitting's status once the removal's finish has run (it runs after the reply).
std::string status_after(int port, const std::string& token, std::int64_t id, const std::string& wanted) {
    std::string status;
    for (int i = 0; i < 100; ++i) {
        auto r = http_call(port, "GET", path(id, "/offline"), nullptr, token);
        status = r.body_json["session"].value("status", "");
        if (status == wanted) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return status;
}

}  // namespace

TEST_CASE("offline: attendance, an oral warning, the removal ends the attempt, acts signed by the members present",
          "[integration][offline]") {
    server_options o;
    o.config_extra = {{"clock_start", "2026-03-20T10:00:00+05:00"}, {"centre", {{"name", "ЦПК Астана"}, {"number", 7}}}};
    server_process srv(o);
    int port = srv.port();
    auto admin = admin_token(port);
    json prog = make_programme("OFF-1", 5, 60, "above", 2, {"ru"});
    prog["modes"] = {"offline"};
    prog["practical"] = json::array();  // the theory stage only: the protocol follows it
    create_programme(port, admin, prog);
    import_questions(port, admin, "OFF-1", make_questions("O", "ru", 5));
    create_programme(port, admin, make_programme("ONL-1", 5, 60, "above", 2, {"ru"}));
    import_questions(port, admin, "ONL-1", make_questions("N", "ru", 5));
    staff(port, admin, "chair", "commission");
    staff(port, admin, "member", "commission");
    staff(port, admin, "secretary", "commission");
    staff(port, admin, "outsider", "commission");
    const auto registrar = staff(port, admin, "registrar", "registrar");
    auto formed = http_call(port, "POST", "/api/commissions",
                            {{"kind", "exam"},
                             {"name", "Емтихан комиссиясы"},
                             {"order_no", "14-П"},
                             {"order_date", "2026-03-02"},
                             {"members", json::array({{{"login", "chair"}, {"role", "chair"}},
                                                      {{"login", "member"}, {"role", "member"}},
                                                      {{"login", "secretary"}, {"role", "secretary"}}})},
                             {"programmes", {"OFF-1", "ONL-1"}}},
                            registrar);
    INFO(describe(formed));
    REQUIRE(formed.status == 201);
    auto removed = create_candidate(port, admin, "aset");
    auto kept = create_candidate(port, admin, "dana");
    const auto s1 = offline_session(port, admin, removed.id);
    const auto s2 = offline_session(port, admin, kept.id);
    const auto online = create_session(port, admin, kept.id, "ONL-1");

    // the day of the stage, in the start window
    set_clock(srv, "2026-04-09T09:55:00+05:00");
    port = srv.port();
    admin = admin_token(port);
    const auto chair = login_token(port, "chair", "chair-password");
    const auto member = login_token(port, "member", "member-password");
    const auto secretary = login_token(port, "secretary", "secretary-password");
    const auto outsider = login_token(port, "outsider", "outsider-password");
    removed.token = login_token(port, removed.login, removed.password);
    kept.token = login_token(port, kept.login, kept.password);

    // the commission's screen: today's offline sittings
    auto day = http_call(port, "GET", "/api/offline/sittings", nullptr, chair);
    INFO(describe(day));
    REQUIRE(day.status == 200);
    CHECK(day.body_json["day"] == "2026-04-09");
    REQUIRE(day.body_json["sittings"].size() == 2);
    CHECK(day.body_json["sittings"][0]["place"] == "Астана, ауд. 204");
    CHECK(day.body_json["sittings"][0]["attendance"] == false);
    CHECK(http_call(port, "GET", "/api/offline/sittings", nullptr, removed.token).status == 403);
    CHECK(http_call(port, "GET", "/api/offline/sittings?day=9.4.2026", nullptr, chair).status == 400);

    auto view = http_call(port, "GET", path(s1, "/offline"), nullptr, chair);
    REQUIRE(view.status == 200);
    REQUIRE(view.body_json["members"].size() == 3);
    CHECK(view.body_json["member"] == true);
    std::map<std::string, std::int64_t> id;
    for (const auto& m : view.body_json["members"]) id[m["login"].get<std::string>()] = m["user"].get<std::int64_t>();
    CHECK(view.body_json["items"].size() == 18);  // the p.12 list and "other"

    // the candidates start the theory on the centre's workstation, through the same page
    ws_client ws;
    REQUIRE(ws.connect(port, ws_target(s1, removed.token)) == 101);
    ws.send_json({{"type", "start"}});
    CHECK(ws.read_until_type("paper")["questions"].size() == 5);
    ws_client ws2;
    REQUIRE(ws2.connect(port, ws_target(s2, kept.token)) == 101);
    ws2.send_json({{"type", "start"}});
    const json paper2 = ws2.read_until_type("paper");
    for (int n = 1; n <= 5; ++n) answer_and_ack(ws2, n, right_option(paper_question(paper2, n)), "a" + std::to_string(n));

    // refusals before the attendance
    auto early = http_call(port, "POST", path(s1, "/oral-warnings"), {{"item", "smartphones"}, {"witnesses", {id["chair"]}}}, chair);
    CHECK(early.status == 409);
    CHECK(early.error() == "attendance_required");
    const json present = {{"candidate_present", true},
                          {"members", {id["chair"], id["member"]}},
                          {"workstation", "Компьютер №3"},
                          {"accessibility", "Пандус у входа, крупный шрифт"}};
    auto stranger = http_call(port, "POST", path(s1, "/attendance"), present, outsider);
    CHECK(stranger.status == 403);
    CHECK(stranger.error() == "not_a_member");
    auto not_offline = http_call(port, "POST", path(online.id, "/attendance"), present, chair);
    CHECK(not_offline.status == 409);
    CHECK(not_offline.error() == "not_offline");
    CHECK(http_call(port, "POST", path(s1, "/attendance"), {{"members", {id["chair"]}}}, chair).status == 400);

    for (auto s : {s1, s2}) {
        auto att = http_call(port, "POST", path(s, "/attendance"), present, chair);
        INFO(describe(att));
        REQUIRE(att.status == 200);
        CHECK(att.body_json["attendance"]["members"].size() == 2);
        CHECK(att.body_json["attendance"]["accessibility"] == "Пандус у входа, крупный шрифт");
    }

    // the first violation: an oral warning; the absent secretary is no witness
    auto absent = http_call(port, "POST", path(s1, "/oral-warnings"), {{"item", "smartphones"}, {"witnesses", {id["secretary"]}}}, chair);
    CHECK(absent.status == 422);
    CHECK(absent.error() == "witness_not_present");
    auto warned = http_call(port, "POST", path(s1, "/oral-warnings"),
                            {{"item", "smartphones"}, {"witnesses", {id["chair"], id["member"]}}}, chair);
    INFO(describe(warned));
    REQUIRE(warned.status == 201);
    CHECK(warned.body_json["step"] == "oral_warning");
    CHECK(warned.body_json["session"]["status"] == "in_progress");
    const auto warning_act = warned.body_json["act"].get<std::int64_t>();
    REQUIRE(warned.body_json["acts"].size() == 1);
    CHECK(warned.body_json["acts"][0]["channel"] == "offline");
    CHECK(warned.body_json["acts"][0]["signed"] == false);
    CHECK(warned.body_json["acts"][0]["missing"] == json::array({id["member"]}));
    auto sec_sign = http_call(port, "POST", "/api/acts/" + std::to_string(warning_act) + "/sign", json::object(), secretary);
    CHECK(sec_sign.status == 403);
    CHECK(sec_sign.error() == "not_present");
    auto signed_ = http_call(port, "POST", "/api/acts/" + std::to_string(warning_act) + "/sign", json::object(), member);
    REQUIRE(signed_.status == 200);
    CHECK(signed_.body_json["signed"] == true);
    CHECK(signed_.body_json["status"] == "confirmed");

    // the second: the removal; the page is told and the attempt ends terminated
    auto removal = http_call(port, "POST", path(s1, "/oral-warnings"), {{"item", "cheat_sheets"}, {"witnesses", {id["member"]}}}, member);
    INFO(describe(removal));
    REQUIRE(removal.status == 201);
    CHECK(removal.body_json["step"] == "removal");
    const auto removal_act = removal.body_json["act"].get<std::int64_t>();
    const json told = ws.read_until_type("terminated");
    CHECK(told["reason"] == "offline_removal");
    CHECK(status_after(port, chair, s1, "terminated") == "terminated");
    auto third = http_call(port, "POST", path(s1, "/oral-warnings"), {{"item", "phones"}, {"witnesses", {id["chair"]}}}, chair);
    CHECK(third.status == 409);
    CHECK(third.error() == "removed");
    REQUIRE(http_call(port, "POST", "/api/acts/" + std::to_string(removal_act) + "/sign", json::object(), chair).status == 200);
    auto acts = http_call(port, "GET", path(s1, "/acts"), nullptr, chair);
    REQUIRE(acts.body_json.size() == 2);
    CHECK(acts.body_json[1]["kind"] == "offline_removal");
    CHECK(acts.body_json[1]["status"] == "confirmed");
    auto confirm = http_call(port, "POST", "/api/acts/" + std::to_string(removal_act) + "/review", {{"decision", "confirm"}}, chair);
    CHECK(confirm.status == 409);
    CHECK(confirm.error() == "signatures_required");

    // the protocol decides as for the proctoring's second strike
    auto p1 = http_call(port, "POST", path(s1, "/protocol"), json::object(), chair);
    INFO(describe(p1));
    REQUIRE(p1.status == 201);
    REQUIRE(http_call(port, "POST", path(s1, "/protocol"), json::object(), member).status == 200);
    auto protocol = http_call(port, "GET", path(s1, "/protocol"), nullptr, chair);
    CHECK(protocol.body_json["decision"] == "not_passed");
    REQUIRE(protocol.body_json["reasons"].size() >= 1);
    CHECK(protocol.body_json["reasons"][0] == "terminated");  // then theory_not_passed: nothing answered
    CHECK(protocol.body_json["binding"] == true);
    auto late = http_call(port, "POST", path(s1, "/attendance"), present, chair);
    CHECK(late.status == 409);
    CHECK(late.error() == "protocol_signed");

    // the second candidate: warned, removed, and the removal annulled (p.14): the termination falls
    auto w2 = http_call(port, "POST", path(s2, "/oral-warnings"), {{"item", "headphones"}, {"witnesses", {id["chair"]}}}, chair);
    REQUIRE(w2.status == 201);
    auto r2 = http_call(port, "POST", path(s2, "/oral-warnings"),
                        {{"item", "other"}, {"description", "Разговор с соседом"}, {"witnesses", {id["chair"]}}}, chair);
    REQUIRE(r2.status == 201);
    CHECK(r2.body_json["step"] == "removal");
    CHECK(ws2.read_until_type("terminated")["reason"] == "offline_removal");
    CHECK(status_after(port, chair, s2, "terminated") == "terminated");
    const auto act2 = std::to_string(r2.body_json["act"].get<std::int64_t>());
    auto annul = http_call(port, "POST", "/api/acts/" + act2 + "/review",
                           {{"decision", "annul"}, {"reason", "Сосед спрашивал разрешения выйти"}}, chair);
    INFO(describe(annul));
    REQUIRE(annul.status == 200);
    CHECK(annul.body_json["status"] == "annulled");
    auto after = http_call(port, "GET", path(s2, "/offline"), nullptr, chair);
    CHECK(after.body_json["session"]["status"] == "finished");
    CHECK(after.body_json["session"]["violations"] == 1);
    // the protocol waits for every act: the warning still lacks the member's signature (as an unreviewed online act)
    auto waits = http_call(port, "POST", path(s2, "/protocol"), json::object(), chair);
    CHECK(waits.status == 409);
    CHECK(waits.error() == "acts_unreviewed");
    REQUIRE(http_call(port, "POST", "/api/acts/" + std::to_string(w2.body_json["act"].get<std::int64_t>()) + "/sign",
                      json::object(), member).status == 200);
    auto p2 = http_call(port, "POST", path(s2, "/protocol"), json::object(), chair);
    INFO(describe(p2));
    REQUIRE(p2.status == 201);
    CHECK(p2.body_json["reasons"] == json::array());  // five right of five: passed, not terminated
    CHECK(p2.body_json["decision"] == "passed");
}
