#include "server/people/store.hpp"

namespace tanu::server::store {

std::int64_t person_of_iin(db& d, const person_row& p, std::int64_t now_ms) {
    auto& find = d.cached("SELECT id FROM people WHERE iin = ?");
    find.bind(1, p.iin);
    if (find.step()) {
        const auto id = find.i64(0);
        find.reset();
        return id;
    }
    find.reset();
    auto& s = d.cached(
        "INSERT INTO people(iin, full_name, birth_date, email, phone, created_ms) VALUES (?, ?, ?, ?, ?, ?)");
    s.bind(1, p.iin).bind(2, p.full_name).bind(3, p.birth_date).bind(4, p.email).bind(5, p.phone).bind(6, now_ms).run();
    return d.last_insert_id();
}

std::optional<person_row> find_person(db& d, std::int64_t id) {
    auto& s = d.cached("SELECT id, iin, full_name, birth_date, email, phone FROM people WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return person_row{s.i64(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5)};
}

std::int64_t insert_candidate(db& d, std::int64_t user, const candidate_row& c, std::int64_t now_ms) {
    const auto person = person_of_iin(d, {0, c.iin, c.full_name, c.birth_date, c.email, c.phone}, now_ms);
    auto& s = d.cached("INSERT INTO candidates(user_id, person, created_ms) VALUES (?, ?, ?)");
    s.bind(1, user).bind(2, person).bind(3, now_ms).run();
    return d.last_insert_id();
}

std::optional<candidate_row> find_candidate(db& d, std::int64_t id) {
    auto& s = d.cached(
        "SELECT c.id, c.user_id, u.login, p.iin, p.full_name, p.birth_date, p.email, p.phone, p.id "
        "FROM candidates c JOIN users u ON u.id = c.user_id JOIN people p ON p.id = c.person WHERE c.id = ?");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return candidate_row{s.i64(0), s.i64(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6), s.text(7), s.i64(8)};
}

bool iin_taken(db& d, const std::string& iin) {
    auto& s = d.cached("SELECT 1 FROM candidates c JOIN people p ON p.id = c.person WHERE p.iin = ?");
    s.bind(1, iin);
    return s.step();
}

void each_candidate_by_name(db& d, const std::function<bool(candidate_brief&&)>& take) {
    auto& s = d.cached(
        "SELECT c.id, u.login, p.iin, p.full_name, p.birth_date, "
        "EXISTS(SELECT 1 FROM photos ph WHERE ph.candidate = c.id) "
        "FROM candidates c JOIN users u ON u.id = c.user_id JOIN people p ON p.id = c.person "
        "ORDER BY p.full_name, c.id");
    while (s.step())
        if (!take({s.i64(0), s.text(1), s.text(2), s.text(3), s.text(4), s.i32(5) != 0})) break;
    s.reset();
}

std::optional<photo_file> candidate_photo(db& d, std::int64_t candidate) {
    auto& s = d.cached("SELECT path, sha256, created_ms FROM photos WHERE candidate = ?");
    s.bind(1, candidate);
    if (!s.step()) return std::nullopt;
    photo_file out{s.text(0), s.text(1), s.i64(2)};
    s.reset();
    return out;
}

}  // namespace tanu::server::store
