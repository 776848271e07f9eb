// libFuzzer: the Moodle XML import and its HTML clean-up
// (server/programmes/question_import.hpp). Only domain_error may be thrown; the result must
// be what the server can store and answer (import_check.hpp); the clean-up's
// text has no leading, trailing or doubled spaces. -timeout catches a clean-up
// that is no longer linear.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "server/programmes/question_import.hpp"
#include "tests/fuzz/import_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view s(reinterpret_cast<const char*>(data), size);
    static const tanu::exam::programme p = tanu::fuzz::fuzz_programme();
    try {
        tanu::fuzz::check_batch(tanu::server::import_moodle_xml(s, "ru", p), p);
        // without ?lang: each question's language from its text (exam::text_language)
        tanu::fuzz::check_batch(tanu::server::import_moodle_xml(s, "", p), p);
    } catch (const tanu::server::domain_error& e) {
        using tanu::server::error_kind;
        if (e.kind != error_kind::too_large && e.kind != error_kind::unprocessable) std::abort();  // 413, 422
    }
    const std::string text = tanu::server::html_to_text(s);
    if (!text.empty() && (text.front() == ' ' || text.back() == ' ')) std::abort();
    if (text.find("  ") != std::string::npos) std::abort();
    return 0;
}
