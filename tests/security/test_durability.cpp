// Durability under load (issue 8, "a durability test that kills the server under
// load repeatedly stays in the suite"): candidates answer over WebSockets as fast
// as the server acknowledges, the server gets SIGKILL at a random moment, five
// times; after every restart each candidate resumes and every answer the server
// had acknowledged (`saved`) is in the paper's `answers`; at the end the audit
// log's hash chains verify (`tanu audit verify`). Every loop is bounded in count
// and in time.
#include <signal.h>

#include <atomic>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "tests/integration/harness.hpp"

using namespace it;

namespace {

constexpr int candidates = 8;
constexpr int questions = 30;
constexpr int kills = 5;
constexpr int window = 8;             // answers in flight per candidate
constexpr int max_sends_per_round = 4000;
constexpr auto round_cap = 20s;       // a candidate stops sending after this even if no kill came

struct send_record {
    int choice = 0;
    bool acked = false;
};

// What one candidate did in one round (written by its thread, read after join).
struct round_log {
    json paper;                                  // as resumed at the start of the round
    std::map<int, std::vector<send_record>> sent;  // n -> its answers in the order sent
    int acks = 0;
    std::string stopped;  // why the round ended for it (the kill, normally)
};

// Connects, resumes (`start`), then keeps `window` answers in flight until the
// connection breaks (the kill) or the round's caps are reached (max_sends 0:
// only resumes).
void answer_until_killed(int port, const candidate& c, const session_ref& s, int who, int round, int max_sends,
                         round_log& out, std::atomic<int>& acks) {
    try {
        ws_client ws;
        if (ws.connect(port, ws_target(s.id, c.token)) != 101) {
            out.stopped = "upgrade refused: " + ws.refusal_body();
            return;
        }
        ws.send_json({{"type", "start"}});
        out.paper = ws.read_until_type("paper", 15s);
        std::map<std::string, std::pair<int, std::size_t>> pending;  // seq -> (n, index in sent[n])
        const auto stop_at = clock_type::now() + round_cap;
        int sends = 0;
        while (clock_type::now() < stop_at) {
            while (static_cast<int>(pending.size()) < window && sends < max_sends) {
                const int n = 1 + (sends * 7 + who) % questions;
                const int options = static_cast<int>(paper_question(out.paper, n)["options"].size());
                const int choice = (sends / questions + who + round) % options;
                const std::string seq = "c" + std::to_string(who) + "-r" + std::to_string(round) + "-" +
                                        std::to_string(sends);
                ws.send_json({{"type", "answer"}, {"n", n}, {"choice", json::array({choice})}, {"seq", seq}});
                out.sent[n].push_back({choice, false});
                pending[seq] = {n, out.sent[n].size() - 1};
                ++sends;
            }
            if (pending.empty()) break;
            json m = ws.read_until_type("saved", 10s);
            auto it2 = pending.find(m.value("seq", ""));
            if (it2 == pending.end()) {
                out.stopped = "an ack for no answer in flight: " + m.dump();
                return;
            }
            out.sent[it2->second.first][it2->second.second].acked = true;
            pending.erase(it2);
            ++out.acks;
            ++acks;
        }
        out.stopped = "caps reached";
    } catch (const std::exception& e) {
        out.stopped = e.what();
    }
}

// The answers a paper says are saved: n -> choice.
std::map<int, int> saved_answers(const json& paper) {
    std::map<int, int> out;
    if (!paper.contains("answers") || !paper["answers"].is_object()) return out;
    for (auto it2 = paper["answers"].begin(); it2 != paper["answers"].end(); ++it2)
        if (it2.value().is_array() && it2.value().size() == 1) out[std::stoi(it2.key())] = it2.value()[0].get<int>();
    return out;
}

}  // namespace

