#pragma once
// The server's own certificate when the configuration names none (docs/api.md,
// `serve`): DIR/tls/cert.pem + DIR/tls/key.pem, made on first start.
#include <filesystem>
#include <string>

namespace tanu::server {

inline constexpr int self_signed_valid_days = 825;

// Makes a self-signed ECDSA P-256 certificate (SHA-256, valid 825 days, CN=tanu,
// subjectAltName DNS:localhost, IP:127.0.0.1, IP:::1 plus `host` when it is not
// empty, not a wildcard address and not one of those) and writes it and its key
// as PEM to cert_path and key_path, unless both files exist already (then nothing
// is touched). The key file gets mode 0600; missing parent folders are made.
// Throws std::runtime_error naming what failed.
void ensure_self_signed(const std::filesystem::path& cert_path, const std::filesystem::path& key_path,
                        const std::string& host);

}  // namespace tanu::server
