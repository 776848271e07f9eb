#include "server/programmes/update.hpp"

#include <algorithm>

#include "server/audit/audit.hpp"
#include "server/platform/domain_error.hpp"
#include "server/platform/json_map.hpp"
#include "server/programmes/store.hpp"

namespace tanu::server {

namespace {

std::vector<std::string> sorted(std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
}

std::string joined(const std::vector<std::string>& v) {
    std::string out;
    for (std::size_t i = 0; i < v.size(); ++i) out += (i == 0 ? "" : i + 1 == v.size() ? " and " : ", ") + v[i];
    return out;
}

}  // namespace

std::vector<std::string> locked_changes(const exam::programme& before, const exam::programme& after) {
    std::vector<std::string> out;
    if (before.theory.questions != after.theory.questions) out.emplace_back("theory.questions");
    if (before.theory.minutes != after.theory.minutes) out.emplace_back("theory.minutes");
    if (before.theory.pass_percent != after.theory.pass_percent) out.emplace_back("theory.pass_percent");
    if (before.theory.rule != after.theory.rule) out.emplace_back("theory.pass_rule");
    if (sorted(before.languages) != sorted(after.languages)) out.emplace_back("languages");
    if (before.kind != after.kind) out.emplace_back("kind");
    return out;
}

std::vector<std::string> changed_fields(const exam::programme& before, const exam::programme& after) {
    const json a = to_json(before), b = to_json(after);
    std::vector<std::string> out;
    for (auto it = b.begin(); it != b.end(); ++it)
        if (!a.contains(it.key()) || a.at(it.key()) != it.value()) out.push_back(it.key());
    return out;
}

exam::programme replace_programme(db& d, const exam::programme& next, std::int64_t actor, std::int64_t now_ms) {
    auto before = store::find_programme(d, next.code);
    if (!before) throw not_found("no programme " + next.code);
    if (store::has_sittings(d, next.code)) {
        if (auto locked = locked_changes(*before, next); !locked.empty())
            throw conflict("programme_in_use",
                           "programme " + next.code + " has sittings: " + joined(locked) +
                               " cannot change, since the papers issued and their scores follow them; create a new "
                               "programme for the new terms");
    }
    const auto changed = changed_fields(*before, next);
    store::set_programme_body(d, next.code, to_json(next).dump());
    audit::record(d, now_ms, actor, "programme.update", "programme " + next.code,
                  changed.empty() ? "nothing changed" : "changed: " + joined(changed));
    return next;
}

std::map<std::string, bank_language> bank_summary(db& d, const exam::programme& p) {
    std::map<std::string, bank_language> out;
    for (const auto& lang : p.languages) {
        auto& b = out[lang];
        for (const auto& [topic, n] : store::bank_topics(d, p.code, lang)) {
            b.total += n;
            if (!topic.empty()) b.topics[topic] = n;
        }
    }
    return out;
}

}  // namespace tanu::server
