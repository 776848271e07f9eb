// libFuzzer: the JSON import (server/programmes/question_import.hpp) on whatever the
// server's parser accepts. Only domain_error may be thrown; the result must be
// what the server can store and answer (import_check.hpp).
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include <nlohmann/json.hpp>

#include "server/programmes/question_import.hpp"
#include "tests/fuzz/import_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto body = nlohmann::json::parse(data, data + size, nullptr, /*allow_exceptions=*/false);
    if (body.is_discarded()) return 0;
    static const tanu::exam::programme p = tanu::fuzz::fuzz_programme();
    try {
        tanu::fuzz::check_batch(tanu::server::import_json(body, p), p);
    } catch (const tanu::server::domain_error& e) {
        using tanu::server::error_kind;
        if (e.kind != error_kind::too_large && e.kind != error_kind::unprocessable) std::abort();  // 413, 422
    }
    return 0;
}
