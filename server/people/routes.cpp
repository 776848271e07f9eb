// The people's routes: parse, call, map.
#include "server/people/routes.hpp"

#include <fstream>
#include <iterator>

#include "server/http/router.hpp"
#include "server/people/search.hpp"
#include "server/people/store.hpp"
#include "server/platform/domain_error.hpp"
#include "server/platform/module.hpp"
#include "server/platform/sha256.hpp"

namespace tanu::server {

namespace {

// The type of a stored photo by its first bytes (PUT accepts JPEG and PNG only).
const char* image_type(const std::string& data) {
    if (data.size() >= 3 && data.compare(0, 3, "\xFF\xD8\xFF") == 0) return "image/jpeg";
    if (data.size() >= 8 && data.compare(0, 8, "\x89PNG\r\n\x1A\n") == 0) return "image/png";
    return "application/octet-stream";
}

class people_module final : public module {
public:
    explicit people_module(platform& p) : p_(p) {}

    void routes(router& r) override {
        r.get("/api/candidates", access::only({role::admin, role::registrar}), [this](const call& c) { return search(c); });
        r.get("/api/candidates/{id}/photo", access::only({role::admin, role::registrar, role::commission, role::head}),
              [this](const call& c) { return photo(c); });
    }

private:
    response search(const call& c) {
        const auto q = c.query_param("q");
        auto r = p_.readers.acquire();
        json out = json::array();
        for (const auto& x : people::search_candidates(*r, q))
            out.push_back({{"id", x.id}, {"login", x.login}, {"iin", x.iin}, {"full_name", x.full_name},
                           {"birth_date", x.birth_date}, {"photo", x.photo}});
        return json_response(c.req, http::status::ok, out);
    }

    // The ID photo as it was uploaded, checked against the SHA-256 kept with it; never cached.
    response photo(const call& c) {
        const std::int64_t id = c.id();
        std::optional<photo_file> file;
        {
            auto r = p_.readers.acquire();
            if (!store::find_candidate(*r, id)) throw not_found("no such candidate");
            file = store::candidate_photo(*r, id);
        }
        if (!file) throw domain_error(error_kind::not_found, "no_photo", "no ID photo is on file for this candidate");
        std::ifstream in(p_.cfg.data_dir / file->path, std::ios::binary);
        if (!in) {
            p_.log.error("people", "candidate " + std::to_string(id) + ": photo file " + file->path + " is missing");
            throw domain_error(error_kind::not_found, "no_photo", "the ID photo's file is missing; upload it again");
        }
        std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (sha256_hex(data) != file->sha256) {
            p_.log.error("people", "candidate " + std::to_string(id) + ": photo " + file->path + " does not match its SHA-256");
            throw domain_error(error_kind::internal, "photo_corrupt", "the stored photo does not match its recorded hash");
        }
        response res{http::status::ok, c.req.version()};
        res.set(http::field::content_type, image_type(data));
        res.set(http::field::cache_control, "private, no-store");
        res.set("X-Content-SHA256", file->sha256);
        res.set("X-Photo-Time-Ms", std::to_string(file->created_ms));
        res.set("X-Content-Type-Options", "nosniff");
        res.keep_alive(c.req.keep_alive());
        res.body() = std::move(data);
        res.prepare_payload();
        return res;
    }

    platform& p_;
};

}  // namespace

std::unique_ptr<module> make_people_module(platform& p) { return std::make_unique<people_module>(p); }

}  // namespace tanu::server
