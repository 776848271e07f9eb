// C2 (issue 8): a candidate read the correct answers of the paper during the
// exam from GET /api/sessions/{id}/record. The rule (exam/theory/disclosure.hpp):
// nothing of the marking reaches a candidate before the sitting has ended;
// after it the candidate sees the score and the weak topics, never the key.
// Staff keep the whole record.
#include <catch2/catch.hpp>

#include "tests/integration/harness.hpp"

using namespace it;

namespace {

// The number NNN of a question from its text "Question P-ru-NNN: ...".
int question_number(const json& q) {
    const std::string text = q.value("text", "");
    const auto colon = text.find(':');
    return std::stoi(text.substr(colon - 3, 3));
}

// Every string anywhere in j that contains `needle`.
bool mentions(const json& j, const std::string& needle) { return j.dump().find(needle) != std::string::npos; }

// Nothing that tells which option is right: no key fields, no option texts.
void check_no_key(const json& j, const std::string& what) {
    INFO(what << ": " << j.dump().substr(0, 600));
    CHECK_FALSE(mentions(j, "\"right\""));
    CHECK_FALSE(mentions(j, "right-DK-"));  // the correct options' texts
    CHECK_FALSE(mentions(j, "wrong-DK-"));
    if (j.contains("answers")) {
        for (const auto& a : j["answers"]) CHECK_FALSE(a.contains("correct"));
    }
}

struct exam_setup {
    std::string admin;
    candidate cand;
    session_ref s;
};

// A programme of 10 questions, topics topic-0..topic-4 (question i has topic i % 5).
exam_setup setup(int port, const std::string& code) {
    exam_setup e;
    e.admin = admin_token(port);
    create_programme(port, e.admin, make_programme(code, 10, 30, "above", 2, {"ru"}));
    import_questions(port, e.admin, code, make_questions("DK", "ru", 10));
    e.cand = create_candidate(port, e.admin, "disc-" + code);
    e.s = create_session(port, e.admin, e.cand.id, code);
    return e;
}

}  // namespace

TEST_CASE("C2: the candidate's own record is refused while the sitting is in progress", "[security][disclosure]") {
    server_process srv;
    const int port = srv.port();
    auto e = setup(port, "DISC-A");
    const std::string sid = std::to_string(e.s.id);

    ws_client ws;
    REQUIRE(ws.connect(port, ws_target(e.s.id, e.cand.token)) == 101);
    ws.send_json({{"type", "start"}});
    json paper = ws.read_until_type("paper");
    for (const auto& q : paper["questions"]) CHECK_FALSE(q.contains("correct"));  // the paper comes without its key
    answer_and_ack(ws, 1, right_option(paper_question(paper, 1)), "x1");
    answer_and_ack(ws, 2, wrong_option(paper_question(paper, 2)), "x2");

    auto rec = http_call(port, "GET", "/api/sessions/" + sid + "/record", nullptr, e.cand.token);
    INFO(describe(rec));
    CHECK(rec.status == 409);
    CHECK(rec.error() == "sitting_in_progress");
    CHECK_FALSE(rec.body_json.contains("answers"));
    check_no_key(rec.body_json, "the record during the sitting");

    // The other views of the candidate carry no score or marking either.
    auto one = http_call(port, "GET", "/api/sessions/" + sid, nullptr, e.cand.token);
    REQUIRE(one.status == 200);
    for (const char* k : {"correct", "total", "percent", "passed"}) CHECK(one.body_json[k].is_null());
    CHECK_FALSE(one.body_json.contains("weak_topics"));
    check_no_key(one.body_json, "GET /api/sessions/{id}");
    auto list = http_call(port, "GET", "/api/sessions?candidate=" + std::to_string(e.cand.id), nullptr, e.cand.token);
    REQUIRE(list.status == 200);
    REQUIRE(list.body_json.size() == 1);
    CHECK(list.body_json[0]["correct"].is_null());
    check_no_key(list.body_json, "GET /api/sessions?candidate=");
    auto me = http_call(port, "GET", "/api/candidates/" + std::to_string(e.cand.id), nullptr, e.cand.token);
    REQUIRE(me.status == 200);
    CHECK(me.body_json["sessions"][0]["correct"].is_null());
    check_no_key(me.body_json, "GET /api/candidates/{id}");

    // Staff keep the whole record during the sitting.
    auto staff = http_call(port, "GET", "/api/sessions/" + sid + "/record", nullptr, e.admin);
    INFO(describe(staff));
    REQUIRE(staff.status == 200);
    REQUIRE(staff.body_json["answers"].size() == 10);
    CHECK(staff.body_json["answers"][0]["correct"].is_array());
    CHECK(staff.body_json["answers"][0].value("right", false) == true);
    CHECK(staff.body_json["answers"][1].value("right", true) == false);
    ws.close();
}

