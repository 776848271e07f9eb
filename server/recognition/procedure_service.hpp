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

#include "exam/common/clock.hpp"
#include "server/platform/config.hpp"
#include "server/db/db_readers.hpp"
#include "server/db/db_writer.hpp"
#include "server/http/router.hpp"
#include "server/platform/logger.hpp"

namespace tanu::server {

class mail_transport;

class procedure_service {
public:
    procedure_service(const server_config& cfg, db_writer& writer, db_readers& readers, const exam::clock& clock,
                      logger& log);
    ~procedure_service();
    procedure_service(const procedure_service&) = delete;
    procedure_service& operator=(const procedure_service&) = delete;

    void routes(router& r);

    void start();  // the outbox's delivery thread
    void stop();   // stops it (idempotent)
    void wake_outbox();
    // This server's own address (when listening), the verification link's base
    // when the config gives no centre.public_url.
    void set_own_url(const std::string& url);

private:
    response working_days(const call& c);
    response get_calendar(const call& c);
    response put_calendar(const call& c);
    response session_acts(const call& c);
    response review_act(const call& c);
    response get_practical(const call& c);
    response post_practical(const call& c);
    response get_protocol(const call& c);
    response post_protocol(const call& c);
    response session_record(const call& c);
    response get_document(const call& c);
    response document_file(const call& c, bool pdf);
    response revoke_document(const call& c);
    response post_appeal(const call& c);
    response list_appeals(const call& c);
    response get_appeal(const call& c);
    response decide_appeal(const call& c);
    response commission_queue(const call& c);
    response overdue_protocols(const call& c);
    response list_notices(const call& c);
    response audit_verify(const call& c);

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
