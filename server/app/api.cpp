#include "server/app/api.hpp"

#include <boost/beast/websocket.hpp>
#include <fstream>

#include "exam/theory/attempts.hpp"
#include "exam/theory/disclosure.hpp"
#include "exam/common/iin.hpp"
#include "exam/theory/programme.hpp"
#include "server/platform/domain_error.hpp"
#include "server/audit/audit.hpp"
#include "server/http/error_status.hpp"
#include "server/exam/sitting_access.hpp"
#include "server/proctoring/store.hpp"
#include "server/programmes/question_import.hpp"
#include "server/recognition/store.hpp"

namespace tanu::server {

namespace {

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

}  // namespace

api::api(const server_config& cfg, db_writer& writer, db_readers& readers, exam_service& exams,
         proctor_service& proctor, const exam::clock& clock, logger& log)
    : cfg_(cfg),
      writer_(writer),
      readers_(readers),
      exams_(exams),
      proctor_(proctor),
      clock_(clock),
      log_(log),
      throttle_({cfg.auth.max_failures_per_login, cfg.auth.max_failures_per_address,
                 static_cast<std::int64_t>(cfg.auth.failure_window_s) * 1000,
                 static_cast<std::int64_t>(cfg.auth.backoff_max_s) * 1000}),
      tickets_(static_cast<std::int64_t>(cfg.auth.ws_ticket_s) * 1000),
      dummy_hash_(hash_password("tanu-dummy-password", cfg.auth.argon2)) {}

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
    if (token.empty()) throw domain_error(error_kind::unauthorized, "unauthorized", "log in first: no bearer token");
    if (token.size() > 256) throw domain_error(error_kind::unauthorized, "unauthorized", "the token is not valid");
    auto r = readers_.acquire();
    auto who = store::find_token(*r, token_hash(token), clock_.now_ms());
    if (!who) throw domain_error(error_kind::unauthorized, "unauthorized", "the token is not valid or has expired");
    return *who;
}

void api::routes(router& r) {
    using R = role;
    const auto admin = access::only({R::admin});
    const auto staff = access::only({R::admin, R::commission, R::appeal});
    const auto examiners = access::only({R::admin, R::commission});
    auto bind = [this](response (api::*f)(const call&)) { return [this, f](const call& c) { return (this->*f)(c); }; };
    r.get("/api/health", access::open(), [](const call& c) { return json_response(c.req, http::status::ok, {{"status", "ok"}}); });
    r.post("/api/login", access::open(), bind(&api::login));
    r.post("/api/logout", access::signed_in(), bind(&api::logout));
    r.get("/api/me", access::signed_in(), bind(&api::me));
    r.post("/api/programmes", admin, bind(&api::create_programme));
    r.get("/api/programmes", staff, bind(&api::list_programmes));
    r.get("/api/programmes/{code}", staff, bind(&api::get_programme));
    r.post("/api/programmes/{code}/questions", admin, bind(&api::import_questions),
           {.body_limit = cfg_.http.import_body_limit});
    r.post("/api/candidates", admin, bind(&api::create_candidate));
    r.get("/api/candidates/{id}", access::signed_in(), bind(&api::get_candidate));
    r.put("/api/candidates/{id}/photo", admin, bind(&api::put_photo), {.body_limit = cfg_.proctoring.max_photo_bytes});
    r.post("/api/users", admin, bind(&api::create_user));
    r.get("/api/users", admin, bind(&api::list_users));
    r.get("/api/metrics", admin, [this](const call& c) {
        json m = {{"proctoring", proctor_.stats(c.query_param("reset") == "1")}};
        return json_response(c.req, http::status::ok, m);
    });
    r.get("/api/evidence/{id}", staff, [this](const call& c) { return stored_image(c, "events"); });
    r.get("/api/recording/{id}", staff, [this](const call& c) { return stored_image(c, "recording"); });
    r.post("/api/sessions", admin, bind(&api::create_session));
    r.get("/api/sessions", access::signed_in(), bind(&api::list_sessions));
    r.get("/api/sessions/{id}", access::signed_in(), bind(&api::get_session));
    r.get("/api/sessions/{id}/events", examiners, bind(&api::session_events));
    r.get("/api/sessions/{id}/recording", examiners, bind(&api::session_recording));
    r.post("/api/sessions/{id}/room-scan", examiners, bind(&api::room_scan));
    r.post("/api/sessions/{id}/ws-ticket", access::only({R::candidate}), bind(&api::ws_ticket));
    r.get("/api/routes", admin, [&r](const call& c) {
        json out = json::array();
        for (const auto& l : r.list())
            out.push_back({{"method", std::string(http::to_string(l.method))}, {"path", l.pattern}, {"who", l.who},
                           {"body_limit", l.body_limit}});
        return json_response(c.req, http::status::ok, out);
    });
}