TEST_CASE("Durability: SIGKILL under load five times loses no acknowledged answer and keeps the audit chain",
          "[security][durability][slow]") {
    const auto seed = std::random_device{}();
    INFO("random seed " << seed);
    std::mt19937 rng(seed);

    server_process srv;
    {
        const std::string admin = admin_token(srv.port());
        create_programme(srv.port(), admin, make_programme("DURABLE-30", questions, 90, "above", 2, {"ru"}));
        import_questions(srv.port(), admin, "DURABLE-30", make_questions("D", "ru", questions));
    }
    std::vector<candidate> people;
    std::vector<session_ref> sessions;
    {
        const std::string admin = admin_token(srv.port());
        for (int k = 0; k < candidates; ++k) {
            people.push_back(create_candidate(srv.port(), admin, "durable" + std::to_string(k)));
            sessions.push_back(create_session(srv.port(), admin, people.back().id, "DURABLE-30"));
        }
    }

    // What each candidate's answers are known to be: for each n the sends since
    // the last state known to be saved (the first entry, acked, when there is one).
    std::vector<std::map<int, std::vector<send_record>>> known(candidates);
    std::vector<json> first_paper(candidates);
    long total_acks = 0, lost = 0;

    // Rounds 0..kills-1 end with a kill; round `kills` only resumes and checks.
    for (int round = 0; round <= kills; ++round) {
        INFO("round " << round);
        std::vector<round_log> logs(candidates);
        std::vector<std::atomic<int>> acks(candidates);
        std::vector<std::thread> threads;
        for (int k = 0; k < candidates; ++k)
            threads.emplace_back(answer_until_killed, srv.port(), std::cref(people[k]), std::cref(sessions[k]), k, round,
                                 round < kills ? max_sends_per_round : 0, std::ref(logs[k]), std::ref(acks[k]));

        if (round < kills) {
            // Under load: every candidate has had an answer acknowledged (bounded
            // wait), then the kill comes at a random moment.
            const auto deadline = clock_type::now() + 20s;
            auto all_acked = [&] {
                for (const auto& a : acks)
                    if (a.load() == 0) return false;
                return true;
            };
            while (!all_acked() && clock_type::now() < deadline) std::this_thread::sleep_for(10ms);
            std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(0, 700)(rng)));
            srv.kill(SIGKILL);
            const auto st = srv.wait_exit(10s);
            INFO("server " << st.describe());
            REQUIRE(st.signal == SIGKILL);
            for (auto& t : threads) t.join();
            for (int k = 0; k < candidates; ++k) {
                INFO("candidate " << k << " stopped: " << logs[k].stopped);
                CHECK(logs[k].acks > 0);
            }
        } else {
            for (auto& t : threads) t.join();
        }

        // The paper each candidate resumed with holds what was acknowledged before.
        for (int k = 0; k < candidates; ++k) {
            INFO("candidate " << k);
            const json& paper = logs[k].paper;
            REQUIRE(paper.contains("questions"));
            if (round == 0) first_paper[k] = paper["questions"];
            CHECK(paper["questions"] == first_paper[k]);
            const auto saved = saved_answers(paper);
            for (const auto& [n, sends] : known[k]) {
                // The saved value is the last acknowledged one or one sent after it
                // (saved, but the kill came before its ack).
                std::size_t from = 0;
                bool any_acked = false;
                for (std::size_t j = 0; j < sends.size(); ++j) {
                    if (sends[j].acked) {
                        from = j;
                        any_acked = true;
                    }
                }
                auto it2 = saved.find(n);
                bool ok = !any_acked;
                if (it2 != saved.end()) {
                    ok = false;
                    for (std::size_t j = from; j < sends.size(); ++j) ok = ok || sends[j].choice == it2->second;
                }
                if (!ok) {
                    ++lost;
                    UNSCOPED_INFO("question " << n << " saved " << (it2 == saved.end() ? -1 : it2->second));
                }
            }
            // From here on, the resumed answers are what is known to be saved.
            known[k].clear();
            for (const auto& [n, choice] : saved) known[k][n].push_back({choice, true});
            for (const auto& [n, sends] : logs[k].sent)
                for (const auto& s : sends) known[k][n].push_back(s);
            total_acks += logs[k].acks;
        }
        CHECK(lost == 0);
        if (round < kills) srv.restart();
    }
    WARN("seed " << seed << ": " << total_acks << " answers acknowledged over " << kills << " kills, " << lost
                 << " lost");
    CHECK(total_acks >= kills * candidates);
    CHECK(lost == 0);

    // The audit log's hash chains after all of it, the server stopped hard once more.
    srv.kill(SIGKILL);
    srv.wait_exit(10s);
    const auto verify = run_command({TANU_BIN, "audit", "verify", "--data", srv.data_dir()}, "", 60s);
    INFO("tanu audit verify: " << verify.status.describe() << "\n" << verify.output);
    CHECK(verify.status.exited);
    CHECK(verify.status.code == 0);
}
