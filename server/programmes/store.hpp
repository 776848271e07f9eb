#pragma once
// Programmes and their question banks: storage. Every function takes the
// connection it runs on; only the stores and migrations/ know the SQL.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "exam/theory/paper.hpp"
#include "exam/theory/programme.hpp"
#include "exam/theory/question.hpp"
#include "server/db/sqlite.hpp"

namespace tanu::server {

// One stored version of a question: what is needed to show and score it.
struct stored_question {
    std::string text;
    std::vector<std::string> options;  // original order
    std::vector<int> correct;          // original indices
    std::string topic;
    bool multi() const { return correct.size() > 1; }  // as exam::question::multi
};

namespace store {

// programmes and banks
bool insert_programme(db& d, const exam::programme& p, const std::string& body, std::int64_t now_ms);
std::optional<exam::programme> find_programme(db& d, const std::string& code);
// Replaces a programme's stored body (its topic titles change; nothing else does).
void set_programme_body(db& d, const std::string& code, const std::string& body);
std::vector<exam::programme> list_programmes(db& d);
// Does any sitting (of any status) name the programme? Its issued papers and
// scores follow its theory settings and languages.
bool has_sittings(db& d, const std::string& programme);
std::map<std::string, int> bank_counts(db& d, const std::string& programme);
int bank_size(db& d, const std::string& programme, const std::string& lang);
// Active questions of one language per topic slug (the blueprint's check).
std::map<std::string, int> bank_topics(db& d, const std::string& programme, const std::string& lang);
// Adds a question; an active question with the same key is retired first.
void upsert_question(db& d, const std::string& programme, const exam::question& q, std::int64_t now_ms);
std::vector<exam::bank_entry> bank(db& d, const std::string& programme, const std::string& lang);
std::optional<stored_question> find_question(db& d, std::int64_t id);

}  // namespace store
}  // namespace tanu::server
