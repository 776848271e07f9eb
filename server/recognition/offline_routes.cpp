#include "server/recognition/offline_routes.hpp"

#include <algorithm>

#include "exam/common/calendar.hpp"
#include "exam/theory/prohibited.hpp"
#include "server/exam/exam_service.hpp"
#include "server/exam/sitting_hub.hpp"
#include "server/http/router.hpp"
#include "server/platform/domain_error.hpp"
#include "server/platform/json_map.hpp"
#include "server/people/store.hpp"
#include "server/platform/module.hpp"
#include "server/recognition/checks.hpp"
#include "server/recognition/commissions.hpp"
#include "server/recognition/json.hpp"
#include "server/recognition/offline.hpp"

namespace tanu::server {

namespace {

using namespace recognition;

constexpr int max_day_sittings = 500;
constexpr std::size_t max_witnesses = 50;  // a commission is a handful of people

std::vector<std::int64_t> ids_field(const json& body, const char* name) {
    std::vector<std::int64_t> out;
    if (!body.contains(name)) return out;
    const auto& a = body[name];
    if (!a.is_array() || a.size() > max_witnesses)
        throw bad_request(std::string(name) + " must be an array of at most " + std::to_string(max_witnesses) + " user ids");
    for (const auto& x : a) {
        if (!x.is_number_integer()) throw bad_request(std::string(name) + " must hold user ids");
        out.push_back(x.get<std::int64_t>());
    }
    return out;
}

json attendance_json(const std::optional<attendance_row>& a) {
    if (!a) return nullptr;
    return {{"candidate_present", a->candidate_present}, {"members", a->members},     {"workstation", a->workstation},
            {"accessibility", a->accessibility},         {"note", a->note},           {"recorded_by", a->recorded_by},
            {"recorded_ms", a->recorded_ms}};
}

json offline_act_json(const offline_act_view& v) {
    json j = act_json(v.act);
    j["witnesses"] = v.witnesses;
    json sigs = json::array();
    for (const auto& s : v.signatures) sigs.push_back({{"member", s.member}, {"login", s.login}, {"signed_ms", s.signed_ms}});
    j["signatures"] = sigs;
    j["signed"] = v.quorum.reached;  // every member present has signed (p.14)
    j["missing"] = v.quorum.missing;
    return j;
}

class offline_module final : public module {
public:
    offline_module(platform& p, exam_service& exams, sitting_hub& hub) : p_(p), exams_(exams), hub_(hub) {}

    void routes(router& r) override {
        using R = role;
        const auto readers = access::only({R::admin, R::commission});
        const auto commission = access::only({R::commission});
        r.get("/api/offline/sittings", readers, member(this, &offline_module::day_sittings));
        r.get("/api/sessions/{id}/offline", readers, member(this, &offline_module::record));
        r.post("/api/sessions/{id}/attendance", commission, member(this, &offline_module::attendance));
        r.post("/api/sessions/{id}/oral-warnings", commission, member(this, &offline_module::oral_warning));
        r.post("/api/acts/{id}/sign", commission, member(this, &offline_module::sign));
    }

private:
    json record_json(db& d, std::int64_t id, std::int64_t caller) {
        const auto s = must_sitting(d, id);
        if (s.mode != "offline") throw domain_error(error_kind::conflict, "not_offline", "an online sitting");
        const auto prog = must_programme(d, s.programme);
        const auto c = commission_of_sitting(d, s, exam::kz_local_date(p_.clock.now_ms()), false);
        json members = json::array();
        if (c)
            for (const auto& m : c->members) members.push_back({{"user", m.user}, {"login", m.login}, {"role", m.role}});
        json items = json::array();
        for (auto i : exam::prohibited_items)
            if (std::find(prog.allowed_items.begin(), prog.allowed_items.end(), i) == prog.allowed_items.end())
                items.push_back(std::string(i));
        items.push_back(std::string(exam::other_item));
        json acts = json::array();
        for (const auto& v : offline_acts_of(d, s.id)) acts.push_back(offline_act_json(v));
        return {{"session",
                 {{"id", s.id}, {"candidate", s.candidate}, {"programme", s.programme}, {"lang", s.lang},
                  {"mode", s.mode}, {"status", s.status}, {"violations", s.violations}}},
                {"commission", c ? json{{"id", c->id}, {"name", c->name}, {"order_no", c->order_no}} : json(nullptr)},
                {"members", members},
                {"member", c && std::any_of(c->members.begin(), c->members.end(),
                                            [&](const auto& m) { return m.user == caller; })},
                {"items", items},
                {"attendance", attendance_json(store::attendance_of(d, s.id))},
                {"acts", acts}};
    }

