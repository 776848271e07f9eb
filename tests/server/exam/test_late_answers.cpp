// Answers that reach the server after the deadline (exam/theory/late.hpp), in
// process: the engine (exam_service) on a migrated temporary SQLite file, its
// writer and readers, on a clock the test moves. A late answer is not counted,
// is kept once per question (late_answers, with a `late_answer` event in the
// sitting's hash-chained log), and the result lists it. The rule itself:
// tests/exam/theory/test_late.cpp.
#include <catch2/catch.hpp>

#include <atomic>
#include <future>

#include "exam/theory/late.hpp"
#include "server/accounts/store.hpp"
#include "server/audit/audit.hpp"
#include "server/db/db_readers.hpp"
#include "server/db/db_writer.hpp"
#include "server/db/migrator.hpp"
#include "server/db/sqlite.hpp"
#include "server/exam/exam_service.hpp"
#include "server/exam/schedule.hpp"
#include "server/exam/store.hpp"
#include "server/people/store.hpp"
#include "server/platform/json_map.hpp"
#include "server/proctoring/store.hpp"
#include "server/programmes/store.hpp"
#include "server/recognition/owner.hpp"
#include "tests/server/temp_dir.hpp"

using namespace tanu::server;

namespace {

// 2026-03-02 09:00 Almaty (UTC+5), a Monday.
constexpr std::int64_t monday_ms = 1772424000000;
constexpr std::int64_t minute_ms = 60'000;

// A clock that moves only when the test says (the writer's thread reads it too).
struct fixed_clock final : tanu::exam::clock {
    std::atomic<std::int64_t> t{monday_ms};
    std::int64_t now_ms() const override { return t.load(); }
};

struct fixture {
    tanu_test::temp_dir dir{"tanu-late-"};
    std::filesystem::path path = dir.path / "t.db";
    fixed_clock clock;
    logger log{log_level::off};
    db d{path};  // the test's own connection: set-up and reading back
    int migrated = migrate(d, embedded_migrations());
    db_writer writer{path, log, 16};
    db_readers readers{path, 2};
    boost::asio::thread_pool workers{2};
    sitting_hub hub;
    sitting_owners owners;
    exam_service exams{writer, readers, clock, hub, workers, log, owners};
    std::int64_t sitting = 0;

    fixture() {
        owners.add(recognition::kind, recognition::make_sitting_owner(log));
        tanu::exam::programme p;
        p.code = "SHORT-2";
        p.profession = "Welder";
        p.oked = "25110";
        p.nqf_level = 3;
        p.languages = {"ru"};
        p.theory.questions = 5;
        p.theory.minutes = 2;  // the 2-minute paper
        store::insert_programme(d, p, to_json(p).dump(), monday_ms);
        for (int i = 1; i <= 5; ++i) {
            tanu::exam::question q;
            q.id = "q" + std::to_string(i);
            q.lang = "ru";
            q.topic = "safety";
            q.text = "Вопрос " + std::to_string(i);
            q.options = {"да", "нет", "не знаю"};
            q.correct = {0};
            store::upsert_question(d, "SHORT-2", q, monday_ms);
        }
        const auto user = store::insert_user(d, "aigerim", "candidate", "x", monday_ms);
        candidate_row c;
        c.iin = "900101300016";
        c.full_name = "Айгерим Серикова";
        c.birth_date = "1990-01-01";
        const auto candidate = store::insert_candidate(d, user, c, monday_ms);
        sitting = schedule_sitting(d, owners, {candidate, "SHORT-2", "ru", "online", 1, {}, "none", {}}, monday_ms).id;
    }
    ~fixture() { workers.join(); }

    json start() {
        std::promise<start_outcome> p;
        auto got = p.get_future();
        exams.start(sitting, [&](start_outcome out, std::optional<domain_error> err) {
            if (err) p.set_exception(std::make_exception_ptr(*err));
            else p.set_value(std::move(out));
        });
        return got.get().message;
    }

    // nullopt when saved, else the refusal's code.
    std::optional<std::string> answer(int n, std::vector<int> choice, const std::string& seq) {
        std::promise<std::optional<std::string>> p;
        auto got = p.get_future();
        exams.save_answer(sitting, n, std::move(choice), seq, [&](std::optional<std::string> r) { p.set_value(r); });
        return got.get();
    }

    json finish(const std::string& reason) {
        std::promise<json> p;
        auto got = p.get_future();
        exams.finish(sitting, reason, [&](json msg, std::optional<domain_error> err) {
            if (err) p.set_exception(std::make_exception_ptr(*err));
            else p.set_value(std::move(msg));
        });
        return got.get();
    }

    std::vector<store::event_row> late_events() {
        std::vector<store::event_row> out;
        auto r = readers.acquire();
        for (auto& e : store::events_of(*r, sitting))
            if (e.kind == "late_answer") out.push_back(e);
        return out;
    }

    // Read back as the engine reads (the set-up connection may hold an old snapshot).
    std::int64_t deadline() {
        auto r = readers.acquire();
        return store::find_sitting(*r, sitting)->deadline_ms.value();
    }
    std::vector<saved_answer> saved() {
        auto r = readers.acquire();
        return store::answers(*r, sitting);
    }
    // The shown index of question n's right option (the original option 0: the paper shuffles them).
    int right(int n) {
        auto r = readers.acquire();
        const auto items = store::paper(*r, sitting);
        const auto& perm = items.at(static_cast<std::size_t>(n - 1)).perm;
        for (std::size_t i = 0; i < perm.size(); ++i)
            if (perm[i] == 0) return static_cast<int>(i);
        FAIL("no right option");
        return -1;
    }
    bool chain_ok() {
        auto r = readers.acquire();
        return tanu::server::audit::verify(*r).ok();
    }
};

}  // namespace

