// Scheduling and reschedules over HTTP and the exam WebSocket (issue 11, W2,
// W3; seed 002 p.6, p.7, p.11), on the real server with a real SQLite file.
// The server's clock starts on Friday 20 March 2026 10:00 Almaty (config
// clock_start): the p.6 gap crosses Nauryz, so the first lawful day is
// Thursday 9 April. A restart with a later clock_start plays the day of the
// stage.
#include <catch2/catch.hpp>

#include <thread>

#include "tests/integration/harness.hpp"

using namespace it;
using namespace std::chrono_literals;

namespace {

json friday_config() {
    return {{"clock_start", "2026-03-20T10:00:00+05:00"}, {"centre", {{"public_url", "https://tanu.example.kz"}}}};
}

std::string pdf() { return "%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n"; }
std::string path(std::int64_t id, const std::string& tail = "") { return "/api/sessions/" + std::to_string(id) + tail; }

json slot(const std::string& day, const std::string& starts = "10:00", const std::string& ends = "11:00") {
    return {{"day", day}, {"starts", starts}, {"ends", ends}, {"place", ""}};
}

// The theory stage online and the practical stage (make_programme's programmes have one)
// in the centre's workshop the same afternoon (p.6: each stage's date, time and place).
json stages(const std::string& day) {
    return {{"theory", slot(day)},
            {"practical", {{"day", day}, {"starts", "14:00"}, {"ends", "16:00"}, {"place", "Астана, ул. Сарыарка 5, цех 2"}}}};
}

// A contracted application of a fresh self-registered candidate: its id and the candidate.
struct contracted {
    std::int64_t application = 0;
    candidate who;
};

contracted contract_one(int port, const std::string& registrar, const std::string& login, const std::string& programme) {
    const auto [iin, birth] = next_iin();
    auto reg = http_call(port, "POST", "/api/register",
                         {{"login", login}, {"password", login + "-password"}, {"iin", iin}, {"surname", "Болатов"},
                          {"name", "Болат"}, {"patronymic", ""}, {"birth_date", birth},
                          {"email", login + "@example.kz"}, {"mobile_phone", "+77011234567"}});
    REQUIRE(reg.status == 201);
    candidate c;
    c.id = reg.body_json["candidate"].get<std::int64_t>();
    c.token = reg.body_json["token"].get<std::string>();
    json form = {{"programme", programme},
                 {"applicant", {{"surname", "Болатов"}, {"name", "Болат"}, {"address", "Астана, ул. Абая, 1"},
                                {"mobile_phone", "+77011234567"}}},
                 {"claimed_nqf_level", 4},
                 {"language", "ru"},
                 {"mode", "online"},
                 {"consents", {{"pd_processing", true}, {"nqs_publication", true}}}};
    auto made = http_call(port, "POST", "/api/applications", form, c.token);
    INFO(describe(made));
    REQUIRE(made.status == 201);
    const auto id = made.body_json["id"].get<std::int64_t>();
    const auto app = "/api/applications/" + std::to_string(id);
    REQUIRE(http_raw(port, "POST", app + "/attachments?type=id_document", pdf(), "application/pdf", c.token).status == 201);
    REQUIRE(http_call(port, "POST", app + "/submit", nullptr, c.token).status == 200);
    auto k = http_call(port, "POST", app + "/contract", json::object(), registrar);
    INFO(describe(k));
    REQUIRE(k.status == 200);
    return {id, c};
}



}  // namespace

