#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

#include "exam/recognition/outcome.hpp"

using namespace tanu::exam;

TEST_CASE("outcome: the protocol decides, until an appeal is upheld (seed 002 p.18, p.23)", "[outcome]") {
    using enum appeal_status;
    const auto none = decided_outcome(std::nullopt, {});
    CHECK_FALSE(none.decided);
    CHECK_FALSE(none.passed);

    const auto passed = decided_outcome(true, {});
    CHECK(passed.decided);
    CHECK(passed.passed);

    const auto refused = decided_outcome(false, {});
    CHECK(refused.decided);
    CHECK_FALSE(refused.passed);

    // p.20-22: an appeal being decided, or rejected, leaves the protocol's refusal standing
    CHECK_FALSE(decided_outcome(false, {registered}).passed);
    CHECK_FALSE(decided_outcome(false, {rejected}).passed);

    // p.23: a positive conclusion of the appeal commission issues the document, as for a pass
    const auto appealed = decided_outcome(false, {rejected, upheld});
    CHECK(appealed.decided);
    CHECK(appealed.passed);
    CHECK(decided_outcome(true, {rejected}).passed);
}

TEST_CASE("outcome: appeal statuses by their names", "[outcome]") {
    for (auto s : {appeal_status::registered, appeal_status::upheld, appeal_status::rejected})
        CHECK(parse_appeal_status(to_string(s)) == s);
    CHECK(std::string(to_string(appeal_status::upheld)) == "upheld");
    CHECK_FALSE(parse_appeal_status("accepted").has_value());
    CHECK_FALSE(parse_appeal_status("").has_value());
}
