#include "server/recognition/owner.hpp"

#include <algorithm>

#include "exam/recognition/procedure.hpp"
#include "exam/recognition/scheduling.hpp"
#include "server/calendar/store.hpp"
#include "server/exam/store_schedule.hpp"
#include "server/platform/domain_error.hpp"
#include "server/recognition/briefing.hpp"
#include "server/recognition/store_commissions.hpp"
#include "server/recognition/commissions.hpp"
#include "server/recognition/store.hpp"

namespace tanu::server::recognition {

namespace {

class recognition_owner final : public sitting_owner {
public:
    explicit recognition_owner(logger& log) : log_(log) {}

    void theory_ended(db& d, const sitting_row& s, std::int64_t now_ms) const override {
        // p.17, Appendix 2 level 4: the procedure is completed on its last stage's day (the
        // practical stage's slot where there is one); the protocol is due 2 working days after it.
        const auto theory_day = exam::kz_local_date(now_ms);
        std::optional<exam::date> practical_day;
        if (auto slot = store::slot_of(d, s.id, "practical")) practical_day = exam::parse_iso_date(slot->day);
        const auto day = exam::completion_date(theory_day, practical_day);
        procedure_dates dates{exam::to_iso(day), ""};
        try {
            dates.protocol_due = exam::to_iso(exam::protocol_due(store::load_calendar(d), day));
        } catch (const exam::calendar_missing& e) {
            log_.warn("recognition", "session " + std::to_string(s.id) + ": no protocol deadline: " + e.what());
        }
        store::set_procedure_dates(d, s.id, dates);
        // W4: the commission the timetable named (p.6), else the exam commission active on the theory's day
        if (auto slot = store::slot_of(d, s.id, "theory"); slot && slot->commission)
            store::fix_sitting_commission(d, s.id, *slot->commission);
        else
            fix_commission_at_theory_end(d, s, theory_day);
    }

    void check_commission(db& d, std::int64_t id, const exam::programme& p) const override {
        for (const auto& c : store::commissions(d, "exam", p.code, 1000))
            if (c.id == id && !c.closed_ms) return;
        throw domain_error(error_kind::unprocessable, "commission_invalid",
                           "commission " + std::to_string(id) + " is not an exam commission in office serving " + p.code +
                               " (p.9)");
    }

    void violation_logged(db& d, std::int64_t sitting, std::int64_t event, std::int64_t now_ms) const override {
        store::insert_act(d, sitting, event, now_ms);  // p.14: the commission reviews it
    }

    // W6, seed 002 p.8, p.12: the acknowledgements, and the journal entry of the safety briefing offline
    std::optional<start_block> before_start(db& d, const sitting_row& s) const override {
        return recognition::start_block(d, s);
    }

    owned_outcome outcome(db& d, const sitting_row& s) const override {
        const auto o = store::outcome_of(d, s.id);
        return {o.decided, o.passed};
    }

    std::optional<exam::reader> reader(db& d, const principal& who, const sitting_row& s) const override {
        if (!who.is(role::appeal)) return std::nullopt;
        for (const auto& a : store::appeals_of_sitting(d, s.id))
            if (std::find(a.members.begin(), a.members.end(), who.user) != a.members.end())
                return exam::reader::appeal_member;
        return std::nullopt;
    }

private:
    logger& log_;
};

}  // namespace

std::shared_ptr<const sitting_owner> make_sitting_owner(logger& log) { return std::make_shared<recognition_owner>(log); }

}  // namespace tanu::server::recognition
