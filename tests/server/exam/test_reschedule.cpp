// Scheduling with slots and the reschedules that use no attempt (issue 11, W2
// and W3; seed 002 p.6, p.7, p.11) in-process, on a migrated temporary SQLite
// file with the shipped 2026-2027 calendar: the p.6 gap on real dates (a
// notice on Friday 20 March 2026, across Nauryz), the start window, the sick
// leave from report to new date, the technical-failure act, cancel, no-show.
#include <catch2/catch.hpp>

#include "server/accounts/store.hpp"
#include "server/db/migrator.hpp"
#include "server/db/sqlite.hpp"
#include "server/exam/reschedule.hpp"
#include "server/exam/schedule.hpp"
#include "server/exam/schedule_view.hpp"
#include "server/exam/store.hpp"
#include "server/exam/store_schedule.hpp"
#include "server/outbox/store.hpp"
#include "server/people/store.hpp"
#include "server/platform/domain_error.hpp"
#include "server/platform/json_map.hpp"
#include "server/programmes/store.hpp"
#include "server/recognition/owner.hpp"
#include "server/recognition/store.hpp"
#include "tests/server/temp_dir.hpp"

using namespace tanu::server;
namespace exam = tanu::exam;

namespace {

// Friday 20 March 2026, 09:00 Almaty (UTC+5): the day the notice goes.
constexpr std::int64_t friday_ms = 1773979200000;
constexpr std::int64_t minute = 60'000;

struct fixture {
    tanu_test::temp_dir dir{"tanu-reschedule-"};
    db d{dir.path / "t.db"};
    std::int64_t candidate = 0, staff = 0;
    logger log;
    sitting_owners owners;
    centre_config centre;
    scheduling_config cfg;

    fixture() {
        migrate(d, embedded_migrations());
        owners.add(recognition::kind, recognition::make_sitting_owner(log));
        for (const char* code : {"WELD-3", "WELD-LAW"}) {
            exam::programme p;
            p.code = code;
            p.profession = "Сварщик";
            p.oked = "25110";
            p.nqf_level = 3;
            p.languages = {"kk", "ru"};
            p.theory.questions = 3;
            if (std::string(code) == "WELD-LAW") p.regime = exam::legal_regime::recognition_002;
            store::insert_programme(d, p, to_json(p).dump(), friday_ms);
            for (int i = 1; i <= 3; ++i) {
                exam::question q;
                q.id = "q" + std::to_string(i);
                q.lang = "ru";
                q.topic = "safety";
                q.text = "Вопрос " + std::to_string(i);
                q.options = {"да", "нет"};
                q.correct = {0};
                store::upsert_question(d, code, q, friday_ms);
            }
        }
        staff = store::insert_user(d, "registrar", "registrar", "x", friday_ms);
        const auto user = store::insert_user(d, "aigerim", "candidate", "x", friday_ms);
        candidate_row c;
        c.iin = "900101300016";
        c.full_name = "Айгерим Серикова";
        c.birth_date = "1990-01-01";
        c.email = "aigerim@example.kz";
        candidate = store::insert_candidate(d, user, c, friday_ms);
        centre.public_url = "https://centre.example.kz";
    }

    json slot(const std::string& day, const std::string& starts = "10:00", const std::string& ends = "11:30") const {
        return {{"day", day}, {"starts", starts}, {"ends", ends}, {"place", ""}};
    }
    timetable on(const std::string& day) const {
        return *parse_timetable({{"theory", slot(day)}}, "online", centre.public_url + "/");
    }
    sitting_request ask(const std::string& day, const std::string& programme = "WELD-3") const {
        sitting_request in;
        in.candidate = candidate;
        in.programme = programme;
        in.lang = "ru";
        in.by = staff;
        if (!day.empty()) in.slots = on(day);
        return in;
    }
    schedule_settings settings(exam::gap_rule rule = exam::gap_rule::strict) const { return {rule, &centre}; }
    sitting_row sitting(std::int64_t id) { return *store::find_sitting(d, id); }
};

template <class F>
domain_error refusal_of(F&& f) {
    try {
        f();
    } catch (const domain_error& e) {
        return e;
    }
    FAIL("no refusal");
    return {error_kind::internal, "", ""};
}

}  // namespace

