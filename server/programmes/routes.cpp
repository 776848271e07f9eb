#include "server/programmes/routes.hpp"

#include <algorithm>

#include "exam/theory/programme.hpp"
#include "server/audit/audit.hpp"
#include "server/http/error_status.hpp"
#include "server/platform/domain_error.hpp"
#include "server/programmes/question_import.hpp"
#include "server/programmes/store.hpp"
#include "server/programmes/update.hpp"

namespace tanu::server {

namespace {

// Active questions per language the programme offers (0 for an empty bank).
json bank_json(db& d, const exam::programme& p) {
    auto counts = store::bank_counts(d, p.code);
    json out = json::object();
    for (const auto& lang : p.languages) out[lang] = counts.count(lang) ? counts[lang] : 0;
    return out;
}

}  // namespace

programmes_routes::programmes_routes(platform& p, std::function<std::vector<std::string>()> kinds,
                                     std::function<void(const std::string&)> bank_changed)
    : writer_(p.writer), readers_(p.readers), clock_(p.clock), log_(p.log), kinds_(std::move(kinds)),
      import_body_limit_(p.cfg.http.import_body_limit),
      bank_changed_(std::move(bank_changed)) {}

void programmes_routes::routes(router& r) {
    const auto admin = access::only({role::admin});
    const auto staff = access::only({role::admin, role::commission, role::appeal, role::registrar, role::head});
    r.post("/api/programmes", admin, member(this, &programmes_routes::create_programme));
    r.get("/api/programmes", staff, member(this, &programmes_routes::list_programmes));
    r.get("/api/programmes/{code}", staff, member(this, &programmes_routes::get_programme));
    r.put("/api/programmes/{code}", admin, member(this, &programmes_routes::update_programme));
    r.get("/api/programmes/{code}/bank", access::only({role::admin, role::commission}),
          member(this, &programmes_routes::get_bank));
    r.post("/api/programmes/{code}/questions", admin, member(this, &programmes_routes::import_questions),
           {.body_limit = import_body_limit_});
}

void programmes_routes::check_kind(const std::string& kind) const {
    const auto kinds = kinds_();
    if (std::find(kinds.begin(), kinds.end(), kind) != kinds.end()) return;
    std::string known;
    for (const auto& k : kinds) known += (known.empty() ? "" : ", ") + k;
    throw domain_error(error_kind::unprocessable, "unknown_kind", "no procedure of kind '" + kind + "' runs here (" + known + ")");
}

response programmes_routes::create_programme(const call& c) {
    const auto& req = c.req;
    const auto& who = c.user();
    auto p = programme_from_json(body_json(req));
    if (auto problem = exam::validate(p)) throw unprocessable(*problem);
    check_kind(p.kind);
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

response programmes_routes::list_programmes(const call& c) {
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

response programmes_routes::get_programme(const call& c) {
    const auto& req = c.req;
    const std::string& code = c.param();
    auto r = readers_.acquire();
    auto p = store::find_programme(*r, code);
    if (!p) throw not_found("no programme " + code);
    json j = to_json(*p);
    j["bank"] = bank_json(*r, *p);
    return json_response(req, http::status::ok, j);
}

// The whole programme as POST takes it; `code` may be left out, it cannot change.
// Topic titles left out are kept (the imports give them).
response programmes_routes::update_programme(const call& c) {
    const auto& req = c.req;
    const std::string& code = c.param();
    json body = body_json(req);
    if (!body.is_object()) throw bad_request("a programme must be a JSON object");
    if (!body.contains("code")) body["code"] = code;
    if (!body.at("code").is_string() || body.at("code").get<std::string>() != code)
        throw unprocessable("code cannot change: the programme is " + code + " (create a new programme instead)");
    auto p = programme_from_json(body);
    std::optional<exam::programme> before;
    {
        auto r = readers_.acquire();
        before = store::find_programme(*r, code);
    }
    if (!before) throw not_found("no programme " + code);
    if (!body.contains("topics")) p.topics = before->topics;
    if (auto problem = exam::validate(p)) throw unprocessable(*problem);
    check_kind(p.kind);
    const auto who = c.user().user;
    json out;
    writer_.call([&](db& d) {
        auto stored = replace_programme(d, p, who, clock_.now_ms());
        bank_changed_(code);
        out = to_json(stored);
        out["bank"] = bank_json(d, stored);
    });
    return json_response(req, http::status::ok, out);
}

response programmes_routes::get_bank(const call& c) {
    const auto& req = c.req;
    const std::string& code = c.param();
    auto r = readers_.acquire();
    auto p = store::find_programme(*r, code);
    if (!p) throw not_found("no programme " + code);
    json out = json::object();
    for (const auto& [lang, b] : bank_summary(*r, *p))
        out[lang] = {{"total", b.total}, {"topics", b.topics.empty() ? json::object() : json(b.topics)}};
    return json_response(req, http::status::ok, out);
}

response programmes_routes::import_questions(const call& c) {
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
    std::string type = lower_ascii(std::string(req[http::field::content_type]));
    type = type.substr(0, type.find(';'));
    while (!type.empty() && type.back() == ' ') type.pop_back();
    import_batch batch;
    if (type == "application/json") {
        batch = import_json(parse_json(req.body()), *p);
    } else if (type == "application/xml" || type == "text/xml") {
        batch = import_moodle_xml(req.body(), query_param(query, "lang"), *p);
    } else {
        throw domain_error(error_kind::unsupported_media, "unsupported_media_type", "send application/json or application/xml");
    }
    // Titles sent with the questions join the programme's (a title per language replaced).
    exam::programme titled = *p;
    for (const auto& [slug, titles] : batch.topics)
        for (const auto& [lang, title] : titles) titled.topics[slug][lang] = title;
    if (!batch.topics.empty()) {
        if (auto problem = exam::validate(titled)) throw unprocessable(*problem);
    }
    auto now = clock_.now_ms();
    writer_.call([&](db& d) {
        if (!batch.topics.empty()) {
            store::set_programme_body(d, code, to_json(titled).dump());
            audit::record(d, now, who.user, "programme.topics", "programme " + code,
                          std::to_string(batch.topics.size()) + " topic(s) titled");
        }
        for (const auto& q : batch.accepted) store::upsert_question(d, code, q, now);
        audit::record(d, now, who.user, "questions.import", "programme " + code,
                      std::to_string(batch.accepted.size()) + " imported, " + std::to_string(batch.rejected.size()) +
                          " rejected");
        bank_changed_(code);
    });
    json rejected = json::array();
    for (const auto& r : batch.rejected) rejected.push_back({{"index", r.index}, {"id", r.id}, {"reason", r.reason}});
    log_.info("bank", code + ": imported " + std::to_string(batch.accepted.size()) + ", rejected " +
                          std::to_string(batch.rejected.size()));
    return json_response(req, http::status::ok,
                         {{"imported", batch.accepted.size()}, {"rejected", rejected}, {"topics", titled.topics.size()}});
}

}  // namespace tanu::server
