// The calendar's routes: parse, call, map (docs/api.md, "Calendar").
#include "server/calendar/calendar.hpp"

#include "server/calendar/store.hpp"
#include "server/http/router.hpp"
#include "server/platform/json_map.hpp"
#include "server/platform/module.hpp"

namespace tanu::server {

namespace {

// The {year} of a calendar route: four digits, 2000 to 2099.
int year_of(const call& c) {
    const auto& y = c.param();
    if (y.size() != 4 || y.find_first_not_of("0123456789") != std::string::npos) throw not_found("no such year");
    const int year = std::stoi(y);
    if (year < 2000 || year > 2099) throw not_found("the calendar covers the years 2000 to 2099");
    return year;
}

class calendar_module final : public module {
public:
    explicit calendar_module(platform& p) : p_(p) {}

    void routes(router& r) override {
        r.get("/api/calendar/working-days", access::open(), [this](const call& c) { return working_days(c); });
        r.get("/api/calendar/{year}", access::open(), [this](const call& c) { return get_year(c); });
        r.put("/api/calendar/{year}", access::only({role::admin}), [this](const call& c) { return put_year(c); });
    }

private:
    response working_days(const call& c) {
        auto from = exam::parse_iso_date(c.query_param("from"));
        if (!from) throw unprocessable("from must be a date YYYY-MM-DD");
        const std::string days_s = c.query_param("days");
        if (days_s.empty() || days_s.size() > 3 || days_s.find_first_not_of("0123456789") != std::string::npos)
            throw unprocessable("days must be a whole number 0..366");
        const int days = std::stoi(days_s);
        if (days > 366) throw unprocessable("days must be a whole number 0..366");
        auto r = p_.readers.acquire();
        try {
            const auto cal = store::load_calendar(*r);
            return json_response(c.req, http::status::ok, json{{"date", exam::to_iso(cal.add_working_days(*from, days))}});
        } catch (const exam::calendar_missing& e) {
            throw calendar::missing(e);
        }
    }

    // The year with each day told shipped or the centre's (calendar::view_year).
    response get_year(const call& c) {
        const int year = year_of(c);
        auto r = p_.readers.acquire();
        const auto v = calendar::view_year(*r, year);
        if (!v) throw not_found("the working-day calendar has no data for " + std::to_string(year));
        auto day_json = [](const exam::calendar_day& d) {
            return json{{"date", exam::to_iso(d.day)}, {"kind", exam::to_string(d.kind)}, {"note", d.note}};
        };
        json list = json::array();
        for (const auto& m : v->days) {
            auto j = day_json(m.day);
            j["shipped"] = m.shipped;
            j["shipped_kind"] = m.shipped_kind ? json(std::string(exam::to_string(*m.shipped_kind))) : json(nullptr);
            list.push_back(std::move(j));
        }
        json removed = json::array();
        for (const auto& d : v->removed) removed.push_back(day_json(d));
        json out = {{"year", year}, {"source", v->source}, {"updated_ms", v->updated_ms},
                    {"updated_by", v->updated_by ? json(*v->updated_by) : json(nullptr)}, {"days", list},
                    {"removed", removed}};
        return json_response(c.req, http::status::ok, out);
    }

    response put_year(const call& c) {
        calendar::put_year_input in;
        in.year = year_of(c);
        in.actor = c.user().user;
        auto body = body_json(c.req);
        if (!body.is_object() || !body.contains("days") || !body["days"].is_array())
            throw unprocessable("the body is {\"source\", \"days\": [{\"date\", \"kind\", \"note\"}]}");
        in.source = get_string_or(body, "source", "entered by the centre");
        for (const auto& d : body["days"]) {
            if (!d.is_object()) throw unprocessable("each day is {\"date\", \"kind\", \"note\"}");
            auto date = exam::parse_iso_date(get_string(d, "date"));
            if (!date) throw unprocessable("a date is not YYYY-MM-DD: " + d.value("date", ""));
            auto kind = exam::parse_day_kind(get_string(d, "kind"));
            if (!kind) throw unprocessable("kind must be holiday, day_off or working");
            in.days.push_back({*date, *kind, get_string_or(d, "note", "")});
        }
        const auto now = p_.clock.now_ms();
        p_.writer.call([&](db& d) { calendar::put_year(d, in, now); });
        return get_year(c);
    }

    platform& p_;
};

}  // namespace

std::unique_ptr<module> make_calendar_module(platform& p) { return std::make_unique<calendar_module>(p); }

}  // namespace tanu::server
