#pragma once
// Signing (issue 11): the head of the centre signs refusals to contract (seed
// 002 p.5) and recognition documents (Appendix 2). A signature is a confirmed
// act of an authenticated holder of the role: the signer checks the holder's
// credential for this one act, on a worker and before the writer's job, and
// returns what the use case records beside the signed text's SHA-256 in the
// audit chain. Today's signer re-checks the account's password; an
// e-signature (NCALayer's CMS over the same SHA-256) can stand in behind the
// same interface.
#include <cstdint>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "server/db/sqlite.hpp"

namespace tanu::server {

struct signature_record {
    std::string method;       // "password" (later "cms")
    std::int64_t user = 0;    // who signed
    std::string sha256;       // of the signed text, lower-case hex
    std::int64_t signed_ms = 0;
};

class signer {
public:
    virtual ~signer() = default;
    // Checks that `user` (enabled) confirms the act with `credential` ({"password": "..."}
    // for the password signer). Throws domain_error: 403 wrong_password (never 401, which
    // would sign the page out), 429 signing_throttled after too many wrong tries,
    // 400 bad_request without a credential.
    virtual signature_record sign(db& reader, std::int64_t user, const std::string& sha256,
                                  const nlohmann::json& credential, std::int64_t now_ms) = 0;
};

// The password signer: Argon2id verification of the account's own password;
// five wrong tries within 15 minutes hold that account's signing for the rest of them.
std::unique_ptr<signer> make_password_signer();

}  // namespace tanu::server
