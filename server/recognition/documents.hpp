#pragma once
// Recognition documents (seed 002 p.18, Appendix 2): issuing one, revoking
// one, and what the printed document and its verification link show.
#include <cstdint>
#include <string>

#include "exam/theory/programme.hpp"
#include "server/db/sqlite.hpp"
#include "server/exam/store.hpp"
#include "server/platform/config.hpp"
#include "server/recognition/document_render.hpp"
#include "server/recognition/store.hpp"

namespace tanu::server::recognition {

// p.18: the document of a sitting, its code from the programme, the centre and
// the procedure's date; audited (document.issue) and noticed to the candidate
// (document_issued). `basis`: "protocol" or "appeal" (p.23). Unprocessable
// document_code when the programme cannot make a code.
document_row issue_document(db& d, const centre_config& centre, const sitting_row& s, const exam::programme& prog,
                            const std::string& basis, std::int64_t actor, std::int64_t now_ms);

struct revoke_input {
    std::string code;
    std::string reason;  // required, at most max_note characters (checked by the caller)
    std::int64_t actor = 0;
};
// not_found, or conflict already_revoked; audited (document.revoke).
document_row revoke_document(db& d, const revoke_input& in, std::int64_t now_ms);

// The public verification page's link for a document (what its QR code holds):
// the centre's public_url, else `own_url` (this server's address), else the
// configured host and port.
std::string verify_url(const server_config& cfg, const std::string& own_url, const std::string& code,
                       const std::string& check);

// What the printed document shows; `holder_iin` from the candidate ('' when unknown).
document_view view_of(const server_config& cfg, const document_row& d, const std::string& holder_iin,
                      const std::string& lang, const std::string& verify);

}  // namespace tanu::server::recognition
