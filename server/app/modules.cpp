#include "server/app/modules.hpp"

#include "server/programmes/routes.hpp"
#include "server/proctoring/routes.hpp"
#include "server/recognition/procedure_service.hpp"

namespace tanu::server {

namespace {

// Recognition (seed 002 after the theory) as a module, until it is one itself.
class recognition_module : public module {
public:
    explicit recognition_module(platform& p) : p_(p), service_(p.cfg, p.writer, p.readers, p.clock, p.log) {}
    void routes(router& r) override { service_.routes(r); }
    void on_start() override {
        service_.set_own_url(p_.own_url);
        service_.start();
    }
    void on_stop() override { service_.stop(); }

private:
    platform& p_;
    procedure_service service_;
};

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
    add(m, std::make_unique<programmes_routes>(p, [&e](const std::string& code) { e.exams.bank_changed(code); }));
    m.exam = add(m, std::make_unique<exam_routes>(p, e.exams, *m.accounts));
    add(m, std::make_unique<proctoring_routes>(p, e.proctor));
    add(m, std::make_unique<recognition_module>(p));
    return m;
}

}  // namespace tanu::server