TEST_CASE("p.6: a notice on Friday 20 March 2026 allows the first stage from 9 April (strict) or 8 April", "[exam][reschedule]") {
    fixture f;
    // Nauryz 21-23 March and the moved day off fall inside the ten working days
    auto early = refusal_of([&] { schedule_sitting(f.d, f.owners, f.ask("2026-04-08"), friday_ms, f.settings()); });
    CHECK(early.code == "gap_too_short");
    CHECK(std::string(early.what()).find("2026-04-09") != std::string::npos);
    CHECK(store::sittings_of(f.d, f.candidate).empty());  // nothing written

    auto made = schedule_sitting(f.d, f.owners, f.ask("2026-04-09"), friday_ms, f.settings());
    REQUIRE(made.notice);
    auto slot = store::slot_of(f.d, made.id, "theory");
    REQUIRE(slot);
    CHECK(slot->day == "2026-04-09");
    CHECK(slot->link == "https://centre.example.kz/");  // an online stage is held on the exam page
    // 10:00 local is 05:00 UTC
    CHECK(slot->starts_ms == 1775710800000);
    // the notice says the date, the time and the place, in the sitting's language
    const auto notices = store::notices_of(f.d, f.candidate);
    REQUIRE(notices.size() == 1);
    CHECK(notices[0].kind == "schedule");
    CHECK(notices[0].recipient == "aigerim@example.kz");
    CHECK(notices[0].body.find("09.04.2026, 10:00–11:30") != std::string::npos);
    CHECK(notices[0].body.find("пункт 7") != std::string::npos);
}

TEST_CASE("p.6 inclusive reading: the stage may be on the tenth working day after the notice", "[exam][reschedule]") {
    fixture f;
    auto made = schedule_sitting(f.d, f.owners, f.ask("2026-04-08"), friday_ms, f.settings(exam::gap_rule::inclusive));
    CHECK(made.attempt == 1);
}

TEST_CASE("a slot on a day off, an offline stage without a place, a bad time: refused, nothing written", "[exam][reschedule]") {
    fixture f;
    auto nauryz = refusal_of([&] { schedule_sitting(f.d, f.owners, f.ask("2026-03-23"), friday_ms, f.settings()); });
    CHECK(nauryz.code == "not_working_day");
    auto saturday = refusal_of([&] { schedule_sitting(f.d, f.owners, f.ask("2026-04-11"), friday_ms, f.settings()); });
    CHECK(saturday.code == "not_working_day");
    CHECK(refusal_of([&] { parse_timetable({{"theory", f.slot("2026-04-09")}}, "offline", ""); }).code == "place_required");
    CHECK(refusal_of([&] { parse_timetable({{"theory", f.slot("2026-04-09", "11:00", "10:00")}}, "online", ""); }).code ==
          "bad_slot");
    CHECK(refusal_of([&] { parse_timetable({{"theory", f.slot("2026-04-31")}}, "online", ""); }).code == "bad_slot");
    CHECK(refusal_of([&] { parse_timetable({{"theory", f.slot("2026-04-09", "25:00")}}, "online", ""); }).code == "bad_slot");
    // a programme with no practical stage takes no practical slot
    sitting_request in = f.ask("2026-04-09");
    in.slots->practical = f.on("2026-04-10").theory;
    in.slots->practical->stage = "practical";
    CHECK(refusal_of([&] { schedule_sitting(f.d, f.owners, in, friday_ms, f.settings()); }).code ==
          "practical_not_in_programme");
    // a programme under seed 002 needs its slot (p.6)
    CHECK(refusal_of([&] { schedule_sitting(f.d, f.owners, f.ask("", "WELD-LAW"), friday_ms, f.settings()); }).code ==
          "slot_required");
    CHECK(store::sittings_of(f.d, f.candidate).empty());
}

TEST_CASE("the start window: not yet, open, then missed and a no-show that uses no attempt", "[exam][reschedule]") {
    fixture f;
    const auto made = schedule_sitting(f.d, f.owners, f.ask("2026-04-09"), friday_ms, f.settings());
    const auto start = store::slot_of(f.d, made.id, "theory")->starts_ms;
    auto s = f.sitting(made.id);
    auto before = refuse_start(f.d, s, f.cfg, start - 31 * minute);
    REQUIRE(before);
    CHECK(before->code == "not_yet");
    CHECK(before->opens_ms == start - 30 * minute);
    CHECK_FALSE(refuse_start(f.d, s, f.cfg, start - 30 * minute));
    CHECK_FALSE(refuse_start(f.d, s, f.cfg, start + 30 * minute));
    auto after = refuse_start(f.d, s, f.cfg, start + 31 * minute);
    REQUIRE(after);
    CHECK(after->code == "missed");
    CHECK(after->missed);
    // the sweep records it (not left open forever)
    CHECK(mark_no_shows(f.d, start + 29 * minute, 30 * minute).empty());
    CHECK(mark_no_shows(f.d, start + 31 * minute, 30 * minute) == std::vector<std::int64_t>{made.id});
    s = f.sitting(made.id);
    CHECK(s.status == "no_show");
    CHECK(s.closed_reason == "missed");
    // a no-show is no attempt: the next sitting is attempt 1 again, with the full p.6 gap
    const auto later = friday_ms + 20LL * 24 * 60 * minute;  // Thursday 9 April
    auto gap = refusal_of([&] { reschedule_sitting(f.d, f.owners, made.id, f.on("2026-04-10"), f.staff, later, f.settings()); });
    CHECK(gap.code == "gap_too_short");
    const auto next = reschedule_sitting(f.d, f.owners, made.id, f.on("2026-04-24"), f.staff, later, f.settings());
    CHECK(next.attempt == 1);
    CHECK(f.sitting(next.id).reschedule_reason == "none");
    CHECK(f.sitting(next.id).replaces == made.id);
}

