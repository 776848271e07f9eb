// The route table (server/http/router.hpp) in-process: matching, 404, 405 with
// Allow, the body limits, authentication, roles, and the one catch.
#include <catch2/catch.hpp>

#include <stdexcept>

#include "server/http/error_status.hpp"
#include "server/http/router.hpp"

using namespace tanu::server;

namespace {

// "Bearer admin" signs in as an admin, "Bearer candidate" as candidate 7; anything else is refused.
principal test_auth(const request& req) {
    const std::string auth(req[http::field::authorization]);
    if (auth == "Bearer admin") return {1, "root", "admin", std::nullopt, {}};
    if (auth == "Bearer candidate") return {2, "aigerim", "candidate", 7, {}};
    throw unauthorized("unauthorized", "the token is not valid or has expired");
}

request make(http::verb m, const std::string& target, const std::string& token = {}) {
    request req{m, target, 11};
    if (!token.empty()) req.set(http::field::authorization, "Bearer " + token);
    return req;
}

json body_of(const response& r) { return json::parse(r.body()); }

struct table {
    logger log{log_level::error};
    router r{test_auth, 1000, {}, log};
    table() {
        r.get("/api/health", access::open(), [](const call& c) { return json_response(c.req, http::status::ok, {{"ok", true}}); });
        r.get("/api/things/{id}", access::signed_in(), [](const call& c) {
            return json_response(c.req, http::status::ok, {{"id", c.id()}, {"who", c.user().login}});
        });
        r.get("/api/things/special", access::open(), [](const call& c) {
            return json_response(c.req, http::status::ok, {{"special", true}});
        });
        r.put("/api/things/{id}", access::only({role::admin}),
              [](const call& c) { return json_response(c.req, http::status::ok, {{"put", c.param()}}); },
              {.body_limit = 5000});
        r.get("/api/docs/{code}", access::optional(), [](const call& c) {
            return json_response(c.req, http::status::ok, {{"known", c.who.has_value()}, {"q", c.query_param("q")}});
        });
        r.get("/api/boom", access::open(), [](const call&) -> response { throw std::runtime_error("disk on fire"); });
        r.get("/api/conflict", access::open(), [](const call&) -> response { throw conflict("taken", "it is taken"); });
    }
};

}  // namespace

TEST_CASE("the router matches literal segments before parameters and decodes them", "[router]") {
    table t;
    auto special = t.r.handle(make(http::verb::get, "/api/things/special"), "127.0.0.1");
    CHECK(special.result() == http::status::ok);
    CHECK(body_of(special)["special"] == true);
    auto thing = t.r.handle(make(http::verb::get, "/api/things/42", "admin"), "127.0.0.1");
    CHECK(thing.result() == http::status::ok);
    CHECK(body_of(thing)["id"] == 42);
    CHECK(body_of(thing)["who"] == "root");
    auto doc = t.r.handle(make(http::verb::get, "/api/docs/A%2DB?q=%D2%9B%D0%B0%D0%B7"), "127.0.0.1");
    CHECK(body_of(doc)["q"] == "қаз");
}

TEST_CASE("unknown routes are 404 and other methods 405 with Allow", "[router]") {
    table t;
    auto none = t.r.handle(make(http::verb::get, "/api/nothing/here"), "127.0.0.1");
    CHECK(none.result() == http::status::not_found);
    CHECK(body_of(none)["error"] == "not_found");
    auto post = t.r.handle(make(http::verb::post, "/api/things/42", "admin"), "127.0.0.1");
    CHECK(post.result() == http::status::method_not_allowed);
    CHECK(body_of(post)["error"] == "method_not_allowed");
    CHECK(post[http::field::allow] == "GET, PUT");
    auto bad_id = t.r.handle(make(http::verb::get, "/api/things/4x2", "admin"), "127.0.0.1");
    CHECK(bad_id.result() == http::status::not_found);
}

