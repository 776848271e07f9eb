#pragma once
// The procedure's notices to candidates (seed 002 p.18-23), in the sitting's
// language: their texts are the {kk, ru} label tables of notices.cpp with
// {placeholders}; these functions only choose and fill them.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "exam/recognition/outcome.hpp"
#include "exam/recognition/procedure.hpp"
#include "server/exam/store.hpp"
#include "server/outbox/outbox.hpp"
#include "server/people/store.hpp"
#include "server/recognition/store.hpp"

namespace tanu::server::recognition {

// p.18: the document is issued (its code, check value and validity).
outbox::notice document_issued_notice(const candidate_row& c, const sitting_row& s, const std::string& profession,
                                      const document_row& doc, const std::string& centre);

// p.19: not passed; why, the attempts left, the recommendations, until when to appeal.
struct not_passed_facts {
    std::string profession;
    std::vector<std::string> reasons;  // exam::procedure_decision's machine words
    int attempts_left = 0;
    std::vector<exam::recommendation> recommendations;
    std::string appeal_until;  // YYYY-MM-DD
    std::string notice_due;    // YYYY-MM-DD, the notice's own deadline
};
outbox::notice not_passed_notice(const candidate_row& c, const sitting_row& s, const not_passed_facts& f,
                                 const std::string& centre);

// p.21: the appeal is registered, and by when it is decided.
outbox::notice appeal_registered_notice(const candidate_row& c, const sitting_row& s, std::int64_t appeal,
                                        const std::string& decide_by, const std::string& centre);

// p.22-23: the appeal commission's decision: what it upheld and what follows
// (recognised: the document's code, issued once the head signs it; annulled:
// no attempt, the centre sets a new date; rejected: the protocol stands), with
// its reasons.
outbox::notice appeal_decided_notice(const candidate_row& c, const sitting_row& s, exam::appeal_outcome outcome,
                                     const std::string& reasons, const std::string& document, const std::string& centre);

}  // namespace tanu::server::recognition
