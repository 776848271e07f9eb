#pragma once
// The application as JSON (docs/api.md, "Applications"): the form in (the
// writable part of the object) and the whole application out.
#include <string>
#include <vector>

#include "exam/applications/application.hpp"
#include "server/applications/store.hpp"
#include "server/db/sqlite.hpp"
#include "server/platform/json_map.hpp"

namespace tanu::server::applications {

// The form of a POST or PUT body: applicant, basis, employer, purpose,
// programme, claimed_nqf_level, earlier_document, knowledge, skills, language,
// mode, accessibility, consents {pd_processing, nqs_publication} (booleans).
// An absent key is empty. Refuses: a key the form has not (400 bad_request
// naming it, so a typo is not silently lost), a value of the wrong type (400
// naming the field), a value longer than the field's limit (422
// field_too_long naming the field), a malformed date or an unknown basis or
// purpose (422 field_invalid naming the field).
exam::application_form form_from_json(const json& body);
// The writable part as stored (consents as booleans; no attachments, no signed date).
json form_to_json(const exam::application_form& f);
// "Surname Name Patronymic"
std::string full_name(const exam::applicant& a);

// The stored form with its attachments, consents and signed date: what the check reads.
exam::application_form form_of(const application_row& a, const std::vector<attachment_row>& attachments);
exam::admission_rules rules_of(const programme_terms& t);

json attachment_json(const attachment_row& a);
json defects_json(const std::vector<exam::defect>& defects);

// The whole application (the check computed for `today`, YYYY-MM-DD).
json application_json(db& d, const application_row& a, const std::string& today);
// One line of the staff's list.
json list_item_json(db& d, const application_row& a, const std::string& today);
// Open and past its completeness check's deadline (p.5).
bool overdue(const application_row& a, const std::string& today);

}  // namespace tanu::server::applications
