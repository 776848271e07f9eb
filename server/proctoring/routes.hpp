#pragma once
// The proctoring routes: the candidate's ID photo, the proctoring events and
// their evidence, the recording, asking for a room scan, the pool's metrics;
// and the staff's live view (the live list, the staff WebSocket, the newest
// frame on demand), every viewing of which is written to the audit log.
#include <memory>

#include "server/accounts/auth.hpp"
#include "server/http/router.hpp"
#include "server/platform/module.hpp"
#include "server/proctoring/live_socket.hpp"
#include "server/proctoring/proctor_service.hpp"

namespace tanu::server {

class proctoring_routes : public module {
public:
    proctoring_routes(platform& p, proctor_service& proctor);
    void routes(router& r) override;
    void on_start() override;
    void on_stop() override;

private:
    response put_photo(const call& c);
    response session_events(const call& c);
    response session_recording(const call& c);
    response room_scan(const call& c);
    response live(const call& c);
    response session_frame(const call& c);
    response live_ticket(const call& c);
    std::shared_ptr<ws_handler> admit_live_ws(const call& c);
    // A viewing of staff: one audit line (live_view_opened, frame_viewed, recording_viewed).
    void log_view(std::int64_t user, const std::string& action, const std::string& object);
    // Evidence and recording images: staff only, checked against their stored SHA-256.
    response stored_image(const call& c, const char* table);

    const server_config& cfg_;
    db_writer& writer_;
    db_readers& readers_;
    proctor_service& proctor_;
    logger& log_;
    // One-time tickets for /ws/staff/live (the bearer token stays out of the
    // URL), as the exam's: all under one key, 0, so at most
    // ws_tickets::max_per_sitting outstanding for all staff (older ones dropped).
    ws_tickets tickets_;
    std::shared_ptr<live_feed> feed_;
};

}  // namespace tanu::server
