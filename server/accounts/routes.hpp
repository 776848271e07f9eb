#pragma once
// The accounts' routes: login and logout, the caller, staff accounts, and the
// route table itself; and what other domains ask of accounts: who a bearer
// token is, and the one-time WebSocket tickets.
#include <atomic>
#include <memory>
#include <string>

#include "server/accounts/auth.hpp"
#include "server/accounts/principal.hpp"
#include "server/http/router.hpp"
#include "server/platform/module.hpp"

namespace tanu::server {

class accounts_routes : public module {
public:
    explicit accounts_routes(platform& p);
    void routes(router& r) override;

    // The account of the request's bearer token (or `query_token`); throws
    // domain_error unauthorized.
    principal authenticate(const request& req, const std::string& query_token = "");
    // Deletes expired login tokens (one writer job, not waited for) and
    // forgets expired WebSocket tickets. Cheap to call from any thread; the
    // server calls it every auth.token_purge_s.
    void purge_expired_tokens();
    ws_tickets& tickets() { return tickets_; }

private:
    response login(const call& c);
    response logout(const call& c);
    response me(const call& c);
    response create_user(const call& c);
    response list_users(const call& c);
    response change_user(const call& c);

    const server_config& cfg_;
    db_writer& writer_;
    db_readers& readers_;
    const exam::clock& clock_;
    logger& log_;
    login_throttle throttle_;
    ws_tickets tickets_;
    std::atomic<bool> purging_{false};
    std::string dummy_hash_;  // verified against when the login is unknown, to even out timing
};

}  // namespace tanu::server
