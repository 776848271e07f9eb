#include "server/proctoring/routes.hpp"

#include <fstream>

#include "server/accounts/store.hpp"
#include "server/audit/audit.hpp"
#include "server/exam/sitting_access.hpp"
#include "server/exam/store.hpp"
#include "server/http/error_status.hpp"
#include "server/people/store.hpp"
#include "server/platform/domain_error.hpp"
#include "server/platform/sha256.hpp"
#include "server/proctoring/store_live.hpp"
#include "server/proctoring/store.hpp"
#include "server/platform/json_map.hpp"

namespace tanu::server {

namespace {

constexpr role_set live_viewers{role::admin, role::commission};

// The image, as evidence and frames are answered: never cached, never sniffed.
response jpeg_response(const request& req, std::string data, const std::string& sha) {
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

}  // namespace

proctoring_routes::proctoring_routes(platform& p, proctor_service& proctor)
    : cfg_(p.cfg),
      writer_(p.writer),
      readers_(p.readers),
      proctor_(proctor),
      log_(p.log),
      tickets_(static_cast<std::int64_t>(p.cfg.auth.ws_ticket_s) * 1000),
      feed_(std::make_shared<live_feed>(p.readers, proctor, p.workers.get_executor(), p.log)) {}

void proctoring_routes::on_start() { feed_->start(); }
void proctoring_routes::on_stop() { feed_->stop(); }

void proctoring_routes::routes(router& r) {
    const auto admin = access::only({role::admin});
    const auto staff = access::only({role::admin, role::commission, role::appeal});
    const auto examiners = access::only({role::admin, role::commission});
    r.put("/api/candidates/{id}/photo", access::only({role::admin, role::registrar}), member(this, &proctoring_routes::put_photo),
          {.body_limit = cfg_.proctoring.analysis.max_photo_bytes});
    r.get("/api/metrics", admin, [this](const call& c) {
        json m = {{"proctoring", proctor_.stats(c.query_param("reset") == "1")}};
        return json_response(c.req, http::status::ok, m);
    });
    r.get("/api/evidence/{id}", staff, [this](const call& c) { return stored_image(c, "events"); });
    r.get("/api/recording/{id}", staff, [this](const call& c) { return stored_image(c, "recording"); });
    r.get("/api/sessions/{id}/events", examiners, member(this, &proctoring_routes::session_events));
    r.get("/api/sessions/{id}/recording", examiners, member(this, &proctoring_routes::session_recording));
    r.post("/api/sessions/{id}/room-scan", examiners, member(this, &proctoring_routes::room_scan));
    r.get("/api/proctoring/live", examiners, member(this, &proctoring_routes::live));
    r.get("/api/sessions/{id}/frame", examiners, member(this, &proctoring_routes::session_frame));
    r.post("/api/proctoring/live/ws-ticket", examiners, member(this, &proctoring_routes::live_ticket));
    r.websocket("/ws/staff/live", [this](const call& c) { return admit_live_ws(c); });
}

// The proctors' live list (issue 10): every sitting in progress with its state,
// the most strikes first. Read on each call: a page without its socket polls it.
response proctoring_routes::live(const call& c) {
    auto r = readers_.acquire();
    return json_response(c.req, http::status::ok, live_list(*r, proctor_));
}

void proctoring_routes::log_view(std::int64_t user, const std::string& action, const std::string& object) {
    const auto now = proctor_.now_ms();
    writer_.call([&](db& d) { audit::record(d, now, user, action, object); });
}

// The newest recorded frame of a sitting, on demand (issue 10: "the latest
// frame on demand"); each fetch is a viewing, logged.
response proctoring_routes::session_frame(const call& c) {
    const std::int64_t id = c.id();
    std::optional<store::latest_frame> f;
    {
        auto r = readers_.acquire();
        if (!store::find_sitting(*r, id)) throw not_found("no such session");
        f = store::newest_frame(*r, id);
    }
    // The next frame is kept at once, whatever recording_every_ms says: the
    // page refreshing every 5 s then sees a fresh one.
    proctor_.record_next_frame(id);
    if (!f) throw domain_error(error_kind::not_found, "no_frame", "no frame of this sitting is recorded yet");
    std::ifstream in(cfg_.data_dir / f->path, std::ios::binary);
    if (!in) throw not_found("the image file is missing");
    std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (sha256_hex(data) != f->sha256) {
        log_.error("proctor", "frame " + f->path + " does not match its stored SHA-256");
        throw domain_error(error_kind::internal, "evidence_corrupt", "the stored image does not match its recorded hash");
    }
    log_view(c.user().user, "frame_viewed", "session " + std::to_string(id));
    auto res = jpeg_response(c.req, std::move(data), f->sha256);
    res.set("X-Frame-Time-Ms", std::to_string(f->t_ms));
    return res;
}

// A one-time ticket for /ws/staff/live, as the exam's ws-ticket: the page
// asks one per (re)connect so that the bearer token never travels in a URL.
response proctoring_routes::live_ticket(const call& c) {
    const auto& req = c.req;
    const auto& who = c.user();
    const auto now = proctor_.now_ms();
    tickets_.purge(now);
    auto auth = req[http::field::authorization];
    auto issued = tickets_.issue({who.user, 0, token_hash(std::string(auth.substr(7)))}, now);
    if (!issued) throw domain_error(error_kind::unavailable, "busy", "too many WebSocket tickets outstanding; try again shortly");
    auto res = json_response(req, http::status::created, {{"ticket", issued->first}, {"expires_ms", issued->second}});
    res.set(http::field::cache_control, "no-store");
    return res;
}

// The staff WebSocket's upgrade: a ticket (?ticket=, from POST
// /api/proctoring/live/ws-ticket) or the bearer token in the Authorization
// header (clients that can set one); admins and commission members only,
// refused before the upgrade. Opening it is a viewing, logged.
std::shared_ptr<ws_handler> proctoring_routes::admit_live_ws(const call& c) {
    const auto& req = c.req;
    require_same_origin(c, cfg_.allowed_origins);
    const auto now = proctor_.now_ms();
    std::string hash;
    std::optional<std::int64_t> ticket_user;
    if (auto ticket = c.query_param("ticket"); !ticket.empty()) {
        if (ticket.size() > 256) throw domain_error(error_kind::unauthorized, "unauthorized", "the ticket is not valid");
        auto g = tickets_.redeem(ticket, 0, now);
        if (!g) throw domain_error(error_kind::unauthorized, "unauthorized", "the ticket is not valid, used or expired");
        hash = g->token_hash;
        ticket_user = g->user;
    } else {
        auto auth = std::string(req[http::field::authorization]);
        if (auth.size() <= 7 || lower_ascii(auth.substr(0, 7)) != "bearer ")
            throw domain_error(error_kind::unauthorized, "unauthorized", "give ?ticket= (POST /api/proctoring/live/ws-ticket)");
        if (auth.size() > 7 + 256) throw domain_error(error_kind::unauthorized, "unauthorized", "the token is not valid");
        hash = token_hash(auth.substr(7));
    }
    std::optional<principal> who;
    {
        auto r = readers_.acquire();
        who = store::find_token(*r, hash, now);  // logged out since the ticket: void
    }
    if (!who || (ticket_user && who->user != *ticket_user))
        throw domain_error(error_kind::unauthorized, "unauthorized", "the login has ended or the token is not valid");
    if (!who->roles().intersects(live_viewers)) throw forbidden("the live view is for administrators and commission members");
    auto viewer = feed_->make_viewer(who->user);
    if (!viewer)
        throw domain_error(error_kind::unavailable, "busy",
                           "too many live views open (" + std::to_string(live_feed::max_viewers) + "); try again shortly");
    log_view(who->user, "live_view_opened", "live");
    return viewer;
}

response proctoring_routes::put_photo(const call& c) {
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

response proctoring_routes::session_events(const call& c) {
    const auto& req = c.req;
    const std::int64_t id = c.id();
    auto r = readers_.acquire();
    auto s = store::find_sitting(*r, id);
    if (!s) throw not_found("no such session");
    json out = json::array();
    for (const auto& e : store::events_of(*r, id)) {
        json j = {{"id", e.id}, {"t_ms", e.t_ms}, {"kind", e.kind}, {"detail", e.detail},
                  {"args", event_args_json(e.args)}, {"violation", e.violation}, {"strike", e.strike}, {"evidence", nullptr}, {"sha256", nullptr}};
        if (e.has_evidence) {
            j["evidence"] = "/api/evidence/" + std::to_string(e.id);
            j["sha256"] = e.sha256;
        }
        out.push_back(std::move(j));
    }
    return json_response(req, http::status::ok, out);
}

response proctoring_routes::session_recording(const call& c) {
    const auto& req = c.req;
    const std::int64_t id = c.id();
    json frames = json::array(), audio = json::array();
    {
        auto r = readers_.acquire();
        if (!store::find_sitting(*r, id)) throw not_found("no such session");
        for (const auto& f : store::recording_of(*r, id))
            frames.push_back({{"t_ms", f.t_ms}, {"part", f.part}, {"url", "/api/recording/" + std::to_string(f.id)},
                              {"sha256", f.sha256}});
        for (const auto& a : store::audio_of(*r, id)) audio.push_back({{"t_ms", a.t_ms}, {"dbfs", a.dbfs}});
    }
    log_view(c.user().user, "recording_viewed", "session " + std::to_string(id));  // the list, not each image
    return json_response(req, http::status::ok, {{"frames", frames}, {"audio", audio}});
}

response proctoring_routes::room_scan(const call& c) {
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
response proctoring_routes::stored_image(const call& c, const char* table) {
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
            sitting_reader(*r, proctor_.owners(), who, *s);  // appeal members: only a sitting an appeal is assigned to them of (p.22)
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
    return jpeg_response(req, std::move(data), sha);
}

}  // namespace tanu::server
