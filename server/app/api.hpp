#pragma once
#include <atomic>
#include <cstdint>
#include <string>

#include "exam/common/clock.hpp"
#include "exam/theory/disclosure.hpp"
#include "server/accounts/auth.hpp"
#include "server/platform/config.hpp"
#include "server/db/db_readers.hpp"
#include "server/db/db_writer.hpp"
#include "server/exam/exam_service.hpp"
#include "server/http/router.hpp"
#include "server/platform/logger.hpp"
#include "server/proctoring/proctor_service.hpp"
#include "server/exam/store.hpp"

namespace tanu::server {

// Who is opening which exam WebSocket.
struct exam_ws_grant {
    principal who;
    std::int64_t sitting = 0;
};

// The theory stage's and the accounts' routes (login, programmes, candidates,
// sittings, proctoring records). Handlers run on a request worker and may block
// on the database; the router (server/http/router.hpp) catches what they throw.
class api {
public:
    api(const server_config& cfg, db_writer& writer, db_readers& readers, exam_service& exams,
        proctor_service& proctor, const exam::clock& clock, logger& log);

    void routes(router& r);

    // The account of the request's bearer token (or `query_token`); throws
    // domain_error unauthorized.
    principal authenticate(const request& req, const std::string& query_token = "");

    // Checks an exam WebSocket upgrade (a one-time ?ticket= or the token, owner,
    // Origin); throws domain_error.
    exam_ws_grant authorize_exam_ws(const request& req, bool tls);

    // Deletes expired login tokens (one writer job, not waited for) and
    // forgets expired WebSocket tickets. Cheap to call from any thread; the
    // server calls it every auth.token_purge_s.
    void purge_expired_tokens();

private:
    response login(const call& c);
    response logout(const call& c);
    response me(const call& c);
    response create_programme(const call& c);
    response list_programmes(const call& c);
    response get_programme(const call& c);
    response import_questions(const call& c);
    response create_candidate(const call& c);
    response create_user(const call& c);
    response list_users(const call& c);
    response get_candidate(const call& c);
    response create_session(const call& c);
    response get_session(const call& c);
    response list_sessions(const call& c);

    response put_photo(const call& c);
    response session_events(const call& c);
    response session_recording(const call& c);
    response room_scan(const call& c);
    response ws_ticket(const call& c);
    response stored_image(const call& c, const char* table);

    // A sitting as `who` may see it (exam::may_see); weak topics only when asked (they cost a read per question).
    json session_json(db& d, const sitting_row& s, exam::reader who, bool with_topics = false);

    const server_config& cfg_;
    db_writer& writer_;
    db_readers& readers_;
    exam_service& exams_;
    proctor_service& proctor_;
    const exam::clock& clock_;
    logger& log_;
    login_throttle throttle_;
    ws_tickets tickets_;
    std::atomic<bool> purging_{false};
    std::string dummy_hash_;  // verified against when the login is unknown, to even out timing
};

}  // namespace tanu::server
