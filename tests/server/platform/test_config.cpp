// The centre's name in the config: one string for both languages, or one per
// language; never an English default reaching a Kazakh or Russian reader.
#include <catch2/catch.hpp>

#include <fstream>

#include "server/platform/config.hpp"
#include "tests/server/temp_dir.hpp"

using namespace tanu::server;

namespace {

server_config with_file(const std::string& text) {
    tanu_test::temp_dir dir{"tanu-config-"};
    const auto file = dir.path / "config.json";
    std::ofstream(file) << text;
    server_config cfg;
    apply_config_file(cfg, file);
    return cfg;
}

}  // namespace

TEST_CASE("the centre's name is kept per language", "[config][centre]") {
    const server_config plain;
    CHECK(plain.centre.name_in("kk") == "Біліктілікті тану орталығы");
    CHECK(plain.centre.name_in("ru") == "Центр признания квалификации");

    auto both = with_file(R"({"centre": {"name": {"kk": "«Біліктілік» тану орталығы", "ru": "Центр «Біліктілік»"}}})");
    CHECK(both.centre.name_in("kk") == "«Біліктілік» тану орталығы");
    CHECK(both.centre.name_in("ru") == "Центр «Біліктілік»");

    auto one = with_file(R"({"centre": {"name": "«Біліктілік»"}})");
    CHECK(one.centre.name_in("kk") == "«Біліктілік»");
    CHECK(one.centre.name_in("ru") == "«Біліктілік»");

    CHECK_THROWS_AS(with_file(R"({"centre": {"name": {"kk": "Орталық"}}})"), config_error);
    CHECK_THROWS_AS(with_file(R"({"centre": {"name": {"kk": "Орталық", "ru": "Центр", "en": "Centre"}}})"), config_error);
    CHECK_THROWS_AS(with_file(R"({"centre": {"name": ""}})"), config_error);
}
