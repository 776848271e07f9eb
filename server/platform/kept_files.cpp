#include "server/platform/kept_files.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <fstream>
#include <iterator>
#include <stdexcept>
#include <system_error>

#include "server/platform/domain_error.hpp"
#include "server/platform/sha256.hpp"

namespace tanu::server {

namespace {
bool starts_with(std::string_view bytes, std::string_view magic) { return bytes.substr(0, magic.size()) == magic; }
}  // namespace

std::string sniff_content_type(std::string_view bytes) {
    if (bytes.empty()) throw bad_request("the file is empty");
    if (starts_with(bytes, "%PDF-")) return "application/pdf";
    if (starts_with(bytes, std::string_view("\xFF\xD8\xFF", 3))) return "image/jpeg";
    if (starts_with(bytes, std::string_view("\x89PNG\r\n\x1A\n", 8))) return "image/png";
    throw domain_error(error_kind::unsupported_media, "unsupported_file",
                       "the file must be a PDF, JPEG or PNG (its content is read, not its name)");
}

kept_file keep_file(const std::filesystem::path& data_dir, const std::string& folder, std::string_view bytes) {
    kept_file out;
    out.sha256 = sha256_hex(bytes);
    out.rel = folder + "/" + out.sha256;
    const auto full = data_dir / out.rel;
    std::filesystem::create_directories(full.parent_path());
    if (std::filesystem::exists(full)) return out;  // the same bytes are kept already
    auto tmp = full;
    tmp += ".tmp" + std::to_string(::getpid()) + "-" + std::to_string(reinterpret_cast<std::uintptr_t>(&out));
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) throw std::runtime_error("cannot write " + tmp.string());
    std::size_t off = 0;
    while (off < bytes.size()) {
        auto n = ::write(fd, bytes.data() + off, bytes.size() - off);
        if (n <= 0) {
            ::close(fd);
            std::error_code ec;
            std::filesystem::remove(tmp, ec);
            throw std::runtime_error("cannot write " + tmp.string());
        }
        off += static_cast<std::size_t>(n);
    }
    ::fdatasync(fd);
    ::close(fd);
    std::filesystem::rename(tmp, full);
    return out;
}

std::string read_kept_file(const std::filesystem::path& data_dir, const std::string& rel, const std::string& sha256) {
    std::ifstream in(data_dir / rel, std::ios::binary);
    if (!in) throw not_found("the attachment's file is missing");
    std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (sha256_hex(data) != sha256)
        throw domain_error(error_kind::internal, "attachment_corrupt", "the stored file does not match its recorded hash");
    return data;
}

void remove_kept_file(const std::filesystem::path& data_dir, const std::string& rel) {
    std::error_code ec;
    std::filesystem::remove(data_dir / rel, ec);
}

}  // namespace tanu::server
