#include "server/recognition/briefing.hpp"

#include <algorithm>
#include <set>

#include "server/audit/audit.hpp"
#include "server/exam/sitting_access.hpp"
#include "server/http/router.hpp"
#include "server/platform/domain_error.hpp"
#include "server/platform/json_map.hpp"
#include "server/platform/module.hpp"
#include "server/platform/sha256.hpp"
#include "server/recognition/checks.hpp"
#include "server/recognition/store_briefing.hpp"

namespace tanu::server::recognition {

namespace {

using nlohmann::json;

std::string shown_text(const exam::programme& p, exam::briefing_item i, const std::string& lang,
                       const centre_config& centre) {
    switch (i) {
        case exam::briefing_item::methodology: return exam::methodology_text(p, lang);
        case exam::briefing_item::appeal_rules: return exam::appeal_rules_text(lang, centre.name_in(lang));
        case exam::briefing_item::prohibited_items: return exam::prohibited_text(p, lang);
    }
    return {};
}

std::set<exam::briefing_item> acknowledged_items(db& d, std::int64_t sitting) {
    std::set<exam::briefing_item> out;
    for (const auto& a : store::acknowledgements_of(d, sitting))
        if (auto i = exam::parse_briefing_item(a.item)) out.insert(*i);
    return out;
}

std::string names(const std::vector<exam::briefing_item>& items) {
    std::string s;
    for (auto i : items) s += (s.empty() ? "" : ", ") + std::string(exam::to_string(i));
    return s;
}

json journal_json(const journal_row& j) {
    return {{"date", j.day},           {"instructor", j.instructor}, {"journal_no", j.journal_no},
            {"page", j.page},          {"entry", j.entry},           {"recorded_by", j.recorded_by},
            {"recorded_login", j.recorded_login}, {"recorded_ms", j.ms}};
}

bool closed_or_ended(const sitting_row& s) { return s.closed(); }

}  // namespace

json briefing_json(db& d, const sitting_row& s, const centre_config& centre) {
    const auto p = must_programme(d, s.programme);
    std::map<std::string, std::int64_t> when;
    for (const auto& a : store::acknowledgements_of(d, s.id)) when[a.item] = a.ms;
    const auto journal = store::journal_of(d, s.id);
    const auto check = exam::check_start(p, s.mode, acknowledged_items(d, s.id), journal.has_value());
    json items = json::array();
    for (auto i : exam::required_acknowledgements(p)) {
        const std::string code(exam::to_string(i));
        const auto text = shown_text(p, i, s.lang, centre);
        json it{{"item", code}, {"text", text}, {"sha256", sha256_hex(text)}};
        it["acknowledged_ms"] = when.count(code) ? json(when[code]) : json(nullptr);
        if (i == exam::briefing_item::prohibited_items) {
            json list = json::array(), allowed = json::array();
            for (const auto& c : exam::prohibited_for(p))
                list.push_back({{"code", c}, {"name", exam::prohibited_item_name(c, s.lang)}});
            for (const auto& c : p.allowed_items)
                allowed.push_back({{"code", c}, {"name", exam::prohibited_item_name(c, s.lang)}});
            it["list"] = list;
            it["allowed"] = allowed;
        }
        items.push_back(std::move(it));
    }
    json missing = json::array();
    for (auto i : check.missing) missing.push_back(std::string(exam::to_string(i)));
    return {{"session", s.id},
            {"lang", s.lang},
            {"mode", s.mode},
            {"status", s.status},
            {"programme", p.code},
            {"items", items},
            {"missing", missing},
            {"briefing",
             {{"required", exam::briefing_needed(p, "theory", s.mode)},
              {"required_practical", exam::briefing_needed(p, "practical", s.mode)},
              {"journal", journal ? journal_json(*journal) : json(nullptr)},
              {"missing", check.briefing_missing}}},
            {"start_allowed", check.allowed()}};
}

void acknowledge(db& d, const sitting_row& s, const std::vector<std::string>& items, const std::string& client,
                 std::int64_t by, const centre_config& centre, std::int64_t now_ms) {
    if (items.empty() || items.size() > exam::briefing_items.size())
        throw unprocessable("items lists 1 to 3 of methodology, appeal_rules, prohibited_items");
    if (s.status != "scheduled")
        throw conflict("already_started", "the acknowledgements are given before the start (seed 002 p.8)");
    const auto p = must_programme(d, s.programme);
    const auto asked = exam::required_acknowledgements(p);
    json detail = json::array();
    for (const auto& code : items) {
        const auto i = exam::parse_briefing_item(code);
        if (!i) throw unprocessable("unknown item '" + code + "' (methodology, appeal_rules, prohibited_items)");
        if (std::find(asked.begin(), asked.end(), *i) == asked.end())
            throw unprocessable("the programme " + p.code + " does not ask to acknowledge " + code);
        const auto sha = sha256_hex(shown_text(p, *i, s.lang, centre));
        if (store::insert_acknowledgement(d, s.id, {code, now_ms, client.substr(0, 100), s.lang, sha}))
            detail.push_back({{"item", code}, {"sha256", sha}, {"client", client.substr(0, 100)}});
    }
    if (!detail.empty())
        audit::record(d, now_ms, by, "briefing.acknowledge", "session " + std::to_string(s.id),
                      detail.dump(-1, ' ', false, json::error_handler_t::replace));
}

void record_journal(db& d, const sitting_row& s, const exam::journal_entry& e, std::int64_t by, std::int64_t now_ms) {
    const auto p = must_programme(d, s.programme);
    if (!p.briefing_required)
        throw conflict("briefing_not_required", "the programme " + p.code + " asks no safety briefing (seed 002 p.8)");
    if (closed_or_ended(s)) throw conflict("session_closed", "the session is " + s.status);
    if (auto why = exam::validate(e, exam::kz_local_date(now_ms))) throw unprocessable(*why);
    store::put_journal(d, s.id, {e.day, e.instructor, e.journal_no, e.page, e.entry, by, now_ms, ""});
    json detail{{"date", e.day}, {"instructor", e.instructor}, {"journal_no", e.journal_no}, {"page", e.page},
                {"entry", e.entry}};
    audit::record(d, now_ms, by, "briefing.journal", "session " + std::to_string(s.id),
                  detail.dump(-1, ' ', false, json::error_handler_t::replace));
}

std::optional<sitting_owner::start_block> start_block(db& d, const sitting_row& s) {
    const auto p = must_programme(d, s.programme);
    const auto check = exam::check_start(p, s.mode, acknowledged_items(d, s.id), store::journal_of(d, s.id).has_value());
    if (!check.missing.empty())
        return sitting_owner::start_block{"acknowledgements_required",
                                          "acknowledge first (seed 002 p.8, p.12): " + names(check.missing)};
    if (check.briefing_missing)
        return sitting_owner::start_block{
            "briefing_required", "the safety briefing is not recorded in the centre's journal yet (seed 002 p.8)"};
    return std::nullopt;
}

void require_practical_briefing(db& d, const exam::programme& p, const sitting_row& s) {
    if (exam::briefing_needed(p, "practical", s.mode) && !store::journal_of(d, s.id))
        throw conflict("briefing_required",
                       "the safety briefing of session " + std::to_string(s.id) +
                           " is not recorded in the centre's journal yet (seed 002 p.8)");
}

void add_briefing_routes(router& r, platform& p, const sitting_owners& owners) {
    const auto& centre = p.cfg.centre;
    r.get("/api/sessions/{id}/briefing", access::signed_in(), [&p, &owners, &centre](const call& c) {
        auto rd = p.readers.acquire();
        const auto s = must_sitting(*rd, c.id());
        sitting_reader(*rd, owners, c.user(), s);
        return json_response(c.req, http::status::ok, briefing_json(*rd, s, centre));
    });
    r.post("/api/sessions/{id}/acknowledgements", access::only({role::candidate}), [&p, &centre](const call& c) {
        const auto& who = c.user();
        auto body = body_json(c.req);
        if (!body.is_object() || !body.contains("items") || !body["items"].is_array())
            throw bad_request("the body is {\"items\": [\"methodology\", \"appeal_rules\", \"prohibited_items\"]}");
        std::vector<std::string> items;
        for (const auto& i : body["items"]) {
            if (!i.is_string()) throw bad_request("items are strings: methodology, appeal_rules, prohibited_items");
            items.push_back(i.get<std::string>());
        }
        const auto now = p.clock.now_ms();
        auto out = p.writer.call([&](db& d) {
            const auto s = must_sitting(d, c.id());
            if (!who.candidate || *who.candidate != s.candidate) throw forbidden("not your session");
            acknowledge(d, s, items, c.client, who.user, centre, now);
            return briefing_json(d, s, centre);
        });
        return json_response(c.req, http::status::ok, out);
    });
    r.put("/api/sessions/{id}/briefing-journal", access::only({role::admin, role::registrar, role::commission}),
          [&p, &centre](const call& c) {
              auto body = body_json(c.req);
              if (!body.is_object())
                  throw bad_request("the body is {\"date\", \"instructor\", \"journal_no\", \"page\", \"entry\"}");
              exam::journal_entry e;
              e.day = get_string(body, "date");
              e.instructor = get_string(body, "instructor");
              e.journal_no = get_string(body, "journal_no");
              const auto page = get_int(body, "page"), entry = get_int(body, "entry");
              if (page < 1 || page > exam::max_journal_page)
                  throw unprocessable("page must be 1 to " + std::to_string(exam::max_journal_page));
              if (entry < 1 || entry > exam::max_journal_entry)
                  throw unprocessable("entry must be 1 to " + std::to_string(exam::max_journal_entry));
              e.page = static_cast<int>(page);
              e.entry = static_cast<int>(entry);
              const auto by = c.user().user;
              const auto now = p.clock.now_ms();
              auto out = p.writer.call([&](db& d) {
                  const auto s = must_sitting(d, c.id());
                  record_journal(d, s, e, by, now);
                  return briefing_json(d, s, centre);
              });
              return json_response(c.req, http::status::ok, out);
          });
}

}  // namespace tanu::server::recognition
