#pragma once
// After the theory stage (seed 002 p.14-23): violation acts, the practical
// stage, the commission's protocol, recognition documents, notices through the
// outbox, appeals, and the working-day calendar they are all timed by. Routes
// under /api that api.cpp hands over; the rules themselves live in exam/.
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "exam/clock.hpp"
#include "server/config.hpp"
#include "server/db_readers.hpp"
#include "server/db_writer.hpp"
#include "server/http_util.hpp"
#include "server/logger.hpp"

namespace tanu::server {

class mail_transport;

class procedure_service {
public:
    procedure_service(const server_config& cfg, db_writer& writer, db_readers& readers, const exam::clock& clock,
                      logger& log);
    ~procedure_service();
    procedure_service(const procedure_service&) = delete;
    procedure_service& operator=(const procedure_service&) = delete;

    // The response when the route is one of this service's; nullopt otherwise.
    // `who` authenticates the request (throws api_error 401) when called.
    std::optional<response> route(const request& req, const std::vector<std::string>& parts, const std::string& query,
                                  const std::function<principal()>& who);

    void start();  // the outbox's delivery thread
    void stop();   // stops it (idempotent)
    void wake_outbox();
    // This server's own address (when listening), the verification link's base
    // when the config gives no centre.public_url.
    void set_own_url(const std::string& url);

private:
    response working_days(const request& req, const std::string& query);
    response get_calendar(const request& req, int year);
    response put_calendar(const request& req, const principal& p, int year);
    response session_acts(const request& req, const principal& p, std::int64_t sitting);
    response review_act(const request& req, const principal& p, std::int64_t act);
    response get_practical(const request& req, const principal& p, std::int64_t sitting);
    response post_practical(const request& req, const principal& p, std::int64_t sitting);
    response get_protocol(const request& req, const principal& p, std::int64_t sitting);
    response post_protocol(const request& req, const principal& p, std::int64_t sitting);
    response session_record(const request& req, const principal& p, std::int64_t sitting);
    response get_document(const request& req, const std::string& code, const std::string& query,
                          const std::function<principal()>& who);
    response document_file(const request& req, const principal& p, const std::string& code, bool pdf);
    response revoke_document(const request& req, const principal& p, const std::string& code);
    response post_appeal(const request& req, const principal& p);
    response list_appeals(const request& req, const principal& p);
    response get_appeal(const request& req, const principal& p, std::int64_t id);
    response decide_appeal(const request& req, const principal& p, std::int64_t id);
    response commission_queue(const request& req, const principal& p);
    response overdue_protocols(const request& req, const principal& p);
    response list_notices(const request& req, const principal& p, const std::string& query);
    response audit_verify(const request& req, const principal& p);

    // The public verification page's link for a document (what its QR code holds).
    std::string verify_url(const std::string& code, const std::string& check) const;
    void outbox_loop();
    void deliver_due();

    const server_config& cfg_;
    db_writer& writer_;
    db_readers& readers_;
    const exam::clock& clock_;
    logger& log_;
    std::unique_ptr<mail_transport> transport_;
    std::mutex m_;
    std::condition_variable cv_;
    bool stopping_ = false;
    bool wake_ = false;
    std::thread outbox_;
    mutable std::mutex url_m_;
    std::string own_url_;
};

}  // namespace tanu::server
