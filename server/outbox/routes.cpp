// The outbox's module: its one route and its delivery thread.
#include "server/outbox/outbox.hpp"

#include "server/http/router.hpp"
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
            {"last_error", n.last_error}};
}

class outbox_module final : public module {
public:
    explicit outbox_module(platform& p) : p_(p), delivery_(p.cfg, p.writer, p.readers, p.clock, p.log) {}

    void routes(router& r) override {
        r.get("/api/notices", access::only({role::admin, role::candidate}), [this](const call& c) { return list(c); });
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

    platform& p_;
    outbox::delivery delivery_;
};

}  // namespace

std::unique_ptr<module> make_outbox_module(platform& p) { return std::make_unique<outbox_module>(p); }

}  // namespace tanu::server
