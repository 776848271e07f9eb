// The route table against docs/api.md: every route the server answers is
// documented there as "`METHOD /path`", and every such line names a route.
#include <catch2/catch.hpp>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "tests/integration/harness.hpp"

using namespace it;

TEST_CASE("every route is in docs/api.md and every route there exists", "[integration][http][routes]") {
    server_process srv;
    const int port = srv.port();
    const auto admin = admin_token(port);

    auto anonymous = http_call(port, "GET", "/api/routes");
    CHECK(anonymous.status == 401);
    auto listed = http_call(port, "GET", "/api/routes", nullptr, admin);
    INFO(describe(listed));
    REQUIRE(listed.status == 200);
    std::set<std::string> served;
    for (const auto& r : listed.body_json) served.insert(r["method"].get<std::string>() + " " + r["path"].get<std::string>());
    CHECK(served.size() > 40);
    CHECK(served.count("GET /api/routes") == 1);

    std::ifstream in(std::string(TANU_SOURCE_DIR) + "/docs/api.md");
    REQUIRE(in);
    std::stringstream text;
    text << in.rdbuf();
    const std::string doc = text.str();
    // `GET /api/documents/{code}[?check=VALUE]`, `POST /api/programmes/{code}/questions?lang=kk`: the path part
    const std::regex mention("`(GET|POST|PUT|DELETE|PATCH) (/api/[A-Za-z0-9_./{}-]*)[^`]*`");
    std::set<std::string> documented;
    for (auto it = std::sregex_iterator(doc.begin(), doc.end(), mention); it != std::sregex_iterator(); ++it)
        documented.insert((*it)[1].str() + " " + (*it)[2].str());

    for (const auto& r : served) {
        INFO("served but not in docs/api.md: " << r);
        CHECK(documented.count(r) == 1);
    }
    for (const auto& d : documented) {
        INFO("in docs/api.md but not served: " << d);
        CHECK(served.count(d) == 1);
    }
}
