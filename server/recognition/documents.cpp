#include "server/recognition/documents.hpp"

#include <stdexcept>

#include "exam/recognition/document_code.hpp"
#include "exam/recognition/procedure.hpp"
#include "server/accounts/auth.hpp"
#include "server/audit/audit.hpp"
#include "server/outbox/outbox.hpp"
#include "server/people/store.hpp"
#include "server/platform/domain_error.hpp"
#include "server/recognition/checks.hpp"
#include "server/recognition/notices.hpp"

namespace tanu::server::recognition {

document_row issue_document(db& d, const centre_config& centre, const sitting_row& s, const exam::programme& prog,
                            const std::string& basis, std::int64_t actor, std::int64_t now) {
    auto cand = store::find_candidate(d, s.candidate);
    if (!cand) throw not_found("no such candidate");
    const auto dates = store::procedure_dates_of(d, s.id);
    const std::string procedure = dates ? dates->procedure_date : today_iso(s.finished_ms.value_or(now));
    document_row doc;
    doc.serial = store::next_document_serial(d);
    exam::document_code_parts parts{prog.oked, prog.nkz, prog.nqf_level, must_date(procedure), centre.number,
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
    const auto issued = exam::kz_local_date(now);
    doc.issued = exam::to_iso(issued);
    doc.valid_until = exam::to_iso(exam::add_years(issued, centre.document_valid_years));
    doc.issued_ms = now;
    doc.issued_by = actor;
    doc.basis = basis;
    doc.check_value = random_hex(exam::check_value_chars / 2);
    store::insert_document(d, doc);
    audit::record(d, now, actor, "document.issue", "document " + doc.code, "session " + std::to_string(s.id) + ", " + basis);
    outbox::queue(d, document_issued_notice(*cand, s, prog.profession, doc, centre.name_in(s.lang)), now);
    return doc;
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
    view.issued = d.issued;
    view.valid_until = d.valid_until;
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
