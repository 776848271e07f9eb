#include "server/recognition/store_briefing.hpp"

namespace tanu::server::store {

std::vector<acknowledgement_row> acknowledgements_of(db& d, std::int64_t sitting) {
    stmt q(d, "SELECT item, ms, client, lang, text_sha256 FROM acknowledgements WHERE sitting = ? ORDER BY ms, item");
    q.bind(1, sitting);
    std::vector<acknowledgement_row> out;
    while (q.step()) out.push_back({q.text(0), q.i64(1), q.text(2), q.text(3), q.text(4)});
    return out;
}

bool insert_acknowledgement(db& d, std::int64_t sitting, const acknowledgement_row& a) {
    stmt s(d,
           "INSERT OR IGNORE INTO acknowledgements(sitting, item, ms, client, lang, text_sha256) "
           "VALUES (?, ?, ?, ?, ?, ?)");
    s.bind(1, sitting).bind(2, a.item).bind(3, a.ms).bind(4, a.client).bind(5, a.lang).bind(6, a.text_sha256);
    s.run();
    return d.changes() > 0;
}

std::optional<journal_row> journal_of(db& d, std::int64_t sitting) {
    stmt q(d,
           "SELECT j.day, j.instructor, j.journal_no, j.page, j.entry, j.recorded_by, j.ms, COALESCE(u.login, '') "
           "FROM briefing_journal j LEFT JOIN users u ON u.id = j.recorded_by WHERE j.sitting = ?");
    q.bind(1, sitting);
    if (!q.step()) return std::nullopt;
    return journal_row{q.text(0), q.text(1), q.text(2), q.i32(3), q.i32(4), q.i64(5), q.i64(6), q.text(7)};
}

void put_journal(db& d, std::int64_t sitting, const journal_row& j) {
    stmt s(d,
           "INSERT INTO briefing_journal(sitting, day, instructor, journal_no, page, entry, recorded_by, ms) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(sitting) DO UPDATE SET day = excluded.day, "
           "instructor = excluded.instructor, journal_no = excluded.journal_no, page = excluded.page, "
           "entry = excluded.entry, recorded_by = excluded.recorded_by, ms = excluded.ms");
    s.bind(1, sitting).bind(2, j.day).bind(3, j.instructor).bind(4, j.journal_no).bind(5, j.page).bind(6, j.entry);
    s.bind(7, j.recorded_by).bind(8, j.ms);
    s.run();
}

}  // namespace tanu::server::store
