#include "server/platform/sha256.hpp"

#include <sodium.h>

namespace tanu::server {

std::string sha256_hex(std::string_view bytes) {
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    for (unsigned char c : h) {
        out += digits[c >> 4];
        out += digits[c & 15];
    }
    return out;
}

}  // namespace tanu::server
