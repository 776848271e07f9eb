#pragma once
// p.17: the commission's protocol of a sitting, signed by its members; the
// first signature decides the procedure and starts what follows: the
// document (p.18) or the notice of the refusal (p.19), and the appeal window
// (p.20).
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
};

// Signs the sitting's protocol. The first member makes it: refused with
// conflict theory_in_progress, practical_incomplete, acts_unreviewed, or
// calendar_missing; on a pass the document is issued, else the not_passed
// notice is queued (due by notice_due). A later member adds a signature (once;
// audited protocol.sign). not_found for an unknown sitting.
sign_protocol_result sign_protocol(db& d, const centre_config& centre, const sign_protocol_input& in,
                                   std::int64_t now_ms);

}  // namespace tanu::server::recognition
