#include "server/applications/json.hpp"

#include <initializer_list>

#include "server/applications/common.hpp"
#include "server/platform/domain_error.hpp"

namespace tanu::server::applications {

namespace {

// Refuses any key of `obj` not in `keys`, naming it (where.key).
void only_keys(const json& obj, const std::string& where, std::initializer_list<const char*> keys) {
    if (!obj.is_object()) throw bad_request((where.empty() ? std::string("the form") : where) + " must be a JSON object");
    for (auto it = obj.begin(); it != obj.end(); ++it) {
        bool known = false;
        for (const char* k : keys) known = known || it.key() == k;
        if (!known)
            throw domain_error(error_kind::bad_request, "unknown_field",
                               "unknown field '" + (where.empty() ? "" : where + ".") + it.key() + "'");
    }
}

std::string text(const json& obj, const char* key, const std::string& where, std::size_t limit) {
    const std::string name = where.empty() ? key : where + "." + key;
    if (!obj.contains(key) || obj[key].is_null()) return {};
    if (!obj[key].is_string()) throw bad_request("field '" + name + "' must be a string");
    auto v = obj[key].get<std::string>();
    if (v.size() > limit)
        throw domain_error(error_kind::unprocessable, "field_too_long",
                           name + " is longer than " + std::to_string(limit) + " bytes");
    return v;
}

std::optional<exam::date> date_field(const json& obj, const char* key, const std::string& where) {
    const auto v = text(obj, key, where, 10);
    if (v.empty()) return std::nullopt;
    auto d = exam::parse_iso_date(v);
    if (!d)
        throw domain_error(error_kind::unprocessable, "field_invalid",
                           (where.empty() ? std::string(key) : where + "." + key) + " must be a date YYYY-MM-DD");
    return d;
}

bool boolean(const json& obj, const char* key, const std::string& where) {
    if (!obj.contains(key) || obj[key].is_null()) return false;
    if (!obj[key].is_boolean()) throw bad_request("field '" + where + "." + key + "' must be true or false");
    return obj[key].get<bool>();
}

json opt_date(const std::optional<exam::date>& d) { return d ? json(exam::to_iso(*d)) : json(""); }
json text_or_null(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

}  // namespace

exam::application_form form_from_json(const json& body) {
    using namespace exam;
    only_keys(body, "",
              {"applicant", "basis", "employer", "purpose", "programme", "claimed_nqf_level", "earlier_document",
               "knowledge", "skills", "language", "mode", "accessibility", "consents"});
    application_form f;
    if (body.contains("applicant") && !body["applicant"].is_null()) {
        const auto& a = body["applicant"];
        const std::string w = "applicant";
        only_keys(a, w,
                  {"surname", "name", "patronymic", "iin", "birth_date", "address", "email", "mobile_phone", "work_phone"});
        f.who.surname = text(a, "surname", w, max_name);
        f.who.name = text(a, "name", w, max_name);
        f.who.patronymic = text(a, "patronymic", w, max_name);
        f.who.iin = text(a, "iin", w, max_short);
        f.who.birth_date = date_field(a, "birth_date", w);
        f.who.address = text(a, "address", w, max_address);
        f.who.email = text(a, "email", w, max_short);
        f.who.mobile_phone = text(a, "mobile_phone", w, max_short);
        f.who.work_phone = text(a, "work_phone", w, max_short);
    }
    if (const auto b = text(body, "basis", "", max_short); !b.empty()) {
        auto v = parse_basis(b);
        if (!v) throw domain_error(error_kind::unprocessable, "field_invalid", "basis must be own or employer_referral");
        f.basis = *v;
    }
    if (body.contains("employer") && !body["employer"].is_null()) {
        const auto& e = body["employer"];
        only_keys(e, "employer", {"name", "bin"});
        f.referral = employer{text(e, "name", "employer", max_name), text(e, "bin", "employer", max_short)};
    }
    if (const auto p = text(body, "purpose", "", max_short); !p.empty()) {
        auto v = parse_purpose(p);
        if (!v)
            throw domain_error(error_kind::unprocessable, "field_invalid", "purpose must be qualification_level or skill_level");
        f.purpose = *v;
    }
    f.programme = text(body, "programme", "", max_short);
    if (body.contains("claimed_nqf_level") && !body["claimed_nqf_level"].is_null()) {
        const auto& v = body["claimed_nqf_level"];
        if (!v.is_number_integer()) throw bad_request("field 'claimed_nqf_level' must be an integer");
        const auto n = v.get<long long>();
        if (n < 0 || n > 99) throw domain_error(error_kind::unprocessable, "field_invalid", "claimed_nqf_level must be 1 to 8");
        f.claimed_nqf_level = static_cast<int>(n);
    }
    if (body.contains("earlier_document") && !body["earlier_document"].is_null()) {
        const auto& e = body["earlier_document"];
        only_keys(e, "earlier_document", {"code", "valid_until_year"});
        earlier_document doc;
        doc.code = text(e, "code", "earlier_document", max_short);
        if (e.contains("valid_until_year") && !e["valid_until_year"].is_null()) {
            if (!e["valid_until_year"].is_number_integer())
                throw bad_request("field 'earlier_document.valid_until_year' must be an integer");
            const auto y = e["valid_until_year"].get<long long>();
            if (y < 0 || y > 9999)
                throw domain_error(error_kind::unprocessable, "field_invalid", "earlier_document.valid_until_year must be a year");
            doc.valid_until_year = static_cast<int>(y);
        }
        f.earlier = doc;
    }
    f.knowledge = text(body, "knowledge", "", max_text);
    f.skills = text(body, "skills", "", max_text);
    f.language = text(body, "language", "", max_short);
    f.mode = text(body, "mode", "", max_short);
    f.accessibility = text(body, "accessibility", "", max_text);
    if (body.contains("consents") && !body["consents"].is_null()) {
        const auto& c = body["consents"];
        only_keys(c, "consents", {"pd_processing", "nqs_publication"});
        f.consent_pd = boolean(c, "pd_processing", "consents");
        f.consent_nqs = boolean(c, "nqs_publication", "consents");
    }
    return f;
}

json form_to_json(const exam::application_form& f) {
    json out = {{"applicant",
                 {{"surname", f.who.surname},
                  {"name", f.who.name},
                  {"patronymic", f.who.patronymic},
                  {"iin", f.who.iin},
                  {"birth_date", opt_date(f.who.birth_date)},
                  {"address", f.who.address},
                  {"email", f.who.email},
                  {"mobile_phone", f.who.mobile_phone},
                  {"work_phone", f.who.work_phone}}},
                {"basis", std::string(exam::to_string(f.basis))},
                {"employer", nullptr},
                {"purpose", std::string(exam::to_string(f.purpose))},
                {"programme", f.programme},
                {"claimed_nqf_level", f.claimed_nqf_level},
                {"earlier_document", nullptr},
                {"knowledge", f.knowledge},
                {"skills", f.skills},
                {"language", f.language},
                {"mode", f.mode},
                {"accessibility", f.accessibility},
                {"consents", {{"pd_processing", f.consent_pd}, {"nqs_publication", f.consent_nqs}}}};
    if (f.referral) out["employer"] = {{"name", f.referral->name}, {"bin", f.referral->bin}};
    if (f.earlier)
        out["earlier_document"] = {{"code", f.earlier->code},
                                   {"valid_until_year", f.earlier->valid_until_year ? json(*f.earlier->valid_until_year)
                                                                                    : json(nullptr)}};
    return out;
}

std::string full_name(const exam::applicant& a) {
    std::string out = a.surname;
    for (const auto* part : {&a.name, &a.patronymic})
        if (!part->empty()) out += (out.empty() ? "" : " ") + *part;
    return out;
}

exam::application_form form_of(const application_row& a, const std::vector<attachment_row>& attachments) {
    auto f = form_from_json(parse_json(a.form));
    f.consent_pd = a.consent_pd_ms.has_value();
    f.consent_nqs = a.consent_nqs_ms.has_value();
    f.signed_date = exam::parse_iso_date(a.signed_date);
    for (const auto& r : attachments) {
        exam::attachment_facts x;
        x.type = exam::parse_attachment_type(r.type).value_or(exam::attachment_type::other);
        x.number = r.number;
        x.issuer = r.issuer;
        x.issue_date = exam::parse_iso_date(r.issue_date);
        x.valid_until = exam::parse_iso_date(r.valid_until);
        f.attachments.push_back(std::move(x));
    }
    return f;
}

exam::admission_rules rules_of(const programme_terms& t) {
    exam::admission_rules r;
    r.nqf_level = t.nqf_level;
    r.languages = t.languages;
    r.modes = t.modes;
    r.education_required = t.education_required;
    r.experience_years = t.experience_years;
    return r;
}

json attachment_json(const attachment_row& a) {
    return {{"id", a.id},
            {"type", a.type},
            {"number", a.number},
            {"issuer", a.issuer},
            {"issue_date", text_or_null(a.issue_date)},
            {"valid_until", text_or_null(a.valid_until)},
            {"sha256", a.sha256},
            {"size", a.size},
            {"content_type", a.content_type},
            {"uploaded_ms", a.uploaded_ms}};
}

json defects_json(const std::vector<exam::defect>& defects) {
    json out = json::array();
    for (const auto& d : defects) out.push_back({{"code", d.code}, {"subject", d.subject}});
    return out;
}

bool overdue(const application_row& a, const std::string& today) {
    if (a.status == "contracted")  // p.6: the schedule notice within 5 working days of the contract
        return a.schedule_notice_sent.empty() && !a.schedule_notice_due.empty() && today > a.schedule_notice_due;
    return (a.status == "registered" || a.status == "refusal_prepared") && !a.check_due.empty() && today > a.check_due;
}

namespace {

struct checked {
    std::vector<exam::defect> defects;
    json required = json::array();
};

checked check_of(const application_row& a, const std::vector<attachment_row>& atts, const std::string& today,
                 const std::optional<programme_terms>& terms) {
    checked out;
    auto form = form_of(a, atts);
    // A draft is signed when it is submitted: its check reads as it will then.
    if (a.status == "draft" && !form.signed_date) form.signed_date = must_date(today);
    const auto rules = terms ? rules_of(*terms) : exam::admission_rules{};
    out.defects = exam::completeness_defects(form, rules, must_date(today));
    for (const auto& g : exam::required_attachments(rules, form)) {
        json any = json::array();
        bool present = false;
        for (auto t : g.any_of) {
            any.push_back(std::string(exam::to_string(t)));
            for (const auto& x : form.attachments) present = present || x.type == t;
        }
        out.required.push_back({{"name", g.name}, {"any_of", any}, {"present", present}});
    }
    return out;
}

json consent_json(const std::optional<std::int64_t>& ms) {
    return {{"given", ms.has_value()}, {"ms", ms ? json(*ms) : json(nullptr)}};
}

}  // namespace

json application_json(db& d, const application_row& a, const std::string& today) {
    const auto atts = store::attachments_of(d, a.id);
    const auto terms = store::find_programme_terms(d, a.programme);
    json out = form_to_json(form_from_json(parse_json(a.form)));
    out.erase("consents");
    out["id"] = a.id;
    out["reg_no"] = text_or_null(a.reg_no);
    out["status"] = a.status;
    out["channel"] = a.channel;
    out["candidate"] = a.candidate;
    out["programme"] = a.programme;
    out["profession"] = terms ? terms->profession : "";
    out["registered_date"] = text_or_null(a.registered_date);
    out["check_due"] = text_or_null(a.check_due);
    out["overdue"] = overdue(a, today);
    out["consents"] = {{"pd_processing", consent_json(a.consent_pd_ms)}, {"nqs_publication", consent_json(a.consent_nqs_ms)}};
    out["signed_date"] = text_or_null(a.signed_date);
    json list = json::array();
    for (const auto& x : atts) list.push_back(attachment_json(x));
    out["attachments"] = list;
    const auto c = check_of(a, atts, today, terms);
    out["check"] = {{"complete", c.defects.empty()}, {"defects", defects_json(c.defects)}, {"required", c.required}};
    out["contract"] = nullptr;
    if (!a.contract_no.empty())
        out["contract"] = {{"no", a.contract_no},
                           {"date", a.contract_date},
                           {"price", a.contract_price},
                           {"schedule_notice_due", a.schedule_notice_due},
                           {"schedule_notice_sent", text_or_null(a.schedule_notice_sent)},
                           {"by", a.contracted_by ? store::login_of(d, *a.contracted_by) : ""}};
    out["refusal"] = nullptr;
    if (!a.refusal.empty()) {
        json r = parse_json(a.refusal);
        r["prepared_by"] = a.refusal_prepared_by ? store::login_of(d, *a.refusal_prepared_by) : "";
        r["prepared_ms"] = a.refusal_prepared_ms ? json(*a.refusal_prepared_ms) : json(nullptr);
        r["sha256"] = text_or_null(a.refusal_sha256);
        r["signed"] = nullptr;
        if (a.refusal_signed_by)
            r["signed"] = {{"by", store::login_of(d, *a.refusal_signed_by)},
                           {"ms", a.refusal_signed_ms ? json(*a.refusal_signed_ms) : json(nullptr)},
                           {"method", a.refusal_signed_method}};
        if (!r.contains("returned")) r["returned"] = json::array();
        out["refusal"] = r;
    }
    out["schedule_notice_sent"] = text_or_null(a.schedule_notice_sent);
    out["created_ms"] = a.created_ms;
    out["updated_ms"] = a.updated_ms;
    return out;
}

json list_item_json(db& d, const application_row& a, const std::string& today) {
    const auto atts = store::attachments_of(d, a.id);
    const auto terms = store::find_programme_terms(d, a.programme);
    const auto c = check_of(a, atts, today, terms);
    return {{"id", a.id},
            {"reg_no", text_or_null(a.reg_no)},
            {"status", a.status},
            {"channel", a.channel},
            {"full_name", a.full_name},
            {"iin", a.iin},
            {"programme", a.programme},
            {"registered_date", text_or_null(a.registered_date)},
            {"check_due", text_or_null(a.check_due)},
            {"overdue", overdue(a, today)},
            {"defects", c.defects.size()},
            {"contract_no", text_or_null(a.contract_no)},
            {"schedule_notice_due", text_or_null(a.schedule_notice_due)},
            {"schedule_notice_sent", text_or_null(a.schedule_notice_sent)}};
}

}  // namespace tanu::server::applications
