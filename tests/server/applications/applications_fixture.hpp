#pragma once
// A migrated SQLite file with the people of W1: an admin, a registrar, the
// head of the centre (a real password, for the signer), a candidate with an
// account, a programme of kind recognition (kk and ru, level 4). Dates are real
// (the shipped calendar of 2026: Nauryz 21-23 March, Saturday and Sunday moved
// to Tuesday 24 and Wednesday 25).
#include <chrono>
#include <string>

#include "exam/common/iin.hpp"
#include "server/accounts/auth.hpp"
#include "server/accounts/store.hpp"
#include "server/applications/file.hpp"
#include "server/applications/json.hpp"
#include "server/db/migrator.hpp"
#include "server/db/sqlite.hpp"
#include "server/outbox/store.hpp"
#include "server/people/store.hpp"
#include "server/platform/config.hpp"
#include "server/platform/json_map.hpp"
#include "server/programmes/store.hpp"
#include "tests/server/temp_dir.hpp"

namespace tanu_test {

using namespace tanu::server;
using namespace tanu::server::applications;

// Local time (UTC+5) of a day, as the server's clock gives it.
inline std::int64_t kz_at(int y, unsigned m, unsigned d, int hour) {
    namespace c = std::chrono;
    const c::sys_days date{c::year{y} / c::month{m} / c::day{d}};
    return c::duration_cast<c::milliseconds>((date + c::hours{hour - 5}).time_since_epoch()).count();
}

inline int count_of(db& d, const std::string& sql) {
    stmt s(d, sql.c_str());
    s.step();
    return s.i32(0);
}

// A valid IIN of a man born on 1990-01-15 (century digit 3) with the serial given.
inline std::string iin_1990(int serial) {
    for (int s = serial;; ++s) {
        char first[16];
        std::snprintf(first, sizeof first, "9001153%04d", (s & 0x7fffffff) % 10000);
        if (auto check = tanu::exam::iin_check_digit(first)) return std::string(first) + char('0' + *check);
    }
}

struct applications_fixture {
    temp_dir dir{"tanu-applications-"};
    db d{dir.path / "t.db"};
    centre_config centre;
    std::int64_t admin = 0, registrar = 0, head = 0, candidate_user = 0, candidate = 0;
    const std::int64_t friday = kz_at(2026, 3, 20, 10);  // Friday 20 March 2026, 10:00 in Astana
    const std::string head_password = "head-password-1";

    applications_fixture() {
        migrate(d, embedded_migrations());
        centre.name_kk = "Орталық";
        centre.name_ru = "Центр";
        centre.public_url = "https://tanu.example.kz";
        admin = store::insert_user(d, "admin", "admin", "x", friday);
        registrar = store::insert_user(d, "reg", "registrar", "x", friday);
        head = store::insert_user(d, "head", "head", hash_password(head_password, {1, 8}), friday);
        candidate_user = store::insert_user(d, "cand", "candidate", "x", friday);
        candidate_row c;
        c.iin = iin_1990(1);
        c.full_name = "Асанов Асан Асанович";
        c.birth_date = "1990-01-15";
        c.email = "asan@example.kz";
        candidate = store::insert_candidate(d, candidate_user, c, friday);
        tanu::exam::programme p;
        p.code = "PLUMBER-4";
        p.profession = "Сантехник";
        p.oked = "43221";
        p.nqf_level = 4;
        p.languages = {"kk", "ru"};
        store::insert_programme(d, p, to_json(p).dump(), friday);
    }

    actor me() const { return actor{candidate_user, candidate}; }
    actor clerk() const { return actor{registrar, std::nullopt}; }

    // A form the check finds complete but for the attachments and the signed date.
    static tanu::exam::application_form complete_form() {
        tanu::exam::application_form f;
        f.who.surname = "Асанов";
        f.who.name = "Асан";
        f.who.patronymic = "Асанович";
        f.who.address = "Астана, ул. Абая, 1";
        f.who.mobile_phone = "+7 701 123 45 67";
        f.programme = "PLUMBER-4";
        f.claimed_nqf_level = 4;
        f.knowledge = "Монтаж систем водоснабжения";
        f.skills = "Сварка полипропиленовых труб";
        f.language = "ru";
        f.consent_pd = true;
        f.consent_nqs = true;
        return f;
    }

    // The candidate's own draft of the complete form.
    std::int64_t draft(std::int64_t at = 0) {
        return create_application(d, {me(), complete_form(), std::nullopt}, at ? at : friday).app.id;
    }

    attachment_row attach(std::int64_t app, const std::string& type, const actor& who, std::int64_t at = 0) {
        attach_input in;
        in.application = app;
        in.who = who;
        in.type = type;
        in.number = "N-1";
        in.sha256 = std::string(64, 'a');
        in.content_type = "application/pdf";
        in.file = "applications/" + std::to_string(app) + "/" + in.sha256;
        in.size = 10;
        return add_attachment(d, in, at ? at : friday);
    }

    application_row row(std::int64_t id) { return *store::find_application(d, id); }
    std::vector<notice_row> notices() { return store::notices_of(d, candidate); }
    int audits(const std::string& action) {
        return count_of(d, "SELECT count(*) FROM audit_log WHERE action = '" + action + "'");
    }
};

}  // namespace tanu_test
