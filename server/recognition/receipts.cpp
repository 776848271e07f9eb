#include "server/recognition/receipts.hpp"

#include "exam/common/calendar.hpp"
#include "exam/recognition/procedure.hpp"
#include "server/audit/audit.hpp"
#include "server/calendar/calendar.hpp"
#include "server/calendar/store.hpp"
#include "server/platform/domain_error.hpp"
#include "server/recognition/store.hpp"

namespace tanu::server::recognition {

results_receipt_row record_results_receipt(db& d, std::int64_t sitting, const std::string& channel,
                                           const exam::date& received, std::optional<std::int64_t> by,
                                           const std::string& note, std::int64_t now_ms) {
    if (note.size() > 1000) throw domain_error(error_kind::unprocessable, "field_invalid", "note is longer than 1000 bytes");
    auto pr = store::protocol_of(d, sitting);
    if (!pr || !pr->bound())
        throw domain_error(error_kind::conflict, "no_results_yet", "the commission has not given the results of this session yet");
    if (auto had = store::results_receipt_of(d, sitting))
        throw domain_error(error_kind::conflict, "already_received",
                           "the results were received on " + had->received_date + " (" + had->channel + ")");
    const auto day = exam::to_iso(received);
    if (received > exam::kz_local_date(now_ms) || day < pr->signed_date)
        throw domain_error(error_kind::unprocessable, "field_invalid",
                           "received_date must be a day from the protocol (" + pr->signed_date + ") to today");
    std::string until;
    try {
        until = exam::to_iso(exam::appeal_until(store::load_calendar(d), received));  // p.20
    } catch (const exam::calendar_missing& e) {
        throw calendar::missing(e);
    }
    results_receipt_row r{sitting, day, channel, note, now_ms, by};
    store::insert_results_receipt(d, r);
    store::set_appeal_until(d, pr->id, until);
    audit::record(d, now_ms, by, "results.received", "session " + std::to_string(sitting),
                  channel + " " + day + ", appeals until " + until);
    return r;
}

bool note_cabinet_view(db& d, std::int64_t sitting, std::int64_t user, std::int64_t now_ms) {
    auto pr = store::protocol_of(d, sitting);
    if (!pr || !pr->bound() || store::results_receipt_of(d, sitting)) return false;
    record_results_receipt(d, sitting, "cabinet", exam::kz_local_date(now_ms), user, "", now_ms);
    return true;
}

}  // namespace tanu::server::recognition
