#pragma once
// The application for recognition and its completeness check: seed 002 p.4-6
// and Appendix 1 (digest: shared/design/rules.md, W1 in procedures.md).
// Pure rules: no storage, no clock (today is given).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "exam/common/calendar.hpp"
#include "exam/common/date.hpp"

namespace tanu::exam {

// p.4 sub-items 2)-4) and p.2.4 (referral): what may be attached.
enum class attachment_type {
    id_document,                 // p.4 2): identity document
    kandas_cert,                 // p.4 2): kandas certificate (instead of the ID)
    education_doc,               // p.4 2): document of education
    education_recognition_cert,  // p.4 2): certificate of recognition of a document of education
    training_cert,               // p.4 2): document of training
    short_course_cert,           // p.4 2): short-course certificate
    incomplete_tve_cert,         // p.4 2): reference for those who did not complete TVE / post-secondary
    nonformal_recognition_cert,  // p.4 2): certificate of recognition of non-formal education
    completion_cert,             // p.4 2): certificate of completion of training
    labour_activity_doc,         // p.4 3): document confirming labour activity
    earlier_recognition_doc,     // p.4 4): earlier documents of recognition (if any)
    referral_letter,             // the employer's letter of referral
    other,                       // anything else the candidate adds
};
std::string_view to_string(attachment_type t);
std::optional<attachment_type> parse_attachment_type(std::string_view s);
// Every type, in the order above (for lists and pages).
const std::vector<attachment_type>& attachment_types();
// The p.4 2) documents of education or training: any one of them proves education.
bool proves_education(attachment_type t);

struct attachment_facts {
    attachment_type type = attachment_type::other;
    std::string number, issuer;
    std::optional<date> issue_date, valid_until;
};

enum class purpose { qualification_level, skill_level };  // Appendix 1: level of qualification or of skill
enum class basis { own, employer_referral };               // p.2.4: on his own or referred by an employer
enum class channel { centre_web, paper, nqs_platform };    // p.4: paper or the NQS digital platform (centre_web: our own page)
std::string_view to_string(purpose p);
std::string_view to_string(basis b);
std::string_view to_string(channel c);
std::optional<purpose> parse_purpose(std::string_view s);
std::optional<basis> parse_basis(std::string_view s);
std::optional<channel> parse_channel(std::string_view s);

struct applicant {
    std::string surname, name, patronymic;  // patronymic optional
    std::string iin;
    std::optional<date> birth_date;
    std::string address, email, mobile_phone, work_phone;  // work phone optional; e-mail optional (paper)
};

struct employer {
    std::string name, bin;  // BIN: 12 digits with the IIN's check digit
};

struct earlier_document {
    std::string code;                   // the earlier document's number or code
    std::optional<int> valid_until_year;
};

// Appendix 1, field by field.
struct application_form {
    applicant who;
    exam::basis basis = basis::own;
    std::optional<employer> referral;         // when basis is employer_referral
    exam::purpose purpose = purpose::qualification_level;
    std::string programme;                    // programme code
    int claimed_nqf_level = 0;
    std::optional<earlier_document> earlier;  // declared earlier recognition document
    std::string knowledge, skills;            // description of knowledge and skills (Appendix 1: "if any", optional)
    std::string language;                     // kk or ru: the candidate's choice (p.9)
    std::string mode;                         // online or offline, among the programme's modes
    std::string accessibility;                // needs to be met (p.10-11), optional
    bool consent_pd = false;                  // consent to personal-data processing
    bool consent_nqs = false;                 // consent to publication on the NQS platform
    std::optional<date> signed_date;
    std::vector<attachment_facts> attachments;
};

// What the programme asks of an applicant (p.4, last part: the professional
// standard's requirements on education and experience; the programme's level,
// languages and modes).
struct admission_rules {
    int nqf_level = 0;
    std::vector<std::string> languages;  // kk, ru
    std::vector<std::string> modes;      // online, offline
    bool education_required = false;
    int experience_years = 0;            // 0: labour activity not required
};

// Field limits (bytes). A longer value is a defect of the form, and the API refuses it.
inline constexpr std::size_t max_name = 100;
inline constexpr std::size_t max_address = 300;
inline constexpr std::size_t max_text = 4000;   // knowledge, skills, accessibility
inline constexpr std::size_t max_short = 100;   // numbers, issuers, codes, e-mail, phones
inline constexpr int max_attachments = 20;

// One reason the application cannot lead to a contract (p.5 "incomplete or
// wrongly filled"). `code`:
//   field_missing       subject = the field (surname, name, iin, birth_date, address, mobile_phone,
//                       programme, claimed_nqf_level, language, mode, signed_date,
//                       employer_name, employer_bin)
//   field_invalid       subject = the field (iin, birth_date, email, mobile_phone, work_phone,
//                       employer_bin, claimed_nqf_level, signed_date, ...)
//                       also: patronymic, address, surname, name, programme, knowledge, skills,
//                       accessibility, employer_name (too long); earlier_document_code (too long; blank
//                       is field_missing), earlier_document_valid_until_year (before 1991 or over 50 years ahead);
//                       attachments (more than max_attachments)
//   iin_birth_mismatch  subject = "iin": the IIN encodes another birth date
//   language_not_offered, mode_not_offered  subject = the value
//   consent_missing     subject = pd_processing | nqs_publication
//   attachment_missing  subject = the group: "identity" (id_document | kandas_cert), "education"
//                       (any proves_education type), "labour_activity", "earlier_recognition",
//                       "referral_letter"
//   attachment_expired  subject = the type; valid_until before today
//   attachment_invalid  subject = the type; issued after today, or issue after valid_until
//                       (or its number/issuer over max_short); an invalid one is not also expired
// Each {code, subject} appears once, however many attachments share it.
struct defect {
    std::string code;
    std::string subject;
    bool operator==(const defect&) const = default;
};

// The groups of attachments the form must carry, each satisfied by any one
// type of it: identity always; education when required; labour activity when
// experience is required; earlier recognition when one is declared; the
// referral letter when referred. Group names as in `defect`.
struct attachment_group {
    std::string name;
    std::vector<attachment_type> any_of;
};
std::vector<attachment_group> required_attachments(const admission_rules& r, const application_form& f);

// The completeness check (p.5), in a fixed order: fields, consents, attachments.
// Empty: complete.
std::vector<defect> completeness_defects(const application_form& f, const admission_rules& r, const date& today);

// Just the fields a person gives to register (surname, name, IIN, birth date
// and their agreement): the subset of defects for self-registration.
std::vector<defect> identity_defects(const applicant& a);

bool phone_valid(std::string_view phone);  // +7 and 10 digits, or 10-15 digits with an optional '+'; spaces, '-', '(' ')' ignored
bool email_valid(std::string_view email);  // one '@', a dot in the domain, no spaces
bool bin_valid(std::string_view bin);      // 12 digits with the IIN's check digit

// Deadlines.
// p.5: the completeness check, and a refusal's sending, within 3 working days after registration.
date check_due(const work_calendar& c, const date& registered);
// p.6: the notice of date, time and place within 5 working days after the contract.
date schedule_notice_due(const work_calendar& c, const date& contract);

// States (W1): draft -> registered -> contracted | refusal_prepared -> refused;
// refusal_prepared -> registered (the head returns it); draft|registered -> withdrawn.
enum class application_status { draft, registered, contracted, refusal_prepared, refused, withdrawn };
std::string_view to_string(application_status s);
std::optional<application_status> parse_application_status(std::string_view s);

enum class application_action { submit, contract, prepare_refusal, sign_refusal, return_refusal, withdraw, edit, attach };
// May `a` be done in state `s`? (edit and attach: draft for the candidate;
// staff may also attach while registered: `by_staff`.)
// Staff also edit while registered (S11 route 4: PUT by staff while draft or registered).
// Only the state is judged here (and by_staff for edit/attach); who may do the
// other actions (registrar, head, the candidate) is the route's concern.
bool may(application_status s, application_action a, bool by_staff);

}  // namespace tanu::exam
