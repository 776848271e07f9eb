#include "server/applications/contract.hpp"

#include <cstdio>

#include "exam/common/calendar.hpp"
#include "server/applications/json.hpp"
#include "server/applications/notices.hpp"
#include "server/audit/audit.hpp"
#include "server/calendar/calendar.hpp"
#include "server/calendar/store.hpp"
#include "server/outbox/outbox.hpp"
#include "server/people/store.hpp"

namespace tanu::server::applications {

namespace {
std::string listed(const std::vector<exam::defect>& defects) {
    std::string out;
    for (const auto& d : defects) out += (out.empty() ? "" : ", ") + d.code + " " + d.subject;
    return out;
}
}  // namespace

incomplete_error::incomplete_error(std::vector<exam::defect> d)
    : domain_error(error_kind::conflict, "incomplete", "the application is incomplete: " + listed(d)), defects(std::move(d)) {}

std::vector<exam::defect> check_application(db& d, const application_row& a, const exam::date& today) {
    const auto terms = must_programme(d, a.programme);
    return exam::completeness_defects(form_of(a, store::attachments_of(d, a.id)), rules_of(terms), today);
}

std::string notice_email(db& d, const application_row& a) {
    const auto form = form_from_json(parse_json(a.form));
    if (!form.who.email.empty()) return form.who.email;
    auto p = store::find_person(d, a.person);
    return p ? p->email : "";
}

std::string notice_language(const application_row& a) {
    const auto form = form_from_json(parse_json(a.form));
    return form.language == "kk" || form.language == "en" ? form.language : "ru";
}

application_row conclude_contract(db& d, const centre_config& centre, const contract_input& in, std::int64_t now) {
    auto a = must_application(d, in.id, actor{in.user, std::nullopt});
    if (!exam::may(status_of(a), exam::application_action::contract, true))
        throw conflict("not_registered", "the application is " + a.status + ": a contract follows a registered application");
    const auto today = exam::kz_local_date(now);
    const auto date = in.contract_date.value_or(today);
    if (date > today || date < must_date(a.registered_date))
        throw domain_error(error_kind::unprocessable, "field_invalid",
                           "contract_date must be between the registration (" + a.registered_date + ") and today");
    if (chars(in.price) > 100)
        throw domain_error(error_kind::unprocessable, "field_too_long", "price is longer than 100 characters");
    if (in.contract_no.size() > exam::max_short)
        throw domain_error(error_kind::unprocessable, "field_too_long", "contract_no is longer than 100 bytes");
    if (auto defects = check_application(d, a, today); !defects.empty()) throw incomplete_error(std::move(defects));
    std::string due;
    try {
        due = exam::to_iso(exam::schedule_notice_due(store::load_calendar(d), date));  // p.6
    } catch (const exam::calendar_missing& e) {
        throw calendar::missing(e);
    }
    std::string no = in.contract_no;
    if (no.empty()) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%04d-%05lld", date.year,
                      static_cast<long long>(store::next_counter(d, "contract_" + std::to_string(date.year))));
        no = buf;
    }
    if (store::contract_no_taken(d, no)) throw conflict("contract_no_taken", "a contract numbered " + no + " exists");
    store::contract_application(d, a.id, no, exam::to_iso(date), in.price, due, in.user, now);
    audit::record(d, now, in.user, "application.contract", "application " + std::to_string(a.id),
                  "contract " + no + " of " + exam::to_iso(date) + ", schedule notice due " + due);
    a = must_application(d, a.id, actor{in.user, std::nullopt});
    outbox::queue(d, contract_notice(a, notice_email(d, a), notice_language(a), centre), now);
    return a;
}

}  // namespace tanu::server::applications
