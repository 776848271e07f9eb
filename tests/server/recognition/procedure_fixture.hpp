#pragma once
// A migrated SQLite file with the people of a recognition procedure: an
// admin, two commission members, an appeal member, a candidate, a programme
// without a practical card and one sitting. Dates are real (the shipped
// calendar of 2026: no holiday in February).
#include <chrono>
#include <string>

#include "server/accounts/store.hpp"
#include "server/db/migrator.hpp"
#include "server/db/sqlite.hpp"
#include "server/exam/store.hpp"
#include "server/outbox/store.hpp"
#include "server/people/store.hpp"
#include "server/platform/config.hpp"
#include "server/platform/json_map.hpp"
#include "server/platform/logger.hpp"
#include "server/programmes/store.hpp"
#include "server/platform/sha256.hpp"
#include "server/recognition/documents.hpp"
#include "server/recognition/owner.hpp"
#include "tests/server/temp_dir.hpp"

namespace tanu_test {

using namespace tanu::server;

// Local time (UTC+5) of a day, as the server's clock gives it.
inline std::int64_t kz_ms(int y, unsigned m, unsigned d, int hour) {
    namespace c = std::chrono;
    const c::sys_days date{c::year{y} / c::month{m} / c::day{d}};
    return c::duration_cast<c::milliseconds>((date + c::hours{hour - 5}).time_since_epoch()).count();
}

inline int count(db& d, const std::string& sql) {
    stmt s(d, sql.c_str());
    s.step();
    return s.i32(0);
}

struct procedure_fixture {
    temp_dir dir{"tanu-recognition-"};
    db d{dir.path / "t.db"};
    centre_config centre;
    std::int64_t admin = 0, member1 = 0, member2 = 0, appeal_member = 0, candidate_user = 0, candidate = 0, head = 0;
    int attempts = 0;  // the candidate's sittings of W1 so far
    logger log;
    std::shared_ptr<const sitting_owner> owner = recognition::make_sitting_owner(log);
    const std::int64_t t0 = kz_ms(2026, 2, 9, 10);  // Monday 9 February 2026, 10:00 in Astana

    procedure_fixture() {
        migrate(d, embedded_migrations());
        centre.name_kk = centre.name_ru = "Орталық";
        centre.number = 7;
        admin = store::insert_user(d, "admin", "admin", "x", t0);
        member1 = store::insert_user(d, "c1", "commission", "x", t0);
        member2 = store::insert_user(d, "c2", "commission", "x", t0);
        appeal_member = store::insert_user(d, "a1", "appeal", "x", t0);
        head = store::insert_user(d, "bastyk", "head", "x", t0);
        candidate_user = store::insert_user(d, "cand", "candidate", "x", t0);
        candidate_row c;
        c.iin = "900101300001";
        c.full_name = "Асанов Асан";
        c.birth_date = "1990-01-01";
        c.email = "asan@example.kz";
        candidate = store::insert_candidate(d, candidate_user, c, t0);
        tanu::exam::programme p;
        p.code = "W1";
        p.profession = "Сварщик";
        p.oked = "25110";
        p.nqf_level = 3;
        p.languages = {"ru", "kk"};
        store::insert_programme(d, p, to_json(p).dump(), t0);
    }

    // A sitting whose theory stage ended (finished, or terminated) with the score given.
    std::int64_t ended_sitting(bool passed, const std::string& lang = "ru", const std::string& status = "finished") {
        sitting_row s;
        s.candidate = candidate;
        s.programme = "W1";
        s.lang = lang;
        s.mode = "centre";
        s.attempt = ++attempts;
        s.created_ms = t0 - 3'600'000;
        const auto id = store::insert_sitting(d, s);
        stmt u(d, "UPDATE sittings SET status = ?, finished_ms = ?, correct = ?, total = ?, passed = ? WHERE id = ?");
        u.bind(1, status).bind(2, t0 - 60'000).bind(3, passed ? 80 : 40).bind(4, 90).bind(5, passed ? 1 : 0).bind(6, id);
        u.run();
        theory_ended(id, t0 - 60'000);
        return id;
    }

    // What the engine does once a theory stage has ended: it tells the
    // procedure owning the sitting (recognition: the procedure's dates).
    void theory_ended(std::int64_t id, std::int64_t t_ms) { owner->theory_ended(d, *store::find_sitting(d, id), t_ms); }

    // The head of the centre signs a prepared document at t_ms, as POST
    // /api/documents/{code}/sign does once the signer has checked the password.
    document_row sign(const std::string& code, std::int64_t t_ms) {
        const auto doc = *store::find_document(d, code);
        const auto prog = *store::find_programme(d, doc.programme);
        const auto sha = sha256_hex(recognition::signed_content(recognition::as_signed(doc, prog, centre, t_ms), centre.number));
        return recognition::sign_document(d, centre, {code, {"password", head, sha, t_ms}}, t_ms);
    }

    std::vector<notice_row> notices() { return store::notices_of(d, candidate); }
    int audits(const std::string& action) {
        return count(d, "SELECT count(*) FROM audit_log WHERE action = '" + action + "'");
    }
};

}  // namespace tanu_test