response api::login(const call& c) {
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
    if (user->role == "candidate") {
        auto r = readers_.acquire();
        auto p = store::find_token(*r, hash, now);
        if (p && p->candidate) out["candidate"] = *p->candidate;
    }
    return json_response(req, http::status::ok, out);
}

response api::logout(const call& c) {
    const auto& req = c.req;
    auto auth = req[http::field::authorization];
    std::string token(auth.substr(7));
    writer_.call([&](db& d) { store::delete_token(d, token_hash(token)); });
    return no_content(req);
}

response api::me(const call& c) {
    const auto& req = c.req;
    const auto& who = c.user();
    json out = {{"user", who.user}, {"login", who.login}, {"role", who.role}};
    if (who.candidate) out["candidate"] = *who.candidate;
    return json_response(req, http::status::ok, out);
}

response api::create_programme(const call& c) {
    const auto& req = c.req;
    const auto& who = c.user();
    auto p = programme_from_json(body_json(req));
    if (auto problem = exam::validate(p)) throw unprocessable(*problem);
    json stored = to_json(p);
    bool created = writer_.call([&](db& d) {
        const auto now = clock_.now_ms();
        if (!store::insert_programme(d, p, stored.dump(), now)) return false;
        audit::record(d, now, who.user, "programme.create", "programme " + p.code);
        return true;
    });
    if (!created) throw domain_error(error_kind::conflict, "programme_exists", "a programme with code " + p.code + " exists");
    stored["bank"] = json::object();
    for (const auto& lang : p.languages) stored["bank"][lang] = 0;
    return json_response(req, http::status::created, stored);
}

response api::list_programmes(const call& c) {
    const auto& req = c.req;
    auto r = readers_.acquire();
    json out = json::array();
    for (const auto& p : store::list_programmes(*r)) {
        json j = to_json(p);
        j["bank"] = bank_json(*r, p);
        out.push_back(std::move(j));
    }
    return json_response(req, http::status::ok, out);
}

response api::get_programme(const call& c) {
    const auto& req = c.req;
    const std::string& code = c.param();
    auto r = readers_.acquire();
    auto p = store::find_programme(*r, code);
    if (!p) throw not_found("no programme " + code);
    json j = to_json(*p);
    j["bank"] = bank_json(*r, *p);
    return json_response(req, http::status::ok, j);
}

