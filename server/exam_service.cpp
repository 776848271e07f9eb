#include "server/exam_service.hpp"

#include <random>

#include "exam/attempts.hpp"
#include "exam/paper.hpp"
#include "exam/scoring.hpp"
#include "server/api_error.hpp"

namespace tanu::server {

namespace {

std::mt19937_64& rng() {
    thread_local std::mt19937_64 gen{[] {
        std::random_device rd;
        std::seed_seq seq{rd(), rd(), rd(), rd(), rd(), rd(), rd(), rd()};
        return std::mt19937_64(seq);
    }()};
    return gen;
}

}  // namespace

json exam_service::result_message(db& d, const sitting_row& s) {
    auto prog = store::find_programme(d, s.programme);
    int used = static_cast<int>(store::sittings_of(d, s.candidate, s.programme).size());
    int left = prog ? exam::attempts_left(used, prog->attempts) : 0;
    bool passed = s.passed.value_or(false);
    int correct = s.correct.value_or(0), total = s.total.value_or(0);
    auto sc = prog ? exam::make_score(correct, total, prog->theory) : exam::score{};
    return {{"type", "result"},
            {"correct", correct},
            {"total", total},
            {"percent", sc.percent},
            {"passed", passed},
            {"next", exam::next_step(passed, left, prog && !prog->practical.empty())},
            {"attempts_left", left},
            {"reason", s.finish_reason.value_or(s.status)}};
}

json exam_service::paper_message(db& d, const sitting_row& s, live_sitting& live) {
    auto items = store::paper(d, s.id);
    auto saved = store::answers(d, s.id);
    json questions = json::array();
    live.id = s.id;
    live.deadline_ms = s.deadline_ms.value_or(0);
    live.options.clear();
    live.multi.clear();
    for (const auto& q : items) {
        json shown = json::array();
        for (int original : q.perm) shown.push_back(q.options.at(static_cast<std::size_t>(original)));
        bool multi = q.correct.size() > 1;
        questions.push_back({{"n", q.n}, {"text", q.text}, {"options", std::move(shown)}, {"multi", multi}});
        live.options.push_back(static_cast<std::uint8_t>(q.perm.size()));
        live.multi.push_back(multi ? 1 : 0);
    }
    json answers = json::object();
    for (const auto& a : saved)
        if (!a.choice.empty()) answers[std::to_string(a.n)] = a.choice;
    return {{"type", "paper"},
            {"attempt", s.attempt},
            {"lang", s.lang},
            {"programme", s.programme},
            {"total", items.size()},
            {"deadline_ms", live.deadline_ms},
            {"remaining_ms", exam::remaining_ms(clock_.now_ms(), live.deadline_ms)},
            {"questions", std::move(questions)},
            {"answers", std::move(answers)}};
}

start_outcome exam_service::start(std::int64_t sitting) {
    std::optional<sitting_row> row;
    {
        auto r = readers_.acquire();
        row = store::find_sitting(*r, sitting);
    }
    if (!row) throw not_found("no such session");
    if (row->status == "scheduled") {
        writer_.call([&](db& d) {
            auto s = store::find_sitting(d, sitting);
            if (!s || s->status != "scheduled") return;  // another connection started it
            auto prog = store::find_programme(d, s->programme);
            if (!prog) throw not_found("the programme is gone");
            auto bank = store::bank(d, s->programme, s->lang);
            auto seen = store::seen_questions(d, s->candidate, s->programme, s->id);
            std::vector<exam::paper_item> items;
            try {
                items = exam::draw_paper(bank, seen, prog->theory.questions, rng());
            } catch (const exam::bank_too_small& e) {
                throw api_error(409, "bank_too_small", e.what());
            }
            store::insert_paper(d, s->id, items);
            auto now = clock_.now_ms();
            store::begin_sitting(d, s->id, now, exam::deadline_for(now, prog->theory.minutes));
        });
        auto r = readers_.acquire();
        row = store::find_sitting(*r, sitting);
        log_.info("exam", "session " + std::to_string(sitting) + " paper issued");
    }
    if (row->status == "in_progress" && exam::time_over(clock_.now_ms(), row->deadline_ms.value_or(0)))
        return {finish(sitting, "time_over"), std::nullopt};
    auto r = readers_.acquire();
    if (row->ended()) return {result_message(*r, *row), std::nullopt};
    live_sitting live;
    json msg = paper_message(*r, *row, live);
    return {std::move(msg), std::move(live)};
}

json exam_service::finish(std::int64_t sitting, const std::string& reason) {
    bool changed = writer_.call([&](db& d) {
        auto s = store::find_sitting(d, sitting);
        if (!s) throw not_found("no such session");
        if (s->ended()) return false;
        if (s->status == "scheduled") throw api_error(409, "not_started", "the paper has not been issued yet");
        auto prog = store::find_programme(d, s->programme);
        if (!prog) throw not_found("the programme is gone");
        auto items = store::paper(d, sitting);
        auto saved = store::answers(d, sitting);
        int correct = 0;
        for (const auto& a : saved) {
            if (a.n < 1 || static_cast<std::size_t>(a.n) > items.size()) continue;
            const auto& q = items[static_cast<std::size_t>(a.n - 1)];
            if (exam::answer_correct(exam::to_original(a.choice, q.perm), q.correct)) ++correct;
        }
        int total = static_cast<int>(items.size());
        auto sc = exam::make_score(correct, total, prog->theory);
        // A terminated attempt counts and is not passed (seed 002 p.13, seed 003 p.9).
        bool passed = reason == "terminated" ? false : sc.passed;
        return store::end_sitting(d, sitting, reason == "terminated" ? "terminated" : "finished", reason,
                                  clock_.now_ms(), correct, total, passed);
    });
    auto r = readers_.acquire();
    auto row = store::find_sitting(*r, sitting);
    if (!row) throw not_found("no such session");
    json msg = result_message(*r, *row);
    if (changed) {
        log_.info("exam", "session " + std::to_string(sitting) + " ended (" + reason + "): " +
                              std::to_string(row->correct.value_or(0)) + "/" + std::to_string(row->total.value_or(0)));
        auto text = msg.dump();
        for (auto& peer : hub_.of(sitting)) peer->ended(text);
    }
    return msg;
}

void exam_service::save_answer(std::int64_t sitting, int n, std::vector<int> choice, std::string seq,
                               std::function<void(std::optional<std::string>)> done) {
    auto now = clock_.now_ms();
    auto refused = std::make_shared<std::optional<std::string>>();
    writer_.post(
        [=, choice = std::move(choice), seq = std::move(seq)](db& d) {
            if (store::save_answer(d, sitting, n, choice, seq, now)) return;
            auto s = store::find_sitting(d, sitting);
            *refused = (s && s->status == "in_progress") ? "time_over" : "finished";
        },
        [done = std::move(done), refused, this, sitting](std::exception_ptr e) {
            if (e) {
                try {
                    std::rethrow_exception(e);
                } catch (const std::exception& ex) {
                    log_.error("exam", "session " + std::to_string(sitting) + " answer not saved: " + ex.what());
                }
                done(std::string("internal"));
                return;
            }
            done(*refused);
        });
}

int exam_service::sweep() {
    std::vector<std::int64_t> due;
    {
        auto r = readers_.acquire();
        due = store::overdue_sittings(*r, clock_.now_ms());
    }
    for (auto id : due) {
        try {
            finish(id, "time_over");
        } catch (const std::exception& e) {
            log_.error("exam", "session " + std::to_string(id) + " could not be finished at its deadline: " + e.what());
        }
    }
    return static_cast<int>(due.size());
}

}  // namespace tanu::server
