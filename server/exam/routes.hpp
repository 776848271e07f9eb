#pragma once
// The theory stage's routes: candidates and their sittings (scheduling one, a
// sitting as each reader may see it), and the exam WebSocket's admission.
#include <cstdint>

#include "exam/theory/disclosure.hpp"
#include "server/accounts/routes.hpp"
#include "server/exam/exam_service.hpp"
#include "server/exam/store.hpp"
#include "server/http/router.hpp"
#include "server/platform/module.hpp"

namespace tanu::server {

// Who is opening which exam WebSocket.
struct exam_ws_grant {
    principal who;
    std::int64_t sitting = 0;
};

class exam_routes : public module {
public:
    exam_routes(platform& p, exam_service& exams, accounts_routes& accounts);
    void routes(router& r) override;

    // Checks an exam WebSocket upgrade (a one-time ?ticket= or the token, owner,
    // Origin); throws domain_error.
    exam_ws_grant authorize_exam_ws(const request& req, bool tls);

private:
    response create_candidate(const call& c);
    response get_candidate(const call& c);
    response create_session(const call& c);
    response get_session(const call& c);
    response list_sessions(const call& c);
    response ws_ticket(const call& c);

    // A sitting as `who` may see it (exam::may_see); weak topics only when asked (they cost a read per question).
    json session_json(db& d, const sitting_row& s, exam::reader who, bool with_topics = false);

    const server_config& cfg_;
    db_writer& writer_;
    db_readers& readers_;
    exam_service& exams_;
    accounts_routes& accounts_;
    const exam::clock& clock_;
};

}  // namespace tanu::server
