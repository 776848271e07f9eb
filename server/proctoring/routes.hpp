#pragma once
// The proctoring routes: the candidate's ID photo, the proctoring events and
// their evidence, the recording, asking for a room scan, the pool's metrics.
#include "server/http/router.hpp"
#include "server/platform/module.hpp"
#include "server/proctoring/proctor_service.hpp"

namespace tanu::server {

class proctoring_routes : public module {
public:
    proctoring_routes(platform& p, proctor_service& proctor);
    void routes(router& r) override;

private:
    response put_photo(const call& c);
    response session_events(const call& c);
    response session_recording(const call& c);
    response room_scan(const call& c);
    response live(const call& c);
    // Evidence and recording images: staff only, checked against their stored SHA-256.
    response stored_image(const call& c, const char* table);

    const server_config& cfg_;
    db_readers& readers_;
    proctor_service& proctor_;
    logger& log_;
};

}  // namespace tanu::server
