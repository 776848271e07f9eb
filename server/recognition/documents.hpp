#pragma once
// Recognition documents (seed 002 p.18, Appendix 2): issuing one, revoking
// one, and what the printed document and its verification link show.
#include <cstdint>
#include <string>

#include "exam/theory/programme.hpp"
#include "server/accounts/signing.hpp"
#include "server/db/sqlite.hpp"
#include "server/exam/store.hpp"
#include "server/platform/config.hpp"
#include "server/recognition/document_render.hpp"
#include "server/recognition/store.hpp"

namespace tanu::server::recognition {

// p.18: the document of a sitting, prepared when the protocol binds (or an
// appeal is upheld, p.23): its code from the programme, the centre and the
// procedure's date, status pending_signature until the head of the centre signs
// (Appendix 2) by `sign_due` (p.18: 3 working days); audited (document.prepare).
// Nothing is noticed yet. `basis`: "protocol" or "appeal". Unprocessable
// document_code when the programme cannot make a code.
document_row prepare_document(db& d, const sitting_row& s, const exam::programme& prog, int centre_number,
                              const std::string& basis, const std::string& sign_due, std::int64_t actor, std::int64_t now_ms);

// What the head signs: the document's content as it will read once valid
// (canonical JSON, so the same document gives the same bytes), and its SHA-256.
std::string signed_content(const document_row& doc, int centre_number);

// The signed document as it will read: issued today, valid from today for the
// programme's years (else the centre's).
document_row as_signed(const document_row& doc, const exam::programme& prog, const centre_config& centre, std::int64_t now_ms);

struct sign_document_input {
    std::string code;
    signature_record signature;  // from the signer (server/accounts/signing.hpp), over sha256 of signed_content(as_signed)
};
// The head's signature makes the document valid: issued the day it is signed,
// audited (document.sign, with the content's SHA-256) and noticed to the
// candidate (document_issued). not_found; conflict not_pending (signed or
// revoked), content_changed (the SHA-256 signed is not the document's now).
document_row sign_document(db& d, const centre_config& centre, const sign_document_input& in, std::int64_t now_ms);

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
