// Before the procedure over HTTP and the exam WebSocket (issue 11, W6; seed 002
// p.8, p.12), on the real server: a recognition_002 sitting refuses its start
// until the candidate has acknowledged the methodology, the appeal rules and
// the prohibited items; staff record the safety briefing's journal entry; a
// custom programme's sitting still starts at once. The clock starts on Friday
// 20 March 2026 (the p.6 gap: the first lawful day is Thursday 9 April); a
// restart with a later clock plays the stage's day.
#include <catch2/catch.hpp>


#include "tests/integration/harness.hpp"

using namespace it;

namespace {

std::string path(std::int64_t id, const std::string& tail = "") { return "/api/sessions/" + std::to_string(id) + tail; }

json slot(const std::string& day, const std::string& starts, const std::string& ends, const std::string& place = "") {
    return {{"day", day}, {"starts", starts}, {"ends", ends}, {"place", place}};
}



}  // namespace

TEST_CASE("briefing: a recognition_002 sitting starts only after the three acknowledgements, a custom one at once",
          "[integration][briefing]") {
    server_options o;
    o.config_extra = {{"clock_start", "2026-03-20T10:00:00+05:00"}, {"centre", {{"name", "ЦПК Астана"}}}};
    server_process srv(o);
    int port = srv.port();
    auto admin = admin_token(port);
    json prog = make_programme("SAFE-4", 5, 30, "above", 0, {"kk", "ru"});
    prog["regime"] = "recognition_002";
    prog["allowed_items"] = {"calculators"};
    prog["briefing_required"] = true;
    create_programme(port, admin, prog);
    import_questions(port, admin, "SAFE-4", make_questions("S", "ru", 5));
    create_programme(port, admin, make_programme("FREE-1", 5, 30, "above", 2, {"ru"}));
    import_questions(port, admin, "FREE-1", make_questions("F", "ru", 5));
    auto c = create_candidate(port, admin, "aigerim");
    auto other = create_candidate(port, admin, "nurlan");

    // the custom programme (no methodology): the first version's contract, it starts at once
    const auto free = create_session(port, admin, other.id, "FREE-1");
    auto none = http_call(port, "GET", path(free.id, "/briefing"), nullptr, other.token);
    REQUIRE(none.status == 200);
    CHECK(none.body_json["items"].empty());
    CHECK(none.body_json["start_allowed"] == true);
    {
        ws_client ws;
        REQUIRE(ws.connect(port, ws_target(free.id, other.token)) == 101);
        ws.send_json({{"type", "start"}});
        CHECK(ws.read_until_type("paper")["questions"].size() == 5);
    }

    auto made = http_call(port, "POST", "/api/sessions",
                          {{"candidate", c.id},
                           {"programme", "SAFE-4"},
                           {"lang", "ru"},
                           {"theory", slot("2026-04-09", "10:00", "11:00")},
                           {"practical", slot("2026-04-09", "14:00", "16:00", "Астана, цех 2")}},
                          admin);
    INFO(describe(made));
    REQUIRE(made.status == 201);
    const auto sid = made.body_json["id"].get<std::int64_t>();

    // what the page shows before the start, in the sitting's language
    auto view = http_call(port, "GET", path(sid, "/briefing"), nullptr, c.token);
    INFO(describe(view));
    REQUIRE(view.status == 200);
    CHECK(view.body_json["lang"] == "ru");
    REQUIRE(view.body_json["items"].size() == 3);
    CHECK(view.body_json["items"][0]["item"] == "methodology");
    const auto appeal = view.body_json["items"][1]["text"].get<std::string>();
    CHECK(appeal.find("пяти (5) рабочих дней") != std::string::npos);
    CHECK(appeal.find("ЦПК Астана") != std::string::npos);
    CHECK(view.body_json["items"][2]["list"].size() == 16);
    CHECK(view.body_json["missing"].size() == 3);
    CHECK(http_call(port, "GET", path(sid, "/briefing"), nullptr, other.token).status == 403);
    CHECK(http_call(port, "GET", path(sid, "/briefing"), nullptr, admin).status == 200);

    // the stage's day, in the start window
    set_clock(srv, "2026-04-09T09:50:00+05:00");
    port = srv.port();
    admin = admin_token(port);
    c.token = login_token(port, c.login, c.password);
    other.token = login_token(port, other.login, other.password);
    auto refused = start_frame(port, c, sid);
    CHECK(refused["type"] == "error");
    CHECK(refused["error"] == "acknowledgements_required");
    CHECK(refused["message"].get<std::string>().find("methodology, appeal_rules, prohibited_items") != std::string::npos);

    CHECK(http_call(port, "POST", path(sid, "/acknowledgements"), {{"items", {"rules"}}}, c.token).status == 422);
    CHECK(http_call(port, "POST", path(sid, "/acknowledgements"), {{"items", "methodology"}}, c.token).status == 400);
    CHECK(http_call(port, "POST", path(sid, "/acknowledgements"), {{"items", {"methodology"}}}, admin).status == 403);
    CHECK(http_call(port, "POST", path(sid, "/acknowledgements"), {{"items", {"methodology"}}}, other.token).status == 403);
    auto two = http_call(port, "POST", path(sid, "/acknowledgements"), {{"items", {"methodology", "appeal_rules"}}},
                         c.token);
    INFO(describe(two));
    REQUIRE(two.status == 200);
    CHECK(two.body_json["missing"] == json::array({"prohibited_items"}));
    CHECK(two.body_json["items"][0]["acknowledged_ms"].is_number_integer());
    auto still = start_frame(port, c, sid);
    CHECK(still["error"] == "acknowledgements_required");
    CHECK(still["message"].get<std::string>().find("prohibited_items") != std::string::npos);
    CHECK(still["message"].get<std::string>().find("methodology") == std::string::npos);

    auto all = http_call(port, "POST", path(sid, "/acknowledgements"), {{"items", {"prohibited_items"}}}, c.token);
    REQUIRE(all.status == 200);
    CHECK(all.body_json["start_allowed"] == true);  // online: the theory needs no journal entry

    // the safety briefing's journal entry, recorded by staff (the practical stage will need it)
    const json entry{{"date", "2026-04-09"}, {"instructor", "Серік Ахметов"}, {"journal_no", "ТБ-3"}, {"page", 12},
                     {"entry", 7}};
    CHECK(http_call(port, "PUT", path(sid, "/briefing-journal"), entry, c.token).status == 403);
    auto later = entry;
    later["date"] = "2026-04-10";
    CHECK(http_call(port, "PUT", path(sid, "/briefing-journal"), later, admin).status == 422);
    auto no_page = entry;
    no_page.erase("page");
    CHECK(http_call(port, "PUT", path(sid, "/briefing-journal"), no_page, admin).status == 400);
    CHECK(http_call(port, "PUT", path(free.id, "/briefing-journal"), entry, admin).error() == "briefing_not_required");
    auto put = http_call(port, "PUT", path(sid, "/briefing-journal"), entry, admin);
    INFO(describe(put));
    REQUIRE(put.status == 200);
    CHECK(put.body_json["briefing"]["journal"]["journal_no"] == "ТБ-3");
    CHECK(put.body_json["briefing"]["required_practical"] == true);

    ws_client ws;
    REQUIRE(ws.connect(port, ws_target(sid, c.token)) == 101);
    ws.send_json({{"type", "start"}});
    CHECK(ws.read_until_type("paper")["questions"].size() == 5);
    ws.close();
    // started: no more acknowledgements
    CHECK(http_call(port, "POST", path(sid, "/acknowledgements"), {{"items", {"methodology"}}}, c.token).error() ==
          "already_started");
}
