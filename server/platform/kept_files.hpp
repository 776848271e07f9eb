#pragma once
// Documents people hand in (an application's attachments, a sick-leave
// sheet): DATA/<folder>/<sha256>, written to a temporary file, synced, then
// renamed; their type read from their bytes, never from their name.
#include <filesystem>
#include <string>
#include <string_view>

namespace tanu::server {

// The content type of a file from its first bytes: application/pdf (%PDF-),
// image/jpeg (FF D8 FF), image/png (89 50 4E 47 0D 0A 1A 0A). Anything else
// (whatever its name says) is unsupported_media unsupported_file; empty is bad_request.
std::string sniff_content_type(std::string_view bytes);

struct kept_file {
    std::string rel;     // relative to the data directory
    std::string sha256;  // lower-case hex
};
// Writes the bytes under data_dir/folder ("applications/12"), named by their SHA-256.
kept_file keep_file(const std::filesystem::path& data_dir, const std::string& folder, std::string_view bytes);
// The file's bytes; internal attachment_corrupt when they no longer match the hash, not_found when missing.
std::string read_kept_file(const std::filesystem::path& data_dir, const std::string& rel, const std::string& sha256);
void remove_kept_file(const std::filesystem::path& data_dir, const std::string& rel);  // no error when missing

}  // namespace tanu::server
