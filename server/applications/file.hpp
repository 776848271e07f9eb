#pragma once
// Filing an application (seed 002 p.4, Appendix 1): the draft, its changes,
// its attachments, its registration, its withdrawal. Use cases on the
// writer's connection; each throws domain_error and audits what it changes.
#include <cstdint>
#include <optional>
#include <string>

#include "exam/applications/application.hpp"
#include "server/applications/common.hpp"
#include "server/applications/store.hpp"
#include "server/db/sqlite.hpp"

namespace tanu::server::applications {

// A candidate account made for a paper applicant (login = the IIN): the
// password and its hash are made before the writer's job.
struct new_account {
    std::string password, hash;
};

struct create_input {
    actor who;                   // the candidate (centre_web) or staff (paper)
    exam::application_form form;
    std::optional<new_account> account;  // staff: used when the applicant has no candidate account
};

struct created_application {
    application_row app;
    std::string initial_password;  // set when a candidate account was made
};

// A draft. The candidate's own: his IIN and birth date (filled in when left
// empty; field_invalid when another's). Staff (paper): the applicant must be
// identified (identity_defects: 422 with the defect's code), his person found
// by IIN or made, his candidate account found or made (login = IIN; conflict
// login_taken when that login is someone else's; conflict account_needed when
// it is needed and `account` is not given). unknown_programme (422);
// conflict application_open when he has an open one for the programme.
// Audited application.create.
created_application create_application(db& d, const create_input& in, std::int64_t now_ms);

struct update_input {
    std::int64_t id = 0;
    actor who;
    exam::application_form form;
};
// Replaces the form (the candidate while draft; staff while draft or
// registered: conflict not_editable). Consents keep the moment they were first
// given. Audited application.update.
application_row update_application(db& d, const update_input& in, std::int64_t now_ms);

struct submit_input {
    std::int64_t id = 0;
    actor who;
    std::optional<exam::date> registered_date, signed_date;  // staff only; default today
};
// draft -> registered: reg_no "YYYY-NNNNN" (per-year counter application_reg_YYYY),
// check_due (p.5: 3 working days; conflict calendar_missing). 422
// consent_missing without consent to processing, 422 with the defect's code
// when the identity is wrong; registered_date within the last 30 days, no date
// after today (422 field_invalid). conflict not_draft. Audited application.submit.
application_row submit_application(db& d, const submit_input& in, std::int64_t now_ms);

// draft | registered -> withdrawn (the candidate; conflict not_withdrawable). Audited application.withdraw.
application_row withdraw_application(db& d, std::int64_t id, const actor& who, std::int64_t now_ms);

struct attach_input {
    std::int64_t application = 0;
    actor who;
    std::string type, number, issuer, issue_date, valid_until;  // as given (query parameters)
    std::string sha256, content_type, file;                      // the kept file
    std::int64_t size = 0;
    int max_attachments = exam::max_attachments;
};
// The facts alone: 422 field_invalid (type, dates), field_too_long (number, issuer).
void check_attachment_facts(const attach_input& in);
// Checks the facts, the state
// (conflict not_editable) and the count (conflict too_many_attachments), then
// records the attachment. Audited application.attach with its SHA-256.
attachment_row add_attachment(db& d, const attach_input& in, std::int64_t now_ms);
// Refuses what add_attachment refuses before a file is written: the
// application unseen (not_found), not editable, full.
void check_attachable(db& d, std::int64_t application, const actor& who, int max_attachments);

// Removes the row; returns the file to delete ('' when another row keeps it).
// Audited application.detach.
std::string delete_attachment(db& d, std::int64_t application, std::int64_t attachment, const actor& who,
                              std::int64_t now_ms);

}  // namespace tanu::server::applications
