// What a proctoring finding counts as (exam/theory/strikes.hpp): a strike only
// where the programme counts its signal (seed 002 p.13, X16); the rest are
// suspicious events for the commission; camera_blocked is a technical fault,
// never a strike (seed 002 p.11, X6); a termination stands while two acts do
// (p.13-14, X5).
#include <catch2/catch.hpp>

#include "exam/theory/strikes.hpp"

using namespace tanu::exam;

TEST_CASE("findings: the default programme counts a second face and another person only", "[proctor][strikes]") {
    programme p;  // no proctoring.strikes: the defaults
    CHECK(classify_finding(p, "multiple_faces") == finding_kind::strike);
    CHECK(classify_finding(p, "identity_mismatch") == finding_kind::strike);
    for (auto s : {"no_face", "noise", "movement", "looking_away", "focus_lost"}) {
        INFO(s);
        CHECK(classify_finding(p, s) == finding_kind::suspicious);
    }
    CHECK(classify_finding(p, "camera_blocked") == finding_kind::technical);
}

TEST_CASE("findings: a programme's own list decides, focus_lost besides by its flag", "[proctor][strikes]") {
    programme p;
    p.strikes = std::vector<std::string>{"no_face", "noise"};
    CHECK(classify_finding(p, "no_face") == finding_kind::strike);
    CHECK(classify_finding(p, "noise") == finding_kind::strike);
    CHECK(classify_finding(p, "multiple_faces") == finding_kind::suspicious);  // not listed
    CHECK(classify_finding(p, "focus_lost") == finding_kind::suspicious);
    p.focus_lost_is_violation = true;
    CHECK(classify_finding(p, "focus_lost") == finding_kind::strike);
}

TEST_CASE("findings: a blocked camera is never a strike, whatever the programme lists", "[proctor][strikes]") {
    programme p;
    p.strikes = std::vector<std::string>{"camera_blocked", "no_face"};
    CHECK(classify_finding(p, "camera_blocked") == finding_kind::technical);
    CHECK(classify_finding(p, "no_face") == finding_kind::strike);
}

TEST_CASE("findings: the termination stands while two violations stand", "[proctor][strikes]") {
    CHECK(termination_stands(2));
    CHECK(termination_stands(3));
    CHECK_FALSE(termination_stands(1));
    CHECK_FALSE(termination_stands(0));
}