TEST_CASE("the router authenticates and checks roles before the handler runs", "[router]") {
    table t;
    auto anonymous = t.r.handle(make(http::verb::get, "/api/things/1"), "127.0.0.1");
    CHECK(anonymous.result() == http::status::unauthorized);
    auto wrong_token = t.r.handle(make(http::verb::get, "/api/things/1", "forged"), "127.0.0.1");
    CHECK(wrong_token.result() == http::status::unauthorized);
    auto candidate = t.r.handle(make(http::verb::put, "/api/things/1", "candidate"), "127.0.0.1");
    CHECK(candidate.result() == http::status::forbidden);
    CHECK(body_of(candidate)["error"] == "forbidden");
    auto admin = t.r.handle(make(http::verb::put, "/api/things/1", "admin"), "127.0.0.1");
    CHECK(admin.result() == http::status::ok);
    // optional: a valid token makes the caller known, an invalid one is ignored
    CHECK(body_of(t.r.handle(make(http::verb::get, "/api/docs/x", "candidate"), "127.0.0.1"))["known"] == true);
    auto forged = t.r.handle(make(http::verb::get, "/api/docs/x", "forged"), "127.0.0.1");
    CHECK(forged.result() == http::status::ok);
    CHECK(body_of(forged)["known"] == false);
}

TEST_CASE("body limits are per route and method, known from the header", "[router]") {
    table t;
    CHECK(t.r.body_limit(make(http::verb::put, "/api/things/3")) == 5000);
    CHECK(t.r.body_limit(make(http::verb::get, "/api/things/3")) == 1000);
    CHECK(t.r.body_limit(make(http::verb::post, "/api/unknown")) == 1000);
    CHECK(t.r.largest_body_limit() == 5000);
}

TEST_CASE("the one catch: domain errors by their kind, anything else a logged 500", "[router]") {
    table t;
    auto c = t.r.handle(make(http::verb::get, "/api/conflict"), "127.0.0.1");
    CHECK(c.result() == http::status::conflict);
    CHECK(body_of(c)["error"] == "taken");
    CHECK(body_of(c)["message"] == "it is taken");
    auto boom = t.r.handle(make(http::verb::get, "/api/boom"), "127.0.0.1");
    CHECK(boom.result() == http::status::internal_server_error);
    CHECK(body_of(boom)["error"] == "internal");
    CHECK(body_of(boom)["message"].get<std::string>().find("disk") == std::string::npos);  // no detail leaks
}

TEST_CASE("a route added twice is a programming error", "[router]") {
    table t;
    CHECK_THROWS_AS(t.r.get("/api/health", access::open(), [](const call& c) { return no_content(c.req); }),
                    std::logic_error);
}

TEST_CASE("every error kind has its one status", "[router][errors]") {
    CHECK(http_status(error_kind::bad_request) == http::status::bad_request);
    CHECK(http_status(error_kind::unauthorized) == http::status::unauthorized);
    CHECK(http_status(error_kind::forbidden) == http::status::forbidden);
    CHECK(http_status(error_kind::not_found) == http::status::not_found);
    CHECK(http_status(error_kind::method_not_allowed) == http::status::method_not_allowed);
    CHECK(http_status(error_kind::conflict) == http::status::conflict);
    CHECK(http_status(error_kind::unsupported_media) == http::status::unsupported_media_type);
    CHECK(http_status(error_kind::unprocessable) == http::status::unprocessable_entity);
    CHECK(http_status(error_kind::too_large) == http::status::payload_too_large);
    CHECK(http_status(error_kind::too_many) == http::status::too_many_requests);
    CHECK(http_status(error_kind::unavailable) == http::status::service_unavailable);
    CHECK(http_status(error_kind::internal) == http::status::internal_server_error);
    request req{http::verb::post, "/api/login", 11};
    domain_error e(error_kind::too_many, "too_many_attempts", "try again in 4 s");
    e.retry_after_s = 4;
    auto res = error_response(req, e);
    CHECK(res[http::field::retry_after] == "4");
    CHECK(body_of(res)["retry_after_s"] == 4);
}
