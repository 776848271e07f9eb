#include "server/proctoring/routes.hpp"

#include <fstream>

#include "server/exam/sitting_access.hpp"
#include "server/exam/store.hpp"
#include "server/http/error_status.hpp"
#include "server/people/store.hpp"
#include "server/platform/domain_error.hpp"
#include "server/platform/sha256.hpp"
#include "server/proctoring/store.hpp"

namespace tanu::server {

proctoring_routes::proctoring_routes(platform& p, proctor_service& proctor)
    : cfg_(p.cfg), readers_(p.readers), proctor_(proctor), log_(p.log) {}

void proctoring_routes::routes(router& r) {
    const auto admin = access::only({role::admin});
    const auto staff = access::only({role::admin, role::commission, role::appeal});
    const auto examiners = access::only({role::admin, role::commission});
    r.put("/api/candidates/{id}/photo", admin, member(this, &proctoring_routes::put_photo),
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
}

// The proctors' live list (issue 10): every sitting in progress with its state,
// the most strikes first. Read on each call: a page polls it.
response proctoring_routes::live(const call& c) {
    auto r = readers_.acquire();
    const auto now = proctor_.now_ms();
    json list = json::array();
    for (const auto& s : store::live_sittings(*r, 1000)) {
        json last = nullptr;
        if (s.last)
            last = {{"id", s.last->id}, {"t_ms", s.last->t_ms}, {"kind", s.last->kind}, {"detail", s.last->detail},
                    {"violation", s.last->violation}, {"strike", s.last->strike}};
        list.push_back({{"session", s.sitting},
                        {"candidate", s.candidate},
                        {"full_name", s.full_name},
                        {"programme", s.programme},
                        {"lang", s.lang},
                        {"started_ms", s.started_ms},
                        {"remaining_ms", std::max<std::int64_t>(0, s.deadline_ms - now)},
                        {"connections", proctor_.connections(s.sitting)},
                        {"strikes", s.strikes},
                        {"identity", s.identity.empty() ? json(nullptr) : json(s.identity)},
                        {"room_scan", s.room_scan.empty() ? json(nullptr) : json(s.room_scan)},
                        {"last_event", last}});
    }
    return json_response(c.req, http::status::ok, {{"now_ms", now}, {"sittings", list}});
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
                  {"violation", e.violation}, {"strike", e.strike}, {"evidence", nullptr}, {"sha256", nullptr}};
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
    auto r = readers_.acquire();
    if (!store::find_sitting(*r, id)) throw not_found("no such session");
    json frames = json::array(), audio = json::array();
    for (const auto& f : store::recording_of(*r, id))
        frames.push_back({{"t_ms", f.t_ms}, {"part", f.part}, {"url", "/api/recording/" + std::to_string(f.id)},
                          {"sha256", f.sha256}});
    for (const auto& a : store::audio_of(*r, id)) audio.push_back({{"t_ms", a.t_ms}, {"dbfs", a.dbfs}});
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

}  // namespace tanu::server
