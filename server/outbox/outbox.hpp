#pragma once
// The outbox (seam 8): any domain queues a notice inside its own transaction
// (outbox::queue) and rings the platform's notice_bell; one delivery thread
// sends what is due through the mail
// transport, retrying with backoff. docs/architecture.md, "The seams".
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "exam/common/clock.hpp"
#include "server/db/db_readers.hpp"
#include "server/db/db_writer.hpp"
#include "server/platform/config.hpp"
#include "server/platform/logger.hpp"

namespace tanu::server {

class mail_transport;
class sms_transport;
struct notice_row;
class module;
struct platform;

namespace outbox {

// A notice to one candidate, its texts already in the candidate's language.
struct notice {
    std::int64_t candidate = 0;
    std::optional<std::int64_t> sitting;
    std::string kind;       // document_issued, not_passed, appeal_registered, appeal_decided, ...
    std::string recipient;  // the candidate's e-mail ('' fails at delivery: no address)
    std::string subject, body;
    std::string due;        // YYYY-MM-DD the law's deadline for it, '' when none
};

// Queues the notice, due at once; returns its id. Call it inside the
// transaction that makes the notice true, then ring the platform's
// notice_bell after the commit (the delivery wakes; else it looks every 2 s).
std::int64_t queue(db& d, const notice& n, std::int64_t now_ms);

// The delivery loop: a thread that every 2 s (or when woken) sends the due
// notices, oldest first, 50 a round.
class delivery {
public:
    // The transport from cfg.mail: SMTP, or a maildrop under data_dir/outbox/maildrop.
    delivery(const server_config& cfg, db_writer& writer, db_readers& readers, const exam::clock& clock, logger& log);
    ~delivery();
    delivery(const delivery&) = delete;
    delivery& operator=(const delivery&) = delete;

    void start();  // idempotent
    void stop();   // idempotent; waits for the thread
    void wake();
    // One round, on the caller's thread: delivered, or failed with a retry time
    // (30 s doubling up to mail.retry_max_s), or given up when permanent.
    void deliver_due();

private:
    void loop();

    const server_config& cfg_;
    db_writer& writer_;
    db_readers& readers_;
    const exam::clock& clock_;
    logger& log_;
    void accompany(const notice_row& n, std::int64_t now);  // queues its SMS, when one goes
    void export_due();  // the national platform's records (W8)

    std::unique_ptr<mail_transport> transport_;
    std::unique_ptr<sms_transport> sms_;  // null: no gateway configured
    std::mutex m_;
    std::condition_variable cv_;
    bool stopping_ = false;
    bool wake_ = false;
    std::thread thread_;
};

}  // namespace outbox

// The outbox's module: GET /api/notices, the delivery thread from on_start to on_stop.
std::unique_ptr<module> make_outbox_module(platform& p);

}  // namespace tanu::server
