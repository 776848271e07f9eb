#pragma once
// The completeness check's positive end (seed 002 p.5-6): the contract.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "exam/applications/application.hpp"
#include "server/applications/common.hpp"
#include "server/db/sqlite.hpp"
#include "server/platform/config.hpp"
#include "server/platform/domain_error.hpp"

namespace tanu::server::applications {

// conflict incomplete, with the defects the check found (the route adds them to the error body).
struct incomplete_error : domain_error {
    explicit incomplete_error(std::vector<exam::defect> d);
    std::vector<exam::defect> defects;
};

struct contract_input {
    std::int64_t id = 0;
    std::int64_t user = 0;                   // registrar or admin
    std::string contract_no;                 // '' : the next of contract_YYYY ("2026-00003")
    std::optional<exam::date> contract_date;  // default today; not after today, not before registration
    std::string price;                       // free text, at most 100 characters
};

// registered -> contracted (conflict not_registered), when the check (p.5)
// finds nothing: else incomplete_error. schedule_notice_due = 5 working days
// after the contract (p.6; conflict calendar_missing). conflict
// contract_no_taken. Audited application.contract; notice `contract` queued.
application_row conclude_contract(db& d, const centre_config& centre, const contract_input& in, std::int64_t now_ms);

// The check of the application today (p.5): the defects in their fixed order.
std::vector<exam::defect> check_application(db& d, const application_row& a, const exam::date& today);

// Where the candidate's notices go: the form's e-mail, else the person's.
std::string notice_email(db& d, const application_row& a);
// The application's language for notices (its form's; ru when none).
std::string notice_language(const application_row& a);

}  // namespace tanu::server::applications
