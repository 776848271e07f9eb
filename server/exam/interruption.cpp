#include "server/exam/interruption.hpp"

#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

#include "server/audit/audit.hpp"
#include "server/exam/store.hpp"

namespace tanu::server {

namespace {

void technical_event(db& d, std::int64_t sitting, std::int64_t now_ms, const char* kind, const std::string& detail,
                     nlohmann::json args) {
    args["technical"] = true;  // audit::technical_event_ids: the evidence of a p.11 act
    audit::append_event(d, {sitting, now_ms, kind, detail, false, 0, "", "", args.dump()});
}

double seconds(std::int64_t ms) { return static_cast<double>(ms / 100) / 10.0; }

std::string s_text(std::int64_t ms) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f s", seconds(ms));
    return buf;
}

}  // namespace

exam::interruption_policy interruption_policy_of(const scheduling_config& c) {
    return {std::int64_t{c.connection_limit_s} * 1000, std::int64_t{c.connection_credit_s} * 1000};
}

bool note_away(db& d, std::int64_t sitting, std::int64_t now_ms) {
    if (!store::mark_disconnected(d, sitting, now_ms)) return false;
    technical_event(d, sitting, now_ms, "connection_lost", "the exam page's last connection closed", {});
    return true;
}

return_outcome note_return(db& d, std::int64_t sitting, std::int64_t now_ms, const exam::interruption_policy& p) {
    return_outcome out;
    auto s = store::find_sitting(d, sitting);
    if (!s || s->status != "in_progress" || !s->disconnected_ms) return out;
    out.was_away = true;
    out.away_ms = now_ms - *s->disconnected_ms;
    const auto v = exam::judge_interruption(out.away_ms, s->credited_ms, p);
    if (v.failure) {
        out.ended = true;
        return out;
    }
    out.credit_ms = v.credit_ms;
    store::mark_returned(d, sitting, v.credit_ms);
    technical_event(d, sitting, now_ms, "connection_restored",
                    "back after " + s_text(out.away_ms) + ", " + s_text(v.credit_ms) + " given back",
                    {{"away_s", seconds(out.away_ms)}, {"credit_s", seconds(v.credit_ms)}});
    return out;
}

void note_away_too_long(db& d, std::int64_t sitting, std::int64_t now_ms, const exam::interruption_policy& p) {
    auto s = store::find_sitting(d, sitting);
    if (!s || s->status != "in_progress" || !s->disconnected_ms) return;
    const auto away = now_ms - *s->disconnected_ms;
    technical_event(d, sitting, now_ms, "connection_lost_limit",
                    "away " + s_text(away) + ", beyond the limit of " + s_text(p.limit_ms) +
                        ": the attempt ends for the commission's p.11 act",
                    {{"away_s", seconds(away)}, {"limit_s", seconds(p.limit_ms)}});
}

}  // namespace tanu::server
