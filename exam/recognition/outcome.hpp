#pragma once
// The outcome of a sitting's whole procedure, once the commission and, when
// asked, the appeal commission have spoken. Seed 002 p.17-18, p.20-23.
#include <optional>
#include <string_view>
#include <vector>

namespace tanu::exam {

// An appeal's status: registered by the centre (p.21), then upheld or
// rejected by the appeal commission (p.22).
enum class appeal_status { registered, upheld, rejected };
const char* to_string(appeal_status s);  // "registered", "upheld", "rejected"
std::optional<appeal_status> parse_appeal_status(std::string_view s);

struct sitting_outcome {
    bool decided = false;  // the commission's protocol is signed (p.17)
    bool passed = false;   // the protocol says passed (p.18), or an appeal was upheld (p.23)
};

// `protocol_passed`: the protocol's decision, nullopt while none is signed.
// p.23: on the appeal commission's positive conclusion the centre issues the
// document as p.18 does for a pass, so an upheld appeal means passed, whatever
// the protocol decided.
sitting_outcome decided_outcome(std::optional<bool> protocol_passed, const std::vector<appeal_status>& appeals);

}  // namespace tanu::exam
