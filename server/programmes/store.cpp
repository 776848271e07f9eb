#include "server/programmes/store.hpp"

#include <nlohmann/json.hpp>

#include "server/platform/json_map.hpp"

namespace tanu::server::store {

bool insert_programme(db& d, const exam::programme& p, const std::string& body, std::int64_t now_ms) {
    auto& s = d.cached("INSERT INTO programmes(code, body, created_ms) VALUES (?, ?, ?) ON CONFLICT(code) DO NOTHING");
    s.bind(1, p.code).bind(2, body).bind(3, now_ms).run();
    return d.changes() == 1;
}

std::optional<exam::programme> find_programme(db& d, const std::string& code) {
    auto& s = d.cached("SELECT body FROM programmes WHERE code = ?");
    s.bind(1, code);
    if (!s.step()) return std::nullopt;
    return programme_from_json(json::parse(s.text(0)));
}

void set_programme_body(db& d, const std::string& code, const std::string& body) {
    d.cached("UPDATE programmes SET body = ? WHERE code = ?").bind(1, body).bind(2, code).run();
}

std::vector<exam::programme> list_programmes(db& d) {
    std::vector<exam::programme> out;
    auto& s = d.cached("SELECT body FROM programmes ORDER BY code");
    while (s.step()) out.push_back(programme_from_json(json::parse(s.text(0))));
    return out;
}

bool has_sittings(db& d, const std::string& programme) {
    auto& s = d.cached("SELECT EXISTS(SELECT 1 FROM sittings WHERE programme = ?)");
    s.bind(1, programme);
    s.step();
    return s.i32(0) != 0;
}

std::map<std::string, int> bank_counts(db& d, const std::string& programme) {
    std::map<std::string, int> out;
    auto& s = d.cached("SELECT lang, count(*) FROM questions WHERE programme = ? AND active = 1 GROUP BY lang");
    s.bind(1, programme);
    while (s.step()) out[s.text(0)] = s.i32(1);
    return out;
}

int bank_size(db& d, const std::string& programme, const std::string& lang) {
    auto& s = d.cached("SELECT count(*) FROM questions WHERE programme = ? AND lang = ? AND active = 1");
    s.bind(1, programme).bind(2, lang);
    s.step();
    return s.i32(0);
}

std::map<std::string, int> bank_topics(db& d, const std::string& programme, const std::string& lang) {
    std::map<std::string, int> out;
    auto& s = d.cached(
        "SELECT topic, count(*) FROM questions WHERE programme = ? AND lang = ? AND active = 1 GROUP BY topic");
    s.bind(1, programme).bind(2, lang);
    while (s.step()) out[s.text(0)] = s.i32(1);
    return out;
}

void upsert_question(db& d, const std::string& programme, const exam::question& q, std::int64_t now_ms) {
    d.cached("UPDATE questions SET active = 0 WHERE programme = ? AND lang = ? AND ext_id = ? AND active = 1")
        .bind(1, programme)
        .bind(2, q.lang)
        .bind(3, q.id)
        .run();
    auto& s = d.cached(
        "INSERT INTO questions(programme, lang, ext_id, topic, text, options, correct, created_ms) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, programme)
        .bind(2, q.lang)
        .bind(3, q.id)
        .bind(4, q.topic)
        .bind(5, q.text)
        .bind(6, json(q.options).dump())
        .bind(7, json(q.correct).dump())
        .bind(8, now_ms)
        .run();
}

std::vector<exam::bank_entry> bank(db& d, const std::string& programme, const std::string& lang) {
    std::vector<exam::bank_entry> out;
    auto& s = d.cached(
        "SELECT id, ext_id, json_array_length(options), topic FROM questions WHERE programme = ? AND lang = ? AND active = 1");
    s.bind(1, programme).bind(2, lang);
    while (s.step()) out.push_back({s.i64(0), s.text(1), s.i32(2), s.text(3)});
    return out;
}

std::optional<stored_question> find_question(db& d, std::int64_t id) {
    auto& s = d.cached("SELECT text, options, correct, topic FROM questions WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return stored_question{s.text(0), json::parse(s.text(1)).get<std::vector<std::string>>(),
                           json::parse(s.text(2)).get<std::vector<int>>(), s.text(3)};
}

}  // namespace tanu::server::store
