#pragma once
#include <boost/asio/thread_pool.hpp>
#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "exam/common/clock.hpp"
#include "server/db/db_readers.hpp"
#include "server/db/db_writer.hpp"
#include "server/db/value_cache.hpp"
#include "server/exam/sitting_hub.hpp"
#include "server/exam/sitting_owner.hpp"
#include "server/exam/store.hpp"
#include "server/platform/config.hpp"
#include "server/platform/domain_error.hpp"
#include "server/platform/json_map.hpp"
#include "server/platform/logger.hpp"
#include "server/programmes/store.hpp"

namespace tanu::server {

// What an exam connection keeps to check answers without touching the database.
struct live_sitting {
    std::int64_t id = 0;
    std::int64_t deadline_ms = 0;
    std::vector<std::uint8_t> options;  // per question, n-1
    std::vector<std::uint8_t> multi;
};

struct start_outcome {
    json message;                       // `paper`, or `result` when the attempt has ended
    std::optional<live_sitting> live;   // set with `paper`
    bool issued_now = false;            // this start issued the paper (first start)
    bool refused = false;               // `message` is an error frame (outside the start window, W2): nothing changes
};

// What became of an answer the store refused (note_late_answer).
struct late_note {
    bool late = false;      // refused because the time is over (exam::is_late_answer's first two conditions)
    bool recorded = false;  // kept now as a `late_answer` event (the first for its question, within the window)
};

// Runs in the writer's transaction, for an answer that was not saved: when it
// arrived after the deadline of an attempt still open then
// (exam/theory/late.hpp), it is appended to the sitting's event log as
// `late_answer` (the question, the choice, how late, the page's seq; the
// event's time is the arrival on the server's clock), once per question and
// within exam::late_answer_window_ms of the deadline. A question not on the
// paper or a choice it does not take is not recorded. Never counted.
late_note note_late_answer(db& d, std::int64_t sitting, int n, const std::vector<int>& choice, const std::string& seq,
                           std::int64_t arrived_ms, const store::question_lookup& lookup = {});

// The theory stage: issuing papers, saving answers, finishing and scoring.
// Nothing here blocks the caller on the disk: writes go to the writer's queue
// (so many starts, answers and finishes share one commit) and reads run on the
// request workers; completions are called on a worker thread, never on the
// I/O thread.
class exam_service {
public:
    template <class T>
    using callback = std::function<void(T value, std::optional<domain_error> error)>;

    // `owners`: the procedures its sittings belong to, told when a theory stage ends.
    exam_service(db_writer& writer, db_readers& readers, const exam::clock& clock, sitting_hub& hub,
                 boost::asio::thread_pool& workers, logger& log, const sitting_owners& owners)
        : writer_(writer), readers_(readers), clock_(clock), hub_(hub), workers_(workers), log_(log), owners_(owners) {}

    // Issues the paper on first start (the deadline is fixed now); on a later
    // start returns the same paper with the saved answers and remaining time.
    void start(std::int64_t sitting, callback<start_outcome> done);

    // Ends the attempt (reason `finished`, `time_over` or `terminated`) and
    // scores it; every open connection of the sitting is told. On an attempt
    // already ended returns its stored result.
    void finish(std::int64_t sitting, const std::string& reason, callback<json> done);

    // Saves an answer through the writer; done(nullopt) once it is durable,
    // done(code) when refused (`time_over`, `finished`) or on failure (`internal`).
    // A refused answer that came after the deadline is kept as a late answer
    // (note_late_answer) and refused `time_over`.
    void save_answer(std::int64_t sitting, int n, std::vector<int> choice, std::string seq,
                     std::function<void(std::optional<std::string>)> done);

    // An answer the socket refused `time_over` itself (its live copy of the
    // deadline): kept as a late answer through the writer (note_late_answer).
    void late_answer(std::int64_t sitting, int n, std::vector<int> choice, std::string seq, std::int64_t arrived_ms);

    // Finishes every attempt past its deadline and tells its open connections,
    // and ends those whose candidate has been away beyond the limit (X6).
    // Returns how many finishes it queued.
    int sweep();

    // X6 (seed 002 p.11): the sitting's last connection closed while its paper
    // was open: unless another connection has come meanwhile, the candidate is
    // away from now (exam/theory/interruption.hpp; the time is given back on
    // his return). Called by the exam socket.
    void away(std::int64_t sitting);
    // At start-up: the candidates of open attempts are away from now (the
    // server was not serving them).
    void server_started();

    json result_message(db& d, const sitting_row& s);

    // Cached reads of what does not change once stored: programmes, question
    // versions, and banks (dropped by bank_changed when an import commits).
    std::shared_ptr<const exam::programme> programme(db& d, const std::string& code);
    std::shared_ptr<const std::vector<exam::bank_entry>> bank(db& d, const std::string& code, const std::string& lang);
    std::shared_ptr<const stored_question> question(db& d, std::int64_t id);
    void bank_changed(const std::string& code);
    std::int64_t now_ms() const { return clock_.now_ms(); }
    const sitting_owners& owners() const { return owners_; }
    // The start window and the p.7 block (schedule_view.hpp refuse_start); set once before serving.
    void scheduling(const scheduling_config& c) { scheduling_ = c; }
    const scheduling_config& scheduling() const { return scheduling_; }

private:
    json paper_message(db& d, const sitting_row& s, live_sitting& live);
    void deliver_start(std::int64_t sitting, callback<start_outcome> done);
    void resume(std::int64_t sitting, callback<start_outcome> done);
    void end_away(std::int64_t sitting, std::function<void(std::optional<domain_error>)> done);

    db_writer& writer_;
    db_readers& readers_;
    const exam::clock& clock_;
    sitting_hub& hub_;
    boost::asio::thread_pool& workers_;
    logger& log_;
    const sitting_owners& owners_;
    scheduling_config scheduling_;
    std::atomic<int> finishing_{0};
    value_cache<std::string, exam::programme> programmes_{1000};
    value_cache<std::string, std::vector<exam::bank_entry>> banks_{1000};
    value_cache<std::int64_t, stored_question> questions_{200000};
};

}  // namespace tanu::server
