#include "server/exam/schedule_routes.hpp"

#include "exam/recognition/scheduling.hpp"
#include "server/calendar/calendar.hpp"
#include "server/calendar/store.hpp"
#include "server/exam/exam_service.hpp"
#include "server/exam/reschedule.hpp"
#include "server/exam/schedule_view.hpp"
#include "server/exam/sitting_hub.hpp"
#include "server/http/router.hpp"
#include "server/platform/domain_error.hpp"
#include "server/platform/kept_files.hpp"
#include "server/platform/module.hpp"

namespace tanu::server {

namespace {

// A sick-leave sheet: a scan or a PDF (as an application's attachment).
constexpr std::size_t max_sheet_bytes = 10 * 1024 * 1024;


class schedule_module final : public module {
public:
    schedule_module(platform& p, exam_service& exams, sitting_hub& hub) : p_(p), exams_(exams), hub_(hub) {}

    void routes(router& r) override {
        using R = role;
        const auto staff = access::only({R::admin, R::registrar, R::commission, R::head});
        const auto clerks = access::only({R::admin, R::registrar});
        const auto reporters = access::only({R::candidate, R::admin, R::registrar});
        r.get("/api/sessions/earliest-day", staff, member(this, &schedule_module::earliest_day));
        r.post("/api/sessions/{id}/cancel", clerks, member(this, &schedule_module::cancel));
        r.post("/api/sessions/{id}/sick-leave", reporters, member(this, &schedule_module::report_sick));
        r.post("/api/sessions/{id}/sick-leave/sheet", reporters, member(this, &schedule_module::upload_sheet),
               {.body_limit = max_sheet_bytes});
        r.get("/api/sessions/{id}/sick-leave/sheet", access::only({R::candidate, R::admin, R::registrar, R::commission, R::head}),
              member(this, &schedule_module::sheet));
        r.post("/api/sessions/{id}/sick-leave/decision", clerks, member(this, &schedule_module::decide_sick));
        r.post("/api/sessions/{id}/technical-failure", access::only({R::admin, R::commission}),
               member(this, &schedule_module::technical_failure));
        r.post("/api/sessions/{id}/reschedule", clerks, member(this, &schedule_module::reschedule));
    }

private:
    schedule_settings settings() const {
        return schedule_settings_of(p_.cfg);
    }

    json session(db& d, std::int64_t id) {
        auto s = store::find_sitting(d, id);
        if (!s) throw not_found("no such session");
        json out = {{"id", s->id}, {"candidate", s->candidate}, {"programme", s->programme}, {"status", s->status},
                    {"attempt", s->attempt}, {"lang", s->lang}, {"mode", s->mode}};
        add_schedule_json(d, *s, p_.cfg.scheduling, out);
        return out;
    }

    // The candidate acts on his own sittings only; staff on any.
    void must_own(db& d, const principal& who, std::int64_t id) {
        auto s = store::find_sitting(d, id);
        if (!s) throw not_found("no such session");
        if (!who.is(role::admin) && !who.is(role::registrar) && !who.is(role::commission) && !who.is(role::head) &&
            (!who.candidate || *who.candidate != s->candidate))
            throw forbidden("only the session's own candidate or the centre's staff");
    }

    response earliest_day(const call& c) {
        const auto reason = c.query_param("reason").empty() ? std::string("none") : c.query_param("reason");
        const auto why = exam::parse_reschedule_reason(reason);
        if (!why) throw bad_request("reason is none, sick_leave or technical_failure");
        const auto rule = settings().gap;
        const auto today = exam::kz_local_date(p_.clock.now_ms());
        auto r = p_.readers.acquire();
        std::string first;
        try {
            first = exam::to_iso(exam::earliest_stage_day(store::load_calendar(*r), today, rule, *why));
        } catch (const exam::calendar_missing& e) {
            throw calendar::missing(e);
        }
        return json_response(c.req, http::status::ok,
                             {{"notice_day", exam::to_iso(today)},
                              {"earliest_day", first},
                              {"gap_rule", exam::to_string(rule)},
                              {"reason", reason},
                              {"early_minutes", p_.cfg.scheduling.early_minutes},
                              {"late_minutes", p_.cfg.scheduling.late_minutes}});
    }

    response cancel(const call& c) {
        const auto body = body_json(c.req);
        const auto reason = get_string(body, "reason");
        const auto now = p_.clock.now_ms();
        auto out = p_.writer.call([&](db& d) {
            cancel_sitting(d, c.id(), reason, c.user().user, now, &p_.cfg.centre);
            return session(d, c.id());
        });
        p_.notices.ring();
        return json_response(c.req, http::status::ok, out);
    }

    response report_sick(const call& c) {
        const auto body = body_or_empty(c.req);
        const auto& who = c.user();
        sick_report in;
        in.by = who.user;
        const bool staff = who.is(role::admin) || who.is(role::registrar);
        in.channel = staff ? get_string_or(body, "channel", "phone") : "page";
        if (!staff && body.contains("channel") && body["channel"] != "page")
            throw forbidden("a candidate reports on his page; the centre enters a report by phone or on paper");
        in.period_from = get_string(body, "period_from");
        if (body.contains("period_to") && !body["period_to"].is_null()) in.period_to = get_string(body, "period_to");
        in.note = get_string_or(body, "note", "");
        const auto now = p_.clock.now_ms();
        auto out = p_.writer.call([&](db& d) {
            must_own(d, who, c.id());
            report_sick_leave(d, c.id(), in, now);
            return session(d, c.id());
        });
        return json_response(c.req, http::status::created, out["sick_leave"]);
    }

