#include "exam/recognition/outcome.hpp"

#include <algorithm>

namespace tanu::exam {

const char* to_string(appeal_status s) {
    switch (s) {
        case appeal_status::registered: return "registered";
        case appeal_status::upheld: return "upheld";
        case appeal_status::rejected: return "rejected";
    }
    return "registered";
}

std::optional<appeal_status> parse_appeal_status(std::string_view s) {
    if (s == "registered") return appeal_status::registered;
    if (s == "upheld") return appeal_status::upheld;
    if (s == "rejected") return appeal_status::rejected;
    return std::nullopt;
}

sitting_outcome decided_outcome(std::optional<bool> protocol_passed, const std::vector<appeal_status>& appeals) {
    sitting_outcome o;
    o.decided = protocol_passed.has_value();
    o.passed = protocol_passed.value_or(false) ||
               std::find(appeals.begin(), appeals.end(), appeal_status::upheld) != appeals.end();  // p.23
    return o;
}

}  // namespace tanu::exam

// ---- What an appeal decides (seed 002 p.20-23; issue 11, W4)

namespace tanu::exam {

const char* to_string(appeal_outcome o) {
    switch (o) {
        case appeal_outcome::recognised: return "recognised";
        case appeal_outcome::annulled: return "annulled";
        case appeal_outcome::rejected: return "rejected";
    }
    return "rejected";
}

std::optional<appeal_outcome> parse_appeal_outcome(std::string_view s) {
    if (s == "recognised") return appeal_outcome::recognised;
    if (s == "annulled") return appeal_outcome::annulled;
    if (s == "rejected") return appeal_outcome::rejected;
    return std::nullopt;
}

appeal_status status_of(appeal_outcome o) {
    return o == appeal_outcome::rejected ? appeal_status::rejected : appeal_status::upheld;
}

appeal_effect effect_of(appeal_outcome o) {
    appeal_effect e;
    switch (o) {
        case appeal_outcome::recognised:  // p.23: the document as p.18 gives it
            e.passed = e.document = e.protocol_amended = true;
            break;
        case appeal_outcome::annulled:  // p.11, p.14: no attempt, sat again
            e.void_sitting = e.sit_again = true;
            break;
        case appeal_outcome::rejected: break;  // the protocol stands
    }
    return e;
}

bool needs_reasons(appeal_outcome o) { return o != appeal_outcome::rejected; }

std::optional<appeal_outcome> outcome_of_upheld(bool theory_passed, bool terminated) {
    if (theory_passed && !terminated) return appeal_outcome::recognised;
    return std::nullopt;
}

namespace {

std::optional<appeal_outcome> vote_of(const std::vector<appeal_vote>& votes, std::int64_t member) {
    std::optional<appeal_outcome> out;
    for (const auto& v : votes)
        if (v.member == member) out = v.outcome;  // his last
    return out;
}

int& count_of(appeal_tally& t, appeal_outcome o) {
    switch (o) {
        case appeal_outcome::recognised: return t.recognised;
        case appeal_outcome::annulled: return t.annulled;
        case appeal_outcome::rejected: break;
    }
    return t.rejected;
}

}  // namespace

appeal_tally tally_appeal(quorum_rule rule, const std::vector<commission_member>& panel,
                          const std::vector<appeal_vote>& votes) {
    appeal_tally t;
    const auto chair = chair_of(panel);
    if (!chair && rule == quorum_rule::chair_and_majority) rule = quorum_rule::majority;  // the chair does not sit
    std::vector<std::int64_t> voters;
    for (const auto& m : panel)
        if (auto v = vote_of(votes, m.user)) {
            voters.push_back(m.user);
            ++count_of(t, *v);
        }
    t.quorum = quorum(rule, panel, voters);
    if (!t.quorum.reached) return t;
    const int top = std::max({t.recognised, t.annulled, t.rejected});
    std::vector<appeal_outcome> first;
    for (auto o : {appeal_outcome::recognised, appeal_outcome::annulled, appeal_outcome::rejected})
        if (count_of(t, o) == top) first.push_back(o);
    if (first.size() == 1) {
        t.decision = first.front();
        return t;
    }
    const auto chairs = chair ? vote_of(votes, *chair) : std::nullopt;
    if (chairs && std::find(first.begin(), first.end(), *chairs) != first.end()) t.decision = *chairs;
    else t.tied = true;
    return t;
}

appeal_tally tally_first_vote(const std::vector<std::int64_t>& assigned, const std::vector<appeal_vote>& votes) {
    appeal_tally t;
    t.quorum.needed = 1;
    for (const auto& v : votes) {
        if (std::find(assigned.begin(), assigned.end(), v.member) == assigned.end()) continue;
        if (!t.decision) t.decision = v.outcome;
        ++count_of(t, v.outcome);
        ++t.quorum.have;
    }
    t.quorum.reached = t.decision.has_value();
    for (auto u : assigned)
        if (std::none_of(votes.begin(), votes.end(), [&](const appeal_vote& v) { return v.member == u; }))
            t.quorum.missing.push_back(u);
    return t;
}

sitting_outcome appealed_outcome(std::optional<bool> protocol_passed, const std::vector<appeal_outcome>& appeals) {
    sitting_outcome o;
    o.decided = protocol_passed.has_value();
    o.passed = protocol_passed.value_or(false) ||
               std::find(appeals.begin(), appeals.end(), appeal_outcome::recognised) != appeals.end();  // p.23
    return o;
}

}  // namespace tanu::exam