TEST_CASE("scheduling: a contract's sitting, its notice and p.6 gap, the start window, a sick leave to a new date",
          "[integration][scheduling]") {
    server_options o;
    o.config_extra = friday_config();
    server_process srv(o);
    const int port = srv.port();
    const auto admin = admin_token(port);
    create_programme(port, admin, make_programme("PLUMBER-4", 5, 30, "above", 2, {"ru"}));
    import_questions(port, admin, "PLUMBER-4", make_questions("P", "ru", 5));
    const auto registrar = staff(port, admin, "registrar1", "registrar");
    const auto k = contract_one(port, registrar, "bolat", "PLUMBER-4");
    const auto app = "/api/applications/" + std::to_string(k.application);

    auto earliest = http_call(port, "GET", "/api/sessions/earliest-day", nullptr, registrar);
    REQUIRE(earliest.status == 200);
    CHECK(earliest.body_json["notice_day"] == "2026-03-20");
    CHECK(earliest.body_json["earliest_day"] == "2026-04-09");  // 10 working days strictly between, across Nauryz
    CHECK(earliest.body_json["gap_rule"] == "strict");

    auto partial = http_call(port, "POST", app + "/schedule", {{"theory", slot("2026-04-09")}}, registrar);
    CHECK(partial.error() == "practical_slot_required");
    auto early = http_call(port, "POST", app + "/schedule", stages("2026-04-08"), registrar);
    CHECK(early.status == 422);
    CHECK(early.error() == "gap_too_short");
    CHECK(http_call(port, "POST", app + "/schedule", {{"theory", slot("2026-04-09", "10:00", "09:00")}}, registrar)
              .error() == "bad_slot");
    CHECK(http_call(port, "POST", app + "/schedule", stages("2026-04-09"), k.who.token).status == 403);
    auto made = http_call(port, "POST", app + "/schedule", stages("2026-04-09"), registrar);
    INFO(describe(made));
    REQUIRE(made.status == 201);
    const auto sid = made.body_json["session"].get<std::int64_t>();
    CHECK(made.body_json["attempt"] == 1);
    CHECK(made.body_json["notice"].is_number_integer());
    CHECK(http_call(port, "GET", app, nullptr, registrar).body_json["schedule_notice_sent"] == "2026-03-20");
    // the notice of date, time and place is the candidate's (his cabinet lists it)
    auto notices = http_call(port, "GET", "/api/notices?candidate=" + std::to_string(k.who.id), nullptr, admin);
    INFO(describe(notices));

    auto mine = http_call(port, "GET", path(sid), nullptr, k.who.token);
    REQUIRE(mine.status == 200);
    CHECK(mine.body_json["status"] == "scheduled");
    CHECK(mine.body_json["slots"]["theory"]["day"] == "2026-04-09");
    CHECK(mine.body_json["slots"]["theory"]["link"] == "https://tanu.example.kz/");
    const auto opens = mine.body_json["window"]["opens_ms"].get<std::int64_t>();
    CHECK(mine.body_json["programme_info"]["scheduled_ms"] == opens + 30 * 60'000);
    CHECK(mine.body_json["counts_as_attempt"] == true);
    CHECK_FALSE(mine.body_json.contains("candidate_name"));  // staff only

    auto listed = http_call(port, "GET", "/api/sessions?status=scheduled&from=2026-04-01&to=2026-04-30", nullptr, registrar);
    REQUIRE(listed.status == 200);
    REQUIRE(listed.body_json.size() == 1);
    CHECK(listed.body_json[0]["id"] == sid);
    CHECK(listed.body_json[0]["candidate_name"] == "Болатов Болат");
    CHECK(http_call(port, "GET", "/api/sessions?status=bogus", nullptr, registrar).status == 400);

    // 20 days early: the page is told when the window opens, nothing changes
    auto not_yet = start_frame(port, k.who, sid);
    CHECK(not_yet["type"] == "error");
    CHECK(not_yet["error"] == "not_yet");
    CHECK(not_yet["opens_ms"] == opens);
    CHECK(http_call(port, "GET", path(sid), nullptr, k.who.token).body_json["status"] == "scheduled");

    // p.7: the candidate falls ill, reports it on his page, then uploads the sheet
    auto rep = http_call(port, "POST", path(sid, "/sick-leave"), {{"period_from", "2026-04-07"}, {"period_to", "2026-04-13"}},
                         k.who.token);
    INFO(describe(rep));
    REQUIRE(rep.status == 201);
    CHECK(rep.body_json["status"] == "reported");
    CHECK(rep.body_json["channel"] == "page");
    CHECK(rep.body_json["proof_due"] == "2026-04-20");  // 5 working days after Monday 13 April
    CHECK(start_frame(port, k.who, sid)["error"] == "sick_reported");
    auto exe = http_raw(port, "POST", path(sid, "/sick-leave/sheet?number=1&issuer=x&from=2026-04-07&to=2026-04-13"),
                        "MZ\x90 not a sheet", "application/pdf", k.who.token);
    CHECK(exe.status == 415);
    auto sheet = http_raw(port, "POST",
                          path(sid, "/sick-leave/sheet?number=%D0%9B%D0%9D-42&issuer=GP5&from=2026-04-07&to=2026-04-13"),
                          pdf(), "application/pdf", k.who.token);
    INFO(describe(sheet));
    REQUIRE(sheet.status == 200);
    CHECK(sheet.body_json["status"] == "proved");
    CHECK(sheet.body_json["sheet"]["number"] == "ЛН-42");
    auto back = http_call(port, "GET", path(sid, "/sick-leave/sheet"), nullptr, registrar);
    CHECK(back.status == 200);
    CHECK(back.body == pdf());
    auto open = http_call(port, "GET", "/api/sessions?sick_leave=open", nullptr, registrar);
    REQUIRE(open.body_json.size() == 1);
    CHECK(open.body_json[0]["id"] == sid);
    CHECK(http_call(port, "POST", path(sid, "/sick-leave/decision"), {{"accept", true}}, k.who.token).status == 403);
    auto accepted = http_call(port, "POST", path(sid, "/sick-leave/decision"), {{"accept", true}, {"note", "проверено"}},
                              registrar);
    INFO(describe(accepted));
    REQUIRE(accepted.status == 200);
    CHECK(accepted.body_json["status"] == "voided");
    CHECK(accepted.body_json["closed"]["reason"] == "sick_leave");
    CHECK(accepted.body_json["counts_as_attempt"] == false);
    CHECK(start_frame(port, k.who, sid)["error"] == "voided");

    // the new date: the p.6 gap is waived after p.7
    auto waived = http_call(port, "GET", "/api/sessions/earliest-day?reason=sick_leave", nullptr, registrar);
    const auto next_day = waived.body_json["earliest_day"].get<std::string>();
    CHECK(next_day == "2026-03-26");  // 23 March Nauryz, 24 and 25 March the moved days off
    auto unreplaced = http_call(port, "GET", "/api/sessions?unreplaced=1", nullptr, registrar);
    REQUIRE(unreplaced.body_json.size() == 1);
    auto again = http_call(port, "POST", path(sid, "/reschedule"), stages(next_day), registrar);
    INFO(describe(again));
    REQUIRE(again.status == 201);
    CHECK(again.body_json["attempt"] == 1);
    CHECK(again.body_json["reason"] == "sick_leave");
    const auto sid2 = again.body_json["session"].get<std::int64_t>();
    CHECK(http_call(port, "POST", path(sid, "/reschedule"), stages(next_day), registrar).error() ==
          "already_rescheduled");
    auto moved = http_call(port, "GET", path(sid), nullptr, k.who.token);
    CHECK(moved.body_json["replaced_by"] == sid2);
    CHECK(http_call(port, "GET", "/api/sessions?unreplaced=1", nullptr, registrar).body_json.empty());
}

TEST_CASE("scheduling: a technical failure voids the attempt in progress, the page is told, the next is attempt 1",
          "[integration][scheduling]") {
    server_options o;
    o.config_extra = friday_config();
    server_process srv(o);
    const int port = srv.port();
    const auto admin = admin_token(port);
    create_programme(port, admin, make_programme("FIT-3", 5, 30, "above", 2, {"ru"}));
    import_questions(port, admin, "FIT-3", make_questions("F", "ru", 10));
    const auto commission = staff(port, admin, "comm1", "commission");
    const auto c = create_candidate(port, admin, "aidana");
    // a custom programme may be sat without a slot (the first version's contract)
    const auto s = create_session(port, admin, c.id, "FIT-3");
    ws_client ws;
    REQUIRE(ws.connect(port, ws_target(s.id, c.token)) == 101);
    ws.send_json({{"type", "start"}});
    json paper = ws.read_until_type("paper");
    answer_and_ack(ws, 1, right_option(paper_question(paper, 1)), "c-1");
    CHECK(http_call(port, "POST", path(s.id, "/cancel"), {{"reason", "x"}}, admin).error() == "not_cancellable");
    auto act = http_call(port, "POST", path(s.id, "/technical-failure"),
                         {{"kind", "connection_lost"}, {"description", "связь центра прервалась на 15 минут"}}, commission);
    INFO(describe(act));
    REQUIRE(act.status == 201);
    CHECK(act.body_json["act"]["kind"] == "connection_lost");
    CHECK(act.body_json["session"]["status"] == "voided");
    json told = ws.read_until_type("voided");
    CHECK(told["reason"] == "technical_failure");
    auto g = http_call(port, "GET", path(s.id), nullptr, admin);
    CHECK(g.body_json["status"] == "voided");
    CHECK(g.body_json["answered"] == 1);  // kept, not scored
    CHECK(g.body_json["technical_acts"].size() == 1);
    CHECK(http_call(port, "POST", path(s.id, "/technical-failure"), {{"kind", "other"}, {"description", "x"}}, commission)
              .error() == "not_voidable");
    // the new date: next working day (the gap waived after p.11), attempt 1 again
    auto again = http_call(port, "POST", path(s.id, "/reschedule"), stages("2026-03-26"), admin);
    INFO(describe(again));
    REQUIRE(again.status == 201);
    CHECK(again.body_json["attempt"] == 1);
    CHECK(again.body_json["reason"] == "technical_failure");

    // cancel one not started: no attempt, and it cannot start
    const auto c2 = create_candidate(port, admin, "erlan");
    const auto s2 = create_session(port, admin, c2.id, "FIT-3");
    CHECK(http_call(port, "POST", path(s2.id, "/cancel"), {{"reason", ""}}, admin).status == 422);
    auto cancelled = http_call(port, "POST", path(s2.id, "/cancel"), {{"reason", "аудитория закрыта"}}, admin);
    REQUIRE(cancelled.status == 200);
    CHECK(cancelled.body_json["status"] == "cancelled");
    CHECK(start_frame(port, c2, s2.id)["error"] == "cancelled");
    CHECK(create_session(port, admin, c2.id, "FIT-3").attempt == 1);
}

TEST_CASE("scheduling: on the stage's day the window opens, a missed start is a no-show, recorded by the sweep",
          "[integration][scheduling]") {
    server_options o;
    o.config_extra = friday_config();
    server_process srv(o);
    int port = srv.port();
    auto admin = admin_token(port);
    json prog = make_programme("LAW-4", 5, 30, "above", 0, {"kk", "ru"});
    prog["regime"] = "recognition_002";
    auto created = http_call(port, "POST", "/api/programmes", prog, admin);
    INFO(describe(created));
    REQUIRE(created.status == 201);
    import_questions(port, admin, "LAW-4", make_questions("L", "ru", 5));
    auto c = create_candidate(port, admin, "dana");
    auto c2 = create_candidate(port, admin, "marat");
    auto no_slot = http_call(port, "POST", "/api/sessions", {{"candidate", c.id}, {"programme", "LAW-4"}, {"lang", "ru"}}, admin);
    CHECK(no_slot.error() == "slot_required");
    auto one = http_call(port, "POST", "/api/sessions",
                         {{"candidate", c.id}, {"programme", "LAW-4"}, {"lang", "ru"}, {"theory", slot("2026-04-09")},
                          {"practical", stages("2026-04-09")["practical"]}}, admin);
    REQUIRE(one.status == 201);
    auto two = http_call(port, "POST", "/api/sessions",
                         {{"candidate", c2.id}, {"programme", "LAW-4"}, {"lang", "ru"}, {"theory", slot("2026-04-09")},
                          {"practical", stages("2026-04-09")["practical"]}}, admin);
    REQUIRE(two.status == 201);
    const auto s1 = one.body_json["id"].get<std::int64_t>(), s2 = two.body_json["id"].get<std::int64_t>();

    // the stage's day, 09:45 (a restart with a later clock): the window is open
    set_clock(srv, "2026-04-09T09:45:00+05:00");
    port = srv.port();
    c.token = login_token(port, c.login, c.password);  // twenty days on, the old login has expired
    // W6 (p.8, p.12): a recognition_002 sitting starts once the candidate has acknowledged the three texts
    REQUIRE(http_call(port, "POST", path(s1, "/acknowledgements"),
                      {{"items", {"methodology", "appeal_rules", "prohibited_items"}}}, c.token)
                .status == 200);
    ws_client ws;
    REQUIRE(ws.connect(port, ws_target(s1, c.token)) == 101);
    ws.send_json({{"type", "start"}});
    CHECK(ws.read_until_type("paper")["questions"].size() == 5);
    ws.close();
    // 10:45: the window closed at 10:30; the second candidate never came: the sweep records a no-show
    set_clock(srv, "2026-04-09T10:45:00+05:00");
    port = srv.port();
    admin = admin_token(port);
    c2.token = login_token(port, c2.login, c2.password);
    std::string status;
    for (int i = 0; i < 40 && status != "no_show"; ++i) {
        status = http_call(port, "GET", path(s2), nullptr, admin).body_json.value("status", "");
        if (status != "no_show") std::this_thread::sleep_for(250ms);
    }
    CHECK(status == "no_show");
    auto g = http_call(port, "GET", path(s2), nullptr, c2.token);
    CHECK(g.body_json["closed"]["reason"] == "missed");
    CHECK(g.body_json["counts_as_attempt"] == false);
    CHECK(start_frame(port, c2, s2)["error"] == "missed");
    // the first candidate's sitting, begun in time, was sat: its 30 minutes ran out at 10:15, no no-show
    auto first = http_call(port, "GET", path(s1), nullptr, admin).body_json;
    CHECK(first["status"] == "finished");
    CHECK(first["finish_reason"] == "time_over");
    CHECK(first["counts_as_attempt"] == true);
    // a no-show is rescheduled with a new notice and the full p.6 gap
    auto gap = http_call(port, "POST", path(s2, "/reschedule"), stages("2026-04-10"), admin);
    CHECK(gap.error() == "gap_too_short");
    auto again = http_call(port, "POST", path(s2, "/reschedule"), stages("2026-04-24"), admin);
    INFO(describe(again));
    CHECK(again.status == 201);
    CHECK(again.body_json["attempt"] == 1);
    CHECK(again.body_json["reason"] == "none");
}
