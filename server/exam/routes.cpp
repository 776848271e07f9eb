#include "server/exam/routes.hpp"

#include <random>
#include <set>

#include "exam/common/iin.hpp"
#include "exam/theory/attempts.hpp"
#include "exam/theory/disclosure.hpp"
#include "exam/theory/programme.hpp"
#include "server/accounts/store.hpp"
#include "server/audit/audit.hpp"
#include "server/exam/exam_socket.hpp"
#include "server/exam/schedule.hpp"
#include "server/exam/schedule_view.hpp"
#include "server/exam/store_schedule.hpp"
#include "server/exam/sitting_access.hpp"
#include "server/http/error_status.hpp"
#include "server/people/store.hpp"
#include "server/platform/domain_error.hpp"

namespace tanu::server {

exam_routes::exam_routes(platform& p, exam_service& exams, accounts_routes& accounts, sitting_media& media,
                         sitting_hub& hub)
    : cfg_(p.cfg),
      writer_(p.writer),
      readers_(p.readers),
      exams_(exams),
      accounts_(accounts),
      media_(media),
      hub_(hub),
      log_(p.log),
      clock_(p.clock) {}

void exam_routes::routes(router& r) {
    r.post("/api/candidates", access::only({role::admin, role::registrar}), member(this, &exam_routes::create_candidate));
    r.get("/api/candidates/{id}", access::signed_in(), member(this, &exam_routes::get_candidate));
    r.post("/api/sessions", access::only({role::admin, role::registrar}), member(this, &exam_routes::create_session));
    r.get("/api/sessions", access::signed_in(), member(this, &exam_routes::list_sessions));
    r.get("/api/sessions/{id}", access::signed_in(), member(this, &exam_routes::get_session));
    r.post("/api/sessions/{id}/ws-ticket", access::only({role::candidate}), member(this, &exam_routes::ws_ticket));
    r.websocket("/ws/exam/{id}", [this](const call& c) { return admit_exam_ws(c); });
    // The device check before the exam (any day, no sitting): the page times these itself.
    r.post("/api/check/upload", access::open(), member(this, &exam_routes::check_upload),
           {check_upload_limit});
    r.get("/api/check/download", access::open(), member(this, &exam_routes::check_download));
}

// The body is only counted and dropped: the router refuses more than
// check_upload_limit with 413 before reading it.
response exam_routes::check_upload(const call& c) {
    return json_response(c.req, http::status::ok, {{"bytes", c.req.body().size()}});
}

// ?kb=1..512 (default 128) of bytes that do not compress (a proxy's or the
// server's compression would otherwise flatter the link), never cached.
response exam_routes::check_download(const call& c) {
    std::size_t kb = 128;
    if (auto q = c.query_param("kb"); !q.empty()) {
        if (q.size() > 4 || q.find_first_not_of("0123456789") != std::string::npos) throw bad_request("kb must be 1 to 512");
        kb = std::stoul(q);
    }
    if (kb < 1 || kb > check_download_max_kb) throw bad_request("kb must be 1 to 512");
    std::string data(kb * 1024, '\0');
    // Not a secret: a fast generator whose output a compressor cannot shrink.
    std::mt19937_64 gen(std::random_device{}());
    for (std::size_t i = 0; i < data.size(); i += 8) {
        auto v = gen();
        for (std::size_t k = 0; k < 8 && i + k < data.size(); ++k) data[i + k] = static_cast<char>((v >> (8 * k)) & 0xff);
    }
    response res{http::status::ok, c.req.version()};
    res.set(http::field::content_type, "application/octet-stream");
    res.set(http::field::cache_control, "no-store");
    res.set("X-Content-Type-Options", "nosniff");
    res.keep_alive(c.req.keep_alive());
    res.body() = std::move(data);
    res.prepare_payload();
    return res;
}

response exam_routes::create_candidate(const call& in) {
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
    if (auto problem = credentials_problem(login_name, password)) throw unprocessable(*problem);
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

json exam_routes::session_json(db& d, const sitting_row& s, exam::reader who, bool with_topics) {
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
        for (const char* k : {"correct", "total", "percent", "passed", "next", "awaiting_decision", "attempts_left", "attempts_unlimited", "late_answers"})
            out[k] = result[k];
        if (with_topics && seen.weak_topics) {
            auto prog = exams_.programme(d, s.programme);
            if (prog) out["weak_topics"] = to_json(exam::weak_topics(store::mark_sitting(d, s.id).topics, prog->theory.pass_percent));
        }
    }
    out["programme_info"] = programme_info(d, s);
    add_schedule_json(d, s, cfg_.scheduling, out);  // W2, W3: slots, window, reschedules
    if (who == exam::reader::staff)
        if (auto c = store::find_candidate(d, s.candidate)) out["candidate_name"] = c->full_name;
    out["answered"] = store::answered_count(d, s.id);
    if (s.status == "in_progress") out["remaining_ms"] = exam::remaining_ms(clock_.now_ms(), s.deadline_ms.value_or(0));
    return out;
}

// What the exam card shows before the start (issue 10): the programme's
// profession and theory terms, and the attempt out of how many. The sitting
// has no appointed time in the store yet: scheduled_ms stays null until it has.
json exam_routes::programme_info(db& d, const sitting_row& s) {
    auto prog = exams_.programme(d, s.programme);
    if (!prog) return nullptr;
    return {{"profession", prog->profession},
            {"questions", prog->theory.questions},
            {"minutes", prog->theory.minutes},
            {"pass_percent", prog->theory.pass_percent},
            {"pass_rule", exam::to_string(prog->theory.rule)},
            {"attempts", prog->attempts},
            {"proctored", s.mode == "online"},
            {"scheduled_ms", nullptr}};
}

response exam_routes::get_candidate(const call& in) {
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

response exam_routes::create_session(const call& c) {
    const auto& req = c.req;
    const auto& who = c.user();
    auto body = body_json(req);
    auto candidate = get_int(body, "candidate");
    auto code = get_string(body, "programme");
    auto lang = get_string(body, "lang");
    auto mode = get_string_or(body, "mode", "online");
    if (mode != "online" && mode != "offline") throw unprocessable("mode must be 'online' or 'offline'");
    sitting_request in;
    in.candidate = candidate;
    in.programme = code;
    in.lang = lang;
    in.mode = mode;
    in.by = who.user;
    in.slots = parse_timetable(body, mode, cfg_.centre.public_url + "/");  // p.6: optional for a custom programme
    const auto settings = schedule_settings_of(cfg_);
    auto now = clock_.now_ms();
    auto created = writer_.call([&](db& d) { return schedule_sitting(d, exams_.owners(), in, now, settings); });
    json out = {{"id", created.id}, {"attempt", created.attempt}};
    if (created.notice) out["notice"] = *created.notice;
    return json_response(req, http::status::created, out);
}

response exam_routes::get_session(const call& c) {
    const auto& req = c.req;
    const std::int64_t id = c.id();
    const auto& who = c.user();
    auto r = readers_.acquire();
    auto s = store::find_sitting(*r, id);
    if (!s) throw not_found("no such session");
    const auto reader = sitting_reader(*r, exams_.owners(), who, *s);
    return json_response(req, http::status::ok, session_json(*r, *s, reader, true));
}

response exam_routes::list_sessions(const call& c) {
    const auto& req = c.req;
    const std::string& query = c.query;
    const auto& who = c.user();
    auto cand = query_param(query, "candidate");
    const bool staff = who.is(role::admin) || who.is(role::registrar) || who.is(role::commission) || who.is(role::head);
    // the centre's lists (W2, W3): by status, day, open sick leave, awaiting a new date
    const auto statuses = query_param(query, "status");
    const auto from = query_param(query, "from"), to = query_param(query, "to");
    const bool sick = query_param(query, "sick_leave") == "open", unreplaced = query_param(query, "unreplaced") == "1";
    if (staff && (cand.empty() || !statuses.empty() || !from.empty() || !to.empty() || sick || unreplaced)) {
        sitting_filter f;
        if (!cand.empty()) f.candidate = parse_id(cand);
        for (std::size_t at = 0; !statuses.empty() && at <= statuses.size();) {
            auto comma = statuses.find(',', at);
            auto one = statuses.substr(at, comma == std::string::npos ? std::string::npos : comma - at);
            static const std::set<std::string> known = {"scheduled", "in_progress", "finished", "terminated",
                                                        "cancelled", "voided",      "no_show"};
            if (!known.count(one)) throw bad_request("unknown status '" + one.substr(0, 32) + "'");
            f.statuses.push_back(one);
            if (comma == std::string::npos) break;
            at = comma + 1;
        }
        for (const auto* day : {&from, &to})
            if (!day->empty() && !exam::parse_iso_date(*day)) throw bad_request("from and to are dates YYYY-MM-DD");
        f.from = from;
        f.to = to;
        f.sick_leave_open = sick;
        f.unreplaced = unreplaced;
        auto r = readers_.acquire();
        json out = json::array();
        for (const auto& s : store::list_sittings(*r, f)) out.push_back(session_json(*r, s, exam::reader::staff));
        return json_response(req, http::status::ok, out);
    }
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

// A one-time ticket for the sitting's exam WebSocket (the bearer token stays
// out of the URL): the sitting's own candidate only.
response exam_routes::ws_ticket(const call& c) {
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
    auto issued = accounts_.tickets().issue({who.user, id, token_hash(std::string(auth.substr(7)))}, clock_.now_ms());
    if (!issued) throw domain_error(error_kind::unavailable, "busy", "too many WebSocket tickets outstanding; try again shortly");
    auto res = json_response(req, http::status::created, {{"ticket", issued->first}, {"expires_ms", issued->second}});
    res.set(http::field::cache_control, "no-store");
    return res;
}

std::shared_ptr<ws_handler> exam_routes::admit_exam_ws(const call& c) {
    const auto& req = c.req;
    const auto sitting = c.id();
    require_same_origin(c, cfg_.allowed_origins);
    principal who;
    if (auto ticket = c.query_param("ticket"); !ticket.empty()) {
        if (ticket.size() > 256) throw domain_error(error_kind::unauthorized, "unauthorized", "the ticket is not valid");
        auto g = accounts_.tickets().redeem(ticket, sitting, clock_.now_ms());
        if (!g) throw domain_error(error_kind::unauthorized, "unauthorized", "the ticket is not valid, used, expired or for another session");
        auto r = readers_.acquire();
        auto p = store::find_token(*r, g->token_hash, clock_.now_ms());  // logged out since: void
        if (!p || p->user != g->user) throw domain_error(error_kind::unauthorized, "unauthorized", "the ticket's login has ended");
        who = *p;
    } else {
        who = accounts_.authenticate(req, c.query_param("token"));  // the contract's ?token= keeps working
    }
    auto r = readers_.acquire();
    auto s = store::find_sitting(*r, sitting);
    if (!s) throw not_found("no such session");
    if (!who.candidate || *who.candidate != s->candidate) throw forbidden("only the session's own candidate may open it");
    return make_exam_socket({exams_, media_, hub_, cfg_.ws, log_}, sitting);
}

}  // namespace tanu::server
