#include "server/platform/json_map.hpp"

#include "server/platform/domain_error.hpp"

namespace tanu::server {

json try_parse_json(std::string_view text, int max_depth) {
    bool too_deep = false;
    json::parser_callback_t cb = [&](int depth, json::parse_event_t, json&) {
        if (depth > max_depth) too_deep = true;
        return !too_deep;
    };
    json j = json::parse(text.begin(), text.end(), cb, false);
    if (too_deep) return json(json::value_t::discarded);
    return j;
}

json parse_json(std::string_view text, int max_depth) {
    json j = try_parse_json(text, max_depth);
    if (j.is_discarded())
        throw domain_error(error_kind::bad_request, "bad_json", "the body is not valid JSON (or nests deeper than " +
                                             std::to_string(max_depth) + " levels)");
    return j;
}

const json& field(const json& obj, const char* name) {
    if (!obj.is_object()) throw bad_request("expected a JSON object");
    auto it = obj.find(name);
    if (it == obj.end()) throw bad_request(std::string("missing field '") + name + "'");
    return *it;
}

std::string get_string(const json& obj, const char* name) {
    const auto& v = field(obj, name);
    if (!v.is_string()) throw bad_request(std::string("field '") + name + "' must be a string");
    return v.get<std::string>();
}

std::string get_string_or(const json& obj, const char* name, const std::string& fallback) {
    if (!obj.is_object() || !obj.contains(name) || obj.at(name).is_null()) return fallback;
    return get_string(obj, name);
}

std::int64_t get_int(const json& obj, const char* name) {
    const auto& v = field(obj, name);
    if (!v.is_number_integer()) throw bad_request(std::string("field '") + name + "' must be an integer");
    return v.get<std::int64_t>();
}

static int get_small_int(const json& obj, const char* name) {
    auto v = get_int(obj, name);
    if (v < -1000000 || v > 1000000) throw unprocessable(std::string("field '") + name + "' is out of range");
    return static_cast<int>(v);
}

static bool get_bool(const json& obj, const char* name, const std::string& path) {
    const auto& v = obj.at(name);
    if (!v.is_boolean()) throw bad_request("field '" + path + "' must be true or false");
    return v.get<bool>();
}

static int get_small_int(const json& obj, const char* name, const std::string& path) {
    const auto& v = obj.at(name);
    if (!v.is_number_integer()) throw bad_request("field '" + path + "' must be an integer");
    auto n = v.get<std::int64_t>();
    if (n < -1000000 || n > 1000000) throw unprocessable("field '" + path + "' is out of range");
    return static_cast<int>(n);
}

static std::vector<std::string> string_array(const json& v, const std::string& path) {
    if (!v.is_array()) throw bad_request("field '" + path + "' must be an array of strings");
    std::vector<std::string> out;
    for (const auto& s : v) {
        if (!s.is_string()) throw bad_request("field '" + path + "' must be an array of strings");
        out.push_back(s.get<std::string>());
    }
    return out;
}

static std::map<std::string, std::string> string_map(const json& v, const std::string& path) {
    if (!v.is_object()) throw bad_request("field '" + path + "' must be an object {lang: text}");
    std::map<std::string, std::string> out;
    for (auto it = v.begin(); it != v.end(); ++it) {
        if (!it.value().is_string()) throw bad_request("field '" + path + "': '" + it.key() + "' must be a string");
        out[it.key()] = it.value().get<std::string>();
    }
    return out;
}

// Present and not null.
static bool given(const json& obj, const char* name) { return obj.contains(name) && !obj.at(name).is_null(); }

// The W11 settings (S11: all optional; absent = the default).
static void settings_from_json(const json& j, exam::programme& p) {
    if (given(j, "regime")) {
        if (!j.at("regime").is_string()) throw bad_request("field 'regime' must be a string");
        auto r = exam::parse_regime(j.at("regime").get<std::string>());
        if (!r) throw unprocessable("regime must be 'recognition_002', 'mse_003' or 'custom'");
        p.regime = *r;
    }
    if (given(j, "modes")) p.modes = string_array(j.at("modes"), "modes");
    if (given(j, "methodology")) p.methodology = string_map(j.at("methodology"), "methodology");
    if (given(j, "allowed_items")) p.allowed_items = string_array(j.at("allowed_items"), "allowed_items");
    if (given(j, "briefing_required")) p.briefing_required = get_bool(j, "briefing_required", "briefing_required");
    if (given(j, "document_valid_years"))
        p.document_valid_years = get_small_int(j, "document_valid_years", "document_valid_years");
    if (given(j, "admission")) {
        const auto& a = j.at("admission");
        if (!a.is_object()) throw bad_request("field 'admission' must be an object");
        if (given(a, "education_required"))
            p.admission.education_required = get_bool(a, "education_required", "admission.education_required");
        if (given(a, "experience_years"))
            p.admission.experience_years = get_small_int(a, "experience_years", "admission.experience_years");
    }
    if (given(j, "blueprint")) {
        const auto& b = j.at("blueprint");
        if (!b.is_object()) throw bad_request("field 'blueprint' must be an object {topic: count}");
        for (auto it = b.begin(); it != b.end(); ++it) p.blueprint[it.key()] = get_small_int(b, it.key().c_str(), "blueprint." + it.key());
    }
}

exam::programme programme_from_json(const json& j) {
    if (!j.is_object()) throw bad_request("a programme must be a JSON object");
    exam::programme p;
    p.code = get_string(j, "code");
    p.kind = get_string_or(j, "kind", "recognition");
    p.profession = get_string(j, "profession");
    p.oked = get_string(j, "oked");
    p.nkz = get_string_or(j, "nkz", "");
    p.nqf_level = get_small_int(j, "nqf_level");
    const auto& langs = field(j, "languages");
    if (!langs.is_array()) throw bad_request("field 'languages' must be an array of strings");
    for (const auto& l : langs) {
        if (!l.is_string()) throw bad_request("field 'languages' must be an array of strings");
        p.languages.push_back(l.get<std::string>());
    }
    const auto& t = field(j, "theory");
    if (!t.is_object()) throw bad_request("field 'theory' must be an object");
    p.theory.questions = get_small_int(t, "questions");
    p.theory.minutes = get_small_int(t, "minutes");
    p.theory.pass_percent = get_small_int(t, "pass_percent");
    auto rule = exam::parse_pass_rule(get_string(t, "pass_rule"));
    if (!rule) throw unprocessable("theory.pass_rule must be 'above' or 'at_least'");
    p.theory.rule = *rule;
    p.attempts = get_small_int(j, "attempts");
    if (j.contains("practical")) {
        const auto& items = j.at("practical");
        if (!items.is_array()) throw bad_request("field 'practical' must be an array");
        for (const auto& it : items) {
            exam::practical_item item;
            item.id = get_string(it, "id");
            const auto& text = field(it, "text");
            if (!text.is_object()) throw bad_request("practical item text must be an object {lang: text}");
            for (auto tt = text.begin(); tt != text.end(); ++tt) {
                if (!tt.value().is_string()) throw bad_request("practical item text must be strings");
                item.text[tt.key()] = tt.value().get<std::string>();
            }
            if (it.contains("mandatory")) {
                if (!it.at("mandatory").is_boolean()) throw bad_request("practical 'mandatory' must be true or false");
                item.mandatory = it.at("mandatory").get<bool>();
            }
            p.practical.push_back(std::move(item));
        }
    }
    if (j.contains("proctoring")) {
        const auto& pr = j.at("proctoring");
        if (!pr.is_object()) throw bad_request("field 'proctoring' must be an object");
        if (pr.contains("focus_lost_is_violation")) {
            if (!pr.at("focus_lost_is_violation").is_boolean())
                throw bad_request("proctoring.focus_lost_is_violation must be true or false");
            p.focus_lost_is_violation = pr.at("focus_lost_is_violation").get<bool>();
        }
        if (given(pr, "strikes")) p.strikes = string_array(pr.at("strikes"), "proctoring.strikes");
    }
    if (j.contains("topics")) p.topics = topic_titles_from_json(j.at("topics"));
    settings_from_json(j, p);
    return p;
}

std::map<std::string, std::map<std::string, std::string>> topic_titles_from_json(const json& j) {
    if (!j.is_object()) throw bad_request("field 'topics' must be an object {slug: {lang: title}}");
    std::map<std::string, std::map<std::string, std::string>> out;
    for (auto t = j.begin(); t != j.end(); ++t) {
        if (!t.value().is_object()) throw bad_request("topic '" + t.key() + "' must be an object {lang: title}");
        auto& titles = out[t.key()];
        for (auto l = t.value().begin(); l != t.value().end(); ++l) {
            if (!l.value().is_string()) throw bad_request("topic '" + t.key() + "': titles must be strings");
            titles[l.key()] = l.value().get<std::string>();
        }
    }
    return out;
}

json to_json(const exam::programme& p) {
    json practical = json::array();
    for (const auto& item : p.practical)
        practical.push_back({{"id", item.id}, {"text", item.text}, {"mandatory", item.mandatory}});
    return {{"code", p.code},
            {"kind", p.kind},
            {"profession", p.profession},
            {"oked", p.oked},
            {"nkz", p.nkz},
            {"nqf_level", p.nqf_level},
            {"languages", p.languages},
            {"theory",
             {{"questions", p.theory.questions},
              {"minutes", p.theory.minutes},
              {"pass_percent", p.theory.pass_percent},
              {"pass_rule", exam::to_string(p.theory.rule)}}},
            {"attempts", p.attempts},
            {"practical", practical},
            // strikes: what counts (the defaults written out, so a page shows them and the
            // stored body keeps the rule it was created under)
            {"proctoring",
             {{"focus_lost_is_violation", p.focus_lost_is_violation}, {"strikes", exam::counted_strikes(p)}}},
            {"topics", p.topics.empty() ? json::object() : json(p.topics)},
            {"regime", exam::to_string(p.regime)},
            {"modes", p.modes},
            {"methodology", p.methodology.empty() ? json::object() : json(p.methodology)},
            {"allowed_items", p.allowed_items},
            {"briefing_required", p.briefing_required},
            {"document_valid_years", p.document_valid_years ? json(*p.document_valid_years) : json(nullptr)},
            {"admission",
             {{"education_required", p.admission.education_required},
              {"experience_years", p.admission.experience_years}}},
            {"blueprint", p.blueprint.empty() ? json::object() : json(p.blueprint)}};
}

json to_json(const exam::question& q) {
    return {{"id", q.id}, {"lang", q.lang}, {"topic", q.topic}, {"text", q.text}, {"options", q.options}, {"correct", q.correct}};
}

json to_json(const std::vector<exam::topic_score>& topics) {
    json out = json::array();
    for (const auto& t : topics)
        out.push_back({{"topic", t.topic},
                       {"title", t.title.empty() ? json::object() : json(t.title)},
                       {"number", t.number},
                       {"correct", t.correct},
                       {"total", t.total}});
    return out;
}

json event_args_json(const std::string& args) {
    if (args.empty()) return nullptr;
    json j = try_parse_json(args);
    return j.is_object() ? j : json(nullptr);
}

}  // namespace tanu::server