    response day_sittings(const call& c) {
        auto day = c.query_param("day");
        if (day.empty()) day = exam::to_iso(exam::kz_local_date(p_.clock.now_ms()));
        if (!exam::parse_iso_date(day)) throw bad_request("day must be YYYY-MM-DD");
        auto r = p_.readers.acquire();
        json out = json::array();
        for (const auto& s : store::offline_sittings_on(*r, day, max_day_sittings)) {
            const auto who = store::find_candidate(*r, s.candidate);
            out.push_back({{"id", s.id},
                           {"candidate", s.candidate},
                           {"full_name", who ? who->full_name : std::string()},
                           {"programme", s.programme},
                           {"lang", s.lang},
                           {"status", s.status},
                           {"day", s.day},
                           {"starts", s.starts},
                           {"ends", s.ends},
                           {"place", s.place},
                           {"attendance", store::attendance_of(*r, s.id).has_value()}});
        }
        return json_response(c.req, http::status::ok, {{"day", day}, {"sittings", out}});
    }

    response record(const call& c) {
        auto r = p_.readers.acquire();
        return json_response(c.req, http::status::ok, record_json(*r, c.id(), c.user().user));
    }

    response attendance(const call& c) {
        const auto body = body_json(c.req);
        attendance_input in;
        in.sitting = c.id();
        in.member = c.user().user;
        if (!body.contains("candidate_present") || !body["candidate_present"].is_boolean())
            throw bad_request("candidate_present must be true or false");
        in.candidate_present = body["candidate_present"].get<bool>();
        in.members = ids_field(body, "members");
        in.workstation = get_string_or(body, "workstation", "");
        in.accessibility = get_string_or(body, "accessibility", "");
        in.note = get_string_or(body, "note", "");
        const auto now = p_.clock.now_ms();
        auto out = p_.writer.call([&](db& d) {
            record_attendance(d, in, now);
            return record_json(d, in.sitting, in.member);
        });
        return json_response(c.req, http::status::ok, out);
    }

    response oral_warning(const call& c) {
        const auto body = body_json(c.req);
        oral_warning_input in;
        in.sitting = c.id();
        in.member = c.user().user;
        in.item = get_string(body, "item");
        in.description = get_string_or(body, "description", "");
        in.witnesses = ids_field(body, "witnesses");
        const auto now = p_.clock.now_ms();
        oral_warning_result made;
        auto out = p_.writer.call([&](db& d) {
            made = record_oral_warning(d, in, now);
            return record_json(d, in.sitting, in.member);
        });
        if (made.step == exam::offline_step::removal) {
            // p.13: removed from the exam. As the proctoring's second strike: every
            // open page is told, then the attempt ends terminated (scored, the owner told).
            const auto msg = json{{"type", "terminated"}, {"reason", "offline_removal"}, {"detail", in.item}}.dump();
            for (auto& peer : hub_.of(in.sitting)) peer->send_message(msg);
            auto& log = p_.log;
            const auto sitting = in.sitting;
            exams_.finish(sitting, "terminated", [&log, sitting](json, std::optional<domain_error> err) {
                if (err) log.error("offline", "session " + std::to_string(sitting) + ": removal failed: " + err->what());
            });
        }
        out["step"] = made.step == exam::offline_step::removal ? "removal" : "oral_warning";
        out["act"] = made.act;
        return json_response(c.req, http::status::created, out);
    }

    response sign(const call& c) {
        const auto now = p_.clock.now_ms();
        const auto member = c.user().user;
        auto out = p_.writer.call([&](db& d) {
            sign_offline_act(d, c.id(), member, now);
            const auto a = store::find_act(d, c.id());
            for (const auto& v : offline_acts_of(d, a->sitting))
                if (v.act.id == c.id()) return offline_act_json(v);
            return json(nullptr);
        });
        return json_response(c.req, http::status::ok, out);
    }

    platform& p_;
    exam_service& exams_;
    sitting_hub& hub_;
};

}  // namespace

std::unique_ptr<module> make_offline_module(platform& p, exam_service& exams, sitting_hub& hub) {
    return std::make_unique<offline_module>(p, exams, hub);
}

}  // namespace tanu::server
