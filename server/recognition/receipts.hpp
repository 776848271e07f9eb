#pragma once
// The day the candidate received the results (W5; seed 002 p.20): the appeal
// window runs five working days from it. Recorded at the first view of the
// bound protocol in the candidate's cabinet, or entered by the registrar from
// a paper receipt. The first receipt counts.
#include <cstdint>
#include <optional>
#include <string>

#include "exam/common/date.hpp"
#include "server/db/sqlite.hpp"
#include "server/recognition/store_receipts.hpp"

namespace tanu::server::recognition {

// conflict no_results_yet (no bound protocol), already_received (one is recorded: it stands);
// unprocessable field_invalid for a day before the protocol or after today. The protocol's
// appeal_until becomes five working days from `received`; audited results.received.
results_receipt_row record_results_receipt(db& d, std::int64_t sitting, const std::string& channel,
                                           const exam::date& received, std::optional<std::int64_t> by,
                                           const std::string& note, std::int64_t now_ms);

// The cabinet's first view of a bound protocol: records it (today), once; false when there
// is nothing to record (no bound protocol, or a receipt already).
bool note_cabinet_view(db& d, std::int64_t sitting, std::int64_t user, std::int64_t now_ms);

}  // namespace tanu::server::recognition
