#pragma once
// The applications' notices to candidates (seed 002 p.5-6), in the
// application's language (kk, ru; en when asked): their texts are the
// {kk, ru, en} label tables of notices.cpp with {placeholders}; these
// functions only choose and fill them.
#include <string>
#include <vector>

#include "server/applications/store.hpp"
#include "server/outbox/outbox.hpp"
#include "server/platform/config.hpp"

namespace tanu::server::applications {

struct refusal_defect {
    std::string code, subject, note;
};

// p.5-6: the contract is concluded (its number and date); the schedule follows.
outbox::notice contract_notice(const application_row& a, const std::string& email, const std::string& lang,
                               const centre_config& centre);

// p.5: the reasoned refusal to contract: each defect in words and the
// reasoning; due = the application's check_due.
outbox::notice refusal_notice(const application_row& a, const std::string& email, const std::string& lang,
                              const std::vector<refusal_defect>& defects, const std::string& reasoning,
                              const centre_config& centre);

// One defect in words ("Не заполнено поле «Фамилия»"), the note appended.
std::string defect_words(const refusal_defect& d, const std::string& lang);

}  // namespace tanu::server::applications
