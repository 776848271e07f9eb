#pragma once
// What the server does with an import's result (server/app/api.cpp): it writes the
// options as JSON into the bank and the rejections as JSON into its answer. So
// every string of the result must be writable as JSON (well-formed UTF-8), and
// every accepted question must pass the bank's own check. A failure aborts, so
// libFuzzer keeps the input. (Its own file: nlohmann/json is costly to compile
// with the sanitizers, and the Moodle harness need not include it.)
#include "exam/theory/programme.hpp"
#include "server/programmes/question_import.hpp"

namespace tanu::fuzz {

void check_batch(const tanu::server::import_batch& b, const tanu::exam::programme& p);

// Offers kk and ru.
tanu::exam::programme fuzz_programme();

}  // namespace tanu::fuzz
