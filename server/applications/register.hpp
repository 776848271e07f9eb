#pragma once
// Self-registration (W1): a person opens his candidate account himself, to
// apply from the centre's page. The route parses and hashes before the
// writer's job; register_candidate runs in it.
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

#include "exam/applications/application.hpp"
#include "server/db/sqlite.hpp"
#include "server/platform/json_map.hpp"

namespace tanu::server::applications {

struct registration {
    std::string login, password;
    exam::applicant who;  // surname, name, patronymic, iin, birth_date, email, mobile_phone
};

// The body {"login", "password", "iin", "surname", "name", "patronymic",
// "birth_date", "email", "mobile_phone"}: unknown keys and wrong types 400
// (naming them); 422 bad_iin, iin_birth_mismatch, field_missing and
// field_invalid / field_too_long naming the field (the login and password as
// accounts' credentials_problem says; the e-mail and the mobile phone required).
registration parse_registration(const json& body);

struct register_input {
    registration r;
    std::string password_hash;
    std::string token_hash;
    std::int64_t expires_ms = 0;
};
struct registered {
    std::int64_t user = 0, candidate = 0;
};
// Makes the person (or finds him by IIN), the account (role candidate), the
// candidate and the session token. conflict login_taken, conflict
// iin_registered (a candidate account exists for the IIN). Audited candidate.register.
registered register_candidate(db& d, const register_input& in, std::int64_t now_ms);

// At most `limit` tries an hour per key (a client address), in memory.
class hourly_limit {
public:
    explicit hourly_limit(int limit) : limit_(limit) {}
    // 0 when admitted (and counted); else the milliseconds until a try is admitted.
    std::int64_t admit(const std::string& key, std::int64_t now_ms);

private:
    int limit_;
    std::mutex m_;
    std::unordered_map<std::string, std::deque<std::int64_t>> tries_;
    std::int64_t last_prune_ = 0;
};

}  // namespace tanu::server::applications
