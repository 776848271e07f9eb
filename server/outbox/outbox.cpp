#include "server/outbox/outbox.hpp"

#include <algorithm>
#include <chrono>
#include <vector>

#include "server/outbox/http_json.hpp"
#include "server/outbox/mail_transport.hpp"
#include "server/outbox/platform.hpp"
#include "server/outbox/sms_transport.hpp"
#include "server/outbox/store.hpp"
#include "server/people/store.hpp"

namespace tanu::server::outbox {

std::int64_t queue(db& d, const notice& n, std::int64_t now_ms) {
    notice_row r;
    r.candidate = n.candidate;
    r.sitting = n.sitting;
    r.kind = n.kind;
    r.recipient = n.recipient;
    r.subject = n.subject;
    r.body = n.body;
    r.created_ms = now_ms;
    r.due = n.due;
    r.next_try_ms = now_ms;
    return store::insert_notice(d, r);
}

delivery::delivery(const server_config& cfg, db_writer& writer, db_readers& readers, const exam::clock& clock,
                   logger& log)
    : cfg_(cfg), writer_(writer), readers_(readers), clock_(clock), log_(log) {
    if (cfg.mail.transport == "smtp") {
        smtp_settings s;
        s.url = cfg.mail.smtp_url;
        s.starttls = cfg.mail.smtp_starttls;
        s.username = cfg.mail.smtp_username;
        s.password = cfg.mail.smtp_password;
        transport_ = std::make_unique<smtp_transport>(s);
    } else {
        transport_ = std::make_unique<maildrop_transport>(cfg.data_dir / "outbox" / "maildrop");
    }
    if (cfg.sms.enabled()) {
        sms_settings s;
        s.url = cfg.sms.gateway_url;
        s.token = cfg.sms.token;
        s.sender = cfg.sms.sender;
        s.timeout_s = cfg.sms.timeout_s;
        sms_ = std::make_unique<http_sms_transport>(s);
    }
}

// X14, W9: every e-mail notice is followed by an SMS to the candidate's mobile
// (when the centre has a gateway and the candidate a mobile number), also when
// he has no e-mail address: its subject and where to read the whole notice.
void delivery::accompany(const notice_row& n, std::int64_t now) {
    if (!sms_ || n.channel != "email") return;
    writer_.call([&](db& d) {
        auto c = store::find_candidate(d, n.candidate);
        if (!c) return;
        const auto phone = normalise_mobile(c->phone);
        if (phone.empty()) return;
        std::string text = n.subject;
        if (!cfg_.centre.public_url.empty()) text += ". " + cfg_.centre.public_url + "/";
        store::insert_sms_companion(d, n, phone, text, now);
    });
}

delivery::~delivery() { stop(); }

void delivery::start() {
    {
        std::lock_guard lock(m_);
        if (thread_.joinable()) return;
        stopping_ = false;
        thread_ = std::thread([this] { loop(); });
    }
}

void delivery::stop() {
    {
        std::lock_guard lock(m_);
        stopping_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void delivery::wake() {
    {
        std::lock_guard lock(m_);
        wake_ = true;
    }
    cv_.notify_all();
}

void delivery::loop() {
    for (;;) {
        {
            std::unique_lock lock(m_);
            cv_.wait_for(lock, std::chrono::seconds(2), [&] { return stopping_ || wake_; });
            if (stopping_) return;
            wake_ = false;
        }
        try {
            deliver_due();
        } catch (const std::exception& e) {
            log_.error("outbox", std::string("delivery round failed: ") + e.what());
        }
    }
}

// W8: each signed document's record to the national platform; its answer kept.
// Nothing is sent while no platform is configured: the records wait.
void delivery::export_due() {
    if (!cfg_.nqs.enabled()) return;
    std::vector<platform_export_row> due;
    {
        auto r = readers_.acquire();
        due = store::due_exports(*r, clock_.now_ms(), 20);
    }
    const http_endpoint to{cfg_.nqs.url, cfg_.nqs.token, cfg_.nqs.timeout_s, ""};
    for (const auto& e : due) {
        {
            std::lock_guard lock(m_);
            if (stopping_) return;
        }
        const auto now = clock_.now_ms();
        const std::int64_t backoff =
            std::min<std::int64_t>(30'000LL << std::min(e.attempts, 16), cfg_.mail.retry_max_s * 1000LL);
        try {
            const auto a = post_json(to, e.payload, "platform");
            if (a.status >= 200 && a.status <= 299) {
                auto j = json::parse(a.body, nullptr, false);
                std::string id;
                if (j.is_object() && j.contains("id"))
                    id = j["id"].is_string() ? j["id"].get<std::string>() : j["id"].dump();
                writer_.call([&](db& d) { store::export_sent(d, e.id, clock_.now_ms(), id, a.body); });
                log_.info("outbox", "document " + e.document + " sent to the platform" + (id.empty() ? "" : ", its id " + id));
            } else {
                const bool permanent = permanent_refusal(a.status);
                const auto what = "the platform answered HTTP " + std::to_string(a.status);
                writer_.call([&](db& d) { store::export_failed(d, e.id, what, permanent, now + backoff, a.body); });
                log_.warn("outbox", "document " + e.document + ": " + what + (permanent ? " (given up)" : " (will retry)"));
            }
        } catch (const mail_error& err) {
            writer_.call([&](db& d) { store::export_failed(d, e.id, err.what(), false, now + backoff, ""); });
            log_.warn("outbox", "document " + e.document + ": " + err.what() + " (will retry)");
        }
    }
}

void delivery::deliver_due() {
    export_due();
    std::vector<notice_row> due;
    {
        auto r = readers_.acquire();
        due = store::due_notices(*r, clock_.now_ms(), 50);
    }
    for (const auto& n : due) {
        {
            std::lock_guard lock(m_);
            if (stopping_) return;
        }
        const auto now = clock_.now_ms();
        if (n.channel == "sms") {
            if (!sms_) {
                writer_.call([&](db& d) { store::notice_failed(d, n.id, "no SMS gateway is configured", true, now); });
                continue;
            }
            try {
                const auto id = sms_->send({n.recipient, n.body, "notice-" + std::to_string(n.id)});
                writer_.call([&](db& d) { store::notice_delivered(d, n.id, clock_.now_ms(), id); });
                log_.info("outbox", "notice " + std::to_string(n.id) + " (" + n.kind + ") sent by SMS, gateway id " + id);
            } catch (const mail_error& e) {
                const std::int64_t backoff =
                    std::min<std::int64_t>(30'000LL << std::min(n.attempts, 16), cfg_.mail.retry_max_s * 1000LL);
                writer_.call([&](db& d) { store::notice_failed(d, n.id, e.what(), e.permanent, now + backoff); });
                log_.warn("outbox", "notice " + std::to_string(n.id) + ": " + e.what() +
                                        (e.permanent ? " (given up)" : " (will retry)"));
            }
            continue;
        }
        accompany(n, now);
        if (n.recipient.empty()) {
            writer_.call([&](db& d) { store::notice_failed(d, n.id, "the candidate has no e-mail address", true, now); });
            continue;
        }
        mail_message m;
        m.from = cfg_.mail.from;
        m.to = n.recipient;
        m.subject = n.subject;
        m.body = n.body;
        m.message_id = "notice-" + std::to_string(n.id) + "@tanu.local";
        m.date_ms = n.created_ms;
        try {
            transport_->send(m);
            writer_.call([&](db& d) { store::notice_delivered(d, n.id, clock_.now_ms()); });
            log_.info("outbox", "notice " + std::to_string(n.id) + " (" + n.kind + ") delivered by " + transport_->name());
        } catch (const mail_error& e) {
            const std::int64_t backoff =
                std::min<std::int64_t>(30'000LL << std::min(n.attempts, 16), cfg_.mail.retry_max_s * 1000LL);
            writer_.call([&](db& d) { store::notice_failed(d, n.id, e.what(), e.permanent, now + backoff); });
            log_.warn("outbox", "notice " + std::to_string(n.id) + ": " + e.what() +
                                    (e.permanent ? " (given up)" : " (will retry)"));
        } catch (const std::exception& e) {
            writer_.call([&](db& d) { store::notice_failed(d, n.id, e.what(), false, now + 60'000); });
            log_.warn("outbox", "notice " + std::to_string(n.id) + ": " + e.what() + " (will retry)");
        }
    }
}

}  // namespace tanu::server::outbox
