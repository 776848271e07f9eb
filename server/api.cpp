#include "server/api.hpp"

#include <boost/beast/websocket.hpp>
#include <fstream>

#include "exam/attempts.hpp"
#include "exam/disclosure.hpp"
#include "exam/iin.hpp"
#include "exam/programme.hpp"
#include "server/api_error.hpp"
#include "server/audit.hpp"
#include "server/http_util.hpp"
#include "server/procedure_service.hpp"
#include "server/question_import.hpp"
#include "server/store_procedure.hpp"

namespace tanu::server {

namespace {

int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string percent_decode(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() + 0 && i + 2 <= s.size() - 1 + 0 && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
            out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
            i += 2;
        } else if (s[i] == '+') {
            out += ' ';
        } else {
            out += s[i];
        }
    }
    return out;
}

std::vector<std::string> split_path(std::string_view path) {
    std::vector<std::string> parts;
    std::size_t i = 0;
    while (i < path.size()) {
        while (i < path.size() && path[i] == '/') ++i;
        std::size_t j = path.find('/', i);
        if (j == std::string_view::npos) j = path.size();
        if (j > i) parts.push_back(percent_decode(path.substr(i, j - i)));
        i = j;
    }
    return parts;
}

// Active questions per language the programme offers (0 for an empty bank).
json bank_json(db& d, const exam::programme& p) {
    auto counts = store::bank_counts(d, p.code);
    json out = json::object();
    for (const auto& lang : p.languages) out[lang] = counts.count(lang) ? counts[lang] : 0;
    return out;
}

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// Who reads the sittings of `candidate` (exam/disclosure.hpp): the centre's
// administrators and exam commission, or that candidate; 403 for anyone else.
exam::reader sitting_reader(const principal& who, std::int64_t candidate) {
    if (who.role == "admin" || who.role == "commission") return exam::reader::staff;
    if (who.role == "candidate" && who.candidate && *who.candidate == candidate) return exam::reader::candidate;
    throw forbidden();
}

}  // namespace

std::string query_param(const std::string& query, const std::string& name) {
    std::size_t i = 0;
    while (i <= query.size()) {
        std::size_t amp = query.find('&', i);
        if (amp == std::string::npos) amp = query.size();
        std::string_view pair(query.data() + i, amp - i);
        auto eq = pair.find('=');
        if (percent_decode(pair.substr(0, eq)) == name)
            return eq == std::string_view::npos ? std::string() : percent_decode(pair.substr(eq + 1));
        i = amp + 1;
    }
    return {};
}

api::api(const server_config& cfg, db_writer& writer, db_readers& readers, exam_service& exams,
         proctor_service& proctor, procedure_service& procedure, const exam::clock& clock, logger& log)
    : cfg_(cfg),
      writer_(writer),
      readers_(readers),
      exams_(exams),
      proctor_(proctor),
      procedure_(procedure),
      clock_(clock),
      log_(log),
      throttle_({cfg.auth.max_failures_per_login, cfg.auth.max_failures_per_address,
                 static_cast<std::int64_t>(cfg.auth.failure_window_s) * 1000,
                 static_cast<std::int64_t>(cfg.auth.backoff_max_s) * 1000}),
      tickets_(static_cast<std::int64_t>(cfg.auth.ws_ticket_s) * 1000),
      dummy_hash_(hash_password("tanu-dummy-password", cfg.auth.argon2)) {}

response api::error_response(const request& req, int status, const std::string& code, const std::string& message) {
    return json_response(req, static_cast<http::status>(status), {{"error", code}, {"message", message}});
}

std::size_t api::body_limit(const request& req) const {
    auto target = std::string_view(req.target());
    if (req.method() == http::verb::post && target.starts_with("/api/programmes/") &&
        target.find("/questions") != std::string_view::npos)
        return cfg_.http.import_body_limit;
    if (req.method() == http::verb::put && target.starts_with("/api/candidates/") && target.ends_with("/photo"))
        return cfg_.proctoring.max_photo_bytes;
    return cfg_.http.body_limit;
}

