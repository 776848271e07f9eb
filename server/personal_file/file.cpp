// The personal file: each domain's rows through its own store and its own JSON
// (the application's, the act's, the protocol's, the appeal's), gathered in the
// order of the procedure. Reads only: the route records the viewing.
#include "server/personal_file/file.hpp"

#include <algorithm>

#include "exam/common/calendar.hpp"
#include "server/applications/json.hpp"
#include "server/applications/store.hpp"
#include "server/exam/store.hpp"
#include "server/exam/store_schedule.hpp"
#include "server/outbox/store.hpp"
#include "server/people/store.hpp"
#include "server/platform/domain_error.hpp"
#include "server/platform/sha256.hpp"
#include "server/platform/texts.hpp"
#include "server/recognition/appeals.hpp"
#include "server/recognition/documents.hpp"
#include "server/recognition/json.hpp"
#include "server/recognition/store.hpp"
#include "server/recognition/store_receipts.hpp"

namespace tanu::server::personal_file {

namespace {

json opt(const std::optional<std::int64_t>& v) { return v ? json(*v) : json(nullptr); }
json opt(const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); }
json opt_text(const std::string& v) { return v.empty() ? json(nullptr) : json(v); }

std::string login(db& d, const std::optional<std::int64_t>& user) { return user ? store::login_of(d, *user) : ""; }

// Appends to a section up to max_rows; the first row past it names the section in `cut`.
void put(json& section, json row, const char* name, json& cut) {
    if (section.size() < max_rows) {
        section.push_back(std::move(row));
    } else if (std::find(cut.begin(), cut.end(), json(name)) == cut.end()) {
        cut.push_back(name);
    }
}

json candidate_json(db& d, const candidate_row& c) {
    json j = {{"id", c.id},       {"login", c.login}, {"person", c.person}, {"iin", c.iin},
              {"full_name", c.full_name}, {"birth_date", opt_text(c.birth_date)}, {"email", opt_text(c.email)},
              {"phone", opt_text(c.phone)}};
    j["photo"] = nullptr;
    if (const auto p = store::candidate_photo(d, c.id))
        j["photo"] = {{"sha256", p->sha256}, {"created_ms", p->created_ms},
                      {"url", "/api/candidates/" + std::to_string(c.id) + "/photo"}};
    return j;
}

json notice_json(const notice_row& n) {
    return {{"id", n.id},
            {"kind", n.kind},
            {"channel", n.channel},
            {"session", opt(n.sitting)},
            {"recipient", n.recipient},
            {"subject", n.subject},
            {"created_ms", n.created_ms},
            {"delivered_ms", opt(n.delivered_ms)},
            {"failed", n.failed},
            {"receipt_ms", opt(n.receipt_ms)},
            {"receipt_status", opt_text(n.receipt_status)},
            {"of_notice", opt(n.of_notice)}};
}

json slot_json(const slot_row& s) {
    return {{"stage", s.stage},           {"day", s.day},   {"starts", s.starts},
            {"ends", s.ends},             {"place", opt_text(s.place)}, {"link", opt_text(s.link)},
            {"commission", opt(s.commission)}};
}

json sick_leave_json(db& d, const sick_leave_row& k) {
    json j = {{"id", k.id},
              {"status", k.status},
              {"channel", k.channel},
              {"period_from", k.period_from},
              {"period_to", opt(k.period_to)},
              {"note", k.note},
              {"reported_ms", k.reported_ms},
              {"reported_by", store::login_of(d, k.reported_by)},
              {"decided_ms", opt(k.decided_ms)},
              {"decided_by", login(d, k.decided_by)},
              {"decision_note", k.decision_note}};
    j["sheet"] = nullptr;
    if (k.sheet_sha256)
        j["sheet"] = {{"number", opt(k.sheet_number)}, {"issuer", opt(k.sheet_issuer)}, {"from", opt(k.sheet_from)},
                      {"to", opt(k.sheet_to)},         {"sha256", *k.sheet_sha256},     {"type", opt(k.sheet_type)},
                      {"size", opt(k.sheet_size)},
                      {"url", "/api/sessions/" + std::to_string(k.sitting) + "/sick-leave/sheet"}};
    return j;
}

json technical_act_json(db& d, const technical_act_row& a) {
    return {{"id", a.id},
            {"kind", a.kind},
            {"description", a.description},
            {"evidence", a.evidence},
            {"recorded_ms", a.recorded_ms},
            {"recorded_by", login(d, a.recorded_by)}};
}

json sitting_json(db& d, const sitting_row& s) {
    json slots = json::array();
    for (const auto& x : store::slots_of(d, s.id)) slots.push_back(slot_json(x));
    json sick = json::array();
    for (const auto& k : store::sick_leaves_of(d, s.id)) sick.push_back(sick_leave_json(d, k));
    json tech = json::array();
    for (const auto& a : store::technical_acts_of(d, s.id)) tech.push_back(technical_act_json(d, a));
    const auto score = s.correct && s.total ? json{{"correct", *s.correct}, {"total", *s.total}} : json(nullptr);
    return {{"id", s.id},
            {"programme", s.programme},
            {"lang", s.lang},
            {"mode", s.mode},
            {"attempt", s.attempt},
            {"status", s.status},
            {"created_ms", s.created_ms},
            {"started_ms", opt(s.started_ms)},
            {"finished_ms", opt(s.finished_ms)},
            {"finish_reason", opt(s.finish_reason)},
            {"score", score},
            {"passed", s.passed ? json(*s.passed) : json(nullptr)},
            {"violations", s.violations},
            {"reschedule_reason", s.reschedule_reason},
            {"replaces", opt(s.replaces)},
            {"closed_reason", opt(s.closed_reason)},
            {"closed_note", opt(s.closed_note)},
            {"closed_ms", opt(s.closed_ms)},
            {"slots", slots},
            {"sick_leaves", sick},
            {"technical_acts", tech}};
}

json document_json(db& d, const server_config& cfg, const file_input& in, const document_row& doc) {
    json j = recognition::document_public_json(doc);
    j["session"] = doc.sitting;
    j["sign_due"] = opt_text(doc.sign_due);
    j["signed_by_head"] = doc.signed_ms ? json{{"by", login(d, doc.signed_by)}, {"ms", *doc.signed_ms},
                                               {"method", doc.sign_method}, {"sha256", doc.signed_sha256}}
                                        : json(nullptr);
    j["revoked_ms"] = opt(doc.revoked_ms);
    j["verify_url"] = recognition::verify_url(cfg, in.own_url, doc.code, doc.check_value);
    j["pdf"] = "/api/documents/" + doc.code + "/pdf";
    return j;
}

}  // namespace

