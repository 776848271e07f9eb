#include "server/recognition/documents.hpp"

#include <stdexcept>

#include "exam/recognition/document_code.hpp"
#include "exam/recognition/procedure.hpp"
#include "server/accounts/auth.hpp"
#include "server/audit/audit.hpp"
#include "server/outbox/outbox.hpp"
#include "server/outbox/platform.hpp"
#include "server/people/store.hpp"
#include "server/platform/domain_error.hpp"
#include "server/platform/sha256.hpp"
#include <nlohmann/json.hpp>
#include "server/recognition/checks.hpp"
#include "server/recognition/notices.hpp"

namespace tanu::server::recognition {

document_row prepare_document(db& d, const sitting_row& s, const exam::programme& prog, int centre_number,
                              const std::string& basis, const std::string& sign_due, std::int64_t actor, std::int64_t now) {
    auto cand = store::find_candidate(d, s.candidate);
    if (!cand) throw not_found("no such candidate");
    const auto dates = store::procedure_dates_of(d, s.id);
    const std::string procedure = dates ? dates->procedure_date : today_iso(s.finished_ms.value_or(now));
    document_row doc;
    doc.serial = store::next_document_serial(d);
    exam::document_code_parts parts{prog.oked, prog.nkz, prog.nqf_level, must_date(procedure), centre_number,
                                    doc.serial};
    try {
        doc.code = exam::make_document_code(parts);
    } catch (const std::invalid_argument& e) {
        throw domain_error(error_kind::unprocessable, "document_code",
                           std::string("the programme cannot make a document code: ") + e.what());
    }
    doc.sitting = s.id;
    doc.candidate = s.candidate;
    doc.programme = prog.code;
    doc.profession = prog.profession;
    doc.nqf_level = prog.nqf_level;
    doc.full_name = cand->full_name;
    doc.procedure_date = procedure;
    // issued and valid_until are the prepared day's until the head signs (as_signed)
    doc.issued = today_iso(now);
    doc.valid_until = doc.issued;
    doc.issued_ms = now;
    doc.issued_by = actor;
    doc.basis = basis;
    doc.status = "pending_signature";
    doc.sign_due = sign_due;
    doc.check_value = random_hex(exam::check_value_chars / 2);
    store::insert_document(d, doc);
    audit::record(d, now, actor, "document.prepare", "document " + doc.code,
                  "session " + std::to_string(s.id) + ", " + basis + (sign_due.empty() ? "" : ", sign by " + sign_due));
    return doc;
}

std::string signed_content(const document_row& doc, int centre_number) {
    const nlohmann::json j = {{"code", doc.code},
                              {"check", doc.check_value},
                              {"centre", centre_number},
                              {"full_name", doc.full_name},
                              {"profession", doc.profession},
                              {"programme", doc.programme},
                              {"nqf_level", doc.nqf_level},
                              {"procedure_date", doc.procedure_date},
                              {"issued", doc.issued},
                              {"valid_until", doc.valid_until},
                              {"basis", doc.basis}};
    return j.dump();  // object keys sorted: the same document, the same bytes
}

document_row as_signed(const document_row& doc, const exam::programme& prog, const centre_config& centre, std::int64_t now) {
    document_row out = doc;
    const auto issued = exam::kz_local_date(now);
    out.issued = exam::to_iso(issued);
    out.valid_until = exam::to_iso(exam::add_years(issued, exam::document_valid_years(prog, centre.document_valid_years)));
    return out;
}

document_row sign_document(db& d, const centre_config& centre, const sign_document_input& in, std::int64_t now) {
    auto doc = store::find_document(d, in.code);
    if (!doc) throw not_found("no document with this code");
    if (doc->status != "pending_signature")
        throw domain_error(error_kind::conflict, "not_pending",
                           doc->status == "valid" ? "the document is signed already" : "the document is revoked");
    const auto s = must_sitting(d, doc->sitting);
    const auto prog = must_programme(d, doc->programme);
    const auto final_doc = as_signed(*doc, prog, centre, in.signature.signed_ms);
    const auto sha = sha256_hex(signed_content(final_doc, centre.number));
    if (sha != in.signature.sha256)
        throw domain_error(error_kind::conflict, "content_changed",
                           "the document changed while it was being signed: open it again and sign");
    document_signature sig{doc->code,       final_doc.issued, final_doc.valid_until, in.signature.signed_ms,
                           in.signature.user, in.signature.method, sha};
    if (!store::sign_document(d, sig)) throw domain_error(error_kind::conflict, "not_pending", "the document is not awaiting a signature");
    audit::record(d, now, in.signature.user, "document.sign", "document " + doc->code,
                  "sha256 " + sha + " by " + in.signature.method);
    auto signed_doc = *store::find_document(d, doc->code);
    auto cand = store::find_candidate(d, s.candidate);
    if (cand) outbox::queue(d, document_issued_notice(*cand, s, prog.profession, signed_doc, centre.name_in(s.lang)), now);
    // p.18.2, Appendix 2: the record goes to the national qualifications platform (W8), due with the document
    outbox::queue_export(d, signed_doc.code,
                         {{"document", signed_doc.code},
                          {"check", signed_doc.check_value},
                          {"iin", cand ? cand->iin : ""},
                          {"full_name", signed_doc.full_name},
                          {"profession", signed_doc.profession},
                          {"programme", signed_doc.programme},
                          {"oked", prog.oked},
                          {"nkz", prog.nkz},
                          {"nqf_level", signed_doc.nqf_level},
                          {"procedure_date", signed_doc.procedure_date},
                          {"issued", signed_doc.issued},
                          {"valid_until", signed_doc.valid_until},
                          {"basis", signed_doc.basis},
                          {"centre", {{"number", centre.number}, {"name_kk", centre.name_kk}, {"name_ru", centre.name_ru}}},
                          {"signed_sha256", sha}},
                         doc->sign_due, now);
    return signed_doc;
}

document_row revoke_document(db& d, const revoke_input& in, std::int64_t now) {
    if (!store::find_document(d, in.code)) throw not_found("no document with this code");
    if (!store::revoke_document(d, in.code, in.reason, in.actor, now))
        throw domain_error(error_kind::conflict, "already_revoked", "the document is revoked already");
    audit::record(d, now, in.actor, "document.revoke", "document " + in.code, in.reason);
    return *store::find_document(d, in.code);
}

std::string verify_url(const server_config& cfg, const std::string& own_url, const std::string& code,
                       const std::string& check) {
    std::string base = cfg.centre.public_url;
    if (base.empty()) base = own_url;
    if (base.empty()) base = std::string(cfg.tls ? "https://" : "http://") + cfg.host + ":" + std::to_string(cfg.port);
    while (!base.empty() && base.back() == '/') base.pop_back();
    // the check value is hex and the code digits and dashes: nothing to escape
    return base + "/verify.html?code=" + code + (check.empty() ? "" : "&check=" + check);
}

document_view view_of(const server_config& cfg, const document_row& d, const std::string& holder_iin,
                      const std::string& lang, const std::string& verify) {
    document_view view;
    view.code = d.code;
    view.centre_number = cfg.centre.number;
    view.centre_head = cfg.centre.head;
    view.holder = d.full_name;
    view.holder_iin = holder_iin;
    view.profession = d.profession;
    view.programme_code = d.programme;
    view.nqf_level = d.nqf_level;
    // Not issued until the head signs: no date of issue or validity to print yet ("—").
    view.issued = d.status == "pending_signature" ? "" : d.issued;
    view.valid_until = d.status == "pending_signature" ? "" : d.valid_until;
    view.procedure_date = d.procedure_date;
    view.status = d.status;
    view.revoked_reason = d.revoked_reason;
    view.check_value = d.check_value;
    view.verify_url = verify;
    view.lang = lang == "kk" ? "kk" : "ru";
    view.centre_name = cfg.centre.name_in(view.lang);
    return view;
}

}  // namespace tanu::server::recognition
