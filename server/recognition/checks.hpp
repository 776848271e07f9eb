#pragma once
// What the procedure's use cases and views share: the free texts' limits, the
// local date, and the records they look up by id (each refusal once).
#include <cstdint>
#include <string>

#include "exam/common/date.hpp"
#include "exam/recognition/procedure.hpp"
#include "exam/theory/programme.hpp"
#include "server/db/sqlite.hpp"
#include "server/exam/store.hpp"
#include "server/platform/texts.hpp"

namespace tanu::server::recognition {

// Free texts are limited in characters (code points): Kazakh and Russian letters are 2 bytes each.
constexpr std::size_t max_reason = 4000;  // an appeal's reason
constexpr std::size_t max_note = 2000;    // notes, review and revocation reasons

// A free text of at most `max` characters (and not empty when `required`), else unprocessable.
const std::string& checked_text(const std::string& s, std::size_t max, const char* what, bool required = false);


sitting_row must_sitting(db& d, std::int64_t id);              // not_found "no such session"
exam::programme must_programme(db& d, const std::string& code);  // not_found

// p.15: whether the sitting's theory stage admits it to the practical stage.
bool admitted(const sitting_row& s);

}  // namespace tanu::server::recognition
