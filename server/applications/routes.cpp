// The applications' routes (docs/api.md, "Applications"): each parses the
// request into a use case's input, runs it (in the writer's transaction when
// it writes) and maps the result to JSON.
#include "server/applications/routes.hpp"

#include "exam/common/calendar.hpp"
#include "server/accounts/auth.hpp"
#include "server/accounts/signing.hpp"
#include "server/applications/contract.hpp"
#include "server/applications/file.hpp"
#include "server/platform/kept_files.hpp"
#include "server/applications/json.hpp"
#include "server/applications/refusal.hpp"
#include "server/applications/register.hpp"
#include "server/applications/schedule.hpp"
#include "server/http/router.hpp"
#include "server/platform/domain_error.hpp"
#include "server/platform/module.hpp"

namespace tanu::server {

namespace {

using namespace applications;

constexpr int max_list = 500;

// Refuses any key of a JSON body not in `keys`, naming it.
void only_keys(const json& body, std::initializer_list<const char*> keys) {
    if (!body.is_object()) throw bad_request("expected a JSON object");
    for (auto it = body.begin(); it != body.end(); ++it) {
        bool known = false;
        for (const char* k : keys) known = known || it.key() == k;
        if (!known) throw domain_error(error_kind::bad_request, "unknown_field", "unknown field '" + it.key() + "'");
    }
}

std::optional<exam::date> date_or_none(const json& body, const char* key) {
    const auto v = get_string_or(body, key, "");
    if (v.empty()) return std::nullopt;
    auto d = exam::parse_iso_date(v);
    if (!d) throw domain_error(error_kind::unprocessable, "field_invalid", std::string(key) + " must be a date YYYY-MM-DD");
    return d;
}

// A readable password of 12 characters (no 0/O, 1/l/I), about 60 bits.
std::string initial_password() {
    static constexpr char alphabet[] = "abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRSTUVWXYZ23456789";
    const auto hex = random_hex(24);
    std::string out;
    for (std::size_t i = 0; out.size() < 12 && i + 1 < hex.size(); i += 2) {
        const auto v = std::stoi(hex.substr(i, 2), nullptr, 16);
        out += alphabet[v % (sizeof alphabet - 1)];
    }
    return out;
}

class applications_module final : public module {
public:
    applications_module(platform& p, signer& s, const sitting_owners& owners)
        : p_(p), signer_(s), owners_(owners), registrations_(p.cfg.applications.register_per_hour) {}

    void routes(router& r) override {
        using R = role;
        const auto filers = access::only({R::candidate, R::registrar, R::admin});
        const auto readers = access::only({R::candidate, R::registrar, R::head, R::admin});
        const auto staff = access::only({R::registrar, R::head, R::admin});
        const auto clerks = access::only({R::registrar, R::admin});
        const auto head = access::only({R::head});
        r.post("/api/register", access::open(), member(this, &applications_module::register_candidate));
        r.get("/api/applications/programmes", access::open(), member(this, &applications_module::programmes));
        r.post("/api/applications", filers, member(this, &applications_module::create));
        r.get("/api/applications", staff, member(this, &applications_module::list));
        r.get("/api/applications/mine", access::only({R::candidate}), member(this, &applications_module::mine));
        r.get("/api/applications/{id}", readers, member(this, &applications_module::get));
        r.put("/api/applications/{id}", filers, member(this, &applications_module::update));
        r.post("/api/applications/{id}/attachments", filers, member(this, &applications_module::attach),
               {.body_limit = p_.cfg.applications.max_attachment_bytes});
        r.get("/api/applications/{id}/attachments/{aid}", readers, member(this, &applications_module::attachment));
        r.add(http::verb::delete_, "/api/applications/{id}/attachments/{aid}", filers,
              member(this, &applications_module::detach));
        r.post("/api/applications/{id}/submit", filers, member(this, &applications_module::submit));
        r.post("/api/applications/{id}/contract", clerks, member(this, &applications_module::contract));
        r.post("/api/applications/{id}/schedule", clerks, member(this, &applications_module::schedule));
        r.post("/api/applications/{id}/refusal", clerks, member(this, &applications_module::refusal));
        r.post("/api/applications/{id}/refusal/sign", head, member(this, &applications_module::sign));
        r.post("/api/applications/{id}/refusal/return", head, member(this, &applications_module::give_back));
        r.post("/api/applications/{id}/withdraw", access::only({R::candidate}), member(this, &applications_module::withdraw));
    }

private:
    static actor actor_of(const principal& p) {
        if (p.is(role::candidate)) {
            if (!p.candidate) throw not_found("no such application");
            return actor{p.user, p.candidate};
        }
        return actor{p.user, std::nullopt};
    }