response api::handle(const request& req, const std::string& remote) {
    try {
        return dispatch(req, client_of(req, remote));
    } catch (const api_error& e) {
        return error_response(req, e.status_, e.code_, e.what());
    } catch (const import_error& e) {
        return error_response(req, e.status, e.code, e.what());
    } catch (const std::exception& e) {
        log_.error("http", std::string(req.method_string()) + " " + std::string(req.target()) + ": " + e.what());
        return error_response(req, 500, "internal", "internal error; it has been logged");
    }
}

// The client's address: X-Forwarded-For counts only from a configured proxy.
std::string api::client_of(const request& req, const std::string& peer) const {
    if (cfg_.auth.trusted_proxies.empty()) return peer;
    std::string forwarded;  // every X-Forwarded-For header, in order, as one list
    for (auto [it, end] = req.equal_range("X-Forwarded-For"); it != end; ++it) {
        if (!forwarded.empty()) forwarded += ',';
        forwarded += std::string(it->value());
    }
    return client_address(peer, forwarded, cfg_.auth.trusted_proxies);
}

void api::purge_expired_tokens() {
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

principal api::authenticate(const request& req, const std::string& query_token) {
    std::string token = query_token;
    auto auth = req[http::field::authorization];
    if (auth.size() > 7 && lower(std::string(auth.substr(0, 7))) == "bearer ") token = std::string(auth.substr(7));
    if (token.empty()) throw api_error(401, "unauthorized", "log in first: no bearer token");
    if (token.size() > 256) throw api_error(401, "unauthorized", "the token is not valid");
    auto r = readers_.acquire();
    auto who = store::find_token(*r, token_hash(token), clock_.now_ms());
    if (!who) throw api_error(401, "unauthorized", "the token is not valid or has expired");
    return *who;
}

response api::dispatch(const request& req, const std::string& remote) {
    std::string_view target(req.target());
    std::string path(target.substr(0, target.find('?')));
    std::string query = target.find('?') == std::string_view::npos ? "" : std::string(target.substr(target.find('?') + 1));
    auto parts = split_path(path);
    auto method = req.method();
    using v = http::verb;
    auto allow = [&](v m) { require_method(req, m); };
    if (parts.size() < 2 || parts[0] != "api") throw not_found("no such route");
    const std::string& root = parts[1];
    if (root == "health" && parts.size() == 2) {
        allow(v::get);
        return json_response(req, http::status::ok, {{"status", "ok"}});
    }
    if (root == "login" && parts.size() == 2) {
        allow(v::post);
        return login(req, remote);
    }
    if (root == "logout" && parts.size() == 2) {
        allow(v::post);
        return logout(req);
    }
    if (root == "me" && parts.size() == 2) {
        allow(v::get);
        return me(req);
    }
    if (root == "programmes") {
        if (parts.size() == 2) {
            if (method == v::post) return create_programme(req);
            allow(v::get);
            return list_programmes(req);
        }
        if (parts.size() == 3) {
            allow(v::get);
            return get_programme(req, parts[2]);
        }
        if (parts.size() == 4 && parts[3] == "questions") {
            allow(v::post);
            return import_questions(req, parts[2], query);
        }
    }
    if (root == "candidates") {
        if (parts.size() == 2) {
            allow(v::post);
            return create_candidate(req);
        }
        if (parts.size() == 3) {
            allow(v::get);
            return get_candidate(req, parse_id(parts[2]));
        }
        if (parts.size() == 4 && parts[3] == "photo") {
            allow(v::put);
            return put_photo(req, parse_id(parts[2]));
        }
    }
    if (root == "users" && parts.size() == 2) {
        if (method == v::post) return create_user(req);
        allow(v::get);
        return list_users(req);
    }
    if (root == "metrics" && parts.size() == 2) {
        allow(v::get);
        require_role(authenticate(req), {"admin"});
        json m = {{"proctoring", proctor_.stats(query_param(query, "reset") == "1")}};
        return json_response(req, http::status::ok, m);
    }
    if (root == "evidence" && parts.size() == 3) {
        allow(v::get);
        return stored_image(req, "events", parse_id(parts[2]));
    }
    if (root == "recording" && parts.size() == 3) {
        allow(v::get);
        return stored_image(req, "recording", parse_id(parts[2]));
    }
    if (root == "sessions") {
        if (parts.size() == 2) {
            if (method == v::post) return create_session(req);
            allow(v::get);
            return list_sessions(req, query);
        }
        if (parts.size() == 3) {
            allow(v::get);
            return get_session(req, parse_id(parts[2]));
        }
        if (parts.size() == 4 && parts[3] == "events") {
            allow(v::get);
            return session_events(req, parse_id(parts[2]));
        }
        if (parts.size() == 4 && parts[3] == "recording") {
            allow(v::get);
            return session_recording(req, parse_id(parts[2]));
        }
        if (parts.size() == 4 && parts[3] == "room-scan") {
            allow(v::post);
            return room_scan(req, parse_id(parts[2]));
        }
        if (parts.size() == 4 && parts[3] == "ws-ticket") {
            allow(v::post);
            return ws_ticket(req, parse_id(parts[2]));
        }
    }
    if (auto r = procedure_.route(req, parts, query, [&] { return authenticate(req); })) return std::move(*r);
    throw not_found("no such route");
}

response api::login(const request& req, const std::string& remote) {
    auto body = body_json(req);
    auto login_name = get_string(body, "login");
    auto password = get_string(body, "password");
    if (login_name.size() > 128 || password.size() > 1024) throw api_error(401, "invalid_credentials", "wrong login or password");
    auto now = clock_.now_ms();
    const auto bucket = throttle_bucket(remote);
    const auto slot = throttle_.begin(login_name, bucket, now);
    if (!slot.admitted) {
        const auto secs = std::max<std::int64_t>(1, (slot.retry_after_ms + 999) / 1000);
        auto res = json_response(req, http::status::too_many_requests,
                                 {{"error", "too_many_attempts"},
                                  {"message", "too many failed logins; try again in " + std::to_string(secs) + " s"},
                                  {"retry_after_s", secs}});
        res.set(http::field::retry_after, std::to_string(secs));
        return res;
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
        throw api_error(401, "invalid_credentials", "wrong login or password");
    }
    throttle_.succeeded(login_name, bucket, slot);
    auto token = new_token();
    auto expires = now + static_cast<std::int64_t>(cfg_.auth.token_hours) * 3600 * 1000;
    auto hash = token_hash(token);
    std::int64_t uid = user->id;
    // Expired tokens are deleted by purge_expired_tokens on the server's timer, not here.
    writer_.call([&](db& d) { store::insert_token(d, hash, uid, now, expires); });
    json out = {{"token", token}, {"role", user->role}, {"expires_ms", expires}, {"user", user->id}};
    if (user->role == "candidate") {
        auto r = readers_.acquire();
        auto p = store::find_token(*r, hash, now);
        if (p && p->candidate) out["candidate"] = *p->candidate;
    }
    return json_response(req, http::status::ok, out);
}

response api::logout(const request& req) {
    authenticate(req);
    auto auth = req[http::field::authorization];
    std::string token(auth.substr(7));
    writer_.call([&](db& d) { store::delete_token(d, token_hash(token)); });
    return no_content(req);
}

response api::me(const request& req) {
    auto who = authenticate(req);
    json out = {{"user", who.user}, {"login", who.login}, {"role", who.role}};
    if (who.candidate) out["candidate"] = *who.candidate;
    return json_response(req, http::status::ok, out);
}

response api::create_programme(const request& req) {
    auto who = authenticate(req);
    require_role(who, {"admin"});
    auto p = programme_from_json(body_json(req));
    if (auto problem = exam::validate(p)) throw unprocessable(*problem);
    json stored = to_json(p);
    bool created = writer_.call([&](db& d) {
        const auto now = clock_.now_ms();
        if (!store::insert_programme(d, p, stored.dump(), now)) return false;
        audit::record(d, now, who.user, "programme.create", "programme " + p.code);
        return true;
    });
    if (!created) throw api_error(409, "programme_exists", "a programme with code " + p.code + " exists");
    stored["bank"] = json::object();
    for (const auto& lang : p.languages) stored["bank"][lang] = 0;
    return json_response(req, http::status::created, stored);
}

response api::list_programmes(const request& req) {
    auto who = authenticate(req);
    if (!who.staff()) throw forbidden();
    auto r = readers_.acquire();
    json out = json::array();
    for (const auto& p : store::list_programmes(*r)) {
        json j = to_json(p);
        j["bank"] = bank_json(*r, p);
        out.push_back(std::move(j));
    }
    return json_response(req, http::status::ok, out);
}

response api::get_programme(const request& req, const std::string& code) {
    auto who = authenticate(req);
    if (!who.staff()) throw forbidden();
    auto r = readers_.acquire();
    auto p = store::find_programme(*r, code);
    if (!p) throw not_found("no programme " + code);
    json j = to_json(*p);
    j["bank"] = bank_json(*r, *p);
    return json_response(req, http::status::ok, j);
}

response api::import_questions(const request& req, const std::string& code, const std::string& query) {
    auto who = authenticate(req);
    require_role(who, {"admin"});
    std::optional<exam::programme> p;
    {
        auto r = readers_.acquire();
        p = store::find_programme(*r, code);
    }
    if (!p) throw not_found("no programme " + code);
    std::string type = lower(std::string(req[http::field::content_type]));
    type = type.substr(0, type.find(';'));
    while (!type.empty() && type.back() == ' ') type.pop_back();
    import_batch batch;
    if (type == "application/json") {
        batch = import_json(parse_json(req.body()), *p);
    } else if (type == "application/xml" || type == "text/xml") {
        auto lang = query_param(query, "lang");
        if (lang.empty()) throw unprocessable("a Moodle XML import needs ?lang=kk or ?lang=ru");
        batch = import_moodle_xml(req.body(), lang, *p);
    } else {
        throw api_error(415, "unsupported_media_type", "send application/json or application/xml");
    }
    auto now = clock_.now_ms();
    writer_.call([&](db& d) {
        for (const auto& q : batch.accepted) store::upsert_question(d, code, q, now);
        audit::record(d, now, who.user, "questions.import", "programme " + code,
                      std::to_string(batch.accepted.size()) + " imported, " + std::to_string(batch.rejected.size()) +
                          " rejected");
        exams_.bank_changed(code);
    });
    json rejected = json::array();
    for (const auto& r : batch.rejected) rejected.push_back({{"index", r.index}, {"id", r.id}, {"reason", r.reason}});
    log_.info("bank", code + ": imported " + std::to_string(batch.accepted.size()) + ", rejected " +
                          std::to_string(batch.rejected.size()));
    return json_response(req, http::status::ok, {{"imported", batch.accepted.size()}, {"rejected", rejected}});
}

response api::create_candidate(const request& req) {
    auto who = authenticate(req);
    require_role(who, {"admin"});
    auto body = body_json(req);
    candidate_row c;
    c.iin = get_string(body, "iin");
    c.full_name = get_string(body, "full_name");
    c.birth_date = get_string(body, "birth_date");
    c.email = get_string_or(body, "email", "");
    c.phone = get_string_or(body, "phone", "");
    auto login_name = get_string(body, "login");
    auto password = get_string(body, "password");
    if (!exam::iin_valid(c.iin))
        throw api_error(422, "invalid_iin", "the IIN must be 12 digits with a valid date and check digit");
    auto birth = exam::parse_iso_date(c.birth_date);
    if (!birth) throw unprocessable("birth_date must be a real date YYYY-MM-DD");
    if (auto from_iin = exam::iin_birth_date(c.iin); from_iin && *from_iin != *birth)
        throw api_error(422, "birth_date_mismatch", "the birth date does not match the IIN (" + exam::to_iso(*from_iin) + ")");
    auto trimmed = c.full_name.find_first_not_of(" \t");
    if (trimmed == std::string::npos || c.full_name.size() > 300) throw unprocessable("full_name must be 1 to 300 characters");
    if (login_name.empty() || login_name.size() > 64) throw unprocessable("login must be 1 to 64 characters");
    if (password.size() < 8 || password.size() > 128) throw unprocessable("password must be 8 to 128 characters");
    if (c.email.size() > 254 || c.phone.size() > 32) throw unprocessable("email or phone too long");
    auto hash = hash_password(password, cfg_.auth.argon2);
    auto now = clock_.now_ms();
    auto ids = writer_.call([&](db& d) {
        if (store::find_user(d, login_name)) throw api_error(409, "login_taken", "the login " + login_name + " is taken");
        if (store::iin_taken(d, c.iin)) throw api_error(409, "iin_exists", "a candidate with this IIN is registered");
        auto uid = store::insert_user(d, login_name, "candidate", hash, now);
        auto id = store::insert_candidate(d, uid, c, now);
        audit::record(d, now, who.user, "candidate.create", "candidate " + std::to_string(id), login_name);
        return std::pair{id, uid};
    });
    return json_response(req, http::status::created, {{"id", ids.first}, {"user", ids.second}});
}

json api::session_json(db& d, const sitting_row& s, exam::reader who, bool with_topics) {
    json out = {{"id", s.id},
                {"candidate", s.candidate},
                {"programme", s.programme},
                {"lang", s.lang},
                {"mode", s.mode},
                {"status", s.status},
                {"attempt", s.attempt},
                {"correct", nullptr},
                {"total", nullptr},
                {"percent", nullptr},
                {"passed", nullptr},
                {"violations", s.violations},
                {"created_ms", s.created_ms},
                {"started_ms", s.started_ms ? json(*s.started_ms) : json(nullptr)},
                {"deadline_ms", s.deadline_ms ? json(*s.deadline_ms) : json(nullptr)},
                {"finished_ms", s.finished_ms ? json(*s.finished_ms) : json(nullptr)},
                {"finish_reason", s.finish_reason ? json(*s.finish_reason) : json(nullptr)}};
    const auto seen = exam::may_see(who, s.ended());
    if (s.ended() && seen.score) {
        auto result = exams_.result_message(d, s);
        for (const char* k : {"correct", "total", "percent", "passed", "next", "attempts_left"}) out[k] = result[k];
        if (with_topics && seen.weak_topics) {
            auto prog = exams_.programme(d, s.programme);
            if (prog) out["weak_topics"] = to_json(exam::weak_topics(store::topic_scores(d, s.id), prog->theory.pass_percent));
        }
    }
    auto& st = d.cached("SELECT count(*) FROM answers WHERE sitting = ? AND choice <> ''");
    st.bind(1, s.id);
    st.step();
    out["answered"] = st.i32(0);
    if (s.status == "in_progress") out["remaining_ms"] = exam::remaining_ms(clock_.now_ms(), s.deadline_ms.value_or(0));
    return out;
}

// Staff accounts: the exam and appeal commissions' members, administrators.
// Candidates are created with their personal data by POST /api/candidates.
response api::create_user(const request& req) {
    auto who = authenticate(req);
    require_role(who, {"admin"});
    auto body = body_json(req);
    auto login_name = get_string(body, "login");
    auto password = get_string(body, "password");
    auto role = get_string(body, "role");
    if (role != "admin" && role != "commission" && role != "appeal")
        throw unprocessable("role must be admin, commission or appeal (candidates: POST /api/candidates)");
    if (login_name.empty() || login_name.size() > 64) throw unprocessable("login must be 1 to 64 characters");
    if (password.size() < 8 || password.size() > 128) throw unprocessable("password must be 8 to 128 characters");
    auto hash = hash_password(password, cfg_.auth.argon2);
    auto now = clock_.now_ms();
    auto id = writer_.call([&](db& d) {
        if (store::find_user(d, login_name)) throw api_error(409, "login_taken", "the login " + login_name + " is taken");
        auto uid = store::insert_user(d, login_name, role, hash, now);
        audit::record(d, now, who.user, "user.create", "user " + std::to_string(uid), login_name + " (" + role + ")");
        return uid;
    });
    return json_response(req, http::status::created, {{"id", id}, {"login", login_name}, {"role", role}});
}

response api::list_users(const request& req) {
    require_role(authenticate(req), {"admin"});
    auto r = readers_.acquire();
    json out = json::array();
    stmt q(*r, "SELECT id, login, role, disabled FROM users WHERE role != 'candidate' ORDER BY id");
    while (q.step()) out.push_back({{"id", q.i64(0)}, {"login", q.text(1)}, {"role", q.text(2)}, {"disabled", q.i32(3) != 0}});
    return json_response(req, http::status::ok, out);
}

response api::get_candidate(const request& req, std::int64_t id) {
    auto who = authenticate(req);
    const auto reader = sitting_reader(who, id);
    auto r = readers_.acquire();
    auto c = store::find_candidate(*r, id);
    if (!c) throw not_found("no such candidate");
    json sessions = json::array();
    for (const auto& s : store::sittings_of(*r, id)) sessions.push_back(session_json(*r, s, reader));
    return json_response(req, http::status::ok,
                         {{"id", c->id}, {"user", c->user}, {"login", c->login}, {"iin", c->iin},
                          {"full_name", c->full_name}, {"birth_date", c->birth_date}, {"email", c->email},
                          {"phone", c->phone}, {"sessions", sessions}});
}

response api::create_session(const request& req) {
    auto who = authenticate(req);
    require_role(who, {"admin"});
    auto body = body_json(req);
    auto candidate = get_int(body, "candidate");
    auto code = get_string(body, "programme");
    auto lang = get_string(body, "lang");
    auto mode = get_string_or(body, "mode", "online");
    if (mode != "online" && mode != "offline") throw unprocessable("mode must be 'online' or 'offline'");
    auto now = clock_.now_ms();
    auto created = writer_.call([&](db& d) {
        if (!store::find_candidate(d, candidate)) throw not_found("no such candidate");
        auto p = store::find_programme(d, code);
        if (!p) throw not_found("no programme " + code);
        if (!p->offers(lang)) throw api_error(422, "language_not_offered", "the programme is not offered in '" + lang + "'");
        std::vector<exam::prior_sitting> prior;
        auto earlier = store::sittings_of(d, candidate, code);
        for (const auto& s : earlier) {
            // the whole procedure's outcome: a theory pass waits for the protocol (seed 002 p.17-19)
            const auto o = store::outcome_of(d, s.id);
            prior.push_back({s.ended(), o.passed, s.ended() && s.passed.value_or(false) && !o.decided});
        }
        auto verdict = exam::check_new_sitting(prior, p->attempts);
        switch (verdict) {
            case exam::eligibility::already_passed:
                throw api_error(409, "already_passed", "the candidate has passed this programme");
            case exam::eligibility::result_pending:
                throw api_error(409, "result_pending",
                                "the theory stage was passed; the commission's decision comes before any retake");
            case exam::eligibility::no_attempts_left:
                throw api_error(409, "no_attempts_left",
                                "every attempt of this programme is used (" + std::to_string(p->attempts) + ")");
            case exam::eligibility::session_open:
                throw api_error(409, "session_open", "the candidate has a sitting of this programme not yet finished");
            case exam::eligibility::ok: break;
        }
        int have = store::bank_size(d, code, lang);
        if (have < p->theory.questions)
            throw api_error(409, "bank_too_small",
                            "the " + lang + " bank holds " + std::to_string(have) + " questions; a paper needs " +
                                std::to_string(p->theory.questions));
        sitting_row s;
        s.candidate = candidate;
        s.programme = code;
        s.lang = lang;
        s.mode = mode;
        s.attempt = static_cast<int>(earlier.size()) + 1;
        s.created_ms = now;
        auto id = store::insert_sitting(d, s);
        audit::record(d, now, who.user, "session.create", "session " + std::to_string(id),
                      "candidate " + std::to_string(candidate) + ", " + code + ", attempt " + std::to_string(s.attempt));
        return std::pair{id, s.attempt};
    });
    return json_response(req, http::status::created, {{"id", created.first}, {"attempt", created.second}});
}

response api::get_session(const request& req, std::int64_t id) {
    auto who = authenticate(req);
    auto r = readers_.acquire();
    auto s = store::find_sitting(*r, id);
    if (!s) throw not_found("no such session");
    const auto reader = sitting_reader(who, s->candidate);
    return json_response(req, http::status::ok, session_json(*r, *s, reader, true));
}

response api::list_sessions(const request& req, const std::string& query) {
    auto who = authenticate(req);
    auto cand = query_param(query, "candidate");
    std::int64_t id = 0;
    if (cand.empty()) {
        if (!who.candidate) throw bad_request("give ?candidate=ID");
        id = *who.candidate;
    } else {
        id = parse_id(cand);
    }
    const auto reader = sitting_reader(who, id);
    auto r = readers_.acquire();
    json out = json::array();
    for (const auto& s : store::sittings_of(*r, id)) out.push_back(session_json(*r, s, reader));
    return json_response(req, http::status::ok, out);
}

response api::put_photo(const request& req, std::int64_t candidate) {
    require_role(authenticate(req), {"admin"});
    {
        auto r = readers_.acquire();
        if (!store::find_candidate(*r, candidate)) throw not_found("no such candidate");
    }
    if (req.body().empty()) throw api_error(422, "unreadable_image", "send the photo as image/jpeg or image/png");
    try {
        proctor_.set_photo(candidate, req.body());
    } catch (const proctor::photo_error& e) {
        throw api_error(422, e.reason_ == "unreadable" ? "unreadable_image" : e.reason_, e.what());
    }
    return no_content(req);
}

response api::session_events(const request& req, std::int64_t id) {
    require_role(authenticate(req), {"admin", "commission"});
    auto r = readers_.acquire();
    auto s = store::find_sitting(*r, id);
    if (!s) throw not_found("no such session");
    auto& st = r->cached(
        "SELECT id, t_ms, kind, detail, violation, strike, evidence, sha256 FROM events WHERE sitting = ? ORDER BY t_ms, id");
    st.bind(1, id);
    json out = json::array();
    while (st.step()) {
        json e = {{"id", st.i64(0)}, {"t_ms", st.i64(1)}, {"kind", st.text(2)}, {"detail", st.text(3)},
                  {"violation", st.i32(4) != 0}, {"strike", st.i32(5)}, {"evidence", nullptr}, {"sha256", nullptr}};
        if (!st.null(6)) {
            e["evidence"] = "/api/evidence/" + std::to_string(st.i64(0));
            e["sha256"] = st.text(7);
        }
        out.push_back(std::move(e));
    }
    return json_response(req, http::status::ok, out);
}

response api::session_recording(const request& req, std::int64_t id) {
    require_role(authenticate(req), {"admin", "commission"});
    auto r = readers_.acquire();
    if (!store::find_sitting(*r, id)) throw not_found("no such session");
    json frames = json::array(), audio = json::array();
    auto& f = r->cached("SELECT id, t_ms, part, sha256 FROM recording WHERE sitting = ? ORDER BY t_ms");
    f.bind(1, id);
    while (f.step())
        frames.push_back({{"t_ms", f.i64(1)}, {"part", f.text(2)}, {"url", "/api/recording/" + std::to_string(f.i64(0))},
                          {"sha256", f.text(3)}});
    auto& a = r->cached("SELECT t_ms, dbfs FROM audio_levels WHERE sitting = ? ORDER BY t_ms");
    a.bind(1, id);
    while (a.step()) audio.push_back({{"t_ms", a.i64(0)}, {"dbfs", a.f64(1)}});
    return json_response(req, http::status::ok, {{"frames", frames}, {"audio", audio}});
}

response api::room_scan(const request& req, std::int64_t id) {
    require_role(authenticate(req), {"admin", "commission"});
    {
        auto r = readers_.acquire();
        auto s = store::find_sitting(*r, id);
        if (!s) throw not_found("no such session");
        if (s->status != "in_progress") throw api_error(409, "not_in_progress", "the sitting is not in progress");
    }
    proctor_.request_room_scan(id, "commission");
    return json_response(req, http::status::accepted, {{"requested", true}});
}

// Evidence and recording images: staff only, read from the data directory,
// checked against the SHA-256 stored when they were written.
response api::stored_image(const request& req, const char* table, std::int64_t id) {
    const auto who = authenticate(req);
    if (who.role != "admin" && who.role != "commission" && who.role != "appeal") throw forbidden();
    std::string path, sha;
    {
        auto r = readers_.acquire();
        if (who.role == "appeal") {  // the members an appeal of the sitting is assigned to (p.22: the whole record)
            auto& q = r->cached(std::string(table) == "events"
                                    ? "SELECT 1 FROM events e JOIN appeals a ON a.sitting = e.sitting JOIN appeal_members m "
                                      "ON m.appeal = a.id WHERE e.id = ? AND m.member = ?"
                                    : "SELECT 1 FROM recording e JOIN appeals a ON a.sitting = e.sitting JOIN appeal_members m "
                                      "ON m.appeal = a.id WHERE e.id = ? AND m.member = ?");
            q.bind(1, id).bind(2, who.user);
            if (!q.step()) throw forbidden("this image is not part of an appeal assigned to you");
            q.reset();
        }
        auto& st = r->cached(std::string(table) == "events" ? "SELECT evidence, sha256 FROM events WHERE id = ?"
                                                             : "SELECT path, sha256 FROM recording WHERE id = ?");
        st.bind(1, id);
        if (!st.step() || st.null(0)) throw not_found("no such image");
        path = st.text(0);
        sha = st.text(1);
    }
    std::ifstream in(cfg_.data_dir / path, std::ios::binary);
    if (!in) throw not_found("the image file is missing");
    std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (sha256_hex(data) != sha) {
        log_.error("proctor", "image " + path + " does not match its stored SHA-256");
        throw api_error(500, "evidence_corrupt", "the stored image does not match its recorded hash");
    }
    response res{http::status::ok, req.version()};
    res.set(http::field::content_type, "image/jpeg");
    res.set(http::field::cache_control, "private, no-store");
    res.set("X-Content-SHA256", sha);
    res.set("X-Content-Type-Options", "nosniff");
    res.keep_alive(req.keep_alive());
    res.body() = std::move(data);
    res.prepare_payload();
    return res;
}

// A one-time ticket for the sitting's exam WebSocket (the bearer token stays
// out of the URL): the sitting's own candidate only.
response api::ws_ticket(const request& req, std::int64_t id) {
    auto who = authenticate(req);
    {
        auto r = readers_.acquire();
        auto s = store::find_sitting(*r, id);
        if (!s) throw not_found("no such session");
        if (!who.candidate || *who.candidate != s->candidate)
            throw forbidden("only the session's own candidate may open it");
    }
    auto auth = req[http::field::authorization];
    auto issued = tickets_.issue({who.user, id, token_hash(std::string(auth.substr(7)))}, clock_.now_ms());
    if (!issued) throw api_error(503, "busy", "too many WebSocket tickets outstanding; try again shortly");
    auto res = json_response(req, http::status::created, {{"ticket", issued->first}, {"expires_ms", issued->second}});
    res.set(http::field::cache_control, "no-store");
    return res;
}

exam_ws_grant api::authorize_exam_ws(const request& req, bool tls) {
    std::string_view target(req.target());
    std::string path(target.substr(0, target.find('?')));
    std::string query = target.find('?') == std::string_view::npos ? "" : std::string(target.substr(target.find('?') + 1));
    auto parts = split_path(path);
    if (parts.size() != 3 || parts[0] != "ws" || parts[1] != "exam") throw not_found("no such route");
    auto sitting = parse_id(parts[2]);
    auto origin = std::string(req[http::field::origin]);
    if (!origin.empty()) {
        std::string own = std::string(tls ? "https://" : "http://") + std::string(req[http::field::host]);
        bool ok = lower(origin) == lower(own);
        for (const auto& o : cfg_.allowed_origins) ok = ok || lower(o) == lower(origin);
        if (!ok) throw forbidden("cross-site WebSocket refused: origin " + origin + " is not allowed");
    }
    principal who;
    if (auto ticket = query_param(query, "ticket"); !ticket.empty()) {
        if (ticket.size() > 256) throw api_error(401, "unauthorized", "the ticket is not valid");
        auto g = tickets_.redeem(ticket, sitting, clock_.now_ms());
        if (!g) throw api_error(401, "unauthorized", "the ticket is not valid, used, expired or for another session");
        auto r = readers_.acquire();
        auto p = store::find_token(*r, g->token_hash, clock_.now_ms());  // logged out since: void
        if (!p || p->user != g->user) throw api_error(401, "unauthorized", "the ticket's login has ended");
        who = *p;
    } else {
        who = authenticate(req, query_param(query, "token"));  // the contract's ?token= keeps working
    }
    auto r = readers_.acquire();
    auto s = store::find_sitting(*r, sitting);
    if (!s) throw not_found("no such session");
    if (!who.candidate || *who.candidate != s->candidate) throw forbidden("only the session's own candidate may open it");
    return {who, sitting};
}

}  // namespace tanu::server
