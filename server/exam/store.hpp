#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "exam/theory/marking.hpp"
#include "exam/theory/paper.hpp"
#include "server/db/sqlite.hpp"
#include "server/programmes/store.hpp"

namespace tanu::server {

// The theory engine's storage: sittings, papers, answers. Every function takes
// the connection it runs on: a reader's, or the writer's inside its
// transaction. Only the stores and migrations/ know the SQL schema (the
// accounts', people's and programmes' are in their own folders).

struct sitting_row {
    std::int64_t id = 0;
    std::int64_t candidate = 0;
    std::string programme;
    std::string lang;
    std::string mode;
    int attempt = 0;
    std::string status;  // scheduled, in_progress, finished, terminated; closed unsat: cancelled, voided, no_show
    std::int64_t created_ms = 0;
    std::optional<std::int64_t> started_ms, deadline_ms, finished_ms;
    std::optional<std::string> finish_reason;
    std::optional<int> correct, total;
    std::optional<bool> passed;
    int violations = 0;
    // W3 (migration 16): why it was scheduled (none, sick_leave, technical_failure),
    // the closed sitting it replaces, and how it was closed unsat.
    std::string reschedule_reason = "none";
    std::optional<std::int64_t> replaces;
    std::optional<std::string> closed_reason, closed_note;
    std::optional<std::int64_t> closed_ms, closed_by;
    // X6 (migration 23): since when the candidate is away (the last connection of
    // the open attempt closed), and what the attempt has been given back so far.
    std::optional<std::int64_t> disconnected_ms;
    std::int64_t credited_ms = 0;
    bool ended() const { return status == "finished" || status == "terminated"; }
    bool closed() const { return status == "cancelled" || status == "voided" || status == "no_show"; }
};

struct saved_answer {
    int n = 0;
    std::vector<int> choice;  // shown indices
};

// An answer that reached the server after the deadline (exam/theory/late.hpp):
// not counted, kept in late_answers and logged as a `late_answer` event.
struct late_answer {
    int n = 0;
    std::int64_t arrived_ms = 0;  // the server's clock
};

namespace store {

// Keys of the questions on the candidate's other papers of this programme.
std::set<std::string> seen_questions(db& d, std::int64_t candidate, const std::string& programme,
                                     std::int64_t except_sitting);

// sittings
std::int64_t insert_sitting(db& d, const sitting_row& s);
std::optional<sitting_row> find_sitting(db& d, std::int64_t id);
std::vector<sitting_row> sittings_of(db& d, std::int64_t candidate, const std::string& programme = "");
std::vector<std::int64_t> overdue_sittings(db& d, std::int64_t now_ms);

// X6, a lost connection (seed 002 p.11; exam/theory/interruption.hpp).
// The open attempt's last connection closed before its deadline: the candidate
// is away from now (false when he is already, or the attempt is not open).
bool mark_disconnected(db& d, std::int64_t sitting, std::int64_t now_ms);
// At start-up: every open attempt's candidate is away from now (the server was
// down); returns how many.
int mark_all_disconnected(db& d, std::int64_t now_ms);
// He is back: the deadline moves by `credit_ms`, which is added to credited_ms.
bool mark_returned(db& d, std::int64_t sitting, std::int64_t credit_ms);
// Open attempts whose candidate has been away since before `away_since_ms`.
std::vector<std::int64_t> away_sittings(db& d, std::int64_t away_since_ms, int limit);
void insert_paper(db& d, std::int64_t sitting, const std::vector<exam::paper_item>& items);
bool begin_sitting(db& d, std::int64_t sitting, std::int64_t started_ms, std::int64_t deadline_ms);
// The paper's items in order (n = index + 1); empty before it is issued.
std::vector<exam::paper_item> paper(db& d, std::int64_t sitting);
std::vector<saved_answer> answers(db& d, std::int64_t sitting);
// One more violation counted against the sitting (seed 002 p.13: the second ends it).
void count_violation(db& d, std::int64_t sitting);
// The sitting's count set to the violations that stand (seed 002 p.14: an
// annulled act is no violation; the next one is numbered from this count).
void set_violations(db& d, std::int64_t sitting, int standing);
// The termination of a sitting ended by the second violation falls once fewer
// than two violations stand: status 'finished', passed by its theory score;
// finish_reason stays 'terminated' (what happened to the attempt). False when
// the sitting was not terminated.
bool lift_termination(db& d, std::int64_t sitting, bool passed);
// The reverse, when an annulled act is confirmed again and two stand: a lifted
// termination (finished, finish_reason 'terminated') is terminated again, not
// passed. False when there was none.
bool restore_termination(db& d, std::int64_t sitting);
// Questions of the sitting with an answer saved.
int answered_count(db& d, std::int64_t sitting);
// The sitting's paper marked against its saved answers (exam::mark_paper): the
// one marking of the result, the record and the weak topics.
// `lookup` finds a question by id (the engine passes its cache: marking a
// finished paper runs on the writer); without it the store is read.
using question_lookup = std::function<std::shared_ptr<const stored_question>(std::int64_t)>;
// `titled`: the topics get their titles and numbers (title_topics: a page or a notice reads
// them); the writer's marking at the end of a sitting needs only the score.
exam::marked_paper mark_sitting(db& d, std::int64_t sitting, const question_lookup& lookup = {}, bool titled = true);
// The programme's topics in the bank's order (where each one's first question
// is; the empty topic as "general"): topic N of "Тақырып N".
std::vector<std::string> topic_order(db& d, const std::string& programme);
// Fills each topic's title in kk, ru and en (the programme's title, else
// exam::topic_name's "Тақырып N") and its number: a slug never reaches a person.
void title_topics(db& d, const std::string& programme, std::vector<exam::topic_score>& topics);
// Saves an answer if the sitting is in progress and before its deadline at
// now_ms; false when it is not (nothing written).
bool save_answer(db& d, std::int64_t sitting, int n, const std::vector<int>& choice, const std::string& seq,
                 std::int64_t now_ms);
bool end_sitting(db& d, std::int64_t sitting, const std::string& status, const std::string& reason,
                 std::int64_t now_ms, int correct, int total, bool passed);

// Late answers (migration 10), one per question, each with its `late_answer`
// event in the sitting's log (whose detail is late_answer_detail's text).
void insert_late_answer(db& d, std::int64_t sitting, int n, const std::vector<int>& choice, std::int64_t arrived_ms,
                        std::int64_t event);
std::vector<late_answer> late_answers(db& d, std::int64_t sitting);  // by arrival
bool has_late_answer(db& d, std::int64_t sitting, int n);
std::string late_answer_detail(int n, const std::vector<int>& choice, const std::string& seq, std::int64_t late_by_ms);

}  // namespace store
}  // namespace tanu::server
