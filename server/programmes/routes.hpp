#pragma once
// The programmes' routes: a programme (the contract's format) and its question
// bank, imported from JSON or Moodle XML.
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "server/http/router.hpp"
#include "server/platform/module.hpp"

namespace tanu::server {

class programmes_routes : public module {
public:
    // `kinds` are the procedures that own sittings (a programme's kind must be
    // one); `bank_changed` is told, inside the import's transaction, which
    // programme's bank changed.
    programmes_routes(platform& p, std::function<std::vector<std::string>()> kinds,
                      std::function<void(const std::string&)> bank_changed);
    void routes(router& r) override;

private:
    response create_programme(const call& c);
    response list_programmes(const call& c);
    response get_programme(const call& c);
    response update_programme(const call& c);
    response get_bank(const call& c);
    void check_kind(const std::string& kind) const;
    response import_questions(const call& c);

    db_writer& writer_;
    db_readers& readers_;
    const exam::clock& clock_;
    logger& log_;
    std::function<std::vector<std::string>()> kinds_;
    std::size_t import_body_limit_;
    std::function<void(const std::string&)> bank_changed_;
};

}  // namespace tanu::server
