#pragma once
// p.17: the exam commission's protocol of a sitting, signed by its members.
// The first signature makes it with the decision; it binds once the quorum of
// the sitting's commission has signed (exam::quorum; no commission: the short
// path, the first signature binds), and only then what follows starts, dated
// from the last required signature: the document (p.18) or the notice of the
// refusal (p.19), and the appeal window (p.20).
#include <cstdint>

#include "server/db/sqlite.hpp"
#include "server/exam/store.hpp"
#include "server/platform/config.hpp"
#include "server/recognition/store.hpp"

namespace tanu::server::recognition {

struct sign_protocol_input {
    std::int64_t sitting = 0;
    std::int64_t member = 0;  // the commission member signing
};

struct sign_protocol_result {
    protocol_row protocol;
    sitting_row sitting;
    bool created = false;  // this signature made the protocol (else it joined it)
    bool bound = false;    // this signature bound it (the document is prepared or the notice queued)
};

// Signs the sitting's protocol. Forbidden not_a_member unless the member sits
// on the sitting's exam commission (none: any commission account). The first
// member makes it: refused with conflict theory_in_progress,
// practical_incomplete, acts_unreviewed. A later member adds a signature
// (once; audited protocol.sign). The signature that reaches the quorum binds
// it (audited protocol.bind): signed_date = today (local), document_due and
// notice_due 3 working days after it, appeal_until 5; a pass prepares the
// document (sign_due = document_due), a refusal queues the not_passed notice.
// Conflict calendar_missing when the calendar lacks a year the terms need.
// not_found for an unknown sitting.
sign_protocol_result sign_protocol(db& d, const centre_config& centre, const sign_protocol_input& in,
                                   std::int64_t now_ms);

}  // namespace tanu::server::recognition
