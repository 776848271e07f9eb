// The centre's commissions over HTTP against the real binary (seed 002 p.9,
// p.16-17, p.21-22; W4, X7, X13): a registrar forms an exam commission of a
// chair, a secretary and a member; a pass signed by two of the three binds
// only with the chair's signature, and only then is the document prepared; a
// non-member is refused; an appeal without an appeal commission is refused,
// and a second appeal of one decision too.
//
// The server's clock: Friday 20 March 2026, 10:00 in Kazakhstan.
#include <catch2/catch.hpp>

#include "tests/integration/harness.hpp"

using namespace it;

namespace {

server_options at_friday_20_march() {
    server_options o;
    o.config_extra = {{"clock_start", "2026-03-20T10:00:00+05:00"}, {"centre", {{"name", "Орталық"}, {"number", 7}}}};
    return o;
}


std::string path(const session_ref& s, const std::string& tail) { return "/api/sessions/" + std::to_string(s.id) + tail; }

json commission_body(const json& members, const json& programmes, const std::string& kind = "exam") {
    return {{"kind", kind},
            {"name", kind == "exam" ? "Емтихан комиссиясы" : "Апелляциялық комиссия"},
            {"order_no", "14-П"},
            {"order_date", "2026-03-02"},
            {"members", members},
            {"programmes", programmes}};
}

}  // namespace

