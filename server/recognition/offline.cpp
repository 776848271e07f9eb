#include "server/recognition/offline.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "exam/common/calendar.hpp"
#include "server/audit/audit.hpp"
#include "server/platform/domain_error.hpp"
#include "server/recognition/checks.hpp"
#include "server/recognition/commissions.hpp"

namespace tanu::server::recognition {

namespace {

error_kind kind_of(const std::string& code) {
    if (code == "not_offline" || code == "removed" || code == "not_in_progress" || code == "attendance_required")
        return error_kind::conflict;
    return error_kind::unprocessable;
}

sitting_row offline_sitting(db& d, std::int64_t id) {
    auto s = must_sitting(d, id);
    if (s.mode != "offline")
        throw domain_error(error_kind::conflict, "not_offline",
                           "an online sitting: the proctoring warns and its acts are reviewed (seed 002 p.13)");
    return s;
}

commission_row sitting_commission(db& d, const sitting_row& s, std::int64_t now_ms) {
    auto c = commission_of_sitting(d, s, exam::kz_local_date(now_ms), true);
    if (!c)
        throw domain_error(error_kind::conflict, "no_commission",
                           "no exam commission serves this sitting's programme: the commission conducts it (p.9)");
    return *c;
}

void not_signed_protocol(db& d, std::int64_t sitting) {
    if (auto p = store::protocol_of(d, sitting); p && p->bound())
        throw domain_error(error_kind::conflict, "protocol_signed", "the protocol of this session is signed: its record is final");
}

std::vector<std::int64_t> signers_of(const std::vector<act_signature_row>& sigs) {
    std::vector<std::int64_t> out;
    for (const auto& s : sigs) out.push_back(s.member);
    return out;
}

// Every member present has signed: the act stands (p.14).
void confirm_when_signed(db& d, std::int64_t act, const std::vector<std::int64_t>& present, std::int64_t member,
                         std::int64_t now) {
    if (!exam::act_signatures(present, signers_of(store::act_signatures_of(d, act))).reached) return;
    store::confirm_signed_act(d, act, member, now);
    audit::record(d, now, member, "offline.act_signed", "act " + std::to_string(act), "every member present signed");
}

}  // namespace

attendance_row record_attendance(db& d, const attendance_input& in, std::int64_t now) {
    const auto s = offline_sitting(d, in.sitting);
    if (s.closed())
        throw domain_error(error_kind::conflict, "sitting_closed", "the sitting was closed unsat (" + s.status + ")");
    not_signed_protocol(d, s.id);
    const auto c = sitting_commission(d, s, now);
    require_member(c, in.member);
    checked_text(in.workstation, exam::max_attendance_text, "the workstation");
    checked_text(in.accessibility, exam::max_attendance_text, "the accessibility measures");
    checked_text(in.note, exam::max_attendance_text, "the note");
    if (auto bad = exam::check_attendance({body_of(c), in.members}))
        throw domain_error(error_kind::unprocessable, bad->code, bad->message);
    attendance_row a;
    a.sitting = s.id;
    a.candidate_present = in.candidate_present;
    a.members = in.members;
    a.workstation = in.workstation;
    a.accessibility = in.accessibility;
    a.note = in.note;
    a.recorded_by = in.member;
    a.recorded_ms = now;
    store::put_attendance(d, a);
    audit::record(d, now, in.member, "offline.attendance", "session " + std::to_string(s.id),
                  std::string(in.candidate_present ? "candidate present" : "candidate absent") + ", " +
                      std::to_string(in.members.size()) + " member(s) present");
    return a;
}

oral_warning_result record_oral_warning(db& d, const oral_warning_input& in, std::int64_t now) {
    checked_text(in.description, max_note, "the description");
    const auto s = offline_sitting(d, in.sitting);
    const auto c = sitting_commission(d, s, now);
    require_member(c, in.member);
    const auto prog = must_programme(d, s.programme);
    const auto att = store::attendance_of(d, s.id);
    exam::oral_warning_facts f;
    f.mode = s.mode;
    f.status = s.status;
    f.standing = store::standing_strikes(d, s.id);
    f.attendance = att.has_value();
    if (att) f.present = att->members;
    f.witnesses = in.witnesses;
    f.item = in.item;
    f.description = in.description;
    const auto v = exam::judge_oral_warning(prog, f);
    if (v.refusal) throw domain_error(kind_of(v.refusal->code), v.refusal->code, v.refusal->message);
    if (std::find(f.present.begin(), f.present.end(), in.member) == f.present.end())
        throw domain_error(error_kind::forbidden, "not_present", "only a member present at the sitting records its warnings");

    const std::string kind = exam::to_string(v.step);
    audit::event_fields e;
    e.sitting = s.id;
    e.t_ms = now;
    e.kind = kind;
    e.detail = in.item == exam::other_item ? in.description : in.item;
    e.violation = true;
    e.strike = v.strike;
    e.args = nlohmann::json{{"item", in.item}, {"witnesses", in.witnesses.size()}}.dump();
    const auto event = audit::append_event(d, e);
    store::insert_act(d, s.id, event, now);
    std::int64_t act = 0;
    for (const auto& a : store::acts_of(d, s.id))
        if (a.event == event) act = a.id;
    store::mark_offline_act(d, act, in.witnesses, in.member);
    store::set_violations(d, s.id, f.standing + 1);
    audit::record(d, now, in.member, "offline." + std::string(v.step == exam::offline_step::removal ? "removal" : "oral_warning"),
                  "session " + std::to_string(s.id), "act " + std::to_string(act) + ": " + e.detail);
    // the member who draws it up signs it first (p.14)
    store::sign_act(d, act, in.member, now);
    confirm_when_signed(d, act, f.present, in.member, now);
    return {v.step, act};
}

void sign_offline_act(db& d, std::int64_t act, std::int64_t member, std::int64_t now) {
    const auto a = store::find_act(d, act);
    if (!a) throw not_found("no such act");
    if (!store::offline_act(d, act))
        throw domain_error(error_kind::conflict, "not_offline", "an online act is reviewed (POST /api/acts/{id}/review)");
    if (a->status == "annulled") throw domain_error(error_kind::conflict, "act_annulled", "the commission annulled this act");
    not_signed_protocol(d, a->sitting);
    const auto att = store::attendance_of(d, a->sitting);
    const auto present = att ? att->members : std::vector<std::int64_t>{};
    if (std::find(present.begin(), present.end(), member) == present.end())
        throw domain_error(error_kind::forbidden, "not_present", "only the members present at the sitting sign its acts");
    if (store::sign_act(d, act, member, now))
        audit::record(d, now, member, "offline.act_sign", "act " + std::to_string(act));
    confirm_when_signed(d, act, present, member, now);
}

std::vector<offline_act_view> offline_acts_of(db& d, std::int64_t sitting) {
    std::vector<offline_act_view> out;
    const auto att = store::attendance_of(d, sitting);
    const auto present = att ? att->members : std::vector<std::int64_t>{};
    for (auto& a : store::acts_of(d, sitting)) {
        auto o = store::offline_act(d, a.id);
        if (!o) continue;
        offline_act_view v;
        v.act = a;
        v.witnesses = o->witnesses;
        v.signatures = store::act_signatures_of(d, a.id);
        v.quorum = exam::act_signatures(present, signers_of(v.signatures));
        out.push_back(std::move(v));
    }
    return out;
}

}  // namespace tanu::server::recognition
