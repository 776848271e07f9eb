#include "exam/applications/application.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "exam/common/iin.hpp"

namespace tanu::exam {

namespace {

template <typename E, std::size_t N>
using names = std::array<std::pair<E, std::string_view>, N>;

constexpr names<attachment_type, 13> attachment_names{{
    {attachment_type::id_document, "id_document"},
    {attachment_type::kandas_cert, "kandas_cert"},
    {attachment_type::education_doc, "education_doc"},
    {attachment_type::education_recognition_cert, "education_recognition_cert"},
    {attachment_type::training_cert, "training_cert"},
    {attachment_type::short_course_cert, "short_course_cert"},
    {attachment_type::incomplete_tve_cert, "incomplete_tve_cert"},
    {attachment_type::nonformal_recognition_cert, "nonformal_recognition_cert"},
    {attachment_type::completion_cert, "completion_cert"},
    {attachment_type::labour_activity_doc, "labour_activity_doc"},
    {attachment_type::earlier_recognition_doc, "earlier_recognition_doc"},
    {attachment_type::referral_letter, "referral_letter"},
    {attachment_type::other, "other"},
}};
constexpr names<purpose, 2> purpose_names{{
    {purpose::qualification_level, "qualification_level"},
    {purpose::skill_level, "skill_level"},
}};
constexpr names<basis, 2> basis_names{{
    {basis::own, "own"},
    {basis::employer_referral, "employer_referral"},
}};
constexpr names<channel, 3> channel_names{{
    {channel::centre_web, "centre_web"},
    {channel::paper, "paper"},
    {channel::nqs_platform, "nqs_platform"},
}};
constexpr names<application_status, 6> status_names{{
    {application_status::draft, "draft"},
    {application_status::registered, "registered"},
    {application_status::contracted, "contracted"},
    {application_status::refusal_prepared, "refusal_prepared"},
    {application_status::refused, "refused"},
    {application_status::withdrawn, "withdrawn"},
}};

template <typename E, std::size_t N>
std::string_view name_of(const names<E, N>& table, E value) {
    for (const auto& [e, s] : table)
        if (e == value) return s;
    return table[0].second;  // unreachable: every enumerator is in its table
}

template <typename E, std::size_t N>
std::optional<E> value_of(const names<E, N>& table, std::string_view text) {
    for (const auto& [e, s] : table)
        if (s == text) return e;
    return std::nullopt;
}

bool blank(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The defects gathered in order; the same {code, subject} only once.
struct defects {
    std::vector<defect> list;
    void add(std::string code, std::string subject) {
        defect d{std::move(code), std::move(subject)};
        if (std::find(list.begin(), list.end(), d) == list.end()) list.push_back(std::move(d));
    }
    // A field that must be filled: missing when blank, invalid when over `limit`.
    bool required(std::string_view value, const char* field, std::size_t limit) {
        if (blank(value)) {
            add("field_missing", field);
            return false;
        }
        if (value.size() > limit) {
            add("field_invalid", field);
            return false;
        }
        return true;
    }
    // An optional field: only its length.
    void limited(std::string_view value, const char* field, std::size_t limit) {
        if (value.size() > limit) add("field_invalid", field);
    }
};

// Appendix 1, the header: "surname, name, patronymic (if any); IIN, year,
// day and month of birth". `today`, when known, also refuses a birth date in
// the future.
void identity_into(defects& out, const applicant& a, const std::optional<date>& today) {
    out.required(a.surname, "surname", max_name);
    out.required(a.name, "name", max_name);
    out.limited(a.patronymic, "patronymic", max_name);
    bool iin_ok = false;
    if (blank(a.iin))
        out.add("field_missing", "iin");
    else if (check_iin(a.iin) != iin_status::valid)
        out.add("field_invalid", "iin");
    else
        iin_ok = true;
    if (!a.birth_date)
        out.add("field_missing", "birth_date");
    else if (today && *a.birth_date > *today)
        out.add("field_invalid", "birth_date");
    // The IIN's first six digits and its 7th (century) digit are the birth date.
    if (iin_ok && a.birth_date) {
        auto encoded = iin_birth_date(a.iin);
        if (encoded && *encoded != *a.birth_date) out.add("iin_birth_mismatch", "iin");
    }
}

}  // namespace

std::string_view to_string(attachment_type t) { return name_of(attachment_names, t); }
std::optional<attachment_type> parse_attachment_type(std::string_view s) { return value_of(attachment_names, s); }

const std::vector<attachment_type>& attachment_types() {
    static const std::vector<attachment_type> all = [] {
        std::vector<attachment_type> v;
        for (const auto& [t, s] : attachment_names) v.push_back(t);
        return v;
    }();
    return all;
}

// p.4 2): "a document of education and (or) a certificate of recognition of a
// document of education, a document of training, short courses included, a
// reference for those who did not complete TVE or post-secondary education, a
// certificate of recognition of non-formal education or of completion of training".
bool proves_education(attachment_type t) {
    switch (t) {
        case attachment_type::education_doc:
        case attachment_type::education_recognition_cert:
        case attachment_type::training_cert:
        case attachment_type::short_course_cert:
        case attachment_type::incomplete_tve_cert:
        case attachment_type::nonformal_recognition_cert:
        case attachment_type::completion_cert: return true;
        default: return false;
    }
}

std::string_view to_string(purpose p) { return name_of(purpose_names, p); }
std::string_view to_string(basis b) { return name_of(basis_names, b); }
std::string_view to_string(channel c) { return name_of(channel_names, c); }
std::optional<purpose> parse_purpose(std::string_view s) { return value_of(purpose_names, s); }
std::optional<basis> parse_basis(std::string_view s) { return value_of(basis_names, s); }
std::optional<channel> parse_channel(std::string_view s) { return value_of(channel_names, s); }

std::vector<attachment_group> required_attachments(const admission_rules& r, const application_form& f) {
    std::vector<attachment_group> out;
    // p.4 2) names the ID and the kandas certificate in the same sub-item as the
    // education documents, and the last part of p.4 makes that sub-item depend on
    // the standard's education requirement. That condition speaks of education
    // only: the identity must be established in every case (p.2 8), identification
    // of the person), so it is required always.
    out.push_back({"identity", {attachment_type::id_document, attachment_type::kandas_cert}});
    // p.4 last part: 2) and 3) only when the professional standard (or the
    // qualification requirements) sets an education level or work experience.
    if (r.education_required) {
        attachment_group g{"education", {}};
        for (auto t : attachment_types())
            if (proves_education(t)) g.any_of.push_back(t);
        out.push_back(std::move(g));
    }
    if (r.experience_years > 0) out.push_back({"labour_activity", {attachment_type::labour_activity_doc}});
    // p.4 4): earlier recognition documents "if any": required when declared on the form.
    if (f.earlier) out.push_back({"earlier_recognition", {attachment_type::earlier_recognition_doc}});
    // p.2 4): referred by an employer: the referral is part of the set.
    if (f.basis == basis::employer_referral) out.push_back({"referral_letter", {attachment_type::referral_letter}});
    return out;
}

std::vector<defect> completeness_defects(const application_form& f, const admission_rules& r, const date& today) {
    defects out;
    // --- Fields (Appendix 1; p.5 "the application correctly filled in").
    identity_into(out, f.who, today);
    // Appendix 1: residential address, e-mail, contact phone (mobile, work).
    out.required(f.who.address, "address", max_address);
    if (out.required(f.who.mobile_phone, "mobile_phone", max_short) && !phone_valid(f.who.mobile_phone))
        out.add("field_invalid", "mobile_phone");
    // The e-mail is on the form, but a paper applicant may have none: checked when given.
    if (!blank(f.who.email) && (f.who.email.size() > max_short || !email_valid(f.who.email)))
        out.add("field_invalid", "email");
    if (!blank(f.who.work_phone) && (f.who.work_phone.size() > max_short || !phone_valid(f.who.work_phone)))
        out.add("field_invalid", "work_phone");
    // Appendix 1: "I ask to hold the procedure ... (name of the profession)".
    out.required(f.programme, "programme", max_short);
    // Appendix 1: "the qualification level (per the national qualifications
    // framework)": the level of the programme applied for.
    if (f.claimed_nqf_level <= 0)
        out.add("field_missing", "claimed_nqf_level");
    else if (f.claimed_nqf_level > 8 || (r.nqf_level > 0 && f.claimed_nqf_level != r.nqf_level))
        out.add("field_invalid", "claimed_nqf_level");
    // Appendix 1: "I report about myself (a description of the results of
    // informal learning (if any)): knowledge: ___; skills: ___": optional, bounded.
    if (f.knowledge.size() > max_text) out.add("field_invalid", "knowledge");
    if (f.skills.size() > max_text) out.add("field_invalid", "skills");
    // p.9: the candidate chooses the language (kk or ru) among the programme's.
    if (blank(f.language))
        out.add("field_missing", "language");
    else if (std::find(r.languages.begin(), r.languages.end(), f.language) == r.languages.end())
        out.add("language_not_offered", f.language.substr(0, max_short));
    // The programme's modes (online, offline): a choice only when it offers both.
    if (blank(f.mode)) {
        if (r.modes.size() != 1) out.add("field_missing", "mode");
    } else if (std::find(r.modes.begin(), r.modes.end(), f.mode) == r.modes.end()) {
        out.add("mode_not_offered", f.mode.substr(0, max_short));
    }
    // p.10-11: needs to be met (optional).
    out.limited(f.accessibility, "accessibility", max_text);
    // Appendix 1: "date ___, signature": dated, and not in the future.
    if (!f.signed_date)
        out.add("field_missing", "signed_date");
    else if (*f.signed_date > today)
        out.add("field_invalid", "signed_date");
    // p.2 4): a candidate referred by an employer: who refers him.
    if (f.basis == basis::employer_referral) {
        const employer none;
        const employer& e = f.referral ? *f.referral : none;
        out.required(e.name, "employer_name", max_name);
        if (blank(e.bin))
            out.add("field_missing", "employer_bin");
        else if (!bin_valid(e.bin))
            out.add("field_invalid", "employer_bin");
    }
    // Appendix 1: "I confirm the validity, until ___ year, of the document of
    // recognition (if any)": when declared, its code; the year is plausible
    // (1991 .. 50 years ahead: the longest validity a programme may set).
    if (f.earlier) {
        out.required(f.earlier->code, "earlier_document_code", max_short);
        if (f.earlier->valid_until_year &&
            (*f.earlier->valid_until_year < 1991 || *f.earlier->valid_until_year > today.year + 50))
            out.add("field_invalid", "earlier_document_valid_until_year");
    }

    // --- Consents. Appendix 1 ends with one declaration under one signature: "I
    // consent to the processing of personal data during the procedure and give my
    // consent to placing my personal data on the NQS digital platform". Both are
    // part of the prescribed form (and the document's serial number comes through
    // that platform, Appendix 2), so a form without either is not correctly filled.
    if (!f.consent_pd) out.add("consent_missing", "pd_processing");
    if (!f.consent_nqs) out.add("consent_missing", "nqs_publication");

    // --- Attachments (p.4 2)-4), p.5 "the set of documents not complete").
    if (f.attachments.size() > static_cast<std::size_t>(max_attachments)) out.add("field_invalid", "attachments");
    for (const auto& g : required_attachments(r, f)) {
        bool present = std::any_of(f.attachments.begin(), f.attachments.end(), [&](const attachment_facts& a) {
            return std::find(g.any_of.begin(), g.any_of.end(), a.type) != g.any_of.end();
        });
        if (!present) out.add("attachment_missing", g.name);
    }
    for (const auto& a : f.attachments) {
        std::string type(to_string(a.type));
        // Dates that cannot be: issued after today, or valid until before its issue.
        bool invalid = (a.issue_date && *a.issue_date > today) ||
                       (a.issue_date && a.valid_until && *a.issue_date > *a.valid_until) ||
                       a.number.size() > max_short || a.issuer.size() > max_short;
        if (invalid)
            out.add("attachment_invalid", type);
        else if (a.valid_until && *a.valid_until < today)
            out.add("attachment_expired", type);  // valid until the day before today: no longer valid
    }
    return std::move(out.list);
}

std::vector<defect> identity_defects(const applicant& a) {
    defects out;
    identity_into(out, a, std::nullopt);
    return std::move(out.list);
}

bool phone_valid(std::string_view phone) {
    if (phone.size() > max_short) return false;
    std::string digits;
    bool plus = false;
    for (std::size_t i = 0; i < phone.size(); ++i) {
        char c = phone[i];
        if (c == ' ' || c == '-' || c == '(' || c == ')') continue;
        if (c == '+' && digits.empty() && !plus) {
            plus = true;
            continue;
        }
        if (c < '0' || c > '9') return false;
        digits.push_back(c);
    }
    // Kazakhstan's numbers: +7 and ten digits exactly.
    if (plus && !digits.empty() && digits[0] == '7') return digits.size() == 11;
    return digits.size() >= 10 && digits.size() <= 15;
}

bool email_valid(std::string_view email) {
    auto at = email.find('@');
    if (at == std::string_view::npos || email.find('@', at + 1) != std::string_view::npos) return false;
    for (unsigned char c : email)
        if (c <= ' ' || c == 0x7f) return false;  // no spaces, no control characters
    std::string_view local = email.substr(0, at), domain = email.substr(at + 1);
    if (local.empty()) return false;
    auto dot = domain.find('.');
    return dot != std::string_view::npos && dot > 0 && domain.back() != '.';
}

bool bin_valid(std::string_view bin) {
    if (bin.size() != 12 || !all_digits(bin)) return false;
    auto check = iin_check_digit(bin.substr(0, 11));
    return check && *check == bin[11] - '0';
}

// p.5: "within three working days after the day the application is registered".
date check_due(const work_calendar& c, const date& registered) { return c.add_working_days(registered, 3); }
// p.6: "within five working days after the day the contract is concluded".
date schedule_notice_due(const work_calendar& c, const date& contract) { return c.add_working_days(contract, 5); }

std::string_view to_string(application_status s) { return name_of(status_names, s); }
std::optional<application_status> parse_application_status(std::string_view s) { return value_of(status_names, s); }

bool may(application_status s, application_action a, bool by_staff) {
    using st = application_status;
    using act = application_action;
    switch (a) {
        case act::submit: return s == st::draft;
        // p.5 third part: complete -> contract; second part: else a reasoned refusal.
        case act::contract:
        case act::prepare_refusal: return s == st::registered;
        // p.5: the refusal is signed by the head of the centre, or returned by him.
        case act::sign_refusal:
        case act::return_refusal: return s == st::refusal_prepared;
        // Recognition is voluntary (p.3): he may withdraw before a contract or refusal.
        case act::withdraw: return s == st::draft || s == st::registered;
        // The candidate changes his draft; the centre also completes a registered one
        // (paper applications, attachments brought in during the check).
        case act::edit:
        case act::attach: return s == st::draft || (by_staff && s == st::registered);
    }
    return false;
}

}  // namespace tanu::exam
