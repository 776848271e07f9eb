// The offline procedure (exam/recognition/offline.hpp, seed 002 p.10, p.13, p.14):
// "офлайн режимде емтихан комиссиясы кандидатты ауызша ескертеді, қайта бұзылған
// жағдайда – емтиханнан шеттетеді". The sitting of these cases: theory in the
// centre on Monday 16 March 2026 from 10:00, members 11 (chair), 12, 13 on the
// commission, 11 and 12 present.
#include <catch2/catch.hpp>

#include "exam/recognition/offline.hpp"

using namespace tanu::exam;

namespace {

programme offline_programme() {
    programme p;
    p.code = "WELD-4";
    p.modes = {"offline"};
    p.allowed_items = {"calculators"};  // p.12 second part: the programme allows a calculator
    return p;
}

oral_warning_facts in_centre(int standing) {
    oral_warning_facts f;
    f.mode = "offline";
    f.status = "in_progress";
    f.standing = standing;
    f.attendance = true;
    f.present = {11, 12};
    f.witnesses = {11, 12};
    f.item = "smartphones";
    return f;
}

std::string code_of(const oral_warning_verdict& v) { return v.refusal ? v.refusal->code : ""; }

}  // namespace

TEST_CASE("offline: p.13 - the first violation is an oral warning, the second the removal", "[offline]") {
    const auto p = offline_programme();
    const auto first = judge_oral_warning(p, in_centre(0));
    REQUIRE_FALSE(first.refusal);
    CHECK(first.step == offline_step::oral_warning);
    CHECK(first.strike == 1);
    CHECK(std::string(to_string(first.step)) == "oral_warning");
    const auto second = judge_oral_warning(p, in_centre(1));
    REQUIRE_FALSE(second.refusal);
    CHECK(second.step == offline_step::removal);
    CHECK(second.strike == 2);
    CHECK(std::string(to_string(second.step)) == "offline_removal");
}

TEST_CASE("offline: p.14 - an annulled warning is no violation, the next is a warning again", "[offline]") {
    // 10:20 a phone (warning), annulled by the commission at 10:35: none stands,
    // so the headphones at 10:50 are a first warning, not a removal.
    const auto v = judge_oral_warning(offline_programme(), [] {
        auto f = in_centre(0);
        f.item = "headphones";
        return f;
    }());
    CHECK(v.step == offline_step::oral_warning);
    CHECK(v.strike == 1);
}

TEST_CASE("offline: p.13 first part - an online sitting is the proctoring's, not the commission's", "[offline]") {
    auto f = in_centre(0);
    f.mode = "online";
    CHECK(code_of(judge_oral_warning(offline_programme(), f)) == "not_offline");
}

TEST_CASE("offline: nothing follows a removal, and no warning outside the sitting", "[offline]") {
    auto f = in_centre(2);
    f.status = "terminated";
    CHECK(code_of(judge_oral_warning(offline_programme(), f)) == "removed");
    for (const char* s : {"scheduled", "finished", "voided", "cancelled", "no_show"}) {
        f.status = s;
        CHECK(code_of(judge_oral_warning(offline_programme(), f)) == "not_in_progress");
    }
}

TEST_CASE("offline: p.12 - the item is of the list, unless the programme allows it, or a described behaviour",
          "[offline]") {
    const auto p = offline_programme();
    auto f = in_centre(0);
    f.item = "calculators";
    CHECK(code_of(judge_oral_warning(p, f)) == "item_allowed");
    f.item = "sandwich";
    CHECK(code_of(judge_oral_warning(p, f)) == "unknown_item");
    f.item = "other";
    CHECK(code_of(judge_oral_warning(p, f)) == "unknown_item");
    f.description = "подсказка соседа";
    CHECK_FALSE(judge_oral_warning(p, f).refusal);
    f.item = "cheat_sheets";
    f.description.clear();
    CHECK_FALSE(judge_oral_warning(p, f).refusal);
}

TEST_CASE("offline: the witnesses are members present, and the attendance comes first", "[offline]") {
    const auto p = offline_programme();
    auto f = in_centre(0);
    f.witnesses = {13};  // on the commission, not present
    CHECK(code_of(judge_oral_warning(p, f)) == "witness_not_present");
    f.witnesses = {};
    CHECK(code_of(judge_oral_warning(p, f)) == "no_witness");
    f.witnesses = {12};
    CHECK_FALSE(judge_oral_warning(p, f).refusal);
    f.attendance = false;
    CHECK(code_of(judge_oral_warning(p, f)) == "attendance_required");
}

TEST_CASE("offline: p.9 and p.10 - the attendance names members of the sitting's commission", "[offline]") {
    attendance_facts a;
    a.commission = {{11, member_role::chair}, {12, member_role::member}, {13, member_role::secretary}};
    a.present = {11, 12};
    CHECK_FALSE(check_attendance(a));
    a.present = {};
    REQUIRE(check_attendance(a));
    CHECK(check_attendance(a)->code == "no_member_present");
    a.present = {11, 99};
    REQUIRE(check_attendance(a));
    CHECK(check_attendance(a)->code == "not_a_member");
    CHECK(check_attendance(a)->user == 99);
    a.present = {12, 12};
    REQUIRE(check_attendance(a));
    CHECK(check_attendance(a)->code == "member_twice");
}

TEST_CASE("offline: p.14 - the act stands once every member present has signed his own", "[offline]") {
    const std::vector<std::int64_t> present{11, 12};
    auto q = act_signatures(present, {11});
    CHECK_FALSE(q.reached);
    CHECK(q.missing == std::vector<std::int64_t>{12});
    q = act_signatures(present, {11, 13});  // 13 was not present: his signature does not count
    CHECK_FALSE(q.reached);
    q = act_signatures(present, {12, 11});
    CHECK(q.reached);
    CHECK(q.have == 2);
    CHECK(act_signatures({12}, {12}).reached);  // one member present: his signature alone
}
