// The outbox's module: its one route and its delivery thread.
#include "server/outbox/outbox.hpp"

#include <sodium.h>

#include "server/http/router.hpp"
#include "exam/common/calendar.hpp"
#include "server/outbox/platform.hpp"
#include "server/outbox/store.hpp"
#include "server/platform/domain_error.hpp"
#include "server/platform/module.hpp"

namespace tanu::server {

namespace {

json notice_json(const notice_row& n) {
    return {{"id", n.id},
            {"candidate", n.candidate},
            {"session", n.sitting ? json(*n.sitting) : json(nullptr)},
            {"kind", n.kind},
            {"recipient", n.recipient},
            {"subject", n.subject},
            {"body", n.body},
            {"created_ms", n.created_ms},
            {"due", n.due.empty() ? json(nullptr) : json(n.due)},
            {"attempts", n.attempts},
            {"delivered_ms", n.delivered_ms ? json(*n.delivered_ms) : json(nullptr)},
            {"failed", n.failed},
            {"last_error", n.last_error},
            {"channel", n.channel},
            {"of_notice", n.of_notice ? json(*n.of_notice) : json(nullptr)},
            {"receipt_ms", n.receipt_ms ? json(*n.receipt_ms) : json(nullptr)},
            {"receipt_status", n.receipt_status.empty() ? json(nullptr) : json(n.receipt_status)}};
}

class outbox_module final : public module {
public:
    explicit outbox_module(platform& p) : p_(p), delivery_(p.cfg, p.writer, p.readers, p.clock, p.log) {}

    void routes(router& r) override {
        r.get("/api/notices", access::only({role::admin, role::candidate}), [this](const call& c) { return list(c); });
        r.get("/api/platform/exports", access::only({role::admin, role::head}), [this](const call& c) { return exports(c); });
        // the SMS gateway's delivery receipts (W9): its own token, not an account's
        r.post("/api/sms/receipts", access::open(), [this](const call& c) { return receipt(c); }, {.body_limit = 4096});
    }
    void on_start() override {
        delivery_.start();
        p_.notices.answer([this] { delivery_.wake(); });
    }
    void on_stop() override {
        p_.notices.answer(nullptr);
        delivery_.stop();
    }

private:
    // A candidate sees their own; the admin asks ?candidate=ID or ?undelivered=1.
    response list(const call& c) {
        const auto& p = c.user();
        std::int64_t candidate = 0;
        bool undelivered = false;
        if (p.is(role::candidate) && p.candidate) {
            candidate = *p.candidate;
        } else {
            const std::string asked = c.query_param("candidate");
            undelivered = c.query_param("undelivered") == "1";
            if (asked.empty() && !undelivered) throw unprocessable("?candidate=ID or ?undelivered=1 is required");
            if (!undelivered) candidate = parse_id(asked);
        }
        auto r = p_.readers.acquire();
        json out = json::array();
        for (const auto& n : undelivered ? store::undelivered_notices(*r, 1000) : store::notices_of(*r, candidate))
            out.push_back(notice_json(n));
        return json_response(c.req, http::status::ok, out);
    }

    // {"id": the gateway's id, "status": "delivered"|"failed"|"expired", "ms"?} with
    // Authorization: Bearer sms.receipt_token → 204; 401 wrong token; 404 receipts off or no such SMS.
    response receipt(const call& c) {
        const auto& want = p_.cfg.sms.receipt_token;
        if (want.empty()) throw not_found("SMS receipts are not enabled (sms.receipt_token)");
        const auto auth = std::string(c.req[http::field::authorization]);
        const std::string expected = "Bearer " + want;
        if (auth.size() != expected.size() || sodium_memcmp(auth.data(), expected.data(), auth.size()) != 0)
            throw domain_error(error_kind::unauthorized, "unauthorized", "the receipt's token is not the gateway's");
        const auto body = body_json(c.req);
        const auto id = get_string(body, "id");
        const auto status = get_string(body, "status");
        if (status != "delivered" && status != "failed" && status != "expired")
            throw unprocessable("status is delivered, failed or expired");
        std::int64_t ms = p_.clock.now_ms();
        if (body.contains("ms")) {
            if (!body["ms"].is_number_integer()) throw unprocessable("ms is the receipt's time in epoch milliseconds");
            ms = body["ms"].get<std::int64_t>();
        }
        if (id.empty() || id.size() > 200) throw unprocessable("id is the gateway's id of the SMS");
        const bool found = p_.writer.call([&](db& d) { return store::sms_receipt(d, id, status, ms); });
        if (!found) throw not_found("no SMS has the gateway id " + id.substr(0, 64));
        response res{http::status::no_content, c.req.version()};
        res.keep_alive(c.req.keep_alive());
        res.prepare_payload();
        return res;
    }

    // W8: the records sent to the national platform and those waiting, newest first.
    response exports(const call& c) {
        const bool pending = c.query_param("pending") == "1";
        const auto today = exam::to_iso(exam::kz_local_date(p_.clock.now_ms()));
        auto r = p_.readers.acquire();
        json rows = json::array();
        for (const auto& e : store::exports(*r, pending, 1000)) {
            auto answer = json::parse(e.answer, nullptr, false);
            rows.push_back({{"id", e.id},
                            {"document", e.document},
                            {"due", e.due.empty() ? json(nullptr) : json(e.due)},
                            {"overdue", !e.sent_ms && !e.due.empty() && today > e.due},
                            {"created_ms", e.created_ms},
                            {"attempts", e.attempts},
                            {"sent_ms", e.sent_ms ? json(*e.sent_ms) : json(nullptr)},
                            {"platform_id", e.platform_id.empty() ? json(nullptr) : json(e.platform_id)},
                            {"answer", e.answer.empty() ? json(nullptr) : answer.is_discarded() ? json(e.answer) : answer},
                            {"failed", e.failed},
                            {"last_error", e.last_error},
                            {"payload", json::parse(e.payload, nullptr, false)}});
        }
        return json_response(c.req, http::status::ok, {{"configured", p_.cfg.nqs.enabled()}, {"exports", rows}});
    }

    platform& p_;
    outbox::delivery delivery_;
};

}  // namespace

std::unique_ptr<module> make_outbox_module(platform& p) { return std::make_unique<outbox_module>(p); }

}  // namespace tanu::server