response api::import_questions(const call& c) {
    const auto& req = c.req;
    const std::string& code = c.param();
    const std::string& query = c.query;
    const auto& who = c.user();
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
        throw domain_error(error_kind::unsupported_media, "unsupported_media_type", "send application/json or application/xml");
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

response api::create_candidate(const call& in) {
    const auto& req = in.req;
    const auto& who = in.user();
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
        throw domain_error(error_kind::unprocessable, "invalid_iin", "the IIN must be 12 digits with a valid date and check digit");
    auto birth = exam::parse_iso_date(c.birth_date);
    if (!birth) throw unprocessable("birth_date must be a real date YYYY-MM-DD");
    if (auto from_iin = exam::iin_birth_date(c.iin); from_iin && *from_iin != *birth)
        throw domain_error(error_kind::unprocessable, "birth_date_mismatch", "the birth date does not match the IIN (" + exam::to_iso(*from_iin) + ")");
    auto trimmed = c.full_name.find_first_not_of(" \t");
    if (trimmed == std::string::npos || c.full_name.size() > 300) throw unprocessable("full_name must be 1 to 300 characters");
    if (login_name.empty() || login_name.size() > 64) throw unprocessable("login must be 1 to 64 characters");
    if (password.size() < 8 || password.size() > 128) throw unprocessable("password must be 8 to 128 characters");
    if (c.email.size() > 254 || c.phone.size() > 32) throw unprocessable("email or phone too long");
    auto hash = hash_password(password, cfg_.auth.argon2);
    auto now = clock_.now_ms();
    auto ids = writer_.call([&](db& d) {
        if (store::find_user(d, login_name)) throw domain_error(error_kind::conflict, "login_taken", "the login " + login_name + " is taken");
        if (store::iin_taken(d, c.iin)) throw domain_error(error_kind::conflict, "iin_exists", "a candidate with this IIN is registered");
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
    out["answered"] = store::answered_count(d, s.id);
    if (s.status == "in_progress") out["remaining_ms"] = exam::remaining_ms(clock_.now_ms(), s.deadline_ms.value_or(0));
    return out;
}

// Staff accounts: the exam and appeal commissions' members, administrators.
// Candidates are created with their personal data by POST /api/candidates.
response api::create_user(const call& c) {
    const auto& req = c.req;
    const auto& who = c.user();
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
        if (store::find_user(d, login_name)) throw domain_error(error_kind::conflict, "login_taken", "the login " + login_name + " is taken");
        auto uid = store::insert_user(d, login_name, role, hash, now);
        audit::record(d, now, who.user, "user.create", "user " + std::to_string(uid), login_name + " (" + role + ")");
        return uid;
    });
    return json_response(req, http::status::created, {{"id", id}, {"login", login_name}, {"role", role}});
}

response api::list_users(const call& c) {
    const auto& req = c.req;
    auto r = readers_.acquire();
    json out = json::array();
    for (const auto& u : store::staff_users(*r))
        out.push_back({{"id", u.id}, {"login", u.login}, {"role", u.role}, {"disabled", u.disabled}});
    return json_response(req, http::status::ok, out);
}

response api::get_candidate(const call& in) {
    const auto& req = in.req;
    const std::int64_t id = in.id();
    const auto& who = in.user();
    const auto reader = candidate_reader(who, id);
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

response api::create_session(const call& c) {
    const auto& req = c.req;
    const auto& who = c.user();
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
        if (!p->offers(lang)) throw domain_error(error_kind::unprocessable, "language_not_offered", "the programme is not offered in '" + lang + "'");
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
                throw domain_error(error_kind::conflict, "already_passed", "the candidate has passed this programme");
            case exam::eligibility::result_pending:
                throw domain_error(error_kind::conflict, "result_pending",
                                "the theory stage was passed; the commission's decision comes before any retake");
            case exam::eligibility::no_attempts_left:
                throw domain_error(error_kind::conflict, "no_attempts_left",
                                "every attempt of this programme is used (" + std::to_string(p->attempts) + ")");
            case exam::eligibility::session_open:
                throw domain_error(error_kind::conflict, "session_open", "the candidate has a sitting of this programme not yet finished");
            case exam::eligibility::ok: break;
        }
        int have = store::bank_size(d, code, lang);
        if (have < p->theory.questions)
            throw domain_error(error_kind::conflict, "bank_too_small",
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

response api::get_session(const call& c) {
    const auto& req = c.req;
    const std::int64_t id = c.id();
    const auto& who = c.user();
    auto r = readers_.acquire();
    auto s = store::find_sitting(*r, id);
    if (!s) throw not_found("no such session");
    const auto reader = sitting_reader(*r, who, *s);
    return json_response(req, http::status::ok, session_json(*r, *s, reader, true));
}

response api::list_sessions(const call& c) {
    const auto& req = c.req;
    const std::string& query = c.query;
    const auto& who = c.user();
    auto cand = query_param(query, "candidate");
    std::int64_t id = 0;
    if (cand.empty()) {
        if (!who.candidate) throw bad_request("give ?candidate=ID");
        id = *who.candidate;
    } else {
        id = parse_id(cand);
    }
    const auto reader = candidate_reader(who, id);
    auto r = readers_.acquire();
    json out = json::array();
    for (const auto& s : store::sittings_of(*r, id)) out.push_back(session_json(*r, s, reader));
    return json_response(req, http::status::ok, out);
}

response api::put_photo(const call& c) {
    const auto& req = c.req;
    const std::int64_t candidate = c.id();
    {
        auto r = readers_.acquire();
        if (!store::find_candidate(*r, candidate)) throw not_found("no such candidate");
    }
    if (req.body().empty()) throw domain_error(error_kind::unprocessable, "unreadable_image", "send the photo as image/jpeg or image/png");
    try {
        proctor_.set_photo(candidate, req.body());
    } catch (const proctor::photo_error& e) {
        throw domain_error(error_kind::unprocessable, e.reason_ == "unreadable" ? "unreadable_image" : e.reason_, e.what());
    }
    return no_content(req);
}

response api::session_events(const call& c) {
    const auto& req = c.req;
    const std::int64_t id = c.id();
    auto r = readers_.acquire();
    auto s = store::find_sitting(*r, id);
    if (!s) throw not_found("no such session");
    json out = json::array();
    for (const auto& e : store::events_of(*r, id)) {
        json j = {{"id", e.id}, {"t_ms", e.t_ms}, {"kind", e.kind}, {"detail", e.detail},
                  {"violation", e.violation}, {"strike", e.strike}, {"evidence", nullptr}, {"sha256", nullptr}};
        if (e.has_evidence) {
            j["evidence"] = "/api/evidence/" + std::to_string(e.id);
            j["sha256"] = e.sha256;
        }
        out.push_back(std::move(j));
    }
    return json_response(req, http::status::ok, out);
}

response api::session_recording(const call& c) {
    const auto& req = c.req;
    const std::int64_t id = c.id();
    auto r = readers_.acquire();
    if (!store::find_sitting(*r, id)) throw not_found("no such session");
    json frames = json::array(), audio = json::array();
    for (const auto& f : store::recording_of(*r, id))
        frames.push_back({{"t_ms", f.t_ms}, {"part", f.part}, {"url", "/api/recording/" + std::to_string(f.id)},
                          {"sha256", f.sha256}});
    for (const auto& a : store::audio_of(*r, id)) audio.push_back({{"t_ms", a.t_ms}, {"dbfs", a.dbfs}});
    return json_response(req, http::status::ok, {{"frames", frames}, {"audio", audio}});
}

response api::room_scan(const call& c) {
    const auto& req = c.req;
    const std::int64_t id = c.id();
    {
        auto r = readers_.acquire();
        auto s = store::find_sitting(*r, id);
        if (!s) throw not_found("no such session");
        if (s->status != "in_progress") throw domain_error(error_kind::conflict, "not_in_progress", "the sitting is not in progress");
    }
    proctor_.request_room_scan(id, "commission");
    return json_response(req, http::status::accepted, {{"requested", true}});
}

// Evidence and recording images: staff only, read from the data directory,
// checked against the SHA-256 stored when they were written.
response api::stored_image(const call& c, const char* table) {
    const auto& req = c.req;
    const std::int64_t id = c.id();
    const auto& who = c.user();
    std::string path, sha;
    {
        auto r = readers_.acquire();
        auto image = std::string(table) == "events" ? store::evidence_image(*r, id) : store::recording_image(*r, id);
        if (!image) throw not_found("no such image");
        auto s = store::find_sitting(*r, image->sitting);
        if (!s) throw not_found("no such image");
        try {
            sitting_reader(*r, who, *s);  // appeal members: only a sitting an appeal is assigned to them of (p.22)
        } catch (const domain_error&) {
            throw forbidden("this image is not part of an appeal assigned to you");
        }
        path = image->path;
        sha = image->sha256;
    }
    std::ifstream in(cfg_.data_dir / path, std::ios::binary);
    if (!in) throw not_found("the image file is missing");
    std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (sha256_hex(data) != sha) {
        log_.error("proctor", "image " + path + " does not match its stored SHA-256");
        throw domain_error(error_kind::internal, "evidence_corrupt", "the stored image does not match its recorded hash");
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
response api::ws_ticket(const call& c) {
    const auto& req = c.req;
    const std::int64_t id = c.id();
    const auto& who = c.user();
    {
        auto r = readers_.acquire();
        auto s = store::find_sitting(*r, id);
        if (!s) throw not_found("no such session");
        if (!who.candidate || *who.candidate != s->candidate)
            throw forbidden("only the session's own candidate may open it");
    }
    auto auth = req[http::field::authorization];
    auto issued = tickets_.issue({who.user, id, token_hash(std::string(auth.substr(7)))}, clock_.now_ms());
    if (!issued) throw domain_error(error_kind::unavailable, "busy", "too many WebSocket tickets outstanding; try again shortly");
    auto res = json_response(req, http::status::created, {{"ticket", issued->first}, {"expires_ms", issued->second}});
    res.set(http::field::cache_control, "no-store");
    return res;
}

exam_ws_grant api::authorize_exam_ws(const request& req, bool tls) {
    std::string_view target(req.target());
    const auto q = target.find('?');
    std::string_view path = target.substr(0, q);
    std::string query = q == std::string_view::npos ? "" : std::string(target.substr(q + 1));
    constexpr std::string_view prefix = "/ws/exam/";
    if (!path.starts_with(prefix)) throw not_found("no such route");
    auto sitting = parse_id(percent_decode(path.substr(prefix.size())));
    auto origin = std::string(req[http::field::origin]);
    if (!origin.empty()) {
        std::string own = std::string(tls ? "https://" : "http://") + std::string(req[http::field::host]);
        bool ok = lower(origin) == lower(own);
        for (const auto& o : cfg_.allowed_origins) ok = ok || lower(o) == lower(origin);
        if (!ok) throw forbidden("cross-site WebSocket refused: origin " + origin + " is not allowed");
    }
    principal who;
    if (auto ticket = query_param(query, "ticket"); !ticket.empty()) {
        if (ticket.size() > 256) throw domain_error(error_kind::unauthorized, "unauthorized", "the ticket is not valid");
        auto g = tickets_.redeem(ticket, sitting, clock_.now_ms());
        if (!g) throw domain_error(error_kind::unauthorized, "unauthorized", "the ticket is not valid, used, expired or for another session");
        auto r = readers_.acquire();
        auto p = store::find_token(*r, g->token_hash, clock_.now_ms());  // logged out since: void
        if (!p || p->user != g->user) throw domain_error(error_kind::unauthorized, "unauthorized", "the ticket's login has ended");
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
