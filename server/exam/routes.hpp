#pragma once
// The theory stage's routes: candidates and their sittings (scheduling one, a
// sitting as each reader may see it), and the exam WebSocket (its admission;
// the socket itself is exam_socket.hpp).
#include <cstdint>

#include "exam/theory/disclosure.hpp"
#include "server/accounts/routes.hpp"
#include "server/exam/exam_service.hpp"
#include "server/exam/sitting_hub.hpp"
#include "server/exam/sitting_media.hpp"
#include "server/exam/store.hpp"
#include "server/http/router.hpp"
#include "server/platform/module.hpp"

namespace tanu::server {

class exam_routes : public module {
public:
    // `media` and `hub`: what the exam WebSocket (exam_socket.hpp) feeds and joins.
    exam_routes(platform& p, exam_service& exams, accounts_routes& accounts, sitting_media& media, sitting_hub& hub);
    void routes(router& r) override;

private:
    response create_candidate(const call& c);
    response get_candidate(const call& c);
    response create_session(const call& c);
    response get_session(const call& c);
    response list_sessions(const call& c);
    response ws_ticket(const call& c);
    // The device check's connection test: POST /api/check/upload counts a body
    // (at most check_upload_limit, else 413), GET /api/check/download?kb= sends
    // incompressible bytes (at most check_download_max_kb). Open to anyone.
    response check_upload(const call& c);
    response check_download(const call& c);
    static constexpr std::size_t check_upload_limit = 256 * 1024;
    static constexpr std::size_t check_download_max_kb = 512;
    // Admits an exam WebSocket upgrade (a one-time ?ticket= or the token, the
    // sitting's own candidate, Origin); throws domain_error.
    std::shared_ptr<ws_handler> admit_exam_ws(const call& c);

    // A sitting as `who` may see it (exam::may_see); weak topics only when asked (they cost a read per question).
    json session_json(db& d, const sitting_row& s, exam::reader who, bool with_topics = false);
    // The programme's terms as the exam card shows them (null when the programme is gone).
    json programme_info(db& d, const sitting_row& s);

    const server_config& cfg_;
    db_writer& writer_;
    db_readers& readers_;
    exam_service& exams_;
    accounts_routes& accounts_;
    sitting_media& media_;
    sitting_hub& hub_;
    logger& log_;
    const exam::clock& clock_;
};

}  // namespace tanu::server