    std::string today() const { return today_iso(p_.clock.now_ms()); }

    response application(const call& c, std::int64_t id, http::status status, const std::string& extra_key = {},
                         const std::string& extra = {}) {
        auto r = p_.readers.acquire();
        auto a = store::find_application(*r, id);
        if (!a) throw not_found("no such application");
        json out = application_json(*r, *a, today());
        if (!extra_key.empty()) out[extra_key] = extra;
        auto res = json_response(c.req, status, out);
        res.set(http::field::cache_control, "private, no-store");
        return res;
    }

    // ---- self-registration

    response register_candidate(const call& c) {
        const auto now = p_.clock.now_ms();
        if (const auto wait = registrations_.admit(c.client, now); wait > 0) {
            const auto secs = std::max<std::int64_t>(1, (wait + 999) / 1000);
            domain_error e(error_kind::too_many, "too_many_registrations",
                           "too many registrations from this address; try again in " + std::to_string(secs) + " s");
            e.retry_after_s = secs;
            throw e;
        }
        register_input in;
        in.r = parse_registration(body_json(c.req));
        in.password_hash = hash_password(in.r.password, p_.cfg.auth.argon2);
        const auto token = new_token();
        in.token_hash = token_hash(token);
        in.expires_ms = now + static_cast<std::int64_t>(p_.cfg.auth.token_hours) * 3600 * 1000;
        const auto out = p_.writer.call([&](db& d) { return applications::register_candidate(d, in, now); });
        auto res = json_response(c.req, http::status::created,
                                 {{"candidate", out.candidate},
                                  {"user", out.user},
                                  {"token", token},
                                  {"expires_ms", in.expires_ms},
                                  {"role", "candidate"}});
        res.set(http::field::cache_control, "no-store");
        return res;
    }

    // ---- what one may apply for

    response programmes(const call& c) {
        auto r = p_.readers.acquire();
        std::vector<programme_terms> recognition;
        bool regimes = false;
        for (auto& t : store::all_programme_terms(*r)) {
            if (t.kind != "recognition") continue;
            regimes = regimes || t.regime == "recognition_002";
            recognition.push_back(std::move(t));
        }
        json out = json::array();
        for (const auto& t : recognition) {
            if (regimes && t.regime != "recognition_002") continue;
            out.push_back({{"code", t.code},
                           {"profession", t.profession},
                           {"nqf_level", t.nqf_level},
                           {"languages", t.languages},
                           {"modes", t.modes},
                           {"admission", {{"education_required", t.education_required}, {"experience_years", t.experience_years}}},
                           {"methodology", parse_json(t.methodology)}});
        }
        return json_response(c.req, http::status::ok, out);
    }

    // ---- the application

    response create(const call& c) {
        const auto who = actor_of(c.user());
        create_input in{who, form_from_json(body_json(c.req)), std::nullopt};
        if (who.staff()) {
            require_identity(in.form.who);
            bool has_account = false;
            {
                auto r = p_.readers.acquire();
                if (auto person = store::person_by_iin(*r, in.form.who.iin))
                    has_account = store::candidate_of_person(*r, *person).has_value();
            }
            if (!has_account) {
                new_account acc;
                acc.password = initial_password();
                acc.hash = hash_password(acc.password, p_.cfg.auth.argon2);
                in.account = acc;
            }
        }
        const auto now = p_.clock.now_ms();
        const auto made = p_.writer.call([&](db& d) { return create_application(d, in, now); });
        if (made.initial_password.empty()) return application(c, made.app.id, http::status::created);
        return application(c, made.app.id, http::status::created, "initial_password", made.initial_password);
    }

    response update(const call& c) {
        update_input in{c.id(), actor_of(c.user()), form_from_json(body_json(c.req))};
        const auto now = p_.clock.now_ms();
        p_.writer.call([&](db& d) { return update_application(d, in, now); });
        return application(c, in.id, http::status::ok);
    }

    response get(const call& c) {
        const auto who = actor_of(c.user());
        {
            auto r = p_.readers.acquire();
            must_application(*r, c.id(), who);
        }
        return application(c, c.id(), http::status::ok);
    }

    response mine(const call& c) {
        const auto who = actor_of(c.user());
        auto r = p_.readers.acquire();
        const auto day = today();
        json out = json::array();
        for (const auto& a : store::applications_of(*r, *who.candidate)) out.push_back(application_json(*r, a, day));
        auto res = json_response(c.req, http::status::ok, out);
        res.set(http::field::cache_control, "private, no-store");
        return res;
    }

