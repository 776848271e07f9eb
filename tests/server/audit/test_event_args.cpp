// Events carry their figures (issue 10): args are part of the hashed content
// when present, stored compact, bounded, and a JSON object; the violation
// policy gives each violation the args its detail was written from.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "proctor/proctor.hpp"
#include "server/audit/audit.hpp"
#include "server/db/migrator.hpp"
#include "server/db/sqlite.hpp"
#include "server/proctoring/store.hpp"
#include "tests/server/temp_dir.hpp"

using namespace tanu::server;
using nlohmann::json;

namespace {

struct fixture {
    tanu_test::temp_dir dir{"tanu-args-"};
    db d{dir.path / "t.db"};
    fixture() {
        migrate(d, embedded_migrations());
        d.exec("PRAGMA foreign_keys=OFF");  // the chain alone: no sitting behind it
    }
};

}  // namespace

TEST_CASE("an event's args are hashed with it: changing or dropping them breaks the chain", "[audit][event_args]") {
    fixture f;
    audit::event_fields e{5, 1000, "multiple_faces", "2 faces for 6.0 s", true, 1, "", "", R"({ "seconds" : 6.0, "faces" : 2 })"};
    audit::append_event(f.d, e);
    audit::append_event(f.d, {5, 2000, "focus_lost", "the exam page lost focus", false, 0, "", "", ""});
    REQUIRE(audit::verify(f.d).ok());

    const auto rows = store::events_of(f.d, 5);
    REQUIRE(rows.size() == 2);
    CHECK(json::parse(rows[0].args) == json{{"seconds", 6.0}, {"faces", 2}});
    CHECK(rows[1].args.empty());

    SECTION("changed") {
        f.d.exec("UPDATE events SET args = '{\"faces\":1,\"seconds\":6.0}' WHERE seq = 1");
        CHECK_FALSE(audit::verify(f.d).ok());
    }
    SECTION("dropped") {
        f.d.exec("UPDATE events SET args = NULL WHERE seq = 1");
        CHECK_FALSE(audit::verify(f.d).ok());
    }
    SECTION("added") {
        f.d.exec("UPDATE events SET args = '{\"seconds\":1.0}' WHERE seq = 2");
        CHECK_FALSE(audit::verify(f.d).ok());
    }
}

TEST_CASE("event args must be a small JSON object", "[audit][event_args]") {
    fixture f;
    audit::event_fields e{5, 1000, "noise", "sound", true, 1, "", "", ""};
    for (const char* bad : {"[1, 2]", "3", "\"text\"", "{broken"}) {
        e.args = bad;
        INFO(bad);
        CHECK_THROWS_AS(audit::append_event(f.d, e), std::invalid_argument);
    }
    e.args = "{\"x\": \"" + std::string(audit::max_event_args, 'a') + "\"}";
    CHECK_THROWS_AS(audit::append_event(f.d, e), std::invalid_argument);
    e.args = "{}";  // nothing to say: stored as none
    audit::append_event(f.d, e);
    CHECK(store::events_of(f.d, 5).at(0).args.empty());
    CHECK(audit::verify(f.d).ok());
}

TEST_CASE("each violation carries the figures of its detail as args", "[audit][event_args][proctor]") {
    using namespace tanu::proctor;
    proctor_config cfg;
    {
        violation_policy p(cfg);
        std::optional<violation> v;
        for (std::int64_t t = 0; t <= 20000 && !v; t += 1000) {
            frame_finding f;
            f.t_ms = t;
            f.quality = frame_quality::ok;
            f.faces = 2;
            v = p.on_frame(f);
        }
        REQUIRE(v);
        CHECK(v->kind == "multiple_faces");
        CHECK(v->detail == "2 faces for 4.0 s");
        CHECK(json::parse(v->args) == json{{"faces", 2}, {"seconds", 4.0}});
    }
    {
        violation_policy p(cfg);
        std::optional<violation> v;
        for (std::int64_t t = 0; t <= 20000 && !v; t += 500) {
            audio_finding a;
            a.t_ms = t;
            a.dbfs = -12;
            a.seconds = 0.5;
            v = p.on_audio(a);
        }
        REQUIRE(v);
        CHECK(v->kind == "noise");
        const auto a = json::parse(v->args);
        CHECK(a.at("dbfs") == -12.0);
        CHECK(a.at("seconds").get<double>() > 0);
        CHECK(v->detail.find("-12.0 dBFS") != std::string::npos);
    }
}
