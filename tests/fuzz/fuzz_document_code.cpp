// libFuzzer: document codes (exam/recognition/document_code.hpp). parse agrees with the
// shape check, and a parsed code that make_document_code accepts writes back
// as the same text; make_document_code throws only std::invalid_argument.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <string_view>

#include "exam/recognition/document_code.hpp"

using namespace tanu::exam;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view s(reinterpret_cast<const char*>(data), size);
    const bool shaped = is_document_code(s);
    const auto parts = parse_document_code(s);
    if (shaped != parts.has_value()) std::abort();
    if (parts) {
        try {
            if (make_document_code(*parts) != s) std::abort();
        } catch (const std::invalid_argument&) {
            // level 0 or 9, centre or serial 0: the shape allows it, the rule does not
        }
    }
    return 0;
}
