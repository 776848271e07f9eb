// Costs of the steps after the theory stage that run on the server's threads:
// loading the working-day calendar (done by the writer when a sitting ends, to
// store its protocol deadline), computing a deadline, appending to a sitting's
// hash-chained event log, rendering a document as HTML and as PDF.
//
//   build/tests/bench/procedure_costs [iterations=200]
//
// Uses a fresh SQLite file under /tmp with every migration applied. Prints one
// line per step: mean and p99 wall time in ms on one thread.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "exam/recognition/procedure.hpp"
#include "server/audit/audit.hpp"
#include "server/calendar/store.hpp"
#include "server/db/migrator.hpp"
#include "server/db/sqlite.hpp"
#include "server/recognition/document_render.hpp"
#include "server/recognition/store.hpp"

using namespace tanu;

namespace {

template <class F>
void measure(const char* what, int n, F&& f) {
    std::vector<double> ms;
    for (int i = 0; i < n; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        f(i);
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    std::sort(ms.begin(), ms.end());
    double sum = 0;
    for (double x : ms) sum += x;
    std::printf("%-44s n=%-5d mean %.3f ms  p99 %.3f ms\n", what, n, sum / n,
                ms[std::min(ms.size() - 1, static_cast<std::size_t>(0.99 * static_cast<double>(ms.size())))]);
}

}  // namespace

int main(int argc, char** argv) {
    const int n = argc > 1 ? std::max(1, std::atoi(argv[1])) : 200;
    const auto dir = std::filesystem::temp_directory_path() / ("tanu-procedure-costs-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    {
        server::db d(dir / "tanu.db");
        server::migrate(d, server::embedded_migrations());
        d.exec("INSERT INTO programmes(code, body, created_ms) VALUES ('P', '{}', 0)");
        d.exec("INSERT INTO users(login, role, password_hash, created_ms) VALUES ('c', 'candidate', 'x', 0)");
        d.exec("INSERT INTO people(iin, full_name, birth_date, created_ms) VALUES ('061211600012', 'A', '2006-12-11', 0)");
        d.exec("INSERT INTO candidates(user_id, person, created_ms) VALUES (1, 1, 0)");
        d.exec("INSERT INTO sittings(candidate, programme, lang, mode, attempt, status, created_ms) "
               "VALUES (1, 'P', 'ru', 'online', 1, 'finished', 0)");

        exam::work_calendar cal;
        measure("load_calendar (3 years from SQLite)", n, [&](int) { cal = server::store::load_calendar(d); });
        measure("protocol_due + appeal_until", n, [&](int i) {
            const exam::date day{2026, 1 + i % 12, 1 + i % 28};
            (void)exam::protocol_due(cal, day);
            (void)exam::appeal_until(cal, day);
        });
        server::transaction tx(d);
        measure("append_event (hash chain, in a transaction)", n, [&](int i) {
            server::audit::append_event(d, {1, i, "focus_lost", "tab switch", false, 0, "", "", ""});
        });
        tx.commit();
        server::audit::report rep;
        measure("audit verify (whole log)", 5, [&](int) { rep = server::audit::verify(d); });
        std::printf("  (%lld events verified, %zu breaks)\n", static_cast<long long>(rep.events), rep.breaks.size());
    }
    server::document_view v;
    v.code = "43221-71260001-4-200326-0007-00000001";
    v.centre_name = "«Біліктілік» тану орталығы";
    v.centre_number = 7;
    v.centre_head = "Серік Әбенов";
    v.holder = "Әлия Қасымқызы Нұрланова";
    v.holder_iin = "061211600012";
    v.profession = "Сантехник";
    v.programme_code = "PLUMBER-4";
    v.nqf_level = 4;
    v.issued = "2026-03-20";
    v.valid_until = "2031-03-20";
    v.procedure_date = "2026-03-20";
    v.status = "valid";
    v.verify_url = "https://tanu.example.kz/verify.html?code=" + v.code;
    std::size_t bytes = 0;
    measure("render_document_html", n, [&](int) { bytes = server::render_document_html(v).size(); });
    std::printf("  (%zu bytes)\n", bytes);
    measure("render_document_pdf", std::max(1, n / 4), [&](int) { bytes = server::render_document_pdf(v).size(); });
    std::printf("  (%zu bytes)\n", bytes);
    std::filesystem::remove_all(dir);
    return 0;
}
