#include "server/recognition/store_receipts.hpp"

namespace tanu::server::store {

std::optional<results_receipt_row> results_receipt_of(db& d, std::int64_t sitting) {
    auto& q = d.cached("SELECT sitting, received_date, channel, note, ms, recorded_by FROM results_receipts WHERE sitting = ?");
    q.bind(1, sitting);
    if (!q.step()) {
        q.reset();
        return std::nullopt;
    }
    results_receipt_row r{q.i64(0), q.text(1), q.text(2), q.text(3), q.i64(4), q.opt_i64(5)};
    q.reset();
    return r;
}

bool insert_results_receipt(db& d, const results_receipt_row& r) {
    auto& s = d.cached(
        "INSERT OR IGNORE INTO results_receipts(sitting, received_date, channel, ms, recorded_by, note) "
        "VALUES (?, ?, ?, ?, ?, ?)");
    s.bind(1, r.sitting).bind(2, r.received_date).bind(3, r.channel).bind(4, r.ms).bind(5, r.recorded_by).bind(6, r.note);
    s.run();
    return d.changes() == 1;
}

void set_appeal_until(db& d, std::int64_t protocol, const std::string& appeal_until) {
    d.cached("UPDATE protocols SET appeal_until = ? WHERE id = ?").bind(1, appeal_until).bind(2, protocol).run();
}

void mark_paper_appeal(db& d, std::int64_t appeal, const std::string& received_date, std::int64_t by) {
    d.cached("UPDATE appeals SET channel = 'paper', received_date = ?, registered_by = ? WHERE id = ?")
        .bind(1, received_date)
        .bind(2, by)
        .bind(3, appeal)
        .run();
}

}  // namespace tanu::server::store