TEST_CASE("commissions over HTTP: formed by the registrar, a protocol binds at the quorum, appeals need their commission",
          "[integration][procedure][commission]") {
    server_process srv(at_friday_20_march());
    const int port = srv.port();
    const std::string admin = admin_token(port);
    create_programme(port, admin, make_programme("COM-1", 90, 90, "above", 2, {"ru"}));
    import_questions(port, admin, "COM-1", make_questions("K", "ru", 90));
    const std::string chair = staff(port, admin, "chair", "commission");
    const std::string secretary = staff(port, admin, "secretary", "commission");
    const std::string member = staff(port, admin, "member", "commission");
    const std::string outsider = staff(port, admin, "outsider", "commission");
    const std::string registrar = staff(port, admin, "registrar", "registrar");
    candidate pass = create_candidate(port, admin, "cand-pass");
    candidate fail = create_candidate(port, admin, "cand-fail");

    // ---- the registrar forms the exam commission; bad compositions are refused
    const json trio = json::array({{{"login", "chair"}, {"role", "chair"}},
                                   {{"login", "secretary"}, {"role", "secretary"}},
                                   {{"login", "member"}, {"role", "member"}}});
    auto unknown = http_call(port, "POST", "/api/commissions",
                             commission_body(json::array({{{"login", "ghost"}, {"role", "chair"}}}), {"COM-1"}), registrar);
    CHECK(unknown.status == 422);
    CHECK(unknown.error() == "unknown_user");
    CHECK(unknown.body_json.value("message", "").find("ghost") != std::string::npos);
    auto chairs = http_call(port, "POST", "/api/commissions",
                            commission_body(json::array({{{"login", "chair"}, {"role", "chair"}},
                                                         {{"login", "member"}, {"role", "chair"}}}),
                                            {"COM-1"}),
                            registrar);
    CHECK(chairs.status == 422);
    CHECK(chairs.error() == "two_chairs");
    auto wrong_role = http_call(port, "POST", "/api/commissions",
                                commission_body(json::array({{{"login", "registrar"}, {"role", "chair"}}}), {"COM-1"}),
                                registrar);
    CHECK(wrong_role.error() == "wrong_role");
    CHECK(http_call(port, "POST", "/api/commissions", commission_body(trio, {"COM-1"}), chair).status == 403);
    CHECK(http_call(port, "POST", "/api/commissions", json::array(), registrar).status == 400);

    auto made = http_call(port, "POST", "/api/commissions", commission_body(trio, {"COM-1"}), registrar);
    INFO(describe(made));
    REQUIRE(made.status == 201);
    const auto commission_id = made.body_json.value("id", 0);
    CHECK(made.body_json.value("quorum", "") == "chair_and_majority");
    CHECK(made.body_json.value("active", false) == true);
    CHECK(made.body_json["members"].size() == 3);
    auto listed = http_call(port, "GET", "/api/commissions?kind=exam&programme=COM-1", nullptr, member);
    REQUIRE(listed.status == 200);
    REQUIRE(listed.body_json.size() == 1);
    CHECK(listed.body_json[0].value("order_no", "") == "14-П");
    CHECK(http_call(port, "GET", "/api/commissions", nullptr, pass.token).status == 403);
    CHECK(http_call(port, "GET", "/api/commissions/" + std::to_string(commission_id + 100), nullptr, admin).status == 404);

    // ---- a pass: the secretary and the member sign, nothing binds; the chair's signature binds
    session_ref sp = create_session(port, admin, pass.id, "COM-1");
    REQUIRE(sit_ninety(port, pass, sp, 64).value("passed", false));
    // the practical card (p.16-17): the commission's members mark it, a tie is not done without the chair
    auto mark = [&](const std::string& token, bool done) {
        return http_call(port, "POST", path(sp, "/practical"), {{"items", {{{"id", "p1"}, {"done", done}}}}}, token);
    };
    auto not_member = mark(outsider, true);
    CHECK(not_member.status == 403);
    CHECK(not_member.error() == "not_a_member");
    REQUIRE(mark(member, true).status == 200);
    auto tie = mark(secretary, false);
    REQUIRE(tie.status == 200);
    CHECK(tie.body_json["items"][0].value("result", "") == "not_done");  // one against one, the chair silent
    auto chaired = mark(chair, true);
    REQUIRE(chaired.status == 200);
    CHECK(chaired.body_json["items"][0].value("result", "") == "done");  // two against one
    CHECK(chaired.body_json.value("passed", false) == true);
    auto card = http_call(port, "GET", path(sp, "/practical"), nullptr, chair);
    CHECK(card.body_json["commission"].value("id", 0) == commission_id);

    auto refused = http_call(port, "POST", path(sp, "/protocol"), json::object(), outsider);
    CHECK(refused.status == 403);
    CHECK(refused.error() == "not_a_member");
    auto first = http_call(port, "POST", path(sp, "/protocol"), json::object(), secretary);
    INFO(describe(first));
    REQUIRE(first.status == 201);
    CHECK(first.body_json.value("decision", "") == "passed");
    CHECK(first.body_json.value("binding", true) == false);
    CHECK(first.body_json["document"].is_null());
    CHECK(first.body_json["commission"].value("id", 0) == commission_id);
    CHECK(first.body_json["quorum"].value("needed", 0) == 2);
    CHECK(first.body_json["quorum"].value("have", 0) == 1);
    CHECK(first.body_json["quorum"]["missing"] == json::array({"chair", "member"}));
    auto second = http_call(port, "POST", path(sp, "/protocol"), json::object(), member);
    REQUIRE(second.status == 200);
    CHECK(second.body_json.value("binding", true) == false);  // two of three without the chair
    CHECK(second.body_json["document"].is_null());
    auto queue = http_call(port, "GET", "/api/commission/queue", nullptr, chair);
    REQUIRE(queue.status == 200);
    REQUIRE(queue.body_json["protocols"].size() == 1);
    CHECK(queue.body_json["protocols"][0]["protocol"].value("binding", true) == false);
    CHECK(queue.body_json["protocols"][0]["commission"].value("order_no", "") == "14-П");
    const std::string head = staff(port, admin, "bastyk", "head");
    CHECK(http_call(port, "GET", "/api/documents", nullptr, head).body_json["documents"].empty());  // nothing prepared
    // the theory passed but no decision binds yet: no new sitting
    CHECK(http_call(port, "POST", "/api/sessions", {{"candidate", pass.id}, {"programme", "COM-1"}, {"lang", "ru"}}, admin)
              .error() == "result_pending");

    auto bound = http_call(port, "POST", path(sp, "/protocol"), json::object(), chair);
    INFO(describe(bound));
    REQUIRE(bound.status == 200);
    CHECK(bound.body_json.value("binding", false) == true);
    CHECK(bound.body_json.value("signed_date", "") == "2026-03-20");
    CHECK(bound.body_json.value("document_due", "") == "2026-03-30");  // p.18: 26, 27, 30 March (Nauryz)
    CHECK(bound.body_json.value("appeal_until", "") == "2026-04-01");
    CHECK(bound.body_json["signatures"].size() == 3);
    const std::string code = bound.body_json.value("document", "");
    CHECK(code.size() == 37);
    auto docs = http_call(port, "GET", "/api/documents", nullptr, head);
    REQUIRE(docs.body_json["documents"].size() == 1);
    CHECK(docs.body_json["documents"][0].value("code", "") == code);
    CHECK(docs.body_json["documents"][0].value("sign_due", "") == "2026-03-30");
    CHECK(http_call(port, "GET", "/api/commission/queue", nullptr, chair).body_json["protocols"].empty());
    auto record = http_call(port, "GET", path(sp, "/record"), nullptr, admin);
    REQUIRE(record.status == 200);
    CHECK(record.body_json["protocol"].value("binding", false) == true);

    // ---- a refusal, and its appeal
    session_ref sf = create_session(port, admin, fail.id, "COM-1");
    CHECK_FALSE(sit_ninety(port, fail, sf, 40).value("passed", true));
    REQUIRE(http_call(port, "POST", path(sf, "/protocol"), json::object(), chair).status == 201);
    auto refusal = http_call(port, "POST", path(sf, "/protocol"), json::object(), member);
    REQUIRE(refusal.status == 200);
    CHECK(refusal.body_json.value("binding", false) == true);
    CHECK(refusal.body_json.value("notice_due", "") == "2026-03-30");
    // no appeal commission and no appeal account at all: refused
    auto no_body = http_call(port, "POST", "/api/appeals", {{"session", sf.id}, {"reason", "несогласен"}}, fail.token);
    CHECK(no_body.status == 409);
    CHECK(no_body.error() == "no_appeal_commission");
    const std::string judge = staff(port, admin, "judge", "appeal");
    auto appeal_body = commission_body(json::array({{{"login", "judge"}, {"role", "chair"}}}), {"COM-1"}, "appeal");
    auto formed = http_call(port, "POST", "/api/commissions", appeal_body, registrar);
    INFO(describe(formed));
    REQUIRE(formed.status == 201);
    auto filed = http_call(port, "POST", "/api/appeals", {{"session", sf.id}, {"reason", "несогласен"}}, fail.token);
    INFO(describe(filed));
    REQUIRE(filed.status == 201);
    const auto appeal = filed.body_json.value("id", 0);
    auto shown = http_call(port, "GET", "/api/appeals/" + std::to_string(appeal), nullptr, judge);
    REQUIRE(shown.status == 200);
    CHECK(shown.body_json.value("commission", 0) == formed.body_json.value("id", -1));
    CHECK(http_call(port, "POST", "/api/appeals", {{"session", sf.id}, {"reason", "ещё"}}, fail.token).error() == "appeal_open");
    REQUIRE(http_call(port, "POST", "/api/appeals/" + std::to_string(appeal) + "/decision", {{"upheld", false}, {"note", "негізсіз"}},
                      judge)
                .status == 200);
    auto again = http_call(port, "POST", "/api/appeals", {{"session", sf.id}, {"reason", "ещё раз"}}, fail.token);
    CHECK(again.status == 409);
    CHECK(again.error() == "appeal_exists");

    // ---- PUT replaces, close is final
    json changed = commission_body(trio, {"COM-1"});
    changed["quorum"] = "majority";
    changed.erase("kind");
    auto put = http_call(port, "PUT", "/api/commissions/" + std::to_string(commission_id), changed, registrar);
    INFO(describe(put));
    REQUIRE(put.status == 200);
    CHECK(put.body_json.value("quorum", "") == "majority");
    auto closed = http_call(port, "POST", "/api/commissions/" + std::to_string(commission_id) + "/close", json::object(), admin);
    REQUIRE(closed.status == 200);
    CHECK(closed.body_json.value("active", true) == false);
    CHECK(http_call(port, "PUT", "/api/commissions/" + std::to_string(commission_id), changed, registrar).error() ==
          "commission_closed");
    auto audit = http_call(port, "GET", "/api/audit/verify", nullptr, admin);
    CHECK(audit.body_json.value("ok", false) == true);
}
