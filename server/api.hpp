#pragma once
#include <boost/beast/http.hpp>
#include <atomic>
#include <cstdint>
#include <string>

#include "exam/clock.hpp"
#include "exam/disclosure.hpp"
#include "server/auth.hpp"
#include "server/config.hpp"
#include "server/db_readers.hpp"
#include "server/db_writer.hpp"
#include "server/exam_service.hpp"
#include "server/logger.hpp"
#include "server/proctor_service.hpp"
#include "server/store.hpp"

namespace tanu::server {

class procedure_service;

namespace http = boost::beast::http;
using request = http::request<http::string_body>;
using response = http::response<http::string_body>;

// Who is opening which exam WebSocket.
struct exam_ws_grant {
    principal who;
    std::int64_t sitting = 0;
};

// The JSON API. handle() runs on a request worker (it may block on the
// database); it never throws: every refusal becomes `{"error", "message"}`.
class api {
public:
    api(const server_config& cfg, db_writer& writer, db_readers& readers, exam_service& exams,
        proctor_service& proctor, procedure_service& procedure, const exam::clock& clock, logger& log);

    response handle(const request& req, const std::string& remote);

    // Checks an exam WebSocket upgrade (a one-time ?ticket= or the token, owner,
    // Origin); throws api_error.
    exam_ws_grant authorize_exam_ws(const request& req, bool tls);

    // Deletes expired login tokens (one writer job, not waited for) and
    // forgets expired WebSocket tickets. Cheap to call from any thread; the
    // server calls it every auth.token_purge_s.
    void purge_expired_tokens();

    // The body limit for a request target, known from its header.
    std::size_t body_limit(const request& req) const;

    static response error_response(const request& req, int status, const std::string& code, const std::string& message);

private:
    response dispatch(const request& req, const std::string& remote);
    principal authenticate(const request& req, const std::string& query_token = "");
    std::string client_of(const request& req, const std::string& peer) const;

    response login(const request& req, const std::string& remote);
    response logout(const request& req);
    response me(const request& req);
    response create_programme(const request& req);
    response list_programmes(const request& req);
    response get_programme(const request& req, const std::string& code);
    response import_questions(const request& req, const std::string& code, const std::string& query);
    response create_candidate(const request& req);
    response create_user(const request& req);
    response list_users(const request& req);
    response get_candidate(const request& req, std::int64_t id);
    response create_session(const request& req);
    response get_session(const request& req, std::int64_t id);
    response list_sessions(const request& req, const std::string& query);

    response put_photo(const request& req, std::int64_t candidate);
    response session_events(const request& req, std::int64_t id);
    response session_recording(const request& req, std::int64_t id);
    response room_scan(const request& req, std::int64_t id);
    response ws_ticket(const request& req, std::int64_t id);
    response stored_image(const request& req, const char* table, std::int64_t id);

    // A sitting as `who` may see it (exam::may_see); weak topics only when asked (they cost a read per question).
    json session_json(db& d, const sitting_row& s, exam::reader who, bool with_topics = false);

    const server_config& cfg_;
    db_writer& writer_;
    db_readers& readers_;
    exam_service& exams_;
    proctor_service& proctor_;
    procedure_service& procedure_;
    const exam::clock& clock_;
    logger& log_;
    login_throttle throttle_;
    ws_tickets tickets_;
    std::atomic<bool> purging_{false};
    std::string dummy_hash_;  // verified against when the login is unknown, to even out timing
};

// Query string value by name (percent-decoded); empty when absent.
std::string query_param(const std::string& query, const std::string& name);

}  // namespace tanu::server
