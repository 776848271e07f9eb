#include "server/recognition/commissions.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "server/audit/audit.hpp"
#include "server/platform/domain_error.hpp"
#include "server/programmes/store.hpp"
#include "server/recognition/checks.hpp"

namespace tanu::server::recognition {

namespace {

domain_error invalid(const std::string& code, const std::string& message) {
    return {error_kind::unprocessable, code, message};
}

std::string text_field(const std::string& v, std::size_t max, const char* what) {
    std::size_t chars = 0;
    for (unsigned char c : v) chars += (c & 0xC0) != 0x80;
    if (v.empty() || chars > max)
        throw invalid("field_invalid", std::string(what) + " of 1 to " + std::to_string(max) + " characters is required");
    return v;
}

exam::date date_field(const std::string& v, const char* what) {
    auto d = exam::parse_iso_date(v);
    if (!d) throw invalid("field_invalid", std::string(what) + " must be a date YYYY-MM-DD");
    return *d;
}

// The input checked against the rules and the accounts; the row without ids and times.
commission_row checked(db& d, const commission_input& in, const std::string& kind) {
    const auto k = exam::parse_commission_kind(kind);
    if (!k) throw invalid("bad_kind", "kind is exam or appeal");
    commission_row c;
    c.kind = exam::to_string(*k);
    c.name = text_field(in.name, max_commission_name, "a name");
    c.order_no = text_field(in.order_no, max_order_no, "the order's number");
    const auto order = date_field(in.order_date, "order_date");
    c.order_date = exam::to_iso(order);
    const auto from = in.valid_from.empty() ? order : date_field(in.valid_from, "valid_from");
    c.valid_from = exam::to_iso(from);
    if (!in.valid_to.empty()) {
        const auto to = date_field(in.valid_to, "valid_to");
        if (to < from) throw invalid("bad_validity", "valid_to is before valid_from");
        c.valid_to = exam::to_iso(to);
    }
    const auto q = in.quorum.empty() ? std::optional(exam::quorum_rule::chair_and_majority) : exam::parse_quorum_rule(in.quorum);
    if (!q) throw invalid("bad_quorum", "quorum is chair_and_majority, majority or all");
    c.quorum = exam::to_string(*q);

    if (in.members.size() > max_commission_members)
        throw invalid("too_many_members", "at most " + std::to_string(max_commission_members) + " members");
    const std::string needed_role = *k == exam::commission_kind::exam ? "commission" : "appeal";
    std::vector<exam::commission_member> body;
    for (const auto& m : in.members) {
        const auto who = m.user ? store::find_account(d, *m.user) : store::find_account(d, m.login);
        const std::string named = m.user ? "user " + std::to_string(*m.user) : "user '" + m.login + "'";
        if (!who) throw invalid("unknown_user", "no " + named);
        if (who->disabled) throw invalid("user_disabled", who->login + " is disabled");
        if (std::find(who->roles.begin(), who->roles.end(), needed_role) == who->roles.end())
            throw invalid("wrong_role", who->login + " does not hold the role " + needed_role + " that an " + c.kind +
                                            " commission's members hold");
        const auto office = exam::parse_member_role(m.role);
        if (!office) throw invalid("bad_member_role", "a member's role is chair, deputy, secretary or member");
        body.push_back({who->id, *office});
        c.members.push_back({who->id, who->login, exam::to_string(*office)});
    }
    if (auto defect = exam::check_composition(body)) {
        std::string message = defect->message;
        if (defect->code == "member_twice")
            for (const auto& m : c.members)
                if (m.user == defect->user) message = m.login + ": " + message;
        throw invalid(defect->code, message);
    }
    if (in.programmes.empty()) throw invalid("no_programmes", "a commission serves at least one programme");
    if (in.programmes.size() > max_commission_programmes)
        throw invalid("too_many_programmes", "at most " + std::to_string(max_commission_programmes) + " programmes");
    for (const auto& code : in.programmes) {
        if (!store::find_programme(d, code)) throw invalid("unknown_programme", "no programme " + code);
        if (std::find(c.programmes.begin(), c.programmes.end(), code) == c.programmes.end()) c.programmes.push_back(code);
    }
    std::sort(c.programmes.begin(), c.programmes.end());
    return c;
}

// What the audit entry says of a commission.
std::string summary(const commission_row& c) {
    nlohmann::json members = nlohmann::json::array();
    for (const auto& m : c.members) members.push_back({{"login", m.login}, {"role", m.role}});
    return nlohmann::json{{"kind", c.kind},         {"name", c.name},
                          {"order_no", c.order_no}, {"order_date", c.order_date},
                          {"valid_from", c.valid_from}, {"valid_to", c.valid_to},
                          {"quorum", c.quorum},     {"members", members},
                          {"programmes", c.programmes}}
        .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

commission_row must_commission(db& d, std::int64_t id) {
    auto c = store::find_commission(d, id);
    if (!c) throw not_found("no such commission");
    return *c;
}

commission_row create_commission(db& d, const commission_input& in, std::int64_t actor, std::int64_t now) {
    auto c = checked(d, in, in.kind);
    c.created_ms = c.updated_ms = now;
    c.created_by = actor;
    c.id = store::insert_commission(d, c);
    store::set_commission_members(d, c.id, c.members);
    store::set_commission_programmes(d, c.id, c.programmes);
    audit::record(d, now, actor, "commission.create", "commission " + std::to_string(c.id), summary(c));
    return must_commission(d, c.id);
}

commission_row update_commission(db& d, std::int64_t id, const commission_input& in, std::int64_t actor,
                                 std::int64_t now) {
    const auto old = must_commission(d, id);
    if (old.closed_ms) throw conflict("commission_closed", "the commission is closed");
    if (!in.kind.empty() && in.kind != old.kind)
        throw invalid("kind_fixed", "a commission's kind stays " + old.kind + ": create another commission");
    auto c = checked(d, in, old.kind);
    c.id = id;
    c.updated_ms = now;
    store::update_commission(d, c);
    store::set_commission_members(d, id, c.members);
    store::set_commission_programmes(d, id, c.programmes);
    audit::record(d, now, actor, "commission.update", "commission " + std::to_string(id), summary(c));
    return must_commission(d, id);
}

commission_row close_commission(db& d, std::int64_t id, std::int64_t actor, std::int64_t now) {
    must_commission(d, id);
    if (!store::close_commission(d, id, actor, now)) throw conflict("commission_closed", "the commission is closed already");
    audit::record(d, now, actor, "commission.close", "commission " + std::to_string(id));
    return must_commission(d, id);
}

std::vector<exam::commission_member> body_of(const commission_row& c) {
    std::vector<exam::commission_member> out;
    for (const auto& m : c.members)
        out.push_back({m.user, exam::parse_member_role(m.role).value_or(exam::member_role::member)});
    return out;
}

exam::commission_term term_of(const commission_row& c) {
    exam::commission_term t;
    t.id = c.id;
    t.order_date = must_date(c.order_date);
    t.valid_from = must_date(c.valid_from);
    if (!c.valid_to.empty()) t.valid_to = must_date(c.valid_to);
    t.closed = c.closed_ms.has_value();
    return t;
}

exam::quorum_rule rule_of(const commission_row& c) {
    return exam::parse_quorum_rule(c.quorum).value_or(exam::quorum_rule::chair_and_majority);
}

namespace {

std::optional<commission_row> serving(db& d, const std::string& kind, const std::string& programme, const exam::date& day) {
    const auto rows = store::commissions(d, kind, programme, 1000);
    std::vector<exam::commission_term> terms;
    for (const auto& c : rows) terms.push_back(term_of(c));
    const auto pick = exam::choose_commission(terms, day);
    if (!pick) return std::nullopt;
    for (const auto& c : rows)
        if (c.id == *pick) return c;
    return std::nullopt;
}

}  // namespace

std::optional<commission_row> commission_of_sitting(db& d, const sitting_row& s, std::optional<exam::date> today,
                                                    bool fix) {
    if (auto id = store::sitting_commission_id(d, s.id))
        if (auto c = store::find_commission(d, *id)) return c;
    std::optional<commission_row> found;
    if (auto dates = store::procedure_dates_of(d, s.id))
        if (auto day = exam::parse_iso_date(dates->procedure_date)) found = serving(d, "exam", s.programme, *day);
    if (!found && today) found = serving(d, "exam", s.programme, *today);
    if (found && fix) store::fix_sitting_commission(d, s.id, found->id);
    return found;
}

void fix_commission_at_theory_end(db& d, const sitting_row& s, const exam::date& day) {
    if (auto c = serving(d, "exam", s.programme, day)) store::fix_sitting_commission(d, s.id, c->id);
}

void require_member(const std::optional<commission_row>& c, std::int64_t user) {
    if (!c) return;
    if (!exam::is_member(body_of(*c), user))
        throw domain_error(error_kind::forbidden, "not_a_member",
                           "only the members of the sitting's exam commission (" + c->name + ", order " + c->order_no +
                               ") act for it");
}

exam::practical_outcome practical_by_commission(db& d, const exam::programme& prog, std::int64_t sitting,
                                                const std::optional<commission_row>& c) {
    std::vector<exam::practical_mark> marks;
    const auto body = c ? body_of(*c) : std::vector<exam::commission_member>{};
    for (const auto& m : store::marks_of(d, sitting))
        if (!c || exam::is_member(body, m.member)) marks.push_back({m.member, m.item, m.done});
    return exam::decide_practical(prog.practical, marks, c ? exam::chair_of(body) : std::nullopt);
}

protocol_quorum quorum_of(const std::optional<commission_row>& c, const std::vector<std::int64_t>& signers) {
    protocol_quorum out;
    if (c) {
        out.rule = c->quorum;
        out.state = exam::quorum(rule_of(*c), body_of(*c), signers);
        return out;
    }
    out.rule = "first_signature";
    out.state.needed = 1;
    out.state.have = static_cast<int>(signers.size());
    out.state.reached = !signers.empty();
    return out;
}

appeal_assignment assign_appeal(db& d, const sitting_row& s, const protocol_row& pr, const exam::date& day) {
    appeal_assignment out;
    std::vector<std::int64_t> candidates, excluded;
    if (store::any_commission(d, "appeal")) {
        const auto c = serving(d, "appeal", s.programme, day);
        if (!c)
            throw conflict("no_appeal_commission",
                           "no appeal commission serves the programme " + s.programme + " today: the centre must form one");
        out.commission = c->id;
        for (const auto& m : c->members) candidates.push_back(m.user);
    } else {
        candidates = store::users_with_role(d, "appeal");  // the short path: every appeal account
    }
    std::optional<commission_row> exam_body;
    if (pr.commission) exam_body = store::find_commission(d, *pr.commission);
    if (exam_body) {
        for (const auto& m : exam_body->members) excluded.push_back(m.user);
    } else {
        for (const auto& sig : store::signatures_of(d, pr.id)) excluded.push_back(sig.member);
    }
    out.members = exam::appeal_panel(candidates, excluded);
    if (out.members.empty())
        throw conflict("no_appeal_commission",
                       candidates.empty() ? "the centre has no appeal commission members"
                                          : "every appeal commission member sat on this session's exam commission");
    return out;
}

}  // namespace tanu::server::recognition
