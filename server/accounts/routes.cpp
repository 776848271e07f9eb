#include "server/accounts/routes.hpp"

#include <algorithm>

#include "server/accounts/staff.hpp"
#include "server/accounts/store.hpp"
#include "server/audit/audit.hpp"
#include "server/http/error_status.hpp"
#include "server/platform/domain_error.hpp"

namespace tanu::server {

namespace {

json roles_json(role_set roles) {
    json out = json::array();
    for (auto r : roles.list()) out.push_back(std::string(role_name(r)));
    return out;
}

// A staff account's roles: "roles" (a list, the first is its main one) or
// "role" (one); each admin, commission, appeal, registrar or head, none twice.
std::vector<role> staff_roles(const json& body) {
    std::vector<role> out;
    auto take = [&](const json& v) {
        if (!v.is_string()) throw bad_request("roles are strings");
        auto r = parse_role(v.get<std::string>());
        if (!r || *r == role::candidate)
            throw unprocessable("a role is admin, commission, appeal, registrar or head (candidates: POST /api/candidates)");
        if (std::find(out.begin(), out.end(), *r) != out.end()) throw unprocessable("a role is given twice");
        out.push_back(*r);
    };
    if (body.is_object() && body.contains("roles")) {
        const auto& list = body.at("roles");
        if (!list.is_array() || list.empty() || list.size() > 5)
            throw unprocessable("roles is a list of one to five of admin, commission, appeal, registrar, head");
        for (const auto& v : list) take(v);
    } else {
        take(json(get_string(body, "role")));
    }
    return out;
}

}  // namespace

accounts_routes::accounts_routes(platform& p)
    : cfg_(p.cfg),
      writer_(p.writer),
      readers_(p.readers),
      clock_(p.clock),
      log_(p.log),
      throttle_({cfg_.auth.max_failures_per_login, cfg_.auth.max_failures_per_address,
                 static_cast<std::int64_t>(cfg_.auth.failure_window_s) * 1000,
                 static_cast<std::int64_t>(cfg_.auth.backoff_max_s) * 1000}),
      tickets_(static_cast<std::int64_t>(cfg_.auth.ws_ticket_s) * 1000),
      dummy_hash_(hash_password("tanu-dummy-password", cfg_.auth.argon2)) {}

void accounts_routes::routes(router& r) {
    const auto admin = access::only({role::admin});
    r.get("/api/health", access::open(), [](const call& c) { return json_response(c.req, http::status::ok, {{"status", "ok"}}); });
    r.post("/api/login", access::open(), member(this, &accounts_routes::login));
    r.post("/api/logout", access::signed_in(), member(this, &accounts_routes::logout));
    r.get("/api/me", access::signed_in(), member(this, &accounts_routes::me));
    r.post("/api/users", admin, member(this, &accounts_routes::create_user));
    // the registrar and the head read the staff accounts too (who sits on which commission)
    r.get("/api/users", access::only({role::admin, role::registrar, role::head}), member(this, &accounts_routes::list_users));
    r.put("/api/users/{id}", admin, member(this, &accounts_routes::change_user));
    r.get("/api/routes", admin, [&r](const call& c) {
        json out = json::array();
        for (const auto& l : r.list())
            out.push_back({{"method", std::string(http::to_string(l.method))}, {"path", l.pattern}, {"who", l.who},
                           {"body_limit", l.body_limit}});
        return json_response(c.req, http::status::ok, out);
    });
}

void accounts_routes::purge_expired_tokens() {
    const auto now = clock_.now_ms();
    tickets_.purge(now);
    if (purging_.exchange(true)) return;  // the last purge is still in the writer's queue
    writer_.post([now](db& d) { store::delete_expired_tokens(d, now); },
                 [this](std::exception_ptr e) {
                     purging_ = false;
                     if (!e) return;
                     try {
                         std::rethrow_exception(e);
                     } catch (const std::exception& ex) {
                         log_.error("auth", std::string("purging expired tokens failed: ") + ex.what());
                     }
                 });
}

principal accounts_routes::authenticate(const request& req, const std::string& query_token) {
    std::string token = query_token;
    auto auth = req[http::field::authorization];
    if (auth.size() > 7 && lower_ascii(std::string(auth.substr(0, 7))) == "bearer ") token = std::string(auth.substr(7));
    if (token.empty()) throw domain_error(error_kind::unauthorized, "unauthorized", "log in first: no bearer token");
    if (token.size() > 256) throw domain_error(error_kind::unauthorized, "unauthorized", "the token is not valid");
    auto r = readers_.acquire();
    auto who = store::find_token(*r, token_hash(token), clock_.now_ms());
    if (!who) throw domain_error(error_kind::unauthorized, "unauthorized", "the token is not valid or has expired");
    return *who;
}

response accounts_routes::login(const call& c) {
    const auto& req = c.req;
    const std::string& remote = c.client;
    auto body = body_json(req);
    auto login_name = get_string(body, "login");
    auto password = get_string(body, "password");
    if (login_name.size() > 128 || password.size() > 1024) throw domain_error(error_kind::unauthorized, "invalid_credentials", "wrong login or password");
    auto now = clock_.now_ms();
    const auto bucket = throttle_bucket(remote);
    const auto slot = throttle_.begin(login_name, bucket, now);
    if (!slot.admitted) {
        const auto secs = std::max<std::int64_t>(1, (slot.retry_after_ms + 999) / 1000);
        domain_error e(error_kind::too_many, "too_many_attempts",
                       "too many failed logins; try again in " + std::to_string(secs) + " s");
        e.retry_after_s = secs;
        throw e;
    }
    std::optional<user_row> user;
    {
        auto r = readers_.acquire();
        user = store::find_user(*r, login_name);
    }
    bool ok = user ? verify_password(user->password_hash, password) : (verify_password(dummy_hash_, password), false);
    if (!ok || user->disabled) {
        // the try keeps its place in the throttle: it is a failure
        log_.info("auth", "failed login for '" + login_name + "' from " + remote);
        throw domain_error(error_kind::unauthorized, "invalid_credentials", "wrong login or password");
    }
    throttle_.succeeded(login_name, bucket, slot);
    auto token = new_token();
    auto expires = now + static_cast<std::int64_t>(cfg_.auth.token_hours) * 3600 * 1000;
    auto hash = token_hash(token);
    std::int64_t uid = user->id;
    // Expired tokens are deleted by purge_expired_tokens on the server's timer, not here.
    writer_.call([&](db& d) { store::insert_token(d, hash, uid, now, expires); });
    json out = {{"token", token}, {"role", user->role}, {"expires_ms", expires}, {"user", user->id}};
    auto r = readers_.acquire();
    if (auto p = store::find_token(*r, hash, now)) {
        out["roles"] = roles_json(p->roles());
        if (p->candidate) out["candidate"] = *p->candidate;
    }
    return json_response(req, http::status::ok, out);
}

response accounts_routes::logout(const call& c) {
    const auto& req = c.req;
    auto auth = req[http::field::authorization];
    std::string token(auth.substr(7));
    writer_.call([&](db& d) { store::delete_token(d, token_hash(token)); });
    return no_content(req);
}

response accounts_routes::me(const call& c) {
    const auto& req = c.req;
    const auto& who = c.user();
    json out = {{"user", who.user}, {"login", who.login}, {"role", who.role}, {"roles", roles_json(who.roles())}};
    if (who.candidate) out["candidate"] = *who.candidate;
    return json_response(req, http::status::ok, out);
}

// Staff accounts: the exam and appeal commissions' members, administrators.
// Candidates are created with their personal data by POST /api/candidates.
response accounts_routes::create_user(const call& c) {
    const auto& req = c.req;
    const auto& who = c.user();
    auto body = body_json(req);
    auto login_name = get_string(body, "login");
    auto password = get_string(body, "password");
    const auto roles = staff_roles(body);
    const std::string role(role_name(roles.front()));
    if (auto problem = credentials_problem(login_name, password)) throw unprocessable(*problem);
    auto hash = hash_password(password, cfg_.auth.argon2);
    auto now = clock_.now_ms();
    std::string names;
    for (auto r : roles) names += (names.empty() ? "" : ", ") + std::string(role_name(r));
    auto id = writer_.call([&](db& d) {
        if (store::find_user(d, login_name)) throw domain_error(error_kind::conflict, "login_taken", "the login " + login_name + " is taken");
        auto uid = store::insert_user(d, login_name, role, hash, now);
        for (auto r : roles) store::grant_role(d, uid, r);
        audit::record(d, now, who.user, "user.create", "user " + std::to_string(uid), login_name + " (" + names + ")");
        return uid;
    });
    role_set held;
    for (auto r : roles) held.add(r);
    return json_response(req, http::status::created,
                         {{"id", id}, {"login", login_name}, {"role", role}, {"roles", roles_json(held)}});
}

response accounts_routes::list_users(const call& c) {
    const auto& req = c.req;
    auto r = readers_.acquire();
    json out = json::array();
    for (const auto& u : store::staff_users(*r))
        out.push_back({{"id", u.id}, {"login", u.login}, {"role", u.role}, {"roles", roles_json(u.roles)}, {"disabled", u.disabled}});
    return json_response(req, http::status::ok, out);
}

// An administrator changes a staff account's roles, or disables or enables it
// (accounts::change_staff says what is refused).
response accounts_routes::change_user(const call& c) {
    accounts::staff_change in;
    in.user = c.id();
    in.actor = c.user().user;
    auto body = body_json(c.req);
    if (!body.is_object()) throw bad_request("the body is {\"roles\": [...], \"disabled\": true|false}");
    if (body.contains("roles") || body.contains("role")) in.roles = staff_roles(body);
    if (body.contains("disabled")) {
        if (!body["disabled"].is_boolean()) throw unprocessable("disabled is true or false");
        in.disabled = body["disabled"].get<bool>();
    }
    const auto now = clock_.now_ms();
    auto u = writer_.call([&](db& d) { return accounts::change_staff(d, in, now); });
    return json_response(c.req, http::status::ok,
                         {{"id", u.id}, {"login", u.login}, {"role", u.role}, {"roles", roles_json(u.roles)}, {"disabled", u.disabled}});
}

}  // namespace tanu::server