    response list(const call& c) {
        const auto status = c.query_param("status");
        if (!status.empty() && !exam::parse_application_status(status))
            throw domain_error(error_kind::unprocessable, "field_invalid",
                               "status must be draft, registered, contracted, refusal_prepared, refused or withdrawn");
        const auto q = c.query_param("q");
        if (q.size() > 100) throw domain_error(error_kind::unprocessable, "field_too_long", "q is longer than 100 bytes");
        const auto day = today();
        auto r = p_.readers.acquire();
        json rows = json::array();
        int overdue_count = 0;
        for (const auto& a : store::list_applications(*r, status, q, day, max_list)) {
            overdue_count += overdue(a, day) ? 1 : 0;
            rows.push_back(list_item_json(*r, a, day));
        }
        return json_response(c.req, http::status::ok, {{"today", day}, {"overdue", overdue_count}, {"applications", rows}});
    }

    // ---- attachments

    response attach(const call& c) {
        attach_input in;
        in.application = c.id();
        in.who = actor_of(c.user());
        in.type = c.query_param("type");
        in.number = c.query_param("number");
        in.issuer = c.query_param("issuer");
        in.issue_date = c.query_param("issue_date");
        in.valid_until = c.query_param("valid_until");
        in.max_attachments = p_.cfg.applications.max_attachments;
        const auto& bytes = c.req.body();
        in.content_type = sniff_content_type(bytes);
        check_attachment_facts(in);
        {
            auto r = p_.readers.acquire();
            check_attachable(*r, in.application, in.who, in.max_attachments);
        }
        const auto kept = keep_file(p_.cfg.data_dir, "applications/" + std::to_string(in.application), bytes);
        in.sha256 = kept.sha256;
        in.file = kept.rel;
        in.size = static_cast<std::int64_t>(bytes.size());
        const auto now = p_.clock.now_ms();
        attachment_row row;
        try {
            row = p_.writer.call([&](db& d) { return add_attachment(d, in, now); });
        } catch (...) {
            auto r = p_.readers.acquire();
            if (store::attachments_with_file(*r, in.application, kept.rel) == 0) remove_kept_file(p_.cfg.data_dir, kept.rel);
            throw;
        }
        return json_response(c.req, http::status::created, attachment_json(row));
    }

    response attachment(const call& c) {
        const auto who = actor_of(c.user());
        std::optional<attachment_row> a;
        {
            auto r = p_.readers.acquire();
            must_application(*r, c.id(0), who);
            a = store::find_attachment(*r, c.id(0), c.id(1));
        }
        if (!a) throw not_found("no such attachment");
        response res{http::status::ok, c.req.version()};
        res.set(http::field::content_type, a->content_type);
        res.set(http::field::cache_control, "private, no-store");
        res.set("X-Content-SHA256", a->sha256);
        res.set("X-Content-Type-Options", "nosniff");
        const std::string ext = a->content_type == "application/pdf" ? "pdf" : a->content_type == "image/png" ? "png" : "jpg";
        res.set(http::field::content_disposition,
                "attachment; filename=\"" + a->type + "-" + std::to_string(a->id) + "." + ext + "\"");
        res.keep_alive(c.req.keep_alive());
        res.body() = read_kept_file(p_.cfg.data_dir, a->file, a->sha256);
        res.prepare_payload();
        return res;
    }

    response detach(const call& c) {
        const auto who = actor_of(c.user());
        const auto now = p_.clock.now_ms();
        const auto file =
            p_.writer.call([&](db& d) { return delete_attachment(d, c.id(0), c.id(1), who, now); });
        if (!file.empty()) remove_kept_file(p_.cfg.data_dir, file);
        return no_content(c.req);
    }

    // ---- registration, withdrawal

    response submit(const call& c) {
        submit_input in;
        in.id = c.id();
        in.who = actor_of(c.user());
        if (in.who.staff()) {
            const auto body = body_or_empty(c.req);
            only_keys(body, {"registered_date", "signed_date"});
            in.registered_date = date_or_none(body, "registered_date");
            in.signed_date = date_or_none(body, "signed_date");
        }
        const auto now = p_.clock.now_ms();
        p_.writer.call([&](db& d) { return submit_application(d, in, now); });
        return application(c, in.id, http::status::ok);
    }

    response withdraw(const call& c) {
        const auto who = actor_of(c.user());
        const auto now = p_.clock.now_ms();
        const auto id = c.id();
        p_.writer.call([&](db& d) { return withdraw_application(d, id, who, now); });
        return application(c, id, http::status::ok);
    }

