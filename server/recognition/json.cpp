#include "server/recognition/json.hpp"

#include "exam/recognition/document_code.hpp"
#include "server/accounts/store.hpp"
#include "server/recognition/checks.hpp"
#include "server/recognition/commissions.hpp"
#include "server/recognition/store_receipts.hpp"
#include "server/platform/json_map.hpp"

namespace tanu::server::recognition {

json act_json(const act_row& a) {
    json j = {{"id", a.id},         {"session", a.sitting}, {"event", a.event},   {"kind", a.kind},
              {"detail", a.detail}, {"t_ms", a.t_ms},       {"strike", a.strike}, {"status", a.status},
              {"created_ms", a.created_ms}, {"reason", a.reason}, {"args", event_args_json(a.args)},
              {"channel", a.channel}};
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
    const auto comm = commission_of_sitting(d, s, std::nullopt, false);
    json out = {{"session", s.id}, {"card", card}, {"marks", marks},
                {"outcome", outcome_json(practical_by_commission(d, prog, s.id, comm))},
                {"commission", commission_ref_json(comm)}};
    out["admitted"] = admitted(s);
    return out;
}

json protocol_json(db& d, const protocol_row& p, const exam::date& today) {
    const auto dates = store::procedure_dates_of(d, p.sitting);
    const std::string due = dates ? dates->protocol_due : "";
    json sigs = json::array();
    std::vector<std::int64_t> signers;
    for (const auto& sig : store::signatures_of(d, p.id)) {
        sigs.push_back({{"member", sig.login}, {"signed_ms", sig.signed_ms}});
        signers.push_back(sig.member);
    }
    std::optional<commission_row> comm;
    if (p.commission) comm = store::find_commission(d, *p.commission);
    const auto q = quorum_of(comm, signers);
    json missing = json::array();
    for (auto u : q.state.missing)
        for (const auto& m : comm->members)
            if (m.user == u) missing.push_back(m.login);
    auto opt = [](const std::string& v) { return v.empty() ? json(nullptr) : json(v); };
    json j = {{"id", p.id},
              {"session", p.sitting},
              {"decision", p.decision},
              {"reasons", json::parse(p.reasons, nullptr, false)},
              {"created_ms", p.created_ms},
              {"binding", p.bound()},
              {"bound_ms", p.bound_ms ? json(*p.bound_ms) : json(nullptr)},
              {"signed_date", opt(p.signed_date)},
              {"commission", commission_ref_json(comm)},
              {"quorum", {{"rule", q.rule}, {"needed", q.state.needed}, {"have", q.state.have},
                          {"chair_signed", comm ? json(q.state.chair_signed) : json(nullptr)}, {"missing", missing}}},
              {"results_date", opt(p.results_date)},
              {"due", due.empty() ? json(nullptr) : json(due)},
              {"document_due", p.document_due.empty() ? json(nullptr) : json(p.document_due)},
              {"notice_due", p.notice_due.empty() ? json(nullptr) : json(p.notice_due)},
              {"appeal_until", opt(p.appeal_until)},
              {"signatures", sigs}};
    // W5, p.20: the window runs from the day the candidate received the results; open until then
    const auto receipt = store::results_receipt_of(d, p.sitting);
    j["results_received"] = receipt ? json{{"date", receipt->received_date}, {"channel", receipt->channel}} : json(nullptr);
    // by the server's clock; never before the protocol binds
    j["appeal_open"] = p.bound() && (!receipt || exam::appeal_in_time(must_date(p.appeal_until), today));
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
            {"members", a.members},
            {"commission", a.commission ? json(*a.commission) : json(nullptr)},
            {"outcome", a.outcome.empty() ? json(nullptr) : json(a.outcome)},
            {"reasons", a.reasons},
            {"quorum_rule", a.quorum.empty() ? json(nullptr) : json(a.quorum)},
            {"minutes_date", a.minutes_date.empty() ? json(nullptr) : json(a.minutes_date)},
            {"minutes_sha256", a.minutes_sha256.empty() ? json(nullptr) : json(a.minutes_sha256)},
            {"channel", a.channel}};
}

json appeal_votes_json(db& d, const appeal_count& c) {
    json votes = json::array();
    for (const auto& v : c.votes)
        votes.push_back({{"member", v.member}, {"login", v.login}, {"outcome", v.outcome}, {"reasons", v.reasons},
                         {"note", v.note}, {"voted_ms", v.voted_ms}});
    json missing = json::array();
    for (auto u : c.tally.quorum.missing) {
        auto who = store::find_user_by_id(d, u);
        missing.push_back({{"user", u}, {"login", who ? who->login : ""}});
    }
    const auto& q = c.tally.quorum;
    return {{"votes", votes},
            {"quorum", {{"rule", c.rule},
                        {"state", {{"reached", q.reached}, {"needed", q.needed}, {"have", q.have},
                                   {"chair_needed", q.chair_needed}, {"chair_voted", q.chair_signed},
                                   {"tied", c.tally.tied}, {"missing", missing}}}}},
            {"tally", {{"recognised", c.tally.recognised}, {"annulled", c.tally.annulled}, {"rejected", c.tally.rejected}}},
            {"decision", c.tally.decision ? json(exam::to_string(*c.tally.decision)) : json(nullptr)}};
}

json commission_ref_json(const std::optional<commission_row>& c) {
    if (!c) return nullptr;
    return {{"id", c->id}, {"name", c->name}, {"order_no", c->order_no}};
}

json commission_json(const commission_row& c, const exam::date& today) {
    json members = json::array();
    for (const auto& m : c.members) members.push_back({{"user", m.user}, {"login", m.login}, {"role", m.role}});
    return {{"id", c.id},
            {"kind", c.kind},
            {"name", c.name},
            {"order_no", c.order_no},
            {"order_date", c.order_date},
            {"valid_from", c.valid_from},
            {"valid_to", c.valid_to.empty() ? json(nullptr) : json(c.valid_to)},
            {"quorum", c.quorum},
            {"members", members},
            {"programmes", c.programmes},
            {"created_ms", c.created_ms},
            {"updated_ms", c.updated_ms},
            {"closed_ms", c.closed_ms ? json(*c.closed_ms) : json(nullptr)},
            {"active", exam::active_on(term_of(c), today)}};
}

}  // namespace tanu::server::recognition
