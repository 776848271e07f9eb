#include "server/applications/refusal.hpp"

#include "exam/common/calendar.hpp"
#include "server/applications/common.hpp"
#include "server/applications/contract.hpp"
#include "server/audit/audit.hpp"
#include "server/outbox/outbox.hpp"
#include "server/platform/domain_error.hpp"
#include "server/platform/json_map.hpp"
#include "server/platform/sha256.hpp"

namespace tanu::server::applications {

namespace {

constexpr const char* defect_codes[] = {"field_missing",      "field_invalid",      "iin_birth_mismatch",
                                        "language_not_offered", "mode_not_offered", "consent_missing",
                                        "attachment_missing", "attachment_expired", "attachment_invalid",
                                        "other"};

domain_error refused(const char* code, const std::string& m) { return {error_kind::unprocessable, code, m}; }

application_row must(db& d, std::int64_t id) { return must_application(d, id, actor{0, std::nullopt}); }

json stored_refusal(const application_row& a) {
    return a.refusal.empty() ? json{{"defects", json::array()}, {"reasoning", ""}, {"returned", json::array()}}
                             : parse_json(a.refusal);
}

std::vector<refusal_defect> defects_of(const json& r) {
    std::vector<refusal_defect> out;
    for (const auto& x : r.value("defects", json::array()))
        out.push_back({x.value("code", ""), x.value("subject", ""), x.value("note", "")});
    return out;
}

void require_prepared(const application_row& a) {
    if (status_of(a) != exam::application_status::refusal_prepared)
        throw conflict("not_prepared", "the application is " + a.status + ": no refusal waits for signing");
}

}  // namespace

application_row prepare_refusal(db& d, const prepare_refusal_input& in, std::int64_t now) {
    if (in.defects.empty()) throw refused("no_defects", "a refusal names at least one defect");
    if (in.defects.size() > max_refusal_defects) throw refused("field_invalid", "a refusal names at most 50 defects");
    json defects = json::array();
    for (std::size_t i = 0; i < in.defects.size(); ++i) {
        const auto& x = in.defects[i];
        const std::string at = "defects[" + std::to_string(i) + "]";
        bool known = false;
        for (const char* c : defect_codes) known = known || x.code == c;
        if (!known) throw refused("field_invalid", at + ".code must be one of the check's codes or other");
        if (x.subject.size() > exam::max_short) throw refused("field_too_long", at + ".subject is longer than 100 bytes");
        if (chars(x.note) > max_refusal_note) throw refused("field_too_long", at + ".note is longer than 1000 characters");
        if (x.code == "other" && x.note.empty()) throw refused("field_missing", at + ".note is required for other");
        defects.push_back({{"code", x.code}, {"subject", x.subject}, {"note", x.note}});
    }
    if (in.reasoning.empty()) throw refused("field_missing", "reasoning is required: the refusal is reasoned (p.5)");
    if (chars(in.reasoning) > max_refusal_reasoning)
        throw refused("field_too_long", "reasoning is longer than 4000 characters");
    auto a = must(d, in.id);
    if (!exam::may(status_of(a), exam::application_action::prepare_refusal, true))
        throw conflict("not_registered", "the application is " + a.status + ": a refusal answers a registered application");
    json r = stored_refusal(a);
    r["defects"] = defects;
    r["reasoning"] = in.reasoning;
    if (!r.contains("returned")) r["returned"] = json::array();
    a.refusal = r.dump();
    const auto text = refusal_text(a, today_iso(now));
    store::prepare_refusal(d, a.id, a.refusal, text, sha256_hex(text), in.user, now);
    audit::record(d, now, in.user, "application.refusal_prepared", "application " + std::to_string(a.id),
                  std::to_string(in.defects.size()) + " defects");
    return must(d, a.id);
}

std::string refusal_text(const application_row& a, const std::string& date) {
    const json r = stored_refusal(a);
    json defects = json::array();
    for (const auto& x : defects_of(r)) defects.push_back({{"code", x.code}, {"subject", x.subject}, {"note", x.note}});
    const json text = {{"application", a.reg_no}, {"candidate", a.full_name}, {"iin", a.iin},
                       {"programme", a.programme}, {"defects", defects}, {"reasoning", r.value("reasoning", "")},
                       {"date", date}};
    return text.dump();
}

refusal_to_sign refusal_for_signing(db& d, std::int64_t id, const exam::date& today) {
    const auto a = must(d, id);
    require_prepared(a);
    refusal_to_sign out;
    out.text = refusal_text(a, exam::to_iso(today));
    out.sha256 = sha256_hex(out.text);
    return out;
}

application_row sign_refusal(db& d, const centre_config& centre, const sign_refusal_input& in, std::int64_t now) {
    auto a = must(d, in.id);
    require_prepared(a);
    const auto& sig = in.signature;
    const auto text = refusal_text(a, today_iso(sig.signed_ms));
    if (sha256_hex(text) != sig.sha256)
        throw conflict("refusal_changed", "the refusal changed while it was being signed: sign it again");
    store::sign_refusal(d, a.id, text, sig.sha256, sig.user, sig.method, sig.signed_ms, now);
    audit::record(d, now, sig.user, "application.refusal_signed", "application " + std::to_string(a.id),
                  "sha256 " + sig.sha256 + " by " + sig.method);
    a = must(d, a.id);
    const json r = stored_refusal(a);
    outbox::queue(d,
                  refusal_notice(a, notice_email(d, a), notice_language(a), defects_of(r), r.value("reasoning", ""),
                                 centre),
                  now);
    return a;
}

application_row return_refusal(db& d, const return_refusal_input& in, std::int64_t now) {
    if (in.note.empty()) throw refused("field_missing", "note is required: why the refusal goes back");
    if (chars(in.note) > max_refusal_note) throw refused("field_too_long", "note is longer than 1000 characters");
    auto a = must(d, in.id);
    require_prepared(a);
    json r = stored_refusal(a);
    if (!r.contains("returned")) r["returned"] = json::array();
    r["returned"].push_back({{"by", store::login_of(d, in.user)}, {"ms", now}, {"note", in.note}});
    store::return_refusal(d, a.id, r.dump(), now);
    audit::record(d, now, in.user, "application.refusal_returned", "application " + std::to_string(a.id), in.note);
    return must(d, a.id);
}

}  // namespace tanu::server::applications