json assemble(db& d, const server_config& cfg, const file_input& in) {
    const auto cand = store::find_candidate(d, in.candidate);
    if (!cand) throw not_found("no such candidate");
    const std::string today = today_iso(in.now_ms);
    const auto today_date = exam::kz_local_date(in.now_ms);
    json cut = json::array();

    json apps = json::array();
    for (const auto& a : store::applications_of(d, cand->id)) {
        json j = applications::application_json(d, a, today);
        for (auto& att : j["attachments"])
            att["url"] = "/api/applications/" + std::to_string(a.id) + "/attachments/" + std::to_string(att["id"].get<std::int64_t>());
        put(apps, std::move(j), "applications", cut);
    }

    json notices = json::array();
    for (const auto& n : store::notices_of(d, cand->id)) put(notices, notice_json(n), "notices", cut);

    json sittings = json::array(), acts = json::array(), marks = json::array(), protocols = json::array(),
         appeals = json::array(), receipts = json::array();
    for (const auto& s : store::sittings_of(d, cand->id)) {
        if (sittings.size() >= max_rows) {
            put(sittings, json(), "sittings", cut);
            break;
        }
        sittings.push_back(sitting_json(d, s));
        for (const auto& a : store::acts_of(d, s.id)) put(acts, recognition::act_json(a), "acts", cut);
        for (const auto& m : store::marks_of(d, s.id))
            put(marks, {{"session", s.id}, {"item", m.item}, {"done", m.done}, {"note", m.note},
                        {"member", m.login}, {"recorded_ms", m.recorded_ms}},
                "practical_marks", cut);
        if (const auto p = store::protocol_of(d, s.id)) {
            json j = recognition::protocol_json(d, *p, today_date);
            j["amended_by_appeal"] = opt(store::protocol_amended_by(d, s.id));
            put(protocols, std::move(j), "protocols", cut);
        }
        for (const auto& a : store::appeals_of_sitting(d, s.id)) {
            json j = recognition::appeal_json(a);
            j["votes"] = recognition::appeal_votes_json(d, recognition::count_votes(d, a))["votes"];
            put(appeals, std::move(j), "appeals", cut);
        }
        if (const auto r = store::results_receipt_of(d, s.id))
            put(receipts, {{"session", s.id}, {"received_date", r->received_date}, {"channel", r->channel},
                           {"note", r->note}, {"ms", r->ms}, {"recorded_by", login(d, r->recorded_by)}},
                "results_receipts", cut);
    }

    json docs = json::array();
    for (const auto& doc : store::documents_of_candidate(d, cand->id)) put(docs, document_json(d, cfg, in, doc), "documents", cut);

    return {{"generated_ms", in.now_ms},
            {"candidate", candidate_json(d, *cand)},
            {"applications", apps},
            {"notices", notices},
            {"sittings", sittings},
            {"acts", acts},
            {"practical_marks", marks},
            {"protocols", protocols},
            {"documents", docs},
            {"appeals", appeals},
            {"results_receipts", receipts},
            {"truncated", cut}};
}

std::string file_sha256(const json& file) { return sha256_hex(file.dump()); }

}  // namespace tanu::server::personal_file
