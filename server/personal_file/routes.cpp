// The personal file's routes: the file is assembled and its viewing audited in
// one writer's transaction (personal data: no viewing without its line), then
// answered as JSON or rendered as PDF on the worker.
//
// Who reads it: seed 002 p.14 keeps the acts "in the candidate's personal
// file", the centre's record of him; the centre's admin, registrar and head
// read it. The candidate reads each part of his own through his cabinet
// (applications, notices, sittings, protocol, appeals) and is not given the
// centre's file with its staff logins and audit of who decided.
#include "server/personal_file/routes.hpp"

#include "server/audit/audit.hpp"
#include "server/http/router.hpp"
#include "server/personal_file/file.hpp"
#include "server/personal_file/render.hpp"
#include "server/platform/domain_error.hpp"
#include "server/platform/module.hpp"

namespace tanu::server {

namespace {

class personal_file_module final : public module {
public:
    explicit personal_file_module(platform& p) : p_(p) {}

    void routes(router& r) override {
        const auto readers = access::only({role::admin, role::registrar, role::head});
        r.get("/api/candidates/{id}/file", readers, [this](const call& c) { return get(c, false); });
        r.get("/api/candidates/{id}/file.pdf", readers, [this](const call& c) { return get(c, true); });
    }

private:
    response get(const call& c, bool pdf) {
        const std::int64_t id = c.id();
        std::string lang = c.query_param("lang");
        if (lang.empty()) lang = "ru";
        if (pdf && !personal_file::known_lang(lang))
            throw domain_error(error_kind::unprocessable, "bad_lang", "lang is one of kk, ru, en");
        const personal_file::file_input in{id, p_.clock.now_ms(), p_.own_url};
        const auto user = c.user().user;
        auto file = p_.writer.call([&](db& d) {
            auto f = personal_file::assemble(d, p_.cfg, in);
            audit::record(d, in.now_ms, user, "person.file_viewed", "candidate " + std::to_string(id),
                          pdf ? "pdf " + lang : "json");
            return f;
        });
        const std::string sha = personal_file::file_sha256(file);
        if (!pdf) {
            auto res = json_response(c.req, http::status::ok, file);
            res.set(http::field::cache_control, "private, no-store");
            res.set("X-Content-SHA256", sha);
            return res;
        }
        response res{http::status::ok, c.req.version()};
        res.keep_alive(c.req.keep_alive());
        res.set(http::field::content_type, "application/pdf");
        res.set(http::field::cache_control, "private, no-store");
        res.set(http::field::content_disposition,
                "attachment; filename=\"personal-file-" + std::to_string(id) + "-" + lang + ".pdf\"");
        res.set("X-Content-SHA256", sha);
        res.body() = personal_file::render_pdf(file, sha, lang);
        res.prepare_payload();
        return res;
    }

    platform& p_;
};

}  // namespace

std::unique_ptr<module> make_personal_file_module(platform& p) { return std::make_unique<personal_file_module>(p); }

}  // namespace tanu::server
