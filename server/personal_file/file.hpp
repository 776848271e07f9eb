#pragma once
// The candidate's personal file (seed 002 p.14: "the act is kept in the
// candidate's personal file"; W10): one view of a person as a candidate, in the
// order of the procedure, read from each domain's own store. docs/api.md,
// "The personal file".
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "server/db/sqlite.hpp"
#include "server/platform/config.hpp"

namespace tanu::server::personal_file {

using json = nlohmann::json;

// At most this many rows of one section (notices, sittings, ...); a longer one
// is cut and named in "truncated" (a candidate of many years, a notice storm).
inline constexpr std::size_t max_rows = 500;

struct file_input {
    std::int64_t candidate = 0;
    std::int64_t now_ms = 0;  // the file's generation time ("generated_ms")
    std::string own_url;      // this server's address, for the documents' verify URLs
};

// The file as JSON: {"generated_ms", "candidate", "applications", "notices",
// "sittings", "acts", "practical_marks", "protocols", "documents", "appeals",
// "results_receipts", "truncated": [section names]}. Throws not_found when no
// candidate has this id; a candidate with nothing yet gets empty sections.
json assemble(db& d, const server_config& cfg, const file_input& in);

// The SHA-256 (hex) of the file's compact JSON text: what the PDF's footer
// prints and the JSON answer's X-Content-SHA256 header carries.
std::string file_sha256(const json& file);

}  // namespace tanu::server::personal_file
