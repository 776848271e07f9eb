// What an appeal decides, by the appeal commission's vote, over HTTP against
// the real binary (seed 002 p.20-23; issue 11, W4): an appeal commission of
// three with a chair; two votes decide. The 2-of-90 terminated candidate who
// asked for a retake: one click on "upheld" no longer recognises him; the
// result annulled gives no document and no attempt, and the centre sets the new
// date. A recognised appeal gives a document pending the head's signature.
//
// The server's clock: Friday 20 March 2026, 10:00 in Kazakhstan.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "tests/integration/harness.hpp"

using namespace it;
using namespace std::chrono_literals;

namespace {

server_options at_friday_20_march() {
    server_options o;
    o.config_extra = {{"clock_start", "2026-03-20T10:00:00+05:00"},
                      {"centre", {{"name", "Орталық"}, {"number", 7}, {"public_url", "https://tanu.example.kz"}}}};
    return o;
}

std::string path(std::int64_t id, const std::string& tail = "") { return "/api/sessions/" + std::to_string(id) + tail; }
std::string decision(std::int64_t appeal) { return "/api/appeals/" + std::to_string(appeal) + "/decision"; }

// The candidate answers `right` questions right, then loses the focus twice: terminated.
void sit_and_be_terminated(int port, const candidate& c, const session_ref& s, int right) {
    ws_client ws;
    REQUIRE(ws.connect(port, ws_target(s.id, c.token)) == 101);
    ws.send_json({{"type", "start"}});
    json paper = ws.read_until_type("paper");
    REQUIRE(paper["questions"].size() == 90);
    for (int n = 1; n <= right; ++n) answer_and_ack(ws, n, right_option(paper_question(paper, n)), "s" + std::to_string(n));
    ws.send_json({{"type", "focus"}, {"state", "lost"}});
    CHECK(ws.read_until_type("warning").value("strike", 0) == 1);
    ws.send_json({{"type", "focus"}, {"state", "back"}});
    ws.send_json({{"type", "focus"}, {"state", "lost"}});
    CHECK(ws.read_until_type("terminated").value("reason", "") == "focus_lost");
    ws.close();
}

}  // namespace

