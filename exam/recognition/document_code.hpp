#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "exam/common/date.hpp"

namespace tanu::exam {

// The recognition document's six-level code (seed 002, Appendix 2):
// OKED(5)-NKZ(8)-LEVEL(1)-DDMMYY(6)-CENTRE(4)-SERIAL(8), digits only,
// e.g. 43210-74110001-4-011226-0007-00000001. A profession without an NKZ code
// gets zeros ("00000000").
struct document_code_parts {
    std::string oked;         // 5 digits: OKED subclass of the labour activity
    std::string nkz;          // 8 digits (National Classifier of Occupations), or empty -> zeros
    int nqf_level = 0;        // 1..8
    date procedure;           // the date of the recognition procedure
    int centre_number = 0;    // 1..9999, from accreditation
    std::int64_t serial = 0;  // 1..99,999,999, the document's sequence number
};

// Throws std::invalid_argument with a clear message on a bad part (OKED not 5
// digits, NKZ not 8 digits, level out of 1..8, a date that is not a real day or
// whose year is outside 2000..2099, centre or serial out of range).
std::string make_document_code(const document_code_parts& p);

// Shape only: 5-8-1-6-4-8 digits and dashes, the DDMMYY digits form a real date.
bool is_document_code(std::string_view s);

// The parts of a well-formed code; nullopt when !is_document_code(s). The year
// YY is read as 20YY. An all-zero NKZ comes back as "00000000" (not empty).
std::optional<document_code_parts> parse_document_code(std::string_view s);

// The document's check value (issue 8: serials are sequential, so the code
// alone is guessable): random, stored with the document, printed beside its
// code and carried in the QR code's link. The public lookup names the holder
// in full only with it; without it, by initials. 48 bits, lower-case hex.
inline constexpr std::size_t check_value_chars = 12;
bool is_check_value(std::string_view s);

// The holder as initials: the first letter of each word of the name (UTF-8,
// so Kazakh and Russian letters too), each followed by a dot, e.g.
// "Әбенов Серік" -> "Ә. С.". Empty for an empty name.
std::string holder_initials(std::string_view full_name);

}  // namespace tanu::exam
