#include "server/recognition/owner.hpp"

#include <algorithm>

#include "exam/recognition/procedure.hpp"
#include "server/calendar/store.hpp"
#include "server/recognition/commissions.hpp"
#include "server/recognition/store.hpp"

namespace tanu::server::recognition {

namespace {

class recognition_owner final : public sitting_owner {
public:
    explicit recognition_owner(logger& log) : log_(log) {}

    void theory_ended(db& d, const sitting_row& s, std::int64_t now_ms) const override {
        // The procedure's date, and the protocol due 2 working days after it (p.17).
        const auto day = exam::kz_local_date(now_ms);
        procedure_dates dates{exam::to_iso(day), ""};
        try {
            dates.protocol_due = exam::to_iso(exam::protocol_due(store::load_calendar(d), day));
        } catch (const exam::calendar_missing& e) {
            log_.warn("recognition", "session " + std::to_string(s.id) + ": no protocol deadline: " + e.what());
        }
        store::set_procedure_dates(d, s.id, dates);
        fix_commission_at_theory_end(d, s, day);  // W4: the exam commission active on the theory's day
    }

    void violation_logged(db& d, std::int64_t sitting, std::int64_t event, std::int64_t now_ms) const override {
        store::insert_act(d, sitting, event, now_ms);  // p.14: the commission reviews it
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