TEST_CASE("p.7: sick leave reported, proved by the sheet, accepted: voided, a new date without the gap, no attempt", "[exam][reschedule]") {
    fixture f;
    const auto made = schedule_sitting(f.d, f.owners, f.ask("2026-04-09"), friday_ms, f.settings());
    const auto day_before = friday_ms + 19LL * 24 * 60 * minute;  // Wednesday 8 April
    sick_report rep;
    rep.period_from = "2026-04-08";
    rep.period_to = "2026-04-14";
    rep.by = f.staff;
    rep.channel = "phone";
    auto k = report_sick_leave(f.d, made.id, rep, day_before);
    CHECK(k.status == "reported");
    CHECK(refusal_of([&] { report_sick_leave(f.d, made.id, rep, day_before); }).code == "sick_leave_open");
    // while reported, the start is refused and the sweep leaves it alone
    auto s = f.sitting(made.id);
    const auto start = store::slot_of(f.d, made.id, "theory")->starts_ms;
    CHECK(refuse_start(f.d, s, f.cfg, start)->code == "sick_reported");
    CHECK(mark_no_shows(f.d, start + 3 * 60 * minute, 30 * minute).empty());
    // the proof comes first
    CHECK(refusal_of([&] { decide_sick_leave(f.d, made.id, true, "", f.staff, day_before); }).code == "sheet_missing");
    sick_sheet sheet{"ЛН-000123", "ГП №5 г. Астана", "2026-04-08", "2026-04-14", std::string(64, 'a'), "application/pdf",
                     1200, "sick_leaves/1/aaa", f.staff};
    k = attach_sick_sheet(f.d, made.id, sheet, day_before);
    CHECK(k.status == "proved");
    CHECK(k.sheet_number == "ЛН-000123");
    // its term: 5 working days after the sheet's last day (Tue 14 April 2026 → Tue 21 April)
    json view;
    add_schedule_json(f.d, f.sitting(made.id), f.cfg, view);
    CHECK(view["sick_leave"]["proof_due"] == "2026-04-21");
    s = decide_sick_leave(f.d, made.id, true, "лист проверен", f.staff, day_before);
    CHECK(s.status == "voided");
    CHECK(s.closed_reason == "sick_leave");
    // p.6 "except the cases of p.7": the new date may be the next working day after its notice
    const auto next = reschedule_sitting(f.d, f.owners, made.id, f.on("2026-04-16"), f.staff, friday_ms + 26LL * 24 * 60 * minute,
                                         f.settings());  // notice on Wednesday 15 April
    CHECK(next.attempt == 1);
    CHECK(f.sitting(next.id).reschedule_reason == "sick_leave");
    CHECK(refusal_of([&] { reschedule_sitting(f.d, f.owners, made.id, f.on("2026-04-17"), f.staff, friday_ms, f.settings()); })
              .code == "already_rescheduled");
    const auto notices = store::notices_of(f.d, f.candidate);
    REQUIRE(notices.size() == 2);
    CHECK(notices[1].kind == "new_date");
    CHECK(notices[1].body.find("пункт 7") != std::string::npos);
    CHECK(notices[1].body.find("16.04.2026") != std::string::npos);
}

TEST_CASE("a rejected sick leave needs a note and leaves the sitting as it was", "[exam][reschedule]") {
    fixture f;
    const auto made = schedule_sitting(f.d, f.owners, f.ask("2026-04-09"), friday_ms, f.settings());
    sick_report rep;
    rep.period_from = "2026-04-08";
    rep.by = f.staff;
    report_sick_leave(f.d, made.id, rep, friday_ms);
    CHECK(refusal_of([&] { decide_sick_leave(f.d, made.id, false, "", f.staff, friday_ms); }).code == "field_invalid");
    auto s = decide_sick_leave(f.d, made.id, false, "лист не представлен", f.staff, friday_ms);
    CHECK(s.status == "scheduled");
    CHECK(store::sick_leave_of(f.d, made.id)->status == "rejected");
    CHECK_FALSE(refuse_start(f.d, s, f.cfg, store::slot_of(f.d, made.id, "theory")->starts_ms));
    // a period that ends before it begins is refused
    rep.period_from = "2026-03-19";
    rep.period_to = "2026-03-18";
    CHECK(refusal_of([&] { report_sick_leave(f.d, made.id, rep, friday_ms); }).code == "field_invalid");
}