TEST_CASE("C2: after the sitting the candidate sees the score and weak topics, never the key", "[security][disclosure]") {
    server_process srv;
    const int port = srv.port();
    auto e = setup(port, "DISC-B");
    const std::string sid = std::to_string(e.s.id);

    // Every question of topic-0 (questions 5 and 10) wrong, the rest right: 8/10.
    ws_client ws;
    REQUIRE(ws.connect(port, ws_target(e.s.id, e.cand.token)) == 101);
    ws.send_json({{"type", "start"}});
    json paper = ws.read_until_type("paper");
    for (int n = 1; n <= 10; ++n) {
        const json& q = paper_question(paper, n);
        const bool topic0 = question_number(q) % 5 == 0;
        answer_and_ack(ws, n, topic0 ? wrong_option(q) : right_option(q), "y" + std::to_string(n));
    }
    ws.send_json({{"type", "finish"}});
    json result = ws.read_until_type("result");
    INFO("result: " << result.dump());
    CHECK(result.value("correct", 0) == 8);
    CHECK(result.value("total", 0) == 10);
    CHECK(result.value("passed", false) == true);
    check_no_key(result, "the WebSocket result");
    ws.close();

    auto rec = http_call(port, "GET", "/api/sessions/" + sid + "/record", nullptr, e.cand.token);
    INFO(describe(rec));
    REQUIRE(rec.status == 200);
    CHECK(rec.body_json["session"].value("correct", 0) == 8);
    CHECK(rec.body_json["session"].value("total", 0) == 10);
    CHECK_FALSE(rec.body_json.contains("answers"));
    check_no_key(rec.body_json, "the candidate's record after the sitting");
    const json weak = rec.body_json["weak_topics"];
    REQUIRE(weak.is_array());
    REQUIRE(weak.size() == 1);
    // The topic as a person reads it: its title in each language (untitled here: "Тема N"), its number in the
    // bank (the harness writes question i under topic-(i % 5): in this bank topic-0 comes fifth).
    CHECK(weak[0] == json({{"topic", "topic-0"},
                           {"title", {{"kk", "Тақырып 5"}, {"ru", "Тема 5"}, {"en", "Topic 5"}}},
                           {"number", 5},
                           {"correct", 0},
                           {"total", 2}}));

    auto one = http_call(port, "GET", "/api/sessions/" + sid, nullptr, e.cand.token);
    REQUIRE(one.status == 200);
    CHECK(one.body_json.value("correct", 0) == 8);
    CHECK(one.body_json["weak_topics"] == weak);
    check_no_key(one.body_json, "GET /api/sessions/{id} after");
    auto me = http_call(port, "GET", "/api/candidates/" + std::to_string(e.cand.id), nullptr, e.cand.token);
    REQUIRE(me.status == 200);
    check_no_key(me.body_json, "GET /api/candidates/{id} after");

    // The staff's record keeps the key.
    auto staff = http_call(port, "GET", "/api/sessions/" + sid + "/record", nullptr, e.admin);
    REQUIRE(staff.status == 200);
    REQUIRE(staff.body_json["answers"].size() == 10);
    int right = 0;
    for (const auto& a : staff.body_json["answers"]) {
        CHECK(a["correct"].is_array());
        right += a.value("right", false) ? 1 : 0;
    }
    CHECK(right == 8);
    CHECK(staff.body_json["weak_topics"] == weak);
}
