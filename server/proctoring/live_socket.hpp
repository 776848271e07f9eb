#pragma once
// The staff's live view of the sittings in progress (issue 10, "Live
// proctoring for staff"): the live list both GET /api/proctoring/live and the
// staff WebSocket send, and the feed behind /ws/staff/live.
//
// The feed is one timer on the workers, whoever watches: every second it reads
// the events written since its cursor (at most max_batch a tick; a backlog is
// caught up over the next ticks) and sends each to every viewer as
// {"type":"event", ...}; after a tick with events, and every live_every_ms
// anyway, it sends the live list as {"type":"live","sittings":[...]} (coalesced:
// one per tick at most). A viewer starts at the newest event
// ({"type":"hello","last_id"}); what came before is in GET /api/sessions/{id}/events.
// A viewer that does not read is disconnected by the session's bounded queue.
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include "server/db/db_readers.hpp"
#include "server/http/ws.hpp"
#include "server/platform/json_map.hpp"
#include "server/platform/logger.hpp"
#include "server/proctoring/proctor_service.hpp"

namespace tanu::server {

// The sittings in progress with their state, the most strikes first:
// {"now_ms", "sittings": [{session, candidate, full_name, programme, lang,
// started_ms, remaining_ms, connections, strikes, identity, room_scan, last_event}]}.
json live_list(db& d, const proctor_service& proctor);

class live_viewer;

class live_feed : public std::enable_shared_from_this<live_feed> {
public:
    static constexpr int max_batch = 200;              // events read and sent per tick
    static constexpr std::size_t max_viewers = 64;     // open staff sockets, all staff together
    static constexpr std::int64_t tick_ms = 1000;
    static constexpr std::int64_t live_every_ms = 5000;

    live_feed(db_readers& readers, proctor_service& proctor, boost::asio::any_io_executor workers, logger& log);

    void start();
    // Cancels the timer and closes every viewer (going away).
    void stop();

    // A viewer's handler (admission, on a worker); nullptr when max_viewers are open.
    std::shared_ptr<ws_handler> make_viewer(std::int64_t user);
    std::size_t viewers() const;

private:
    friend class live_viewer;
    void arm();
    void tick();
    // Under mutex_: the viewer is added and told where it starts.
    void join(const std::shared_ptr<live_viewer>& v);
    void leave(const live_viewer* v);

    db_readers& readers_;
    proctor_service& proctor_;
    logger& log_;
    boost::asio::steady_timer timer_;
    mutable std::mutex mutex_;
    std::vector<std::weak_ptr<live_viewer>> viewers_;
    std::atomic<std::size_t> admitted_{0};  // made and not yet destroyed (admission's bound); no lock: a viewer may die under mutex_
    std::int64_t cursor_ = -1;   // the newest event sent (or skipped while nobody watched); -1 before the first read
    std::int64_t last_live_ms_ = 0;
    bool want_live_ = false;     // a viewer joined: send the list at the next tick
    bool stopped_ = false;
};

}  // namespace tanu::server
