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