    // ---- the check's ends: the contract or the refusal

    response contract(const call& c) {
        const auto body = body_or_empty(c.req);
        only_keys(body, {"contract_no", "contract_date", "price"});
        contract_input in;
        in.id = c.id();
        in.user = c.user().user;
        in.contract_no = get_string_or(body, "contract_no", "");
        in.contract_date = date_or_none(body, "contract_date");
        in.price = get_string_or(body, "price", "");
        const auto now = p_.clock.now_ms();
        try {
            p_.writer.call([&](db& d) { return conclude_contract(d, p_.cfg.centre, in, now); });
        } catch (const incomplete_error& e) {
            return json_response(c.req, http::status::conflict,
                                 {{"error", e.code}, {"message", e.what()}, {"defects", defects_json(e.defects)}});
        }
        p_.notices.ring();
        return application(c, in.id, http::status::ok);
    }

    // p.6: the contract's sitting, each stage's date, time and place; the notice goes now
    response schedule(const call& c) {
        const auto body = body_json(c.req);
        only_keys(body, {"theory", "practical"});
        std::string mode;
        {
            auto r = p_.readers.acquire();
            const auto a = must_application(*r, c.id(), actor_of(c.user()));
            mode = form_from_json(parse_json(a.form)).mode;
        }
        auto t = parse_timetable(body, mode.empty() ? "online" : mode, p_.cfg.centre.public_url + "/");
        if (!t) throw domain_error(error_kind::unprocessable, "slot_required", "give the theory stage's slot (theory)");
        const auto settings = schedule_settings_of(p_.cfg);
        const auto now = p_.clock.now_ms();
        const auto made = p_.writer.call(
            [&](db& d) { return schedule_application(d, owners_, c.id(), *t, c.user().user, now, settings); });
        p_.notices.ring();
        return json_response(c.req, http::status::created,
                             {{"session", made.id},
                              {"attempt", made.attempt},
                              {"notice", made.notice ? json(*made.notice) : json(nullptr)}});
    }

    response refusal(const call& c) {
        const auto body = body_json(c.req);
        only_keys(body, {"defects", "reasoning"});
        prepare_refusal_input in;
        in.id = c.id();
        in.user = c.user().user;
        in.reasoning = get_string_or(body, "reasoning", "");
        if (body.contains("defects")) {
            const auto& list = body["defects"];
            if (!list.is_array()) throw bad_request("field 'defects' must be an array of {\"code\", \"subject\", \"note\"}");
            if (list.size() > max_refusal_defects)
                throw domain_error(error_kind::unprocessable, "field_invalid", "a refusal names at most 50 defects");
            for (const auto& x : list) {
                only_keys(x, {"code", "subject", "note"});
                in.defects.push_back({get_string(x, "code"), get_string_or(x, "subject", ""), get_string_or(x, "note", "")});
            }
        }
        const auto now = p_.clock.now_ms();
        p_.writer.call([&](db& d) { return prepare_refusal(d, in, now); });
        return application(c, in.id, http::status::ok);
    }

    // The head signs: his password is checked by the signer on this worker,
    // before the writer's job, over the SHA-256 of the refusal's text.
    response sign(const call& c) {
        const auto body = body_json(c.req);
        only_keys(body, {"password"});
        const auto now = p_.clock.now_ms();
        sign_refusal_input in;
        in.id = c.id();
        {
            auto r = p_.readers.acquire();
            const auto text = refusal_for_signing(*r, in.id, exam::kz_local_date(now));
            in.signature = signer_.sign(*r, c.user().user, text.sha256, body, now);
        }
        p_.writer.call([&](db& d) { return sign_refusal(d, p_.cfg.centre, in, now); });
        p_.notices.ring();
        return application(c, in.id, http::status::ok);
    }

    response give_back(const call& c) {
        const auto body = body_json(c.req);
        only_keys(body, {"note"});
        return_refusal_input in{c.id(), c.user().user, get_string_or(body, "note", "")};
        const auto now = p_.clock.now_ms();
        p_.writer.call([&](db& d) { return return_refusal(d, in, now); });
        return application(c, in.id, http::status::ok);
    }

    platform& p_;
    signer& signer_;
    const sitting_owners& owners_;
    hourly_limit registrations_;
};

}  // namespace

std::unique_ptr<module> make_applications_module(platform& p, signer& sign, const sitting_owners& owners) {
    return std::make_unique<applications_module>(p, sign, owners);
}

}  // namespace tanu::server
