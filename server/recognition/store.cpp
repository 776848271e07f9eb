#include "server/recognition/store.hpp"

#include <nlohmann/json.hpp>

#include "exam/theory/paper.hpp"
#include "exam/theory/scoring.hpp"
#include "server/audit/audit.hpp"

namespace tanu::server::store {

void set_procedure_dates(db& d, std::int64_t sitting, const procedure_dates& dates) {
    auto& s = d.cached(
        "INSERT INTO recognition_sittings(sitting, procedure_date, protocol_due) VALUES (?, ?, ?) "
        "ON CONFLICT(sitting) DO NOTHING");
    s.bind(1, sitting).bind(2, dates.procedure_date);
    if (dates.protocol_due.empty()) s.bind_null(3);
    else s.bind(3, dates.protocol_due);
    s.run();
}

std::optional<procedure_dates> procedure_dates_of(db& d, std::int64_t sitting) {
    auto& q = d.cached("SELECT procedure_date, COALESCE(protocol_due, '') FROM recognition_sittings WHERE sitting = ?");
    q.bind(1, sitting);
    std::optional<procedure_dates> out;
    if (q.step()) out = procedure_dates{q.text(0), q.text(1)};
    q.reset();
    return out;
}

// ---- acts

void insert_act(db& d, std::int64_t sitting, std::int64_t event, std::int64_t now_ms) {
    d.cached("INSERT INTO acts(sitting, event, created_ms) VALUES (?, ?, ?)").bind(1, sitting).bind(2, event).bind(3, now_ms).run();
}

namespace {
constexpr const char* act_select =
    "SELECT a.id, a.sitting, a.event, e.kind, e.detail, e.t_ms, e.strike, e.evidence IS NOT NULL, a.status, "
    "a.created_ms, a.reviewed_by, a.reviewed_ms, COALESCE(u.login, ''), a.reason, COALESCE(e.args, ''), a.channel "
    "FROM acts a JOIN events e ON e.id = a.event LEFT JOIN users u ON u.id = a.reviewed_by ";

act_row read_act(const stmt& s) {
    act_row a;
    a.id = s.i64(0);
    a.sitting = s.i64(1);
    a.event = s.i64(2);
    a.kind = s.text(3);
    a.detail = s.text(4);
    a.t_ms = s.i64(5);
    a.strike = s.i32(6);
    a.evidence = s.i32(7) != 0;
    a.status = s.text(8);
    a.created_ms = s.i64(9);
    a.reviewed_by = s.opt_i64(10);
    a.reviewed_ms = s.opt_i64(11);
    a.reviewed_by_login = s.text(12);
    a.reason = s.text(13);
    a.args = s.text(14);
    a.channel = s.text(15);
    return a;
}
}  // namespace

std::vector<act_row> acts_of(db& d, std::int64_t sitting) {
    stmt q(d, (std::string(act_select) + "WHERE a.sitting = ? ORDER BY e.t_ms, a.id").c_str());
    q.bind(1, sitting);
    std::vector<act_row> out;
    while (q.step()) out.push_back(read_act(q));
    return out;
}

std::optional<act_row> find_act(db& d, std::int64_t id) {
    stmt q(d, (std::string(act_select) + "WHERE a.id = ?").c_str());
    q.bind(1, id);
    if (!q.step()) return std::nullopt;
    return read_act(q);
}

void review_act(db& d, std::int64_t id, const std::string& status, const std::string& reason, std::int64_t member,
                std::int64_t now_ms) {
    auto& s = d.cached("UPDATE acts SET status = ?, reason = ?, reviewed_by = ?, reviewed_ms = ? WHERE id = ?");
    s.bind(1, status).bind(2, reason).bind(3, member).bind(4, now_ms).bind(5, id).run();
}

int standing_strikes(db& d, std::int64_t sitting) {
    auto& q = d.cached(
        "SELECT count(*) FROM events e LEFT JOIN acts a ON a.event = e.id "
        "WHERE e.sitting = ? AND e.violation = 1 AND e.strike > 0 AND coalesce(a.status, '') <> 'annulled'");
    q.bind(1, sitting);
    const int n = q.step() ? q.i32(0) : 0;
    q.reset();
    return n;
}

// ---- practical marks

std::vector<mark_row> marks_of(db& d, std::int64_t sitting) {
    auto& q = d.cached(
        "SELECT m.member, u.login, m.item, m.note, m.done, m.recorded_ms FROM practical_marks m "
        "JOIN users u ON u.id = m.member WHERE m.sitting = ? ORDER BY m.member, m.item");
    q.bind(1, sitting);
    std::vector<mark_row> out;
    while (q.step()) out.push_back({q.i64(0), q.text(1), q.text(2), q.text(3), q.i32(4) != 0, q.i64(5)});
    q.reset();
    return out;
}

void put_mark(db& d, std::int64_t sitting, std::int64_t member, const std::string& item, bool done,
              const std::string& note, std::int64_t now_ms) {
    auto& s = d.cached(
        "INSERT INTO practical_marks(sitting, member, item, done, note, recorded_ms) VALUES (?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(sitting, member, item) DO UPDATE SET done = excluded.done, note = excluded.note, "
        "recorded_ms = excluded.recorded_ms");
    s.bind(1, sitting).bind(2, member).bind(3, item).bind(4, done ? 1 : 0).bind(5, note).bind(6, now_ms).run();
}

// ---- protocols

std::optional<protocol_row> protocol_of(db& d, std::int64_t sitting) {
    auto& q = d.cached(
        "SELECT id, sitting, decision, reasons, COALESCE(practical, ''), created_ms, created_by, results_date, "
        "COALESCE(document_due, ''), COALESCE(notice_due, ''), appeal_until, commission, bound_ms, "
        "COALESCE(signed_date, '') FROM protocols WHERE sitting = ?");
    q.bind(1, sitting);
    std::optional<protocol_row> out;
    if (q.step()) {
        out = protocol_row{q.i64(0), q.i64(1), q.text(2), q.text(3), q.text(4), q.i64(5), q.i64(6),
                           q.text(7), q.text(8), q.text(9), q.text(10), q.opt_i64(11), q.opt_i64(12), q.text(13)};
    }
    q.reset();
    return out;
}

std::int64_t insert_protocol(db& d, const protocol_row& p) {
    auto& s = d.cached(
        "INSERT INTO protocols(sitting, decision, reasons, practical, created_ms, created_by, results_date, "
        "document_due, notice_due, appeal_until, commission, bound_ms, signed_date) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, p.sitting).bind(2, p.decision).bind(3, p.reasons);
    if (p.practical.empty()) s.bind_null(4);
    else s.bind(4, p.practical);
    s.bind(5, p.created_ms).bind(6, p.created_by).bind(7, p.results_date);
    auto opt = [&](int i, const std::string& v) {
        if (v.empty()) s.bind_null(i);
        else s.bind(i, v);
    };
    opt(8, p.document_due);
    opt(9, p.notice_due);
    s.bind(10, p.appeal_until).bind(11, p.commission).bind(12, p.bound_ms);
    opt(13, p.signed_date);
    s.run();
    return d.last_insert_id();
}

void bind_protocol(db& d, std::int64_t protocol, const protocol_binding& b) {
    auto& s = d.cached(
        "UPDATE protocols SET bound_ms = ?, signed_date = ?, results_date = ?, document_due = ?, notice_due = ?, "
        "appeal_until = ? WHERE id = ? AND bound_ms IS NULL");
    s.bind(1, b.bound_ms).bind(2, b.signed_date).bind(3, b.results_date);
    if (b.document_due.empty()) s.bind_null(4);
    else s.bind(4, b.document_due);
    if (b.notice_due.empty()) s.bind_null(5);
    else s.bind(5, b.notice_due);
    s.bind(6, b.appeal_until).bind(7, protocol).run();
}

std::vector<signature_row> signatures_of(db& d, std::int64_t protocol) {
    auto& q = d.cached(
        "SELECT s.member, u.login, s.signed_ms FROM protocol_signatures s JOIN users u ON u.id = s.member "
        "WHERE s.protocol = ? ORDER BY s.signed_ms, s.member");
    q.bind(1, protocol);
    std::vector<signature_row> out;
    while (q.step()) out.push_back({q.i64(0), q.text(1), q.i64(2)});
    q.reset();
    return out;
}

bool sign_protocol(db& d, std::int64_t protocol, std::int64_t member, std::int64_t now_ms) {
    auto& s = d.cached("INSERT OR IGNORE INTO protocol_signatures(protocol, member, signed_ms) VALUES (?, ?, ?)");
    s.bind(1, protocol).bind(2, member).bind(3, now_ms).run();
    return d.changes() > 0;
}

// ---- documents

std::int64_t next_document_serial(db& d) {
    d.cached("UPDATE counters SET value = value + 1 WHERE name = 'document_serial'").run();
    auto& q = d.cached("SELECT value FROM counters WHERE name = 'document_serial'");
    std::int64_t v = 0;
    if (q.step()) v = q.i64(0);
    q.reset();
    return v;
}

void insert_document(db& d, const document_row& doc) {
    auto& s = d.cached(
        "INSERT INTO documents(code, serial, sitting, candidate, programme, profession, nqf_level, full_name, "
        "procedure_date, issued, valid_until, issued_ms, issued_by, basis, check_value, status, sign_due) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, doc.code).bind(2, doc.serial).bind(3, doc.sitting).bind(4, doc.candidate).bind(5, doc.programme);
    s.bind(6, doc.profession).bind(7, doc.nqf_level).bind(8, doc.full_name).bind(9, doc.procedure_date);
    s.bind(10, doc.issued).bind(11, doc.valid_until).bind(12, doc.issued_ms).bind(13, doc.issued_by).bind(14, doc.basis);
    s.bind(15, doc.check_value).bind(16, doc.status.empty() ? std::string("pending_signature") : doc.status);
    if (doc.sign_due.empty()) s.bind_null(17);
    else s.bind(17, doc.sign_due);
    s.run();
}

namespace {
constexpr const char* document_select =
    "SELECT code, serial, sitting, candidate, programme, profession, nqf_level, full_name, procedure_date, issued, "
    "valid_until, issued_ms, issued_by, basis, status, revoked_ms, revoked_by, COALESCE(revoked_reason, ''), check_value, "
    "COALESCE(sign_due, ''), signed_ms, signed_by, COALESCE(sign_method, ''), COALESCE(signed_sha256, '') "
    "FROM documents ";

document_row read_document(const stmt& q) {
    document_row r;
    r.code = q.text(0);
    r.serial = q.i64(1);
    r.sitting = q.i64(2);
    r.candidate = q.i64(3);
    r.programme = q.text(4);
    r.profession = q.text(5);
    r.nqf_level = q.i32(6);
    r.full_name = q.text(7);
    r.procedure_date = q.text(8);
    r.issued = q.text(9);
    r.valid_until = q.text(10);
    r.issued_ms = q.i64(11);
    r.issued_by = q.opt_i64(12);
    r.basis = q.text(13);
    r.status = q.text(14);
    r.revoked_ms = q.opt_i64(15);
    r.revoked_by = q.opt_i64(16);
    r.revoked_reason = q.text(17);
    r.check_value = q.text(18);
    r.sign_due = q.text(19);
    r.signed_ms = q.opt_i64(20);
    r.signed_by = q.opt_i64(21);
    r.sign_method = q.text(22);
    r.signed_sha256 = q.text(23);
    return r;
}

std::vector<document_row> documents_where(db& d, const std::string& where, std::int64_t v) {
    stmt q(d, (std::string(document_select) + where).c_str());
    q.bind(1, v);
    std::vector<document_row> out;
    while (q.step()) out.push_back(read_document(q));
    return out;
}
}  // namespace

std::optional<document_row> find_document(db& d, const std::string& code) {
    stmt q(d, (std::string(document_select) + "WHERE code = ?").c_str());
    q.bind(1, code);
    if (!q.step()) return std::nullopt;
    return read_document(q);
}

std::optional<document_row> document_of_sitting(db& d, std::int64_t sitting) {
    auto v = documents_where(d, "WHERE sitting = ? ORDER BY serial DESC LIMIT 1", sitting);
    if (v.empty()) return std::nullopt;
    return v.front();
}

std::vector<document_row> documents_of_candidate(db& d, std::int64_t candidate) {
    return documents_where(d, "WHERE candidate = ? ORDER BY serial", candidate);
}

bool revoke_document(db& d, const std::string& code, const std::string& reason, std::int64_t actor, std::int64_t now_ms) {
    auto& s = d.cached(
        "UPDATE documents SET status = 'revoked', revoked_reason = ?, revoked_by = ?, revoked_ms = ? "
        "WHERE code = ? AND status IN ('valid', 'pending_signature')");
    s.bind(1, reason).bind(2, actor).bind(3, now_ms).bind(4, code).run();
    return d.changes() > 0;
}

bool sign_document(db& d, const document_signature& sig) {
    auto& s = d.cached(
        "UPDATE documents SET status = 'valid', issued = ?, valid_until = ?, signed_ms = ?, signed_by = ?, "
        "sign_method = ?, signed_sha256 = ? WHERE code = ? AND status = 'pending_signature'");
    s.bind(1, sig.issued).bind(2, sig.valid_until).bind(3, sig.signed_ms).bind(4, sig.signed_by);
    s.bind(5, sig.method).bind(6, sig.sha256).bind(7, sig.code).run();
    return d.changes() > 0;
}

std::vector<document_row> documents_unsigned(db& d, int limit) {
    stmt q(d, (std::string(document_select) +
               "WHERE status = 'pending_signature' ORDER BY COALESCE(sign_due, '9999'), serial LIMIT ?").c_str());
    q.bind(1, limit);
    std::vector<document_row> out;
    while (q.step()) out.push_back(read_document(q));
    return out;
}

// ---- appeals

std::int64_t insert_appeal(db& d, const appeal_row& a) {
    auto& s = d.cached(
        "INSERT INTO appeals(sitting, candidate, reason, filed_ms, filed_date, decide_by, commission) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, a.sitting).bind(2, a.candidate).bind(3, a.reason).bind(4, a.filed_ms).bind(5, a.filed_date);
    s.bind(6, a.decide_by).bind(7, a.commission).run();
    const auto id = d.last_insert_id();
    auto& m = d.cached("INSERT OR IGNORE INTO appeal_members(appeal, member) VALUES (?, ?)");
    for (auto u : a.members) {
        m.reset();
        m.bind(1, id).bind(2, u).run();
    }
    return id;
}

namespace {
constexpr const char* appeal_select =
    "SELECT id, sitting, candidate, reason, filed_ms, filed_date, decide_by, status, note, COALESCE(document, ''), "
    "decided_ms, decided_by, commission, COALESCE(outcome, ''), reasons, COALESCE(quorum, ''), COALESCE(minutes, ''), "
    "COALESCE(minutes_sha256, ''), COALESCE(minutes_date, ''), channel FROM appeals ";

std::vector<appeal_row> read_appeals(db& d, stmt& q) {
    std::vector<appeal_row> out;
    while (q.step()) {
        appeal_row a;
        a.id = q.i64(0);
        a.sitting = q.i64(1);
        a.candidate = q.i64(2);
        a.reason = q.text(3);
        a.filed_ms = q.i64(4);
        a.filed_date = q.text(5);
        a.decide_by = q.text(6);
        a.status = q.text(7);
        a.note = q.text(8);
        a.document = q.text(9);
        a.decided_ms = q.opt_i64(10);
        a.decided_by = q.opt_i64(11);
        a.commission = q.opt_i64(12);
        a.outcome = q.text(13);
        a.reasons = q.text(14);
        a.quorum = q.text(15);
        a.minutes = q.text(16);
        a.minutes_sha256 = q.text(17);
        a.minutes_date = q.text(18);
        a.channel = q.text(19);
        out.push_back(std::move(a));
    }
    for (auto& a : out) {
        stmt m(d, "SELECT member FROM appeal_members WHERE appeal = ? ORDER BY member");
        m.bind(1, a.id);
        while (m.step()) a.members.push_back(m.i64(0));
    }
    return out;
}
}  // namespace

std::optional<appeal_row> find_appeal(db& d, std::int64_t id) {
    stmt q(d, (std::string(appeal_select) + "WHERE id = ?").c_str());
    q.bind(1, id);
    auto v = read_appeals(d, q);
    if (v.empty()) return std::nullopt;
    return v.front();
}

std::vector<appeal_row> appeals_of_sitting(db& d, std::int64_t sitting) {
    stmt q(d, (std::string(appeal_select) + "WHERE sitting = ? ORDER BY id").c_str());
    q.bind(1, sitting);
    return read_appeals(d, q);
}

std::vector<appeal_row> appeals_for(db& d, std::optional<std::int64_t> member) {
    if (!member) {
        stmt q(d, (std::string(appeal_select) + "ORDER BY status != 'registered', decide_by, id").c_str());
        return read_appeals(d, q);
    }
    stmt q(d, (std::string(appeal_select) +
               "WHERE id IN (SELECT appeal FROM appeal_members WHERE member = ?) "
               "ORDER BY status != 'registered', decide_by, id")
                  .c_str());
    q.bind(1, *member);
    return read_appeals(d, q);
}

void put_appeal_vote(db& d, std::int64_t appeal, const appeal_vote_row& v) {
    auto& s = d.cached(
        "INSERT INTO appeal_votes(appeal, member, outcome, reasons, note, voted_ms) VALUES (?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(appeal, member) DO UPDATE SET outcome = excluded.outcome, reasons = excluded.reasons, "
        "note = excluded.note, voted_ms = excluded.voted_ms");
    s.bind(1, appeal).bind(2, v.member).bind(3, v.outcome).bind(4, v.reasons).bind(5, v.note).bind(6, v.voted_ms).run();
}

std::vector<appeal_vote_row> appeal_votes_of(db& d, std::int64_t appeal) {
    auto& q = d.cached(
        "SELECT v.member, COALESCE(u.login, ''), v.outcome, v.reasons, v.note, v.voted_ms FROM appeal_votes v "
        "LEFT JOIN users u ON u.id = v.member WHERE v.appeal = ? ORDER BY v.voted_ms, v.member");
    q.bind(1, appeal);
    std::vector<appeal_vote_row> out;
    while (q.step()) out.push_back({q.i64(0), q.text(1), q.text(2), q.text(3), q.text(4), q.i64(5)});
    q.reset();
    return out;
}

bool decide_appeal(db& d, std::int64_t id, const appeal_decision& dec) {
    auto& s = d.cached(
        "UPDATE appeals SET status = ?, outcome = ?, reasons = ?, note = ?, decided_by = ?, decided_ms = ?, document = ?, "
        "quorum = ?, minutes = ?, minutes_sha256 = ?, minutes_date = ? WHERE id = ? AND status = 'registered'");
    s.bind(1, dec.status).bind(2, dec.outcome).bind(3, dec.reasons).bind(4, dec.note).bind(5, dec.decided_by);
    s.bind(6, dec.decided_ms);
    if (dec.document.empty()) s.bind_null(7);
    else s.bind(7, dec.document);
    s.bind(8, dec.quorum).bind(9, dec.minutes).bind(10, dec.minutes_sha256).bind(11, dec.minutes_date).bind(12, id).run();
    return d.changes() == 1;
}

void amend_protocol(db& d, std::int64_t sitting, std::int64_t appeal) {
    auto& s = d.cached("UPDATE protocols SET amended_by_appeal = ? WHERE sitting = ?");
    s.bind(1, appeal).bind(2, sitting).run();
}

std::optional<std::int64_t> protocol_amended_by(db& d, std::int64_t sitting) {
    auto& q = d.cached("SELECT amended_by_appeal FROM protocols WHERE sitting = ?");
    q.bind(1, sitting);
    std::optional<std::int64_t> out;
    if (q.step()) out = q.opt_i64(0);
    q.reset();
    return out;
}

exam::sitting_outcome outcome_of(db& d, std::int64_t sitting) {
    std::optional<bool> protocol_passed;
    if (auto p = protocol_of(d, sitting); p && p->bound()) protocol_passed = p->decision == "passed";
    std::vector<exam::appeal_outcome> appeals;
    for (const auto& a : appeals_of_sitting(d, sitting))
        if (auto o = exam::parse_appeal_outcome(a.outcome)) appeals.push_back(*o);
    return exam::appealed_outcome(protocol_passed, appeals);
}

std::vector<std::int64_t> users_with_role(db& d, const std::string& role) {
    auto& q = d.cached(
        "SELECT u.id FROM users u WHERE u.disabled = 0 AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id "
        "AND r.role = ?) ORDER BY u.id");
    q.bind(1, role);
    std::vector<std::int64_t> out;
    while (q.step()) out.push_back(q.i64(0));
    q.reset();
    return out;
}

// ---- recommendations


std::vector<awaiting_protocol> sittings_awaiting_protocol(db& d, int limit) {
    auto& q = d.cached(
        "SELECT r.sitting, COALESCE(r.protocol_due, '') FROM recognition_sittings r "
        "JOIN sittings st ON st.id = r.sitting AND st.status IN ('finished', 'terminated') "  // a voided one awaits none (p.11)
        "LEFT JOIN protocols p ON p.sitting = r.sitting WHERE p.id IS NULL OR p.bound_ms IS NULL "
        "ORDER BY COALESCE(r.protocol_due, '9999-12-31'), r.sitting LIMIT ?");
    q.bind(1, limit);
    std::vector<awaiting_protocol> out;
    while (q.step()) out.push_back({q.i64(0), q.text(1)});
    q.reset();
    return out;
}

}  // namespace tanu::server::store