TEST_CASE("appeal outcomes over HTTP: a commission of three votes - annulled gives no document and no attempt, recognised a document to sign",
          "[integration][procedure][appeal]") {
    server_process srv(at_friday_20_march());
    const int port = srv.port();
    const std::string admin = admin_token(port);
    json prog = make_programme("APL-1", 90, 90, "above", 2, {"ru"});
    prog["proctoring"] = {{"strikes", {"multiple_faces", "identity_mismatch", "focus_lost"}}};
    prog["practical"] = json::array();
    create_programme(port, admin, prog);
    import_questions(port, admin, "APL-1", make_questions("A", "ru", 90));
    const std::string examiner = staff(port, admin, "examiner", "commission");
    const std::string chair = staff(port, admin, "ap-chair", "appeal");
    const std::string second = staff(port, admin, "ap-second", "appeal");
    const std::string third = staff(port, admin, "ap-third", "appeal");
    const std::string registrar = staff(port, admin, "registrar", "registrar");
    const json body = {{"kind", "appeal"},
                       {"name", "Апелляционная комиссия"},
                       {"order_no", "15-П"},
                       {"order_date", "2026-03-02"},
                       {"members", json::array({{{"login", "ap-chair"}, {"role", "chair"}},
                                                {{"login", "ap-second"}, {"role", "member"}},
                                                {{"login", "ap-third"}, {"role", "secretary"}}})},
                       {"programmes", {"APL-1"}}};
    auto formed = http_call(port, "POST", "/api/commissions", body, registrar);
    INFO(describe(formed));
    REQUIRE(formed.status == 201);

    // ---- the 2-of-90 terminated candidate; the commission confirmed both acts
    candidate t = create_candidate(port, admin, "cand-two");
    session_ref st = create_session(port, admin, t.id, "APL-1");
    sit_and_be_terminated(port, t, st, 2);
    std::vector<json> acts;
    for (int i = 0; i < 50 && acts.size() < 2; ++i) {
        acts = http_call(port, "GET", path(st.id, "/acts"), nullptr, examiner).body_json.get<std::vector<json>>();
        if (acts.size() < 2) std::this_thread::sleep_for(100ms);
    }
    REQUIRE(acts.size() == 2);
    auto g = http_call(port, "GET", path(st.id), nullptr, admin);
    for (int i = 0; i < 50 && g.body_json.value("status", "") != "terminated"; ++i) {
        std::this_thread::sleep_for(100ms);
        g = http_call(port, "GET", path(st.id), nullptr, admin);
    }
    REQUIRE(g.body_json.value("status", "") == "terminated");
    for (const auto& a : acts)
        REQUIRE(http_call(port, "POST", "/api/acts/" + std::to_string(a.value("id", 0)) + "/review", {{"decision", "confirm"}},
                          examiner)
                    .status == 200);
    auto pr = http_call(port, "POST", path(st.id, "/protocol"), json::object(), examiner);
    INFO(describe(pr));
    REQUIRE(pr.status == 201);
    CHECK(pr.body_json.value("decision", "") == "not_passed");
    auto filed = http_call(port, "POST", "/api/appeals", {{"session", st.id}, {"reason", "Прошу пересдачу: вкладку переключила система"}},
                           t.token);
    INFO(describe(filed));
    REQUIRE(filed.status == 201);
    const auto appeal = filed.body_json.value("id", 0);

    // the first form: upheld means nothing here; the member must say what
    auto legacy = http_call(port, "POST", decision(appeal), {{"upheld", true}, {"note", "удовлетворить"}}, second);
    CHECK(legacy.status == 422);
    CHECK(legacy.error() == "outcome_required");
    CHECK(legacy.body_json.value("message", "").find("annulled") != std::string::npos);
    CHECK(http_call(port, "POST", decision(appeal), {{"outcome", "granted"}}, second).status == 422);
    auto no_reasons = http_call(port, "POST", decision(appeal), {{"outcome", "annulled"}}, second);
    CHECK(no_reasons.status == 422);
    CHECK(no_reasons.error() == "reasons_required");
    CHECK(http_call(port, "POST", decision(appeal), {{"outcome", "annulled"}, {"reasons", "x"}}, examiner).status == 403);

    auto one = http_call(port, "POST", decision(appeal),
                         {{"outcome", "annulled"}, {"reasons", "Акт подтверждён ошибочно: переключение вызвано системой"}}, second);
    INFO(describe(one));
    REQUIRE(one.status == 200);
    CHECK(one.body_json.value("decided", true) == false);
    CHECK(one.body_json.value("status", "") == "registered");
    CHECK(one.body_json["outcome"].is_null());
    CHECK(one.body_json["votes"].size() == 1);
    CHECK(one.body_json["quorum"].value("rule", "") == "chair_and_majority");
    CHECK(one.body_json["quorum"]["state"].value("reached", true) == false);
    CHECK(one.body_json["quorum"]["state"].value("needed", 0) == 2);
    auto shown = http_call(port, "GET", "/api/appeals/" + std::to_string(appeal), nullptr, chair);
    REQUIRE(shown.status == 200);
    CHECK(shown.body_json["votes"].size() == 1);
    CHECK(shown.body_json["votes"][0].value("login", "") == "ap-second");
    CHECK_FALSE(http_call(port, "GET", "/api/appeals/" + std::to_string(appeal), nullptr, t.token).body_json.contains("votes"));

    auto two = http_call(port, "POST", decision(appeal), {{"outcome", "annulled"}, {"reasons", "Сбой подтверждён записью"}}, chair);
    INFO(describe(two));
    REQUIRE(two.status == 200);
    CHECK(two.body_json.value("decided", false) == true);
    CHECK(two.body_json.value("outcome", "") == "annulled");
    CHECK(two.body_json.value("status", "") == "upheld");  // outside clients read upheld
    CHECK(two.body_json["document"].is_null());
    CHECK(http_call(port, "POST", decision(appeal), {{"outcome", "rejected"}}, third).error() == "appeal_decided");
    auto voided = http_call(port, "GET", path(st.id), nullptr, admin);
    CHECK(voided.body_json.value("status", "") == "voided");
    auto record = http_call(port, "GET", path(st.id, "/record"), nullptr, admin);
    REQUIRE(record.status == 200);
    CHECK(record.body_json["documents"].empty());
    CHECK(record.body_json["appeals"][0].value("outcome", "") == "annulled");
    CHECK(record.body_json["appeals"][0]["minutes_sha256"].get<std::string>().size() == 64);
    CHECK(record.body_json["appeals"][0].value("minutes_date", "") == "2026-03-20");
    // no attempt: the centre sets the new date, and it is attempt 1 again
    auto again = http_call(port, "POST", path(st.id, "/reschedule"),
                           {{"theory", {{"day", "2026-04-20"}, {"starts", "10:00"}, {"ends", "11:00"}, {"place", ""}}}}, registrar);
    INFO(describe(again));
    REQUIRE(again.status == 201);
    CHECK(again.body_json["attempt"] == 1);

    // ---- a 40-of-90 refusal recognised: chair and one member
    candidate r = create_candidate(port, admin, "cand-forty");
    session_ref sr = create_session(port, admin, r.id, "APL-1");
    CHECK_FALSE(sit_ninety(port, r, sr, 40).value("passed", true));
    REQUIRE(http_call(port, "POST", path(sr.id, "/protocol"), json::object(), examiner).status == 201);
    auto filed2 = http_call(port, "POST", "/api/appeals", {{"session", sr.id}, {"reason", "Ключ к вопросам 31-40 неверен"}}, r.token);
    REQUIRE(filed2.status == 201);
    const auto appeal2 = filed2.body_json.value("id", 0);
    REQUIRE(http_call(port, "POST", decision(appeal2), {{"outcome", "recognised"}, {"reasons", "Ключ неверен"}}, chair).status == 200);
    auto rec = http_call(port, "POST", decision(appeal2), {{"outcome", "recognised"}, {"reasons", "Ключ неверен, пересчёт"}}, third);
    INFO(describe(rec));
    REQUIRE(rec.status == 200);
    CHECK(rec.body_json.value("outcome", "") == "recognised");
    const std::string code = rec.body_json.value("document", "");
    REQUIRE_FALSE(code.empty());
    CHECK(http_call(port, "GET", "/api/documents/" + code).body_json.value("status", "") == "pending_signature");
    auto rrec = http_call(port, "GET", path(sr.id, "/record"), nullptr, admin);
    CHECK(rrec.body_json["protocol"].value("amended_by_appeal", 0) == appeal2);
    CHECK(http_call(port, "GET", "/api/audit/verify", nullptr, admin).body_json.value("ok", false) == true);
}
