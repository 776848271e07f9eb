#pragma once
// Storage of applications (migrations/0013_applications.sql): the rows, their
// attachments, the per-year counters, and what the domain reads of people,
// candidates and programmes. Every function takes the connection it runs on;
// only this file's .cpp and migrations/ know the SQL.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "server/db/sqlite.hpp"

namespace tanu::server {

struct application_row {
    std::int64_t id = 0;
    std::string reg_no;  // '' before registration
    std::int64_t candidate = 0, person = 0;
    std::string programme, channel, status;
    std::string form;  // JSON text (server/applications/json.hpp)
    std::string full_name, iin;
    std::optional<std::int64_t> consent_pd_ms, consent_nqs_ms;
    std::string signed_date, registered_date;  // '' when not yet
    std::optional<std::int64_t> registered_by;
    std::string check_due;
    std::int64_t created_by = 0, created_ms = 0, updated_ms = 0;
    std::string contract_no, contract_date, contract_price, schedule_notice_due;
    std::optional<std::int64_t> contracted_by, contracted_ms;
    std::string refusal;  // JSON text or ''
    std::string refusal_text, refusal_sha256;
    std::optional<std::int64_t> refusal_prepared_by, refusal_prepared_ms;
    std::optional<std::int64_t> refusal_signed_by, refusal_signed_ms;
    std::string refusal_signed_method;
    std::optional<std::int64_t> withdrawn_ms;
    std::string schedule_notice_sent;  // p.6: the day the schedule notice went ('' before)
};

struct attachment_row {
    std::int64_t id = 0, application = 0;
    std::string type, number, issuer, issue_date, valid_until;  // dates '' when not given
    std::string sha256;
    std::int64_t size = 0;
    std::string content_type, file;  // file: relative to the data directory
    std::int64_t uploaded_by = 0, uploaded_ms = 0;
};

// A programme as an applicant sees it: read from its stored JSON body, so the
// settings of W11 (modes, admission, methodology, regime) come with their
// defaults when a programme was stored without them.
struct programme_terms {
    std::string code, kind, profession, regime;  // regime: "custom" when absent
    int nqf_level = 0;
    std::vector<std::string> languages, modes;  // modes: ["online"] when absent
    bool education_required = false;
    int experience_years = 0;
    std::string methodology;  // JSON object text ({} when absent)
};

namespace store {

// p.6: the schedule notice of the contract went on `day` (the first only is kept).
void schedule_notice_sent(db& d, std::int64_t application, const std::string& day, std::int64_t now_ms);

// applications
std::int64_t insert_application(db& d, const application_row& a);
std::optional<application_row> find_application(db& d, std::int64_t id);
// The form and what is derived from it (full_name, iin, programme, consents).
void update_application_form(db& d, const application_row& a);
void register_application(db& d, std::int64_t id, const std::string& reg_no, const std::string& registered_date,
                          const std::string& signed_date, const std::string& check_due, std::int64_t by,
                          std::int64_t now_ms);
void contract_application(db& d, std::int64_t id, const std::string& no, const std::string& date,
                          const std::string& price, const std::string& schedule_notice_due, std::int64_t by,
                          std::int64_t now_ms);
bool contract_no_taken(db& d, const std::string& no);
// status refusal_prepared with the refusal's JSON and its canonical text
void prepare_refusal(db& d, std::int64_t id, const std::string& refusal, const std::string& text,
                     const std::string& sha256, std::int64_t by, std::int64_t now_ms);
void sign_refusal(db& d, std::int64_t id, const std::string& text, const std::string& sha256, std::int64_t by,
                  const std::string& method, std::int64_t signed_ms, std::int64_t now_ms);
// back to registered, the refusal's JSON (with its history) kept
void return_refusal(db& d, std::int64_t id, const std::string& refusal, std::int64_t now_ms);
void withdraw_application(db& d, std::int64_t id, std::int64_t now_ms);
void touch_application(db& d, std::int64_t id, std::int64_t now_ms);
// The candidate's applications, newest first.
std::vector<application_row> applications_of(db& d, std::int64_t candidate);
// Staff's list: status '' means every status but draft; q matches reg_no, full name or IIN.
// Overdue first (registered or refusal_prepared with check_due before today), then by check_due.
std::vector<application_row> list_applications(db& d, const std::string& status, const std::string& q,
                                               const std::string& today, int limit);
// An open application (draft, registered, refusal_prepared) of the candidate for the programme.
std::optional<std::int64_t> open_application(db& d, std::int64_t candidate, const std::string& programme);

// attachments
std::int64_t insert_attachment(db& d, const attachment_row& a);
std::vector<attachment_row> attachments_of(db& d, std::int64_t application);
std::optional<attachment_row> find_attachment(db& d, std::int64_t application, std::int64_t id);
void delete_attachment(db& d, std::int64_t id);
int attachment_count(db& d, std::int64_t application);
// Other rows of the application keeping the same file.
int attachments_with_file(db& d, std::int64_t application, const std::string& file);

// Per-year sequences in `counters` (application_reg_YYYY, contract_YYYY): the next value.
std::int64_t next_counter(db& d, const std::string& name);

// people and candidates, as this domain finds them
std::optional<std::int64_t> person_by_iin(db& d, const std::string& iin);
std::optional<std::int64_t> candidate_of_person(db& d, std::int64_t person);
std::string login_of(db& d, std::int64_t user);  // '' when unknown

// programmes
std::optional<programme_terms> find_programme_terms(db& d, const std::string& code);
std::vector<programme_terms> all_programme_terms(db& d);

}  // namespace store
}  // namespace tanu::server
