#pragma once
#include <string>
#include <string_view>

namespace tanu::server {

// SHA-256 of bytes, lower-case hex (libsodium).
std::string sha256_hex(std::string_view bytes);

}  // namespace tanu::server