    response upload_sheet(const call& c) {
        const auto& who = c.user();
        sick_sheet in;
        in.by = who.user;
        in.number = c.query_param("number");
        in.issuer = c.query_param("issuer");
        in.from = c.query_param("from");
        in.to = c.query_param("to");
        const auto& bytes = c.req.body();
        in.content_type = sniff_content_type(bytes);
        {
            auto r = p_.readers.acquire();
            must_own(*r, who, c.id());
        }
        const auto kept = keep_file(p_.cfg.data_dir, "sick_leaves/" + std::to_string(c.id()), bytes);
        in.sha256 = kept.sha256;
        in.rel = kept.rel;
        in.size = static_cast<std::int64_t>(bytes.size());
        const auto now = p_.clock.now_ms();
        auto out = p_.writer.call([&](db& d) {
            attach_sick_sheet(d, c.id(), in, now);
            return session(d, c.id());
        });
        return json_response(c.req, http::status::ok, out["sick_leave"]);
    }

    response sheet(const call& c) {
        std::optional<sick_leave_row> k;
        {
            auto r = p_.readers.acquire();
            must_own(*r, c.user(), c.id());
            k = store::sick_leave_of(*r, c.id());
        }
        if (!k || !k->sheet_sha256) throw not_found("no sick-leave sheet is uploaded for this session");
        response res{http::status::ok, c.req.version()};
        res.set(http::field::content_type, k->sheet_type.value_or("application/octet-stream"));
        res.set(http::field::cache_control, "private, no-store");
        res.set("X-Content-SHA256", *k->sheet_sha256);
        res.set("X-Content-Type-Options", "nosniff");
        res.keep_alive(c.req.keep_alive());
        res.body() = read_kept_file(p_.cfg.data_dir, "sick_leaves/" + std::to_string(c.id()) + "/" + *k->sheet_sha256,
                                    *k->sheet_sha256);
        res.prepare_payload();
        return res;
    }

    response decide_sick(const call& c) {
        const auto body = body_json(c.req);
        if (!body.contains("accept") || !body["accept"].is_boolean()) throw bad_request("accept must be true or false");
        const bool accept = body["accept"].get<bool>();
        const auto note = get_string_or(body, "note", "");
        const auto now = p_.clock.now_ms();
        auto out = p_.writer.call([&](db& d) {
            decide_sick_leave(d, c.id(), accept, note, c.user().user, now);
            return session(d, c.id());
        });
        return json_response(c.req, http::status::ok, out);
    }

    response technical_failure(const call& c) {
        const auto body = body_json(c.req);
        const auto kind = get_string(body, "kind");
        const auto description = get_string(body, "description");
        const auto now = p_.clock.now_ms();
        bool was_open = false;
        auto out = p_.writer.call([&](db& d) {
            auto s = store::find_sitting(d, c.id());
            was_open = s && s->status == "in_progress";
            auto act = record_technical_failure(d, exams_.owners(), c.id(), kind, description, c.user().user, now);
            json j = {{"session", session(d, c.id())}};
            j["act"] = j["session"]["technical_acts"].back();
            (void)act;
            return j;
        });
        // the candidate's open page is told and stops answering (p.11: the attempt is voided)
        if (was_open)
            for (auto& peer : hub_.of(c.id()))
                peer->ended(json{{"type", "voided"}, {"reason", "technical_failure"}}.dump());
        return json_response(c.req, http::status::created, out);
    }

    response reschedule(const call& c) {
        const auto body = body_json(c.req);
        std::string mode;
        {
            auto r = p_.readers.acquire();
            auto s = store::find_sitting(*r, c.id());
            if (!s) throw not_found("no such session");
            mode = s->mode;
        }
        auto t = parse_timetable(body, mode, p_.cfg.centre.public_url + "/");
        if (!t) throw domain_error(error_kind::unprocessable, "slot_required", "give the new theory slot (theory)");
        const auto now = p_.clock.now_ms();
        auto made = p_.writer.call([&](db& d) {
            auto m = reschedule_sitting(d, exams_.owners(), c.id(), *t, c.user().user, now, settings());
            auto s = store::find_sitting(d, m.id);
            return std::pair{m, s->reschedule_reason};
        });
        p_.notices.ring();
        return json_response(c.req, http::status::created,
                             {{"session", made.first.id},
                              {"attempt", made.first.attempt},
                              {"notice", made.first.notice ? json(*made.first.notice) : json(nullptr)},
                              {"reason", made.second}});
    }

    platform& p_;
    exam_service& exams_;
    sitting_hub& hub_;
};

}  // namespace

std::unique_ptr<module> make_schedule_module(platform& p, exam_service& exams, sitting_hub& hub) {
    return std::make_unique<schedule_module>(p, exams, hub);
}

}  // namespace tanu::server
