#include "server/recognition/json.hpp"

#include "exam/recognition/document_code.hpp"
#include "server/recognition/checks.hpp"
#include "server/platform/json_map.hpp"

namespace tanu::server::recognition {

json act_json(const act_row& a) {
    json j = {{"id", a.id},         {"session", a.sitting}, {"event", a.event},   {"kind", a.kind},
              {"detail", a.detail}, {"t_ms", a.t_ms},       {"strike", a.strike}, {"status", a.status},
              {"created_ms", a.created_ms}, {"reason", a.reason}, {"args", event_args_json(a.args)}};
    j["evidence"] = a.evidence ? json("/api/evidence/" + std::to_string(a.event)) : json(nullptr);
    if (a.reviewed_by) {
        j["reviewed_by"] = a.reviewed_by_login;
        j["reviewed_ms"] = *a.reviewed_ms;
    }
    return j;
}

json outcome_json(const exam::practical_outcome& o) {
    json items = json::array();
    for (const auto& id : o.order) items.push_back({{"id", id}, {"result", exam::to_string(o.items.at(id))}});
    return {{"complete", o.complete},
            {"passed", o.passed},
            {"items", items},
            {"failed_mandatory", o.failed_mandatory},
            {"failed_optional", o.failed_optional}};
}

json practical_json(db& d, const exam::programme& prog, const sitting_row& s) {
    json card = json::array();
    for (const auto& i : prog.practical) card.push_back({{"id", i.id}, {"text", i.text}, {"mandatory", i.mandatory}});
    json marks = json::array();
    for (const auto& m : store::marks_of(d, s.id))
        marks.push_back({{"member", m.login}, {"item", m.item}, {"done", m.done}, {"note", m.note},
                         {"recorded_ms", m.recorded_ms}});
    json out = {{"session", s.id}, {"card", card}, {"marks", marks}, {"outcome", outcome_json(practical_of(d, prog, s.id))}};
    out["admitted"] = admitted(s);
    return out;
}

json protocol_json(db& d, const protocol_row& p, const exam::date& today) {
    const auto dates = store::procedure_dates_of(d, p.sitting);
    const std::string due = dates ? dates->protocol_due : "";
    json sigs = json::array();
    for (const auto& sig : store::signatures_of(d, p.id))
        sigs.push_back({{"member", sig.login}, {"signed_ms", sig.signed_ms}});
    json j = {{"id", p.id},
              {"session", p.sitting},
              {"decision", p.decision},
              {"reasons", json::parse(p.reasons, nullptr, false)},
              {"created_ms", p.created_ms},
              {"results_date", p.results_date},
              {"due", due.empty() ? json(nullptr) : json(due)},
              {"document_due", p.document_due.empty() ? json(nullptr) : json(p.document_due)},
              {"notice_due", p.notice_due.empty() ? json(nullptr) : json(p.notice_due)},
              {"appeal_until", p.appeal_until},
              {"appeal_open", exam::appeal_in_time(must_date(p.appeal_until), today)},  // by the server's clock
              {"signatures", sigs}};
    auto doc = store::document_of_sitting(d, p.sitting);
    j["document"] = doc ? json(doc->code) : json(nullptr);
    return j;
}

json document_public_json(const document_row& d, bool holder_verified) {
    json j = {{"code", d.code},
              {"full_name", holder_verified ? d.full_name : exam::holder_initials(d.full_name)},
              {"holder_verified", holder_verified},
              {"profession", d.profession},
              {"nqf_level", d.nqf_level}, {"issued", d.issued}, {"valid_until", d.valid_until},
              {"procedure_date", d.procedure_date}, {"programme", d.programme}, {"status", d.status}};
    if (d.status == "revoked") j["revoked_reason"] = d.revoked_reason;
    return j;
}

json appeal_json(const appeal_row& a) {
    return {{"id", a.id},
            {"session", a.sitting},
            {"candidate", a.candidate},
            {"reason", a.reason},
            {"filed_ms", a.filed_ms},
            {"filed_date", a.filed_date},
            {"decide_by", a.decide_by},
            {"status", a.status},
            {"note", a.note},
            {"decided_ms", a.decided_ms ? json(*a.decided_ms) : json(nullptr)},
            {"document", a.document.empty() ? json(nullptr) : json(a.document)},
            {"members", a.members}};
}

}  // namespace tanu::server::recognition
