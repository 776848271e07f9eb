#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "exam/theory/marking.hpp"
#include "exam/theory/paper.hpp"
#include "exam/theory/programme.hpp"
#include "exam/theory/question.hpp"
#include "server/accounts/principal.hpp"
#include "server/db/sqlite.hpp"

namespace tanu::server {

// The storage of Tanu in terms of exam/ values. Every function takes the
// connection it runs on: a reader's, or the writer's inside its transaction.
// Only this file and migrations/ know the SQL schema.

struct user_row {
    std::int64_t id = 0;
    std::string login;
    std::string role;
    std::string password_hash;
    bool disabled = false;
};

// A person, one per IIN, whatever part they play (candidate; later expert, healthcare worker).
struct person_row {
    std::int64_t id = 0;
    std::string iin, full_name, birth_date, email, phone;
};

struct candidate_row {
    std::int64_t id = 0;
    std::int64_t user = 0;
    std::string login;
    std::string iin, full_name, birth_date, email, phone;  // the person's
    std::int64_t person = 0;
};

struct sitting_row {
    std::int64_t id = 0;
    std::int64_t candidate = 0;
    std::string programme;
    std::string lang;
    std::string mode;
    int attempt = 0;
    std::string status;  // scheduled, in_progress, finished, terminated
    std::int64_t created_ms = 0;
    std::optional<std::int64_t> started_ms, deadline_ms, finished_ms;
    std::optional<std::string> finish_reason;
    std::optional<int> correct, total;
    std::optional<bool> passed;
    int violations = 0;
    bool ended() const { return status == "finished" || status == "terminated"; }
};

// One stored version of a question: what is needed to show and score it.
struct stored_question {
    std::string text;
    std::vector<std::string> options;  // original order
    std::vector<int> correct;          // original indices
    std::string topic;
};

struct saved_answer {
    int n = 0;
    std::vector<int> choice;  // shown indices
};

namespace store {

// users and tokens
std::optional<user_row> find_user(db& d, const std::string& login);
// The staff accounts (every role but candidate), without their password hashes.
std::vector<user_row> staff_users(db& d);
std::int64_t insert_user(db& d, const std::string& login, const std::string& role, const std::string& hash,
                         std::int64_t now_ms);
void insert_token(db& d, const std::string& hash, std::int64_t user, std::int64_t now_ms, std::int64_t expires_ms);
std::optional<principal> find_token(db& d, const std::string& hash, std::int64_t now_ms);
void delete_token(db& d, const std::string& hash);
void delete_expired_tokens(db& d, std::int64_t now_ms);

// programmes and banks
bool insert_programme(db& d, const exam::programme& p, const std::string& body, std::int64_t now_ms);
std::optional<exam::programme> find_programme(db& d, const std::string& code);
std::vector<exam::programme> list_programmes(db& d);
std::map<std::string, int> bank_counts(db& d, const std::string& programme);
int bank_size(db& d, const std::string& programme, const std::string& lang);
// Adds a question; an active question with the same key is retired first.
void upsert_question(db& d, const std::string& programme, const exam::question& q, std::int64_t now_ms);
std::vector<exam::bank_entry> bank(db& d, const std::string& programme, const std::string& lang);
// Keys of the questions on the candidate's other papers of this programme.
std::set<std::string> seen_questions(db& d, std::int64_t candidate, const std::string& programme,
                                     std::int64_t except_sitting);

// candidates
// The person of `p.iin`, made when there is none (an existing one is kept as it is).
std::int64_t person_of_iin(db& d, const person_row& p, std::int64_t now_ms);
std::optional<person_row> find_person(db& d, std::int64_t id);
// A candidate account for the person of c.iin (made when new).
std::int64_t insert_candidate(db& d, std::int64_t user, const candidate_row& c, std::int64_t now_ms);
std::optional<candidate_row> find_candidate(db& d, std::int64_t id);
bool iin_taken(db& d, const std::string& iin);

// sittings
std::int64_t insert_sitting(db& d, const sitting_row& s);
std::optional<sitting_row> find_sitting(db& d, std::int64_t id);
std::vector<sitting_row> sittings_of(db& d, std::int64_t candidate, const std::string& programme = "");
std::vector<std::int64_t> overdue_sittings(db& d, std::int64_t now_ms);
void insert_paper(db& d, std::int64_t sitting, const std::vector<exam::paper_item>& items);
bool begin_sitting(db& d, std::int64_t sitting, std::int64_t started_ms, std::int64_t deadline_ms);
// The paper's items in order (n = index + 1); empty before it is issued.
std::vector<exam::paper_item> paper(db& d, std::int64_t sitting);
std::optional<stored_question> find_question(db& d, std::int64_t id);
std::vector<saved_answer> answers(db& d, std::int64_t sitting);
// One more violation counted against the sitting (seed 002 p.13: the second ends it).
void count_violation(db& d, std::int64_t sitting);
// Questions of the sitting with an answer saved.
int answered_count(db& d, std::int64_t sitting);
// The sitting's paper marked against its saved answers (exam::mark_paper): the
// one marking of the result, the record and the weak topics.
// `lookup` finds a question by id (the engine passes its cache: marking a
// finished paper runs on the writer); without it the store is read.
using question_lookup = std::function<std::shared_ptr<const stored_question>(std::int64_t)>;
exam::marked_paper mark_sitting(db& d, std::int64_t sitting, const question_lookup& lookup = {});
// Saves an answer if the sitting is in progress and before its deadline at
// now_ms; false when it is not (nothing written).
bool save_answer(db& d, std::int64_t sitting, int n, const std::vector<int>& choice, const std::string& seq,
                 std::int64_t now_ms);
bool end_sitting(db& d, std::int64_t sitting, const std::string& status, const std::string& reason,
                 std::int64_t now_ms, int correct, int total, bool passed);

// helpers shared with callers
std::string join_ints(const std::vector<int>& v);
std::vector<int> split_ints(const std::string& s);

}  // namespace store
}  // namespace tanu::server
