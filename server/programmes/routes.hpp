#pragma once
// The programmes' routes: a programme (the contract's format) and its question
// bank, imported from JSON or Moodle XML.
#include <cstddef>
#include <functional>
#include <string>

#include "server/http/router.hpp"
#include "server/platform/module.hpp"

namespace tanu::server {

class sitting_owners;

class programmes_routes : public module {
public:
    // `bank_changed` is told, inside the import's transaction, which programme's
    // bank changed; a programme's kind must be one of `owners`.
    programmes_routes(platform& p, const sitting_owners& owners, std::function<void(const std::string&)> bank_changed);
    void routes(router& r) override;

private:
    response create_programme(const call& c);
    response list_programmes(const call& c);
    response get_programme(const call& c);
    response import_questions(const call& c);

    db_writer& writer_;
    db_readers& readers_;
    const exam::clock& clock_;
    logger& log_;
    const sitting_owners& owners_;
    std::size_t import_body_limit_;
    std::function<void(const std::string&)> bank_changed_;
};

}  // namespace tanu::server
