#include "server/applications/file.hpp"

#include <cstdio>

#include "exam/common/calendar.hpp"
#include "server/accounts/store.hpp"
#include "server/applications/json.hpp"
#include "server/audit/audit.hpp"
#include "server/calendar/calendar.hpp"
#include "server/calendar/store.hpp"
#include "server/people/store.hpp"
#include "server/platform/domain_error.hpp"

namespace tanu::server::applications {

namespace {

domain_error invalid(const std::string& message) { return {error_kind::unprocessable, "field_invalid", message}; }

// The candidate's own identity on his form: his IIN and birth date (filled in
// when left empty), and his name from the person's full name when both name
// fields are empty; another IIN or birth date is refused.
void own_identity(exam::applicant& who, const person_row& p) {
    if (who.iin.empty()) who.iin = p.iin;
    if (who.iin != p.iin) throw invalid("applicant.iin must be the IIN of the account (" + p.iin + ")");
    const auto birth = exam::parse_iso_date(p.birth_date);
    if (!who.birth_date) who.birth_date = birth;
    if (birth && who.birth_date != birth) throw invalid("applicant.birth_date must be the account's (" + p.birth_date + ")");
    if (who.email.empty()) who.email = p.email;
    if (who.mobile_phone.empty()) who.mobile_phone = p.phone;
    if (who.surname.empty() && who.name.empty()) {
        std::vector<std::string> parts;
        std::string cur;
        for (char c : p.full_name + " ") {
            if (c == ' ') {
                if (!cur.empty()) parts.push_back(cur);
                cur.clear();
            } else {
                cur += c;
            }
        }
        if (!parts.empty()) who.surname = parts[0];
        if (parts.size() > 1) who.name = parts[1];
        for (std::size_t i = 2; i < parts.size(); ++i) who.patronymic += (i > 2 ? " " : "") + parts[i];
    }
}

person_row must_person(db& d, std::int64_t id) {
    auto p = store::find_person(d, id);
    if (!p) throw domain_error(error_kind::internal, "internal", "an application's person is missing");
    return *p;
}

void fill_from_form(application_row& a, const exam::application_form& f, std::int64_t now) {
    a.programme = f.programme;
    a.form = form_to_json(f).dump();
    a.full_name = full_name(f.who);
    a.iin = f.who.iin;
    a.consent_pd_ms = f.consent_pd ? std::optional(a.consent_pd_ms.value_or(now)) : std::nullopt;
    a.consent_nqs_ms = f.consent_nqs ? std::optional(a.consent_nqs_ms.value_or(now)) : std::nullopt;
    a.updated_ms = now;
}

void require_programme(db& d, const exam::application_form& f) {
    if (f.programme.empty()) throw domain_error(error_kind::unprocessable, "field_missing", "programme is required");
    must_programme(d, f.programme);
}

application_row reread(db& d, std::int64_t id) {
    auto a = store::find_application(d, id);
    if (!a) throw domain_error(error_kind::internal, "internal", "the application vanished");
    return *a;
}

std::string object(std::int64_t id) { return "application " + std::to_string(id); }

std::string optional_date(const std::string& v, const char* name) {
    if (v.empty()) return v;
    if (!exam::parse_iso_date(v)) throw invalid(std::string(name) + " must be a date YYYY-MM-DD");
    return v;
}

}  // namespace

created_application create_application(db& d, const create_input& in, std::int64_t now) {
    auto form = in.form;
    require_programme(d, form);
    application_row a;
    std::string initial;
    if (!in.who.staff()) {
        auto cand = store::find_candidate(d, *in.who.candidate);
        if (!cand) throw not_found("no such candidate");
        own_identity(form.who, must_person(d, cand->person));
        a.candidate = cand->id;
        a.person = cand->person;
        a.channel = std::string(exam::to_string(exam::channel::centre_web));
    } else {
        require_identity(form.who);
        const auto& iin = form.who.iin;
        auto person = store::person_by_iin(d, iin);
        std::optional<std::int64_t> cand;
        if (person) cand = store::candidate_of_person(d, *person);
        if (!cand) {
            if (!in.account)
                throw conflict("account_needed", "the applicant has no candidate account yet: try again");
            if (store::find_user(d, iin))
                throw conflict("login_taken", "the login " + iin + " is taken by another account");
            const auto user = store::insert_user(d, iin, "candidate", in.account->hash, now);
            candidate_row c;
            c.iin = iin;
            c.full_name = full_name(form.who);
            c.birth_date = exam::to_iso(*form.who.birth_date);
            c.email = form.who.email;
            c.phone = form.who.mobile_phone;
            cand = store::insert_candidate(d, user, c, now);
            audit::record(d, now, in.who.user, "candidate.create", "candidate " + std::to_string(*cand),
                          iin + " (paper application)");
            initial = in.account->password;
            person = store::person_by_iin(d, iin);
        }
        a.candidate = *cand;
        a.person = *person;
        a.channel = std::string(exam::to_string(exam::channel::paper));
    }
    if (store::open_application(d, a.candidate, form.programme))
        throw conflict("application_open", "an application for " + form.programme + " is open already");
    fill_from_form(a, form, now);
    a.created_by = in.who.user;
    a.created_ms = now;
    a.id = store::insert_application(d, a);
    audit::record(d, now, in.who.user, "application.create", object(a.id), a.channel + " " + a.programme);
    return {reread(d, a.id), initial};
}

application_row update_application(db& d, const update_input& in, std::int64_t now) {
    auto a = must_application(d, in.id, in.who);
    if (!exam::may(status_of(a), exam::application_action::edit, in.who.staff()))
        throw conflict("not_editable", "the application is " + a.status + ": it can no longer be changed");
    auto form = in.form;
    require_programme(d, form);
    const auto person = must_person(d, a.person);
    if (!in.who.staff()) {
        own_identity(form.who, person);
    } else {
        if (form.who.iin.empty()) form.who.iin = person.iin;
        if (form.who.iin != person.iin)
            throw invalid("applicant.iin cannot change: the application is of the person with IIN " + person.iin);
    }
    if (form.programme != a.programme) {
        auto open = store::open_application(d, a.candidate, form.programme);
        if (open && *open != a.id)
            throw conflict("application_open", "an application for " + form.programme + " is open already");
    }
    fill_from_form(a, form, now);
    store::update_application_form(d, a);
    audit::record(d, now, in.who.user, "application.update", object(a.id));
    return reread(d, a.id);
}

application_row submit_application(db& d, const submit_input& in, std::int64_t now) {
    auto a = must_application(d, in.id, in.who);
    if (status_of(a) != exam::application_status::draft)
        throw conflict("not_draft", "the application is " + a.status + ", not a draft");
    const auto today = exam::kz_local_date(now);
    exam::date registered = today, signed_on = today;
    if (in.who.staff()) {
        if (in.registered_date) {
            if (*in.registered_date > today || *in.registered_date < exam::add_days(today, -30))
                throw invalid("registered_date must be within the last 30 days, not after today");
            registered = *in.registered_date;
        }
        signed_on = in.signed_date.value_or(registered);
        if (signed_on > today) throw invalid("signed_date must not be after today");
    }
    const auto form = form_of(a, store::attachments_of(d, a.id));
    if (!form.consent_pd)
        throw domain_error(error_kind::unprocessable, "consent_missing",
                           "nothing can be processed without the consent to the processing of personal data");
    require_identity(form.who);
    std::string due;
    try {
        due = exam::to_iso(exam::check_due(store::load_calendar(d), registered));  // p.5
    } catch (const exam::calendar_missing& e) {
        throw calendar::missing(e);
    }
    const auto n = store::next_counter(d, "application_reg_" + std::to_string(registered.year));
    char reg_no[32];
    std::snprintf(reg_no, sizeof reg_no, "%04d-%05lld", registered.year, static_cast<long long>(n));
    store::register_application(d, a.id, reg_no, exam::to_iso(registered), exam::to_iso(signed_on), due, in.who.user, now);
    audit::record(d, now, in.who.user, "application.submit", object(a.id),
                  std::string(reg_no) + " registered " + exam::to_iso(registered) + ", check due " + due);
    return reread(d, a.id);
}

application_row withdraw_application(db& d, std::int64_t id, const actor& who, std::int64_t now) {
    auto a = must_application(d, id, who);
    if (!exam::may(status_of(a), exam::application_action::withdraw, who.staff()))
        throw conflict("not_withdrawable", "the application is " + a.status + ": it can no longer be withdrawn");
    store::withdraw_application(d, a.id, now);
    audit::record(d, now, who.user, "application.withdraw", object(a.id));
    return reread(d, a.id);
}

void check_attachable(db& d, std::int64_t application, const actor& who, int max_attachments) {
    auto a = must_application(d, application, who);
    if (!exam::may(status_of(a), exam::application_action::attach, who.staff()))
        throw conflict("not_editable", "the application is " + a.status + ": nothing can be attached now");
    if (store::attachment_count(d, application) >= max_attachments)
        throw conflict("too_many_attachments", "an application has at most " + std::to_string(max_attachments) + " attachments");
}

void check_attachment_facts(const attach_input& in) {
    if (!exam::parse_attachment_type(in.type)) {
        std::string known;
        for (auto t : exam::attachment_types()) known += (known.empty() ? "" : ", ") + std::string(exam::to_string(t));
        throw invalid("type must be one of " + known);
    }
    for (const auto* f : {&in.number, &in.issuer})
        if (f->size() > exam::max_short)
            throw domain_error(error_kind::unprocessable, "field_too_long",
                               std::string(f == &in.number ? "number" : "issuer") + " is longer than " +
                                   std::to_string(exam::max_short) + " bytes");
    optional_date(in.issue_date, "issue_date");
    optional_date(in.valid_until, "valid_until");
}

attachment_row add_attachment(db& d, const attach_input& in, std::int64_t now) {
    check_attachment_facts(in);
    attachment_row r;
    r.issue_date = in.issue_date;
    r.valid_until = in.valid_until;
    check_attachable(d, in.application, in.who, in.max_attachments);
    r.application = in.application;
    r.type = in.type;
    r.number = in.number;
    r.issuer = in.issuer;
    r.sha256 = in.sha256;
    r.size = in.size;
    r.content_type = in.content_type;
    r.file = in.file;
    r.uploaded_by = in.who.user;
    r.uploaded_ms = now;
    r.id = store::insert_attachment(d, r);
    store::touch_application(d, in.application, now);
    audit::record(d, now, in.who.user, "application.attach", object(in.application),
                  "attachment " + std::to_string(r.id) + " " + r.type + " sha256 " + r.sha256);
    return r;
}

std::string delete_attachment(db& d, std::int64_t application, std::int64_t attachment, const actor& who,
                              std::int64_t now) {
    auto a = must_application(d, application, who);
    auto r = store::find_attachment(d, application, attachment);
    if (!r) throw not_found("no such attachment");
    if (!exam::may(status_of(a), exam::application_action::attach, who.staff()))
        throw conflict("not_editable", "the application is " + a.status + ": its attachments can no longer change");
    store::delete_attachment(d, attachment);
    store::touch_application(d, application, now);
    audit::record(d, now, who.user, "application.detach", object(application),
                  "attachment " + std::to_string(attachment) + " " + r->type + " sha256 " + r->sha256);
    return store::attachments_with_file(d, application, r->file) == 0 ? r->file : std::string();
}

}  // namespace tanu::server::applications
