#pragma once
// procedure_fixture plus a programme with a practical stage (seed 002
// p.16-17): CARD-4, whose technological card has a mandatory item p1 and an
// optional item p2, and sittings of it whose theory stage ended as asked.
#include <cstdint>
#include <string>

#include "server/exam/store.hpp"
#include "server/platform/json_map.hpp"
#include "server/programmes/store.hpp"
#include "tests/server/recognition/procedure_fixture.hpp"

namespace tanu_test {

struct practical_fixture : procedure_fixture {
    int card_attempts = 0;  // the candidate's sittings of CARD-4 so far

    practical_fixture() {
        tanu::exam::programme p;
        p.code = "CARD-4";
        p.profession = "Монтажник";
        p.oked = "43221";
        p.nkz = "71260001";
        p.nqf_level = 4;
        p.languages = {"ru", "kk"};
        p.practical = {{"p1", {{"kk", "Құбырды жалғау"}, {"ru", "Соединить трубы"}}, true},
                       {"p2", {{"kk", "Орынды жинау"}, {"ru", "Убрать рабочее место"}}, false}};
        store::insert_programme(d, p, to_json(p).dump(), t0);
    }

    // A sitting of CARD-4. status "scheduled" leaves the theory stage open;
    // otherwise it ended with 64/90 (more than 70 %: passed, p.15) or 63/90
    // (exactly 70 %: not passed).
    std::int64_t card_sitting(bool passed, const std::string& status = "finished") {
        sitting_row s;
        s.candidate = candidate;
        s.programme = "CARD-4";
        s.lang = "ru";
        s.mode = "centre";
        s.attempt = ++card_attempts;
        s.created_ms = t0 - 3'600'000;
        const auto id = store::insert_sitting(d, s);
        if (status == "scheduled") return id;
        stmt u(d, "UPDATE sittings SET status = ?, finished_ms = ?, correct = ?, total = ?, passed = ? WHERE id = ?");
        u.bind(1, status).bind(2, t0 - 60'000).bind(3, passed ? 64 : 63).bind(4, 90).bind(5, passed ? 1 : 0).bind(6, id);
        u.run();
        theory_ended(id, t0 - 60'000);
        return id;
    }
};

}  // namespace tanu_test
