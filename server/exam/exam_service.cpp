#include "server/exam/exam_service.hpp"

#include <boost/asio/post.hpp>
#include <random>

#include "exam/theory/attempts.hpp"
#include "exam/theory/disclosure.hpp"
#include "exam/theory/late.hpp"
#include "exam/theory/paper.hpp"
#include "exam/theory/scoring.hpp"
#include "server/audit/audit.hpp"
#include "server/exam/interruption.hpp"
#include "server/exam/schedule_view.hpp"
#include "server/exam/store_schedule.hpp"
#include "server/exam/reschedule.hpp"
#include "server/platform/domain_error.hpp"

namespace tanu::server {

namespace net = boost::asio;

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

late_note note_late_answer(db& d, std::int64_t sitting, int n, const std::vector<int>& choice, const std::string& seq,
                           std::int64_t arrived_ms, const store::question_lookup& lookup) {
    late_note out;
    auto s = store::find_sitting(d, sitting);
    if (!s || !s->deadline_ms) return out;
    const std::int64_t deadline = *s->deadline_ms;
    const bool open = exam::open_at_deadline(s->status == "terminated", s->ended(), s->finished_ms.value_or(0), deadline);
    out.late = open && exam::time_over(arrived_ms, deadline);
    if (!exam::is_late_answer(arrived_ms, deadline, open)) return out;
    const auto items = store::paper(d, sitting);
    if (n < 1 || static_cast<std::size_t>(n) > items.size()) return out;
    const auto& item = items[static_cast<std::size_t>(n - 1)];
    std::shared_ptr<const stored_question> q;
    if (lookup) q = lookup(item.question);
    else if (auto found = store::find_question(d, item.question)) q = std::make_shared<const stored_question>(std::move(*found));
    const bool multi = q && q->multi();
    if (exam::validate_choice(choice, static_cast<int>(item.perm.size()), multi)) return out;
    if (store::has_late_answer(d, sitting, n)) return out;
    // args: the figures of the detail, for a page to say in the reader's language.
    const double late_s = static_cast<double>((arrived_ms - deadline) / 100) / 10.0;  // as the detail rounds it
    const json args = {{"question", n}, {"late_s", late_s}};
    const auto event = audit::append_event(
        d, {sitting, arrived_ms, "late_answer", store::late_answer_detail(n, choice, seq, arrived_ms - deadline), false, 0, "", "",
            args.dump()});
    store::insert_late_answer(d, sitting, n, choice, arrived_ms, event);
    out.recorded = true;
    return out;
}

std::shared_ptr<const exam::programme> exam_service::programme(db& d, const std::string& code) {
    return programmes_.get(code, [&]() -> std::shared_ptr<const exam::programme> {
        auto p = store::find_programme(d, code);
        return p ? std::make_shared<const exam::programme>(std::move(*p)) : nullptr;
    });
}

std::shared_ptr<const std::vector<exam::bank_entry>> exam_service::bank(db& d, const std::string& code,
                                                                        const std::string& lang) {
    return banks_.get(code + '\x1f' + lang, [&] {
        return std::make_shared<const std::vector<exam::bank_entry>>(store::bank(d, code, lang));
    });
}

std::shared_ptr<const stored_question> exam_service::question(db& d, std::int64_t id) {
    return questions_.get(id, [&]() -> std::shared_ptr<const stored_question> {
        auto q = store::find_question(d, id);
        return q ? std::make_shared<const stored_question>(std::move(*q)) : nullptr;
    });
}

void exam_service::bank_changed(const std::string& code) {
    auto prefix = code + '\x1f';
    banks_.erase_if([&](const std::string& key) { return key.starts_with(prefix); });
    // an import may title topics, PUT /api/programmes/{code} replaces the settings: read them again
    programmes_.erase_if([&](const std::string& key) { return key == code; });
}

// Sent to the candidate only (exam/theory/disclosure.hpp): before the sitting has
// ended it carries no score. `late_answers` lists the answers that reached the
// server after the deadline and were not counted (exam/theory/late.hpp), so
// that nothing the candidate gave disappears without a word.
json exam_service::result_message(db& d, const sitting_row& s) {
    json late = json::array();
    for (const auto& a : store::late_answers(d, s.id)) late.push_back({{"n", a.n}, {"arrived_ms", a.arrived_ms}});
    if (!exam::may_see(exam::reader::candidate, s.ended()).score)
        return {{"type", "result"}, {"correct", nullptr}, {"total", nullptr}, {"percent", nullptr}, {"passed", nullptr},
                {"next", nullptr}, {"attempts_left", nullptr}, {"reason", s.status}, {"late_answers", std::move(late)}};
    auto prog = programme(d, s.programme);
    int used = static_cast<int>(store::sittings_of(d, s.candidate, s.programme).size());
    int left = prog ? exam::attempts_left(used, prog->attempts) : 0;
    // no cap (seed 002 p.19): the count is null and attempts_unlimited says why
    const bool unlimited = left == exam::unlimited_attempts;
    bool passed = s.passed.value_or(false);
    int correct = s.correct.value_or(0), total = s.total.value_or(0);
    auto sc = prog ? exam::make_score(correct, total, prog->theory) : exam::score{};
    // X1: the procedure that owns the sitting decides before any retake is offered
    const auto o = prog ? owners_.of(prog->kind).outcome(d, s) : owned_outcome{true, false};
    const auto next = exam::next_after(passed, left, prog && !prog->practical.empty(), o.decided, o.passed);
    return {{"type", "result"},
            {"correct", correct},
            {"total", total},
            {"percent", sc.percent},
            {"passed", passed},
            {"next", next.next},
            {"awaiting_decision", next.awaiting_decision},
            {"attempts_left", unlimited ? json(nullptr) : json(left)},
            {"attempts_unlimited", unlimited},
            {"reason", s.finish_reason.value_or(s.status)},
            {"late_answers", std::move(late)}};
}

json exam_service::paper_message(db& d, const sitting_row& s, live_sitting& live) {
    auto items = store::paper(d, s.id);
    auto saved = store::answers(d, s.id);
    json questions = json::array();
    live.id = s.id;
    live.deadline_ms = s.deadline_ms.value_or(0);
    live.options.clear();
    live.multi.clear();
    for (std::size_t i = 0; i < items.size(); ++i) {
        const auto& item = items[i];
        auto q = question(d, item.question);
        if (!q) throw std::runtime_error("question " + std::to_string(item.question) + " of a paper is missing");
        json shown = json::array();
        for (int original : item.perm) shown.push_back(q->options.at(static_cast<std::size_t>(original)));
        bool multi = q->multi();
        questions.push_back({{"n", i + 1}, {"text", q->text}, {"options", std::move(shown)}, {"multi", multi}});
        live.options.push_back(static_cast<std::uint8_t>(item.perm.size()));
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

static domain_error to_domain_error(std::exception_ptr e, logger& log, const std::string& what) {
    try {
        std::rethrow_exception(e);
    } catch (const domain_error& err) {
        return err;
    } catch (const std::exception& ex) {
        log.error("exam", what + ": " + ex.what());
    } catch (...) {
        log.error("exam", what + ": unknown exception");
    }
    return internal_error();
}

void exam_service::start(std::int64_t sitting, callback<start_outcome> done) {
    net::post(workers_, [this, sitting, done = std::move(done)]() mutable {
        std::optional<sitting_row> row;
        try {
            auto r = readers_.acquire();
            row = store::find_sitting(*r, sitting);
        } catch (...) {
            return done({}, to_domain_error(std::current_exception(), log_, "start " + std::to_string(sitting)));
        }
        if (!row) return done({}, not_found("no such session"));
        auto now = clock_.now_ms();
        // W2: the start window of the theory slot, a reported sick leave (p.7), a closed sitting
        std::optional<start_refusal> refusal;
        try {
            auto r = readers_.acquire();
            refusal = refuse_start(*r, *row, scheduling_, now);
            // the procedure's own conditions before the first paper (W6: the acknowledgements)
            if (!refusal && row->status == "scheduled")
                if (auto block = owners_.of(*r, *row).before_start(*r, *row))
                    refusal = start_refusal{block->code, block->message, std::nullopt, false};
        } catch (...) {
            return done({}, to_domain_error(std::current_exception(), log_, "start " + std::to_string(sitting)));
        }
        if (refusal) {
            start_outcome out;
            out.refused = true;
            out.message = {{"type", "error"}, {"error", refusal->code}, {"message", refusal->message}};
            if (refusal->opens_ms) out.message["opens_ms"] = *refusal->opens_ms;
            if (!refusal->missed) return done(std::move(out), std::nullopt);
            // the window closed unused: a no-show (W2), recorded before the answer
            return writer_.post(
                [sitting, now](db& d) {
                    if (store::close_sitting(d, sitting, "no_show", {"scheduled"}, "missed", "", std::nullopt, now))
                        audit::record(d, now, std::nullopt, "session.no_show", "session " + std::to_string(sitting),
                                      "start asked after the window closed");
                },
                [this, sitting, out = std::move(out), done = std::move(done)](std::exception_ptr e) mutable {
                    if (e) log_.error("exam", "session " + std::to_string(sitting) + " could not be marked a no-show");
                    net::post(workers_, [out = std::move(out), done = std::move(done)]() mutable { done(std::move(out), std::nullopt); });
                });
        }
        if (row->status == "in_progress") return resume(sitting, std::move(done));
        if (row->status != "scheduled") return deliver_start(sitting, std::move(done));
        auto issued = std::make_shared<bool>(false);
        writer_.post(
            [this, sitting, now, issued](db& d) {
                auto s = store::find_sitting(d, sitting);
                if (!s || s->status != "scheduled") return;  // another connection started it
                auto prog = programme(d, s->programme);
                if (!prog) throw not_found("the programme is gone");
                auto entries = bank(d, s->programme, s->lang);
                std::set<std::string> seen;
                if (s->attempt > 1) seen = store::seen_questions(d, s->candidate, s->programme, s->id);
                std::vector<exam::paper_item> items;
                try {
                    items = exam::draw_paper(*prog, *entries, seen, rng());  // by the blueprint when it has one (X17)
                } catch (const exam::bank_too_small& e) {
                    throw domain_error(error_kind::conflict, "bank_too_small", e.what());
                }
                store::insert_paper(d, s->id, items);
                store::begin_sitting(d, s->id, now, exam::deadline_for(now, prog->theory.minutes));
                *issued = true;
            },
            [this, sitting, issued, done = std::move(done)](std::exception_ptr e) mutable {
                if (e) {
                    auto err = to_domain_error(e, log_, "issuing the paper of " + std::to_string(sitting));
                    return net::post(workers_, [done = std::move(done), err]() mutable { done({}, err); });
                }
                if (log_.enabled(log_level::debug)) log_.debug("exam", "session " + std::to_string(sitting) + " paper issued");
                if (*issued)
                    done = [done = std::move(done)](start_outcome out, std::optional<domain_error> err) mutable {
                        out.issued_now = true;
                        done(std::move(out), std::move(err));
                    };
                deliver_start(sitting, std::move(done));
            });
    });
}

// X6: a start on an open attempt is a return; whether he was away is asked in
// the writer, where the `away` of his last connection is already settled.
void exam_service::resume(std::int64_t sitting, callback<start_outcome> done) {
    const auto policy = interruption_policy_of(scheduling_);
    if (!policy.enabled()) return deliver_start(sitting, std::move(done));
    auto back = std::make_shared<return_outcome>();
    const auto now = clock_.now_ms();
    writer_.post([sitting, now, policy, back](db& d) { *back = note_return(d, sitting, now, policy); },
                 [this, sitting, back, done = std::move(done)](std::exception_ptr e) mutable {
                     if (e) log_.error("exam", "session " + std::to_string(sitting) + ": the return could not be recorded");
                     if (!e && back->ended)
                         return end_away(sitting, [this, sitting, done = std::move(done)](std::optional<domain_error>) mutable {
                             deliver_start(sitting, std::move(done));
                         });
                     if (back->was_away)
                         log_.info("exam", "session " + std::to_string(sitting) + ": back after " +
                                               std::to_string(back->away_ms / 1000) + " s, " +
                                               std::to_string(back->credit_ms / 1000) + " s given back");
                     deliver_start(sitting, std::move(done));
                 });
}

// X6: away beyond the limit: the attempt ends (connection_lost), its answers
// scored; the commission records the p.11 act, or lets the result stand.
void exam_service::end_away(std::int64_t sitting, std::function<void(std::optional<domain_error>)> done) {
    const auto now = clock_.now_ms();
    const auto policy = interruption_policy_of(scheduling_);
    writer_.post([sitting, now, policy](db& d) { note_away_too_long(d, sitting, now, policy); },
                 [this, sitting, done = std::move(done)](std::exception_ptr) mutable {
                     finish(sitting, "connection_lost", [done = std::move(done)](json, std::optional<domain_error> err) {
                         done(std::move(err));
                     });
                 });
}

void exam_service::away(std::int64_t sitting) {
    if (!interruption_policy_of(scheduling_).enabled()) return;
    const auto now = clock_.now_ms();
    writer_.post(
        [this, sitting, now](db& d) {
            if (hub_.of(sitting).empty()) note_away(d, sitting, now);  // a newer connection came: not away
        },
        [this, sitting](std::exception_ptr e) {
            if (e) log_.error("exam", "session " + std::to_string(sitting) + ": the lost connection could not be recorded");
        });
}

void exam_service::server_started() {
    if (!interruption_policy_of(scheduling_).enabled()) return;
    const auto now = clock_.now_ms();
    writer_.post([now](db& d) { store::mark_all_disconnected(d, now); },
                 [this](std::exception_ptr e) {
                     if (e) log_.error("exam", "the open attempts could not be marked away at start-up");
                 });
}

void exam_service::deliver_start(std::int64_t sitting, callback<start_outcome> done) {
    net::post(workers_, [this, sitting, done = std::move(done)]() mutable {
        start_outcome out;
        try {
            auto r = readers_.acquire();
            auto row = store::find_sitting(*r, sitting);
            if (!row) return done({}, not_found("no such session"));
            if (row->status == "in_progress" && exam::time_over(clock_.now_ms(), row->deadline_ms.value_or(0))) {
                return finish(sitting, "time_over", [done = std::move(done)](json msg, std::optional<domain_error> err) {
                    done(start_outcome{std::move(msg), std::nullopt}, std::move(err));
                });
            }
            if (row->ended()) {
                out.message = result_message(*r, *row);
            } else {
                live_sitting live;
                out.message = paper_message(*r, *row, live);
                out.live = std::move(live);
            }
        } catch (...) {
            return done({}, to_domain_error(std::current_exception(), log_, "start " + std::to_string(sitting)));
        }
        done(std::move(out), std::nullopt);
    });
}

void exam_service::finish(std::int64_t sitting, const std::string& reason, callback<json> done) {
    auto changed = std::make_shared<bool>(false);
    auto now = clock_.now_ms();
    writer_.post(
        [this, sitting, reason, now, changed](db& d) {
            auto s = store::find_sitting(d, sitting);
            if (!s) throw not_found("no such session");
            if (s->ended()) return;
            if (s->status == "scheduled") throw domain_error(error_kind::conflict, "not_started", "the paper has not been issued yet");
            auto prog = programme(d, s->programme);
            if (!prog) throw not_found("the programme is gone");
            const auto marked = store::mark_sitting(d, sitting, [&](std::int64_t id) { return question(d, id); }, false);
            const int correct = marked.correct, total = marked.total;
            auto sc = exam::make_score(correct, total, prog->theory);
            // A terminated attempt counts and is not passed (seed 002 p.13, seed 003 p.9).
            bool terminated = reason == "terminated";
            *changed = store::end_sitting(d, sitting, terminated ? "terminated" : "finished", reason, now, correct,
                                          total, terminated ? false : sc.passed);
            // What the ended stage means is its procedure's (the programme's kind).
            if (*changed) owners_.of(prog->kind).theory_ended(d, *store::find_sitting(d, sitting), now);
        },
        [this, sitting, reason, changed, done = std::move(done)](std::exception_ptr e) mutable {
            net::post(workers_, [this, sitting, reason, changed, e, done = std::move(done)]() mutable {
                if (e) return done(json{}, to_domain_error(e, log_, "finishing " + std::to_string(sitting)));
                json msg;
                try {
                    auto r = readers_.acquire();
                    auto row = store::find_sitting(*r, sitting);
                    if (!row) return done(json{}, not_found("no such session"));
                    msg = result_message(*r, *row);
                    if (*changed)
                        log_.info("exam", "session " + std::to_string(sitting) + " ended (" + reason + "): " +
                                              std::to_string(row->correct.value_or(0)) + "/" +
                                              std::to_string(row->total.value_or(0)));
                } catch (...) {
                    return done(json{}, to_domain_error(std::current_exception(), log_, "result of " + std::to_string(sitting)));
                }
                if (*changed) {
                    auto text = msg.dump();
                    for (auto& peer : hub_.of(sitting)) peer->ended(text);
                }
                done(std::move(msg), std::nullopt);
            });
        });
}

void exam_service::save_answer(std::int64_t sitting, int n, std::vector<int> choice, std::string seq,
                               std::function<void(std::optional<std::string>)> done) {
    auto now = clock_.now_ms();
    auto refused = std::make_shared<std::optional<std::string>>();
    writer_.post(
        [=, this, choice = std::move(choice), seq = std::move(seq)](db& d) {
            if (store::save_answer(d, sitting, n, choice, seq, now)) return;
            if (auto st = store::find_sitting(d, sitting); st && st->status == "voided") {
                *refused = "voided";  // p.11: the attempt was voided while open
                return;
            }
            const auto note = note_late_answer(d, sitting, n, choice, seq, now, [&](std::int64_t id) { return question(d, id); });
            *refused = note.late ? "time_over" : "finished";
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

void exam_service::late_answer(std::int64_t sitting, int n, std::vector<int> choice, std::string seq,
                               std::int64_t arrived_ms) {
    writer_.post(
        [=, this, choice = std::move(choice), seq = std::move(seq)](db& d) {
            note_late_answer(d, sitting, n, choice, seq, arrived_ms, [&](std::int64_t id) { return question(d, id); });
        },
        [this, sitting](std::exception_ptr e) {
            if (!e) return;
            try {
                std::rethrow_exception(e);
            } catch (const std::exception& ex) {
                log_.error("exam", "session " + std::to_string(sitting) + " late answer not recorded: " + ex.what());
            }
        });
}

int exam_service::sweep() {
    if (finishing_ > 0) return 0;  // the last sweep's finishes are still in the writer's queue
    std::vector<std::int64_t> due, away;
    bool missed = false;
    const auto policy = interruption_policy_of(scheduling_);
    {
        auto r = readers_.acquire();
        due = store::overdue_sittings(*r, clock_.now_ms());
        if (policy.enabled()) away = store::away_sittings(*r, clock_.now_ms() - policy.limit_ms, 100);
        missed = !store::missed_sittings(*r, clock_.now_ms() - std::int64_t{scheduling_.late_minutes} * 60000, 1).empty();
    }
    if (missed) {
        // W2: a start window that closed unused is a no-show, recorded (not left open forever)
        ++finishing_;
        const auto now = clock_.now_ms();
        const auto late = std::int64_t{scheduling_.late_minutes} * 60000;
        writer_.post([now, late](db& d) { mark_no_shows(d, now, late); },
                     [this](std::exception_ptr e) {
                         if (e) log_.error("exam", "the missed sittings could not be marked no-shows");
                         --finishing_;
                     });
    }
    for (auto id : due) {
        ++finishing_;
        finish(id, "time_over", [this, id](json, std::optional<domain_error> err) {
            if (err) log_.error("exam", "session " + std::to_string(id) + " could not be finished at its deadline: " + err->what());
            --finishing_;
        });
    }
    for (auto id : away) {
        ++finishing_;
        end_away(id, [this, id](std::optional<domain_error> err) {
            if (err) log_.error("exam", "session " + std::to_string(id) + " could not be ended after its lost connection: " + err->what());
            --finishing_;
        });
    }
    return static_cast<int>(due.size() + away.size());
}

}  // namespace tanu::server
