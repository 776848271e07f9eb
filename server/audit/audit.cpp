#include "server/audit/audit.hpp"

#include <stdexcept>

#include <nlohmann/json.hpp>

#include "server/platform/sha256.hpp"

namespace tanu::server::audit {

namespace {

using json = nlohmann::json;

// The hashed form of an entry: the previous hash, a newline, the fields as a
// JSON array (fixed order, so the same content always hashes the same).
std::string event_hash(const std::string& prev, std::int64_t seq, const event_fields& e) {
    json fields = {e.sitting, seq, e.t_ms, e.kind, e.detail, e.violation ? 1 : 0, e.strike, e.evidence, e.sha256};
    // Only when present: an event without args hashes exactly as before migration 11.
    if (!e.args.empty()) fields.push_back(e.args);
    return sha256_hex(prev + "\n" + fields.dump(-1, ' ', false, json::error_handler_t::replace));
}

std::string audit_hash(const std::string& prev, std::int64_t id, std::int64_t t_ms, std::optional<std::int64_t> actor,
                       const std::string& action, const std::string& object, const std::string& detail) {
    const json fields = {id, t_ms, actor ? json(*actor) : json(nullptr), action, object, detail};
    return sha256_hex(prev + "\n" + fields.dump(-1, ' ', false, json::error_handler_t::replace));
}

event_fields read_fields(stmt& s, int first) {
    event_fields e;
    e.sitting = s.i64(first);
    e.t_ms = s.i64(first + 1);
    e.kind = s.text(first + 2);
    e.detail = s.text(first + 3);
    e.violation = s.i32(first + 4) != 0;
    e.strike = s.i32(first + 5);
    e.evidence = s.null(first + 6) ? "" : s.text(first + 6);
    e.sha256 = s.null(first + 7) ? "" : s.text(first + 7);
    e.args = s.null(first + 8) ? "" : s.text(first + 8);
    return e;
}

// The end of a chain: the next position (1 for an empty chain) and the hash
// the next entry links to ('' for the first).
struct chain_tip {
    std::int64_t next = 1;
    std::string hash;
};

chain_tip tip_of_sitting(db& d, std::int64_t sitting) {
    auto& q = d.cached("SELECT seq, hash FROM events WHERE sitting = ? AND seq IS NOT NULL ORDER BY seq DESC LIMIT 1");
    q.bind(1, sitting);
    chain_tip t;
    if (q.step()) t = {q.i64(0) + 1, q.text(1)};
    q.reset();
    return t;
}

}  // namespace

// The stored (and hashed) form of args: compact JSON, '' for none.
std::string normal_args(const std::string& args) {
    if (args.empty()) return "";
    if (args.size() > max_event_args) throw std::invalid_argument("event args longer than " + std::to_string(max_event_args) + " bytes");
    const json j = json::parse(args, nullptr, false);
    if (!j.is_object()) throw std::invalid_argument("event args must be a JSON object");
    return j.empty() ? "" : j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::int64_t append_event(db& d, const event_fields& in) {
    event_fields e = in;
    e.args = normal_args(in.args);
    const auto [seq, prev] = tip_of_sitting(d, e.sitting);
    const std::string hash = event_hash(prev, seq, e);
    auto& s = d.cached(
        "INSERT INTO events(sitting, t_ms, kind, detail, violation, strike, evidence, sha256, seq, prev_hash, hash, args) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, e.sitting).bind(2, e.t_ms).bind(3, e.kind).bind(4, e.detail).bind(5, e.violation ? 1 : 0).bind(6, e.strike);
    if (e.evidence.empty()) s.bind_null(7).bind_null(8);
    else s.bind(7, e.evidence).bind(8, e.sha256);
    s.bind(9, seq).bind(10, prev).bind(11, hash);
    if (e.args.empty()) s.bind_null(12);
    else s.bind(12, e.args);
    s.run();
    return d.last_insert_id();
}

void record(db& d, std::int64_t t_ms, std::optional<std::int64_t> actor, const std::string& action,
            const std::string& object, const std::string& detail) {
    auto& last = d.cached("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1");
    chain_tip tip;
    if (last.step()) tip = {last.i64(0) + 1, last.text(1)};
    last.reset();
    const auto& [id, prev] = tip;
    auto& s = d.cached(
        "INSERT INTO audit_log(id, t_ms, actor, action, object, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, id).bind(2, t_ms).bind(3, actor).bind(4, action).bind(5, object).bind(6, detail).bind(7, prev);
    s.bind(8, audit_hash(prev, id, t_ms, actor, action, object, detail)).run();
}

int chain_unchained(db& d) {
    // Sittings with unchained events, oldest entries first; each continues its chain.
    std::vector<std::int64_t> ids;
    {
        stmt q(d, "SELECT id FROM events WHERE seq IS NULL ORDER BY sitting, id");
        while (q.step()) ids.push_back(q.i64(0));
    }
    for (auto id : ids) {
        stmt q(d, "SELECT sitting, t_ms, kind, detail, violation, strike, evidence, sha256, args FROM events WHERE id = ?");
        q.bind(1, id);
        if (!q.step()) continue;
        const event_fields e = read_fields(q, 0);
        const auto [seq, prev] = tip_of_sitting(d, e.sitting);
        stmt u(d, "UPDATE events SET seq = ?, prev_hash = ?, hash = ? WHERE id = ?");
        u.bind(1, seq).bind(2, prev).bind(3, event_hash(prev, seq, e)).bind(4, id).run();
    }
    return static_cast<int>(ids.size());
}

std::vector<std::int64_t> technical_event_ids(db& d, std::int64_t sitting, int limit) {
    auto& q = d.cached(
        "SELECT id FROM events WHERE sitting = ? AND args IS NOT NULL AND json_valid(args) "
        "AND json_extract(args, '$.technical') = 1 ORDER BY id LIMIT ?");
    q.bind(1, sitting).bind(2, limit);
    std::vector<std::int64_t> out;
    while (q.step()) out.push_back(q.i64(0));
    return out;
}

report verify(db& d) {
    report r;
    {
        stmt q(d,
               "SELECT id, seq, prev_hash, hash, sitting, t_ms, kind, detail, violation, strike, evidence, sha256, args "
               "FROM events ORDER BY sitting, seq, id");
        std::int64_t sitting = -1, expect_seq = 1;
        std::string prev;
        while (q.step()) {
            const std::int64_t id = q.i64(0);
            const event_fields e = read_fields(q, 4);
            const std::string where = "sitting " + std::to_string(e.sitting) + ": event " + std::to_string(id);
            if (e.sitting != sitting) {
                sitting = e.sitting;
                expect_seq = 1;
                prev.clear();
                ++r.sittings;
            }
            ++r.events;
            if (q.null(1)) {
                r.breaks.push_back(where + ": not chained");
                continue;
            }
            const std::int64_t seq = q.i64(1);
            const std::string stored_prev = q.text(2), stored = q.text(3);
            if (seq != expect_seq)
                r.breaks.push_back(where + " (seq " + std::to_string(seq) + "): expected seq " +
                                   std::to_string(expect_seq) + ": an entry is missing or was inserted");
            if (stored_prev != prev)
                r.breaks.push_back(where + " (seq " + std::to_string(seq) +
                                   "): does not link to the entry before it");
            if (event_hash(stored_prev, seq, e) != stored)
                r.breaks.push_back(where + " (seq " + std::to_string(seq) + "): content does not match its hash");
            expect_seq = seq + 1;
            prev = stored;
        }
    }
    {
        stmt q(d, "SELECT id, t_ms, actor, action, object, detail, prev_hash, hash FROM audit_log ORDER BY id");
        std::string prev;
        std::int64_t expect_id = 1;
        while (q.step()) {
            ++r.audit_entries;
            const std::int64_t id = q.i64(0);
            const std::string where = "audit log: entry " + std::to_string(id);
            if (id != expect_id)
                r.breaks.push_back(where + ": expected entry " + std::to_string(expect_id) +
                                   ": an entry is missing or was inserted");
            const std::string stored_prev = q.text(6), stored = q.text(7);
            if (stored_prev != prev) r.breaks.push_back(where + ": does not link to the entry before it");
            if (audit_hash(stored_prev, id, q.i64(1), q.opt_i64(2), q.text(3), q.text(4), q.text(5)) != stored)
                r.breaks.push_back(where + ": content does not match its hash");
            expect_id = id + 1;
            prev = stored;
        }
    }
    return r;
}

}  // namespace tanu::server::audit
