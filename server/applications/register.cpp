#include "server/applications/register.hpp"

#include "server/accounts/auth.hpp"
#include "server/accounts/store.hpp"
#include "server/applications/common.hpp"
#include "server/applications/json.hpp"
#include "server/audit/audit.hpp"
#include "server/people/store.hpp"
#include "server/platform/domain_error.hpp"

namespace tanu::server::applications {

namespace {

constexpr std::int64_t hour_ms = 3'600'000;

domain_error invalid(const std::string& m) { return {error_kind::unprocessable, "field_invalid", m}; }

std::string field_text(const json& body, const char* key, std::size_t limit, bool required) {
    if (!body.contains(key) || body[key].is_null()) {
        if (required) throw domain_error(error_kind::unprocessable, "field_missing", std::string(key) + " is required");
        return {};
    }
    if (!body[key].is_string()) throw bad_request(std::string("field '") + key + "' must be a string");
    auto v = body[key].get<std::string>();
    if (v.size() > limit)
        throw domain_error(error_kind::unprocessable, "field_too_long",
                           std::string(key) + " is longer than " + std::to_string(limit) + " bytes");
    if (required && v.empty()) throw domain_error(error_kind::unprocessable, "field_missing", std::string(key) + " is required");
    return v;
}

}  // namespace

registration parse_registration(const json& body) {
    if (!body.is_object()) throw bad_request("expected a JSON object");
    static const char* keys[] = {"login", "password", "iin", "surname", "name", "patronymic", "birth_date", "email", "mobile_phone"};
    for (auto it = body.begin(); it != body.end(); ++it) {
        bool known = false;
        for (const char* k : keys) known = known || it.key() == k;
        if (!known) throw domain_error(error_kind::bad_request, "unknown_field", "unknown field '" + it.key() + "'");
    }
    registration r;
    r.login = field_text(body, "login", 64, true);
    r.password = field_text(body, "password", 128, true);
    r.who.iin = field_text(body, "iin", 12, false);
    r.who.surname = field_text(body, "surname", exam::max_name, false);
    r.who.name = field_text(body, "name", exam::max_name, false);
    r.who.patronymic = field_text(body, "patronymic", exam::max_name, false);
    const auto birth = field_text(body, "birth_date", 10, false);
    if (!birth.empty()) {
        r.who.birth_date = exam::parse_iso_date(birth);
        if (!r.who.birth_date) throw invalid("birth_date must be a date YYYY-MM-DD");
    }
    r.who.email = field_text(body, "email", exam::max_short, true);
    r.who.mobile_phone = field_text(body, "mobile_phone", exam::max_short, true);
    require_identity(r.who);
    if (auto problem = credentials_problem(r.login, r.password)) throw invalid(*problem);
    if (!exam::email_valid(r.who.email)) throw invalid("email is not a valid e-mail address");
    if (!exam::phone_valid(r.who.mobile_phone)) throw invalid("mobile_phone is not a valid phone number");
    return r;
}

registered register_candidate(db& d, const register_input& in, std::int64_t now) {
    const auto& r = in.r;
    if (store::find_user(d, r.login)) throw conflict("login_taken", "the login " + r.login + " is taken");
    if (store::iin_taken(d, r.who.iin))
        throw conflict("iin_registered",
                       "a candidate account exists for this IIN: sign in with it, or ask the centre to help");
    registered out;
    out.user = store::insert_user(d, r.login, "candidate", in.password_hash, now);
    candidate_row c;
    c.iin = r.who.iin;
    c.full_name = full_name(r.who);
    c.birth_date = exam::to_iso(*r.who.birth_date);
    c.email = r.who.email;
    c.phone = r.who.mobile_phone;
    out.candidate = store::insert_candidate(d, out.user, c, now);
    store::insert_token(d, in.token_hash, out.user, now, in.expires_ms);
    audit::record(d, now, out.user, "candidate.register", "candidate " + std::to_string(out.candidate), r.login);
    return out;
}

std::int64_t hourly_limit::admit(const std::string& key, std::int64_t now) {
    std::lock_guard lock(m_);
    if (now - last_prune_ > hour_ms) {  // forget the addresses quiet for an hour: memory stays bounded
        for (auto it = tries_.begin(); it != tries_.end();) {
            while (!it->second.empty() && it->second.front() + hour_ms <= now) it->second.pop_front();
            it = it->second.empty() ? tries_.erase(it) : std::next(it);
        }
        last_prune_ = now;
    }
    auto& t = tries_[key];
    while (!t.empty() && t.front() + hour_ms <= now) t.pop_front();
    if (static_cast<int>(t.size()) >= limit_) return t.front() + hour_ms - now;
    t.push_back(now);
    return 0;
}

}  // namespace tanu::server::applications