TEST_CASE("late answers: refused time_over, not counted, kept once per question, listed in the result",
          "[exam][late]") {
    fixture f;
    json paper = f.start();
    REQUIRE(paper.value("type", "") == "paper");
    const std::int64_t deadline = f.deadline();
    CHECK(deadline == monday_ms + 2 * minute_ms);

    // Three answers saved in time.
    for (int n = 1; n <= 3; ++n) CHECK_FALSE(f.answer(n, {f.right(n)}, "c-" + std::to_string(n)).has_value());

    // The link came back after the deadline: two answers given offline arrive
    // before the sweep has ended the attempt. The store refuses them.
    f.clock.t = deadline + 4'200;
    CHECK(f.answer(4, {1}, "c-4") == std::optional<std::string>("time_over"));
    f.clock.t = deadline + 5'000;
    CHECK(f.answer(5, {2}, "c-5") == std::optional<std::string>("time_over"));
    // Sent again (the page retries): refused again, not recorded twice.
    f.clock.t = deadline + 9'000;
    CHECK(f.answer(5, {0}, "c-6") == std::optional<std::string>("time_over"));

    // Not counted: the answers table holds the three in time only.
    auto saved = f.saved();
    REQUIRE(saved.size() == 3);
    CHECK(saved.back().n == 3);

    auto late = f.late_events();
    REQUIRE(late.size() == 2);
    CHECK(late[0].t_ms == deadline + 4'200);  // the arrival, on the server's clock
    CHECK(late[0].detail == "question 4: [1] arrived 4.2 s after the deadline, not counted (seq c-4)");
    CHECK(late[0].violation == false);
    CHECK(late[1].t_ms == deadline + 5'000);  // the first arrival for question 5 is kept
    CHECK(late[1].detail == "question 5: [2] arrived 5.0 s after the deadline, not counted (seq c-5)");

    // The sweep ends the attempt; the result says what did not count.
    json result = f.finish("time_over");
    INFO(result.dump());
    CHECK(result.value("reason", "") == "time_over");
    CHECK(result.value("total", -1) == 5);
    REQUIRE(result.contains("late_answers"));
    CHECK(result["late_answers"] == json::array({{{"n", 4}, {"arrived_ms", deadline + 4'200}},
                                                 {{"n", 5}, {"arrived_ms", deadline + 5'000}}}));

    // The page reconnects later and sends what it still held: the attempt ended
    // by the deadline, so it is late too (`time_over`) and kept; question 4 was already.
    f.clock.t = deadline + 60'000;
    CHECK(f.answer(2, {1}, "c-7") == std::optional<std::string>("time_over"));
    CHECK(f.answer(4, {0}, "c-8") == std::optional<std::string>("time_over"));
    CHECK(f.late_events().size() == 3);
    // A question not on the paper, or a choice it does not take, is refused and not recorded.
    CHECK(f.answer(9, {0}, "c-9") == std::optional<std::string>("time_over"));
    CHECK(f.answer(1, {7}, "c-10") == std::optional<std::string>("time_over"));
    CHECK(f.late_events().size() == 3);

    // The stored result a later start returns lists them all, in arrival order.
    json again = f.start();
    INFO(again.dump());
    REQUIRE(again.value("type", "") == "result");
    CHECK(again["late_answers"] == json::array({{{"n", 4}, {"arrived_ms", deadline + 4'200}},
                                                {{"n", 5}, {"arrived_ms", deadline + 5'000}},
                                                {{"n", 2}, {"arrived_ms", deadline + 60'000}}}));
    // The score is the three saved in time (right), none of the late ones.
    CHECK(again.value("correct", -1) == 3);

    // Past the window nothing more is recorded (the refusal stays time_over).
    f.clock.t = deadline + tanu::exam::late_answer_window_ms;
    CHECK(f.answer(1, {1}, "c-11") == std::optional<std::string>("time_over"));
    CHECK(f.late_events().size() == 3);

    // The events are links of the sitting's chain.
    CHECK(f.chain_ok());
}

TEST_CASE("late answers: none after the candidate handed the paper in", "[exam][late]") {
    fixture f;
    f.start();
    const std::int64_t deadline = f.deadline();
    CHECK_FALSE(f.answer(1, {0}, "c-1").has_value());
    f.clock.t = deadline - minute_ms;
    json result = f.finish("finished");
    CHECK(result["late_answers"] == json::array());
    // After the hand-in, before and after the deadline: `finished`, nothing kept.
    CHECK(f.answer(2, {0}, "c-2") == std::optional<std::string>("finished"));
    f.clock.t = deadline + 1000;
    CHECK(f.answer(3, {0}, "c-3") == std::optional<std::string>("finished"));
    CHECK(f.late_events().empty());
}

TEST_CASE("late answers: the socket's own time_over refusal is kept through the engine", "[exam][late]") {
    fixture f;
    f.start();
    const std::int64_t deadline = f.deadline();
    f.exams.late_answer(f.sitting, 3, {1}, "c-3", deadline + 100);
    f.exams.late_answer(f.sitting, 3, {2}, "c-4", deadline + 200);  // the same question: once
    f.exams.late_answer(f.sitting, 2, {0}, "c-5", deadline - 100);  // not late: nothing
    // A write after those in the writer's queue: once it is done, they are too.
    f.clock.t = deadline + 300;
    CHECK(f.answer(1, {0}, "c-6") == std::optional<std::string>("time_over"));
    auto late = f.late_events();
    REQUIRE(late.size() == 2);
    CHECK(late[0].detail.starts_with("question 3: [1] arrived 0.1 s"));
    CHECK(late[1].detail.starts_with("question 1: [0] arrived 0.3 s"));
}
