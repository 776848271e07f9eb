#pragma once
// The personal file as PDF (W10): A4 pages drawn with cairo, the sections in
// the file's order, the labels in one language (kk, ru or en), values as
// stored (names and notes in whatever letters they were written).
#include <string>

#include <nlohmann/json.hpp>

namespace tanu::server::personal_file {

// `file` as personal_file::assemble makes it; `sha256` its file_sha256. Each
// page's footer carries the generation time (generated_ms, UTC+5), the SHA-256
// and "page N / M". `lang`: kk, ru or en (anything else: ru). Throws
// std::runtime_error on a cairo failure.
std::string render_pdf(const nlohmann::json& file, const std::string& sha256, const std::string& lang);

// True for the languages the PDF has labels in.
bool known_lang(const std::string& lang);

}  // namespace tanu::server::personal_file