TEST_CASE("p.11: a technical failure in progress voids the attempt, keeps its answers, and the next is attempt 1", "[exam][reschedule]") {
    fixture f;
    const auto made = schedule_sitting(f.d, f.owners, f.ask("2026-04-09"), friday_ms, f.settings());
    const auto start = store::slot_of(f.d, made.id, "theory")->starts_ms;
    REQUIRE(store::begin_sitting(f.d, made.id, start, start + 90 * minute));
    REQUIRE(store::save_answer(f.d, made.id, 1, {0}, "c-1", start + minute));
    CHECK(refusal_of([&] { cancel_sitting(f.d, made.id, "ошибка", f.staff, start, &f.centre); }).code == "not_cancellable");
    CHECK(refusal_of([&] { record_technical_failure(f.d, f.owners, made.id, "solar_flare", "x", f.staff, start); }).code ==
          "field_invalid");
    auto act = record_technical_failure(f.d, f.owners, made.id, "connection_lost", "связь прервалась на 12 минут",
                                        f.staff, start + 20 * minute);
    CHECK(act.id > 0);
    auto s = f.sitting(made.id);
    CHECK(s.status == "voided");
    CHECK(s.closed_reason == "technical_failure");
    CHECK(store::answered_count(f.d, made.id) == 1);  // kept for the audit, not scored
    CHECK_FALSE(store::save_answer(f.d, made.id, 2, {0}, "c-2", start + 21 * minute));
    CHECK(refusal_of([&] { record_technical_failure(f.d, f.owners, made.id, "other", "x", f.staff, start); }).code ==
          "not_voidable");
    const auto next = reschedule_sitting(f.d, f.owners, made.id, f.on("2026-04-10"), f.staff, start + 60 * minute, f.settings());
    CHECK(next.attempt == 1);
    CHECK(f.sitting(next.id).reschedule_reason == "technical_failure");
}

TEST_CASE("a technical failure after the commission's decision is refused: the appeal is the remedy", "[exam][reschedule]") {
    fixture f;
    const auto made = schedule_sitting(f.d, f.owners, f.ask("2026-04-09"), friday_ms, f.settings());
    REQUIRE(store::begin_sitting(f.d, made.id, friday_ms, friday_ms + 90 * minute));
    REQUIRE(store::end_sitting(f.d, made.id, "finished", "finished", friday_ms + minute, 1, 3, false));
    protocol_row p;
    p.sitting = made.id;
    p.decision = "not_passed";
    p.reasons = "[]";
    p.created_ms = friday_ms + 2 * minute;
    p.created_by = f.staff;
    protocol_binding b;
    b.bound_ms = friday_ms + 2 * minute;
    b.signed_date = "2026-03-20";
    store::bind_protocol(f.d, store::insert_protocol(f.d, p), b);
    CHECK(refusal_of([&] { record_technical_failure(f.d, f.owners, made.id, "server_failure", "x", f.staff, friday_ms); })
              .code == "already_decided");
}

TEST_CASE("cancel: only a sitting not yet started, with its reason, it uses no attempt and the candidate is told", "[exam][reschedule]") {
    fixture f;
    const auto made = schedule_sitting(f.d, f.owners, f.ask("2026-04-09"), friday_ms, f.settings());
    CHECK(refusal_of([&] { cancel_sitting(f.d, made.id, "", f.staff, friday_ms, &f.centre); }).code == "field_invalid");
    auto s = cancel_sitting(f.d, made.id, "аудитория недоступна", f.staff, friday_ms, &f.centre);
    CHECK(s.status == "cancelled");
    CHECK(s.closed_note == "аудитория недоступна");
    const auto notices = store::notices_of(f.d, f.candidate);
    REQUIRE(notices.size() == 2);
    CHECK(notices[1].kind == "sitting_cancelled");
    CHECK(notices[1].body.find("09.04.2026") != std::string::npos);
    // the candidate may be scheduled anew: attempt 1
    CHECK(schedule_sitting(f.d, f.owners, f.ask("2026-04-10"), friday_ms, f.settings()).attempt == 1);
}
