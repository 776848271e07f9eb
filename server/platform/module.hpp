#pragma once
// The seam every domain implements (docs/architecture.md, "Adding a domain"):
// it is made from the platform, adds its routes, and starts and stops its own
// threads. The one list of domains is server/app/modules.cpp.
#include <boost/asio/thread_pool.hpp>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "exam/common/clock.hpp"
#include "server/db/db_readers.hpp"
#include "server/db/db_writer.hpp"
#include "server/platform/config.hpp"
#include "server/platform/logger.hpp"

namespace tanu::server {

class router;

// Rung after a commit that queued notices (outbox::queue in a domain's
// transaction): the outbox's module answers it by waking its delivery; with no
// outbox running, ringing does nothing.
class notice_bell {
public:
    void ring() const {
        std::lock_guard lock(m_);
        if (answer_) answer_();
    }
    void answer(std::function<void()> f) {
        std::lock_guard lock(m_);
        answer_ = std::move(f);
    }

private:
    mutable std::mutex m_;
    std::function<void()> answer_;
};

// What the composition root builds once and every module may use.
struct platform {
    const server_config& cfg;
    db_writer& writer;
    db_readers& readers;
    const exam::clock& clock;
    logger& log;
    boost::asio::thread_pool& workers;  // blocking work: database, files
    notice_bell& notices;
    std::string own_url;  // this server's address once listening (set before on_start)
};

class module {
public:
    virtual ~module() = default;
    virtual void routes(router& r) = 0;
    virtual void on_start() {}  // after the listener is bound, before the first request
    virtual void on_stop() {}   // after the last request; in reverse order of the list
};

}  // namespace tanu::server
