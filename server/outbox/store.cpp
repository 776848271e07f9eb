#include "server/outbox/store.hpp"

#include "server/outbox/platform.hpp"

#include <string>

namespace tanu::server::store {

std::int64_t insert_notice(db& d, const notice_row& n) {
    auto& s = d.cached(
        "INSERT INTO notices(candidate, sitting, kind, recipient, subject, body, created_ms, due, next_try_ms) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, n.candidate).bind(2, n.sitting).bind(3, n.kind).bind(4, n.recipient).bind(5, n.subject).bind(6, n.body);
    s.bind(7, n.created_ms);
    if (n.due.empty()) s.bind_null(8);
    else s.bind(8, n.due);
    s.bind(9, n.next_try_ms).run();
    return d.last_insert_id();
}

namespace {
constexpr const char* notice_select =
    "SELECT id, candidate, sitting, kind, recipient, subject, body, COALESCE(due, ''), created_ms, next_try_ms, "
    "attempts, delivered_ms, failed, last_error, channel, of_notice, COALESCE(gateway_id, ''), receipt_ms, "
    "COALESCE(receipt_status, '') FROM notices ";

notice_row read_notice(const stmt& q) {
    notice_row n;
    n.id = q.i64(0);
    n.candidate = q.i64(1);
    n.sitting = q.opt_i64(2);
    n.kind = q.text(3);
    n.recipient = q.text(4);
    n.subject = q.text(5);
    n.body = q.text(6);
    n.due = q.text(7);
    n.created_ms = q.i64(8);
    n.next_try_ms = q.i64(9);
    n.attempts = q.i32(10);
    n.delivered_ms = q.opt_i64(11);
    n.failed = q.i32(12) != 0;
    n.last_error = q.text(13);
    n.channel = q.text(14);
    n.of_notice = q.opt_i64(15);
    n.gateway_id = q.text(16);
    n.receipt_ms = q.opt_i64(17);
    n.receipt_status = q.text(18);
    return n;
}
}  // namespace

std::vector<notice_row> due_notices(db& d, std::int64_t now_ms, int limit) {
    stmt q(d, (std::string(notice_select) +
               "WHERE delivered_ms IS NULL AND failed = 0 AND next_try_ms <= ? ORDER BY next_try_ms, id LIMIT ?")
                  .c_str());
    q.bind(1, now_ms).bind(2, limit);
    std::vector<notice_row> out;
    while (q.step()) out.push_back(read_notice(q));
    return out;
}

std::vector<notice_row> notices_of(db& d, std::int64_t candidate) {
    stmt q(d, (std::string(notice_select) + "WHERE candidate = ? ORDER BY id").c_str());
    q.bind(1, candidate);
    std::vector<notice_row> out;
    while (q.step()) out.push_back(read_notice(q));
    return out;
}

std::vector<notice_row> undelivered_notices(db& d, int limit) {
    stmt q(d, (std::string(notice_select) + "WHERE delivered_ms IS NULL ORDER BY id LIMIT ?").c_str());
    q.bind(1, limit);
    std::vector<notice_row> out;
    while (q.step()) out.push_back(read_notice(q));
    return out;
}

void notice_delivered(db& d, std::int64_t id, std::int64_t now_ms, const std::string& gateway_id) {
    auto& s = d.cached(
        "UPDATE notices SET delivered_ms = ?, attempts = attempts + 1, last_error = '', "
        "gateway_id = COALESCE(NULLIF(?, ''), gateway_id) WHERE id = ?");
    s.bind(1, now_ms).bind(2, gateway_id).bind(3, id).run();
}

bool insert_sms_companion(db& d, const notice_row& of, const std::string& phone, const std::string& text,
                          std::int64_t now_ms) {
    auto& s = d.cached(
        "INSERT OR IGNORE INTO notices(candidate, sitting, kind, recipient, subject, body, created_ms, due, next_try_ms, "
        "channel, of_notice) VALUES (?, ?, ?, ?, ?, ?, ?, NULLIF(?, ''), ?, 'sms', ?)");
    s.bind(1, of.candidate).bind(2, of.sitting).bind(3, of.kind).bind(4, phone).bind(5, of.subject).bind(6, text);
    s.bind(7, now_ms).bind(8, of.due).bind(9, now_ms).bind(10, of.id).run();
    return d.changes() == 1;
}

bool sms_receipt(db& d, const std::string& gateway_id, const std::string& status, std::int64_t ms) {
    auto& s = d.cached(
        "UPDATE notices SET receipt_ms = ?, receipt_status = ? WHERE channel = 'sms' AND gateway_id = ?");
    s.bind(1, ms).bind(2, status).bind(3, gateway_id).run();
    return d.changes() > 0;
}

void notice_failed(db& d, std::int64_t id, const std::string& error, bool permanent, std::int64_t next_try_ms) {
    d.cached("UPDATE notices SET attempts = attempts + 1, last_error = ?, failed = ?, next_try_ms = ? WHERE id = ?")
        .bind(1, error)
        .bind(2, permanent ? 1 : 0)
        .bind(3, next_try_ms)
        .bind(4, id)
        .run();
}

}  // namespace tanu::server::store

// ---- the national platform's outbox (migration 20)

namespace tanu::server::store {

namespace {
constexpr const char* export_select =
    "SELECT id, document, payload, COALESCE(due, ''), created_ms, next_try_ms, attempts, sent_ms, "
    "COALESCE(platform_id, ''), COALESCE(answer, ''), failed, last_error FROM platform_exports ";

platform_export_row read_export(const stmt& q) {
    platform_export_row e;
    e.id = q.i64(0);
    e.document = q.text(1);
    e.payload = q.text(2);
    e.due = q.text(3);
    e.created_ms = q.i64(4);
    e.next_try_ms = q.i64(5);
    e.attempts = q.i32(6);
    e.sent_ms = q.opt_i64(7);
    e.platform_id = q.text(8);
    e.answer = q.text(9);
    e.failed = q.i32(10) != 0;
    e.last_error = q.text(11);
    return e;
}
}  // namespace

std::int64_t insert_export(db& d, const platform_export_row& e) {
    auto& s = d.cached(
        "INSERT INTO platform_exports(document, payload, due, created_ms, next_try_ms) VALUES (?, ?, NULLIF(?, ''), ?, ?) "
        "ON CONFLICT(document) DO NOTHING");
    s.bind(1, e.document).bind(2, e.payload).bind(3, e.due).bind(4, e.created_ms).bind(5, e.next_try_ms).run();
    return d.last_insert_id();
}

std::vector<platform_export_row> due_exports(db& d, std::int64_t now_ms, int limit) {
    stmt q(d, (std::string(export_select) +
               "WHERE sent_ms IS NULL AND failed = 0 AND next_try_ms <= ? ORDER BY next_try_ms, id LIMIT ?")
                  .c_str());
    q.bind(1, now_ms).bind(2, limit);
    std::vector<platform_export_row> out;
    while (q.step()) out.push_back(read_export(q));
    return out;
}

std::vector<platform_export_row> exports(db& d, bool pending_only, int limit) {
    stmt q(d, (std::string(export_select) + "WHERE (? = 0 OR sent_ms IS NULL) ORDER BY id DESC LIMIT ?").c_str());
    q.bind(1, pending_only ? 1 : 0).bind(2, limit);
    std::vector<platform_export_row> out;
    while (q.step()) out.push_back(read_export(q));
    return out;
}

void export_sent(db& d, std::int64_t id, std::int64_t now_ms, const std::string& platform_id, const std::string& answer) {
    auto& s = d.cached(
        "UPDATE platform_exports SET sent_ms = ?, platform_id = NULLIF(?, ''), answer = ?, attempts = attempts + 1, "
        "last_error = '' WHERE id = ?");
    s.bind(1, now_ms).bind(2, platform_id).bind(3, answer).bind(4, id).run();
}

void export_failed(db& d, std::int64_t id, const std::string& error, bool permanent, std::int64_t next_try_ms,
                   const std::string& answer) {
    auto& s = d.cached(
        "UPDATE platform_exports SET attempts = attempts + 1, last_error = ?, failed = ?, next_try_ms = ?, "
        "answer = NULLIF(?, '') WHERE id = ?");
    s.bind(1, error).bind(2, permanent ? 1 : 0).bind(3, next_try_ms).bind(4, answer).bind(5, id).run();
}

}  // namespace tanu::server::store
