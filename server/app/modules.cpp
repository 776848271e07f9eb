#include "server/app/modules.hpp"

#include "server/programmes/routes.hpp"
#include "server/proctoring/routes.hpp"
#include "server/applications/routes.hpp"
#include "server/exam/schedule_routes.hpp"
#include "server/people/routes.hpp"
#include "server/personal_file/routes.hpp"
#include "server/calendar/calendar.hpp"
#include "server/outbox/outbox.hpp"
#include "server/recognition/offline_routes.hpp"
#include "server/recognition/recognition.hpp"

namespace tanu::server {

namespace {

template <class T>
T* add(module_list& m, std::unique_ptr<T> made) {
    T* raw = made.get();
    m.all.push_back(std::move(made));
    return raw;
}

}  // namespace

// The one list of domains: a new domain is one line here.
module_list make_modules(platform& p, engine& e) {
    module_list m;
    m.accounts = add(m, std::make_unique<accounts_routes>(p));
    m.all.push_back(make_people_module(p));
    m.signing = make_password_signer();
    add(m, std::make_unique<programmes_routes>(
               p, [&e] { return e.owners.kinds(); }, [&e](const std::string& code) { e.exams.bank_changed(code); }));
    e.exams.scheduling(p.cfg.scheduling);
    add(m, std::make_unique<exam_routes>(p, e.exams, *m.accounts, e.proctor, e.hub));
    m.all.push_back(make_schedule_module(p, e.exams, e.hub));
    add(m, std::make_unique<proctoring_routes>(p, e.proctor));
    m.all.push_back(make_calendar_module(p));
    m.all.push_back(make_recognition_module(p, e.owners, *m.signing));
    m.all.push_back(make_offline_module(p, e.exams, e.hub));
    m.all.push_back(make_applications_module(p, *m.signing, e.owners));
    m.all.push_back(make_outbox_module(p));
    m.all.push_back(make_personal_file_module(p));
    return m;
}

}  // namespace tanu::server
