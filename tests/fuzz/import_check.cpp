#include "tests/fuzz/import_check.hpp"

#include <cstdlib>

#include <nlohmann/json.hpp>

#include "exam/theory/question.hpp"

namespace tanu::fuzz {

void check_batch(const tanu::server::import_batch& b, const tanu::exam::programme& p) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r : b.rejected) out.push_back({{"index", r.index}, {"id", r.id}, {"reason", r.reason}});
    for (const auto& q : b.accepted) {
        if (tanu::exam::validate(q, p.languages)) std::abort();
        out.push_back({{"id", q.id}, {"lang", q.lang}, {"topic", q.topic}, {"text", q.text}, {"options", q.options},
                       {"correct", q.correct}});
    }
    try {
        (void)out.dump();
    } catch (const nlohmann::json::type_error&) {
        std::abort();  // not UTF-8: the server would answer 500
    }
}

tanu::exam::programme fuzz_programme() {
    tanu::exam::programme p;
    p.code = "FUZZ-1";
    p.profession = "Fuzzer";
    p.oked = "25110";
    p.nqf_level = 3;
    p.languages = {"kk", "ru"};
    return p;
}

}  // namespace tanu::fuzz
