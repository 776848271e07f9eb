#pragma once
// Question import: a JSON array or a Moodle XML quiz becomes questions for one
// programme's bank (docs/api.md, POST /api/programmes/{code}/questions). Each
// question is accepted or rejected on its own; only a request that cannot be read
// as a whole (not an array, bad XML, a DOCTYPE, too many questions) throws.
#include <cstddef>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "exam/theory/programme.hpp"
#include "exam/theory/question.hpp"
#include "server/platform/domain_error.hpp"

namespace tanu::server {

inline constexpr std::size_t max_import_questions = 5000;

struct import_reject {
    std::size_t index;  // 0-based among the request's questions (Moodle categories not counted)
    std::string id;     // as given, possibly empty
    std::string reason;
};

struct import_batch {
    std::vector<tanu::exam::question> accepted;
    std::vector<import_reject> rejected;
    // Topic titles sent with the questions (the object form below): merged
    // into the programme's `topics`, a title per language replaced.
    std::map<std::string, std::map<std::string, std::string>> topics;
};

// `body` is an array of {"id", "lang", "topic", "text", "options", "correct"},
// or an object {"questions": that array, "topics": {slug: {lang: title}}} that
// also gives the topics their titles (a bank imported before titles existed
// gets them so). Throws domain_error unprocessable validation_failed (neither),
// bad_request (topics not of that shape), too_large too_many_questions.
import_batch import_json(const nlohmann::json& body, const tanu::exam::programme& p);

// A Moodle XML quiz; every question gets `lang`, or, when `lang` is empty, the
// language its own text is in (exam::text_language; a question whose language
// cannot be told or is not offered is rejected with its reason). Throws domain_error
// unprocessable xml_doctype_forbidden, bad_xml or language_not_offered; too_large too_many_questions.
import_batch import_moodle_xml(std::string_view xml, const std::string& lang, const tanu::exam::programme& p);

// HTML to plain text: tags dropped, character references decoded to UTF-8,
// whitespace collapsed to single spaces and trimmed.
std::string html_to_text(std::string_view html);

}  // namespace tanu::server
