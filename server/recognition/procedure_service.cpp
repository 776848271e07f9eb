#include "server/recognition/procedure_service.hpp"

#include <algorithm>
#include <chrono>

#include "exam/theory/attempts.hpp"
#include "exam/common/calendar.hpp"
#include "exam/theory/disclosure.hpp"
#include "exam/recognition/document_code.hpp"
#include "exam/theory/paper.hpp"
#include "exam/recognition/procedure.hpp"
#include "exam/theory/scoring.hpp"
#include "server/audit/audit.hpp"
#include "server/accounts/auth.hpp"
#include "server/recognition/document_render.hpp"
#include "server/http/error_status.hpp"
#include "server/exam/sitting_access.hpp"
#include "server/outbox/mail_transport.hpp"
#include "server/proctoring/store.hpp"
#include "server/exam/store.hpp"
#include "server/recognition/store.hpp"

namespace tanu::server {

namespace {

// Free texts are limited in characters (code points): Kazakh and Russian letters are 2 bytes each.
constexpr std::size_t max_reason = 4000;  // an appeal's reason
constexpr std::size_t max_note = 2000;    // notes, review and revocation reasons

// A free text of at most `max` characters (and not empty when `required`), else 422.
const std::string& checked_text(const std::string& s, std::size_t max, const char* what, bool required = false) {
    std::size_t chars = 0;
    for (unsigned char c : s) chars += (c & 0xC0) != 0x80;
    if ((required && s.empty()) || chars > max)
        throw unprocessable(std::string(what) + (required ? " of 1 to " : " of at most ") + std::to_string(max) +
                            " characters is required");
    return s;
}

std::string today_iso(std::int64_t now_ms) { return exam::to_iso(exam::kz_local_date(now_ms)); }

exam::date must_date(const std::string& iso) {
    auto d = exam::parse_iso_date(iso);
    if (!d) throw domain_error(error_kind::internal, "internal", "a stored date is malformed: " + iso);
    return *d;
}

domain_error calendar_missing_error(const exam::calendar_missing& e) {
    return {error_kind::conflict, "calendar_missing", std::string(e.what()) + "; an administrator loads it with PUT /api/calendar/{year}"};
}

// The {year} of a calendar route: four digits, 2000 to 2099.
int calendar_year(const call& c) {
    const auto& y = c.param();
    if (y.size() != 4 || y.find_first_not_of("0123456789") != std::string::npos) throw not_found("no such year");
    const int year = std::stoi(y);
    if (year < 2000 || year > 2099) throw not_found("the calendar covers the years 2000 to 2099");
    return year;
}

sitting_row must_sitting(db& d, std::int64_t id) {
    auto s = store::find_sitting(d, id);
    if (!s) throw not_found("no such session");
    return *s;
}

exam::programme must_programme(db& d, const std::string& code) {
    auto p = store::find_programme(d, code);
    if (!p) throw not_found("no programme " + code);
    return *p;
}

json act_json(const act_row& a) {
    json j = {{"id", a.id},         {"session", a.sitting}, {"event", a.event},   {"kind", a.kind},
              {"detail", a.detail}, {"t_ms", a.t_ms},       {"strike", a.strike}, {"status", a.status},
              {"created_ms", a.created_ms}, {"reason", a.reason}};
    j["evidence"] = a.evidence ? json("/api/evidence/" + std::to_string(a.event)) : json(nullptr);
    if (a.reviewed_by) {
        j["reviewed_by"] = a.reviewed_by_login;
        j["reviewed_ms"] = *a.reviewed_ms;
    }
    return j;
}

json outcome_json(const exam::practical_outcome& o) {
    json items = json::array();
    for (const auto& id : o.order) items.push_back({{"id", id}, {"result", exam::to_string(o.items.at(id))}});
    return {{"complete", o.complete},
            {"passed", o.passed},
            {"items", items},
            {"failed_mandatory", o.failed_mandatory},
            {"failed_optional", o.failed_optional}};
}

exam::practical_outcome practical_of(db& d, const exam::programme& prog, std::int64_t sitting) {
    std::vector<exam::practical_mark> marks;
    for (const auto& m : store::marks_of(d, sitting)) marks.push_back({m.member, m.item, m.done});
    return exam::decide_practical(prog.practical, marks);
}

bool admitted(const sitting_row& s) {
    return exam::admitted_to_practical(s.ended(), s.passed.value_or(false), s.status == "terminated");
}

json practical_json(db& d, const exam::programme& prog, const sitting_row& s) {
    json card = json::array();
    for (const auto& i : prog.practical) card.push_back({{"id", i.id}, {"text", i.text}, {"mandatory", i.mandatory}});
    json marks = json::array();
    for (const auto& m : store::marks_of(d, s.id))
        marks.push_back({{"member", m.login}, {"item", m.item}, {"done", m.done}, {"note", m.note},
                         {"recorded_ms", m.recorded_ms}});
    json out = {{"session", s.id}, {"card", card}, {"marks", marks}, {"outcome", outcome_json(practical_of(d, prog, s.id))}};
    out["admitted"] = admitted(s);
    return out;
}

// `s`: the protocol's sitting (its deadline is the sitting's protocol_due).
json protocol_json(db& d, const protocol_row& p, const sitting_row& s, const exam::date& today) {
    json sigs = json::array();
    for (const auto& sig : store::signatures_of(d, p.id))
        sigs.push_back({{"member", sig.login}, {"signed_ms", sig.signed_ms}});
    json j = {{"id", p.id},
              {"session", p.sitting},
              {"decision", p.decision},
              {"reasons", json::parse(p.reasons, nullptr, false)},
              {"created_ms", p.created_ms},
              {"results_date", p.results_date},
              {"due", s.protocol_due.empty() ? json(nullptr) : json(s.protocol_due)},
              {"document_due", p.document_due.empty() ? json(nullptr) : json(p.document_due)},
              {"notice_due", p.notice_due.empty() ? json(nullptr) : json(p.notice_due)},
              {"appeal_until", p.appeal_until},
              {"appeal_open", exam::appeal_in_time(must_date(p.appeal_until), today)},  // by the server's clock
              {"signatures", sigs}};
    auto doc = store::document_of_sitting(d, p.sitting);
    j["document"] = doc ? json(doc->code) : json(nullptr);
    return j;
}

// A document as the public lookup shows it. `holder_verified`: the asker showed
// the check value (or is the holder or the centre): the full name; otherwise
// the holder's initials, so that guessing codes does not list names.
json document_public_json(const document_row& d, bool holder_verified = true) {
    json j = {{"code", d.code},
              {"full_name", holder_verified ? d.full_name : exam::holder_initials(d.full_name)},
              {"holder_verified", holder_verified},
              {"profession", d.profession},
              {"nqf_level", d.nqf_level}, {"issued", d.issued}, {"valid_until", d.valid_until},
              {"procedure_date", d.procedure_date}, {"programme", d.programme}, {"status", d.status}};
    if (d.status == "revoked") j["revoked_reason"] = d.revoked_reason;
    return j;
}

json appeal_json(const appeal_row& a) {
    return {{"id", a.id},
            {"session", a.sitting},
            {"candidate", a.candidate},
            {"reason", a.reason},
            {"filed_ms", a.filed_ms},
            {"filed_date", a.filed_date},
            {"decide_by", a.decide_by},
            {"status", a.status},
            {"note", a.note},
            {"decided_ms", a.decided_ms ? json(*a.decided_ms) : json(nullptr)},
            {"document", a.document.empty() ? json(nullptr) : json(a.document)},
            {"members", a.members}};
}

json notice_json(const notice_row& n) {
    return {{"id", n.id},
            {"candidate", n.candidate},
            {"session", n.sitting ? json(*n.sitting) : json(nullptr)},
            {"kind", n.kind},
            {"recipient", n.recipient},
            {"subject", n.subject},
            {"body", n.body},
            {"created_ms", n.created_ms},
            {"due", n.due.empty() ? json(nullptr) : json(n.due)},
            {"attempts", n.attempts},
            {"delivered_ms", n.delivered_ms ? json(*n.delivered_ms) : json(nullptr)},
            {"failed", n.failed},
            {"last_error", n.last_error}};
}

bool is_kk(const std::string& lang) { return lang == "kk"; }

// A notice into the outbox, in the sitting's language.
void queue_notice(db& d, const candidate_row& c, std::optional<std::int64_t> sitting, const std::string& kind,
                  const std::string& subject, const std::string& body, const std::string& due, std::int64_t now) {
    notice_row n;
    n.candidate = c.id;
    n.sitting = sitting;
    n.kind = kind;
    n.recipient = c.email;
    n.subject = subject;
    n.body = body;
    n.created_ms = now;
    n.due = due;
    n.next_try_ms = now;
    store::insert_notice(d, n);
}

std::string format_dmy(const std::string& iso) {
    if (iso.size() != 10) return iso;
    return iso.substr(8, 2) + "." + iso.substr(5, 2) + "." + iso.substr(0, 4);
}

// p.18: the document, its code from the programme and the procedure's date.
document_row issue_document(db& d, const server_config& cfg, const sitting_row& s, const exam::programme& prog,
                            const std::string& basis, std::int64_t actor, std::int64_t now) {
    auto cand = store::find_candidate(d, s.candidate);
    if (!cand) throw not_found("no such candidate");
    const std::string procedure =
        s.procedure_date.empty() ? today_iso(s.finished_ms.value_or(now)) : s.procedure_date;
    document_row doc;
    doc.serial = store::next_document_serial(d);
    exam::document_code_parts parts{prog.oked, prog.nkz, prog.nqf_level, must_date(procedure), cfg.centre.number,
                                    doc.serial};
    try {
        doc.code = exam::make_document_code(parts);
    } catch (const std::invalid_argument& e) {
        throw domain_error(error_kind::unprocessable, "document_code", std::string("the programme cannot make a document code: ") + e.what());
    }
    doc.sitting = s.id;
    doc.candidate = s.candidate;
    doc.programme = prog.code;
    doc.profession = prog.profession;
    doc.nqf_level = prog.nqf_level;
    doc.full_name = cand->full_name;
    doc.procedure_date = procedure;
    const auto issued = exam::kz_local_date(now);
    doc.issued = exam::to_iso(issued);
    doc.valid_until = exam::to_iso(exam::add_years(issued, cfg.centre.document_valid_years));
    doc.issued_ms = now;
    doc.issued_by = actor;
    doc.basis = basis;
    doc.check_value = random_hex(exam::check_value_chars / 2);
    store::insert_document(d, doc);
    audit::record(d, now, actor, "document.issue", "document " + doc.code, "session " + std::to_string(s.id) + ", " + basis);
    const bool kk = is_kk(s.lang);
    queue_notice(d, *cand, s.id, "document_issued",
                 kk ? "Кәсіптік біліктілікті тану туралы құжат берілді" : "Выдан документ о признании квалификации",
                 (kk ? "Құрметті " : "Уважаемый(ая) ") + cand->full_name + ",\n\n" +
                     (kk ? "Сізге «" + prog.profession + "» кәсібі бойынша құжат берілді. Құжаттың коды: "
                         : "Вам выдан документ о признании квалификации по профессии «" + prog.profession +
                               "». Код документа: ") +
                     doc.code + "\n" + (kk ? "Тексеру коды: " : "Код проверки: ") + doc.check_value + "\n" +
                     (kk ? "Жарамдылық мерзімі: " : "Действителен до: ") + format_dmy(doc.valid_until) +
                     "\n\n" + cfg.centre.name + "\n",
                 "", now);
    return doc;
}

}  // namespace

procedure_service::procedure_service(const server_config& cfg, db_writer& writer, db_readers& readers,
                                     const exam::clock& clock, logger& log)
    : cfg_(cfg), writer_(writer), readers_(readers), clock_(clock), log_(log) {
    if (cfg.mail.transport == "smtp") {
        smtp_settings s;
        s.url = cfg.mail.smtp_url;
        s.starttls = cfg.mail.smtp_starttls;
        s.username = cfg.mail.smtp_username;
        s.password = cfg.mail.smtp_password;
        transport_ = std::make_unique<smtp_transport>(s);
    } else {
        transport_ = std::make_unique<maildrop_transport>(cfg.data_dir / "outbox" / "maildrop");
    }
}

procedure_service::~procedure_service() { stop(); }

void procedure_service::start() {
    std::lock_guard lock(m_);
    if (outbox_.joinable()) return;
    stopping_ = false;
    outbox_ = std::thread([this] { outbox_loop(); });
}

void procedure_service::stop() {
    {
        std::lock_guard lock(m_);
        stopping_ = true;
    }
    cv_.notify_all();
    if (outbox_.joinable()) outbox_.join();
}

void procedure_service::wake_outbox() {
    {
        std::lock_guard lock(m_);
        wake_ = true;
    }
    cv_.notify_all();
}

void procedure_service::outbox_loop() {
    for (;;) {
        {
            std::unique_lock lock(m_);
            cv_.wait_for(lock, std::chrono::seconds(2), [&] { return stopping_ || wake_; });
            if (stopping_) return;
            wake_ = false;
        }
        try {
            deliver_due();
        } catch (const std::exception& e) {
            log_.error("outbox", std::string("delivery round failed: ") + e.what());
        }
    }
}

void procedure_service::deliver_due() {
    std::vector<notice_row> due;
    {
        auto r = readers_.acquire();
        due = store::due_notices(*r, clock_.now_ms(), 50);
    }
    for (const auto& n : due) {
        {
            std::lock_guard lock(m_);
            if (stopping_) return;
        }
        const auto now = clock_.now_ms();
        if (n.recipient.empty()) {
            writer_.call([&](db& d) { store::notice_failed(d, n.id, "the candidate has no e-mail address", true, now); });
            continue;
        }
        mail_message m;
        m.from = cfg_.mail.from;
        m.to = n.recipient;
        m.subject = n.subject;
        m.body = n.body;
        m.message_id = "notice-" + std::to_string(n.id) + "@tanu.local";
        m.date_ms = n.created_ms;
        try {
            transport_->send(m);
            writer_.call([&](db& d) { store::notice_delivered(d, n.id, clock_.now_ms()); });
            log_.info("outbox", "notice " + std::to_string(n.id) + " (" + n.kind + ") delivered by " + transport_->name());
        } catch (const mail_error& e) {
            const std::int64_t backoff =
                std::min<std::int64_t>(30'000LL << std::min(n.attempts, 16), cfg_.mail.retry_max_s * 1000LL);
            writer_.call([&](db& d) { store::notice_failed(d, n.id, e.what(), e.permanent, now + backoff); });
            log_.warn("outbox", "notice " + std::to_string(n.id) + ": " + e.what() +
                                    (e.permanent ? " (given up)" : " (will retry)"));
        } catch (const std::exception& e) {
            writer_.call([&](db& d) { store::notice_failed(d, n.id, e.what(), false, now + 60'000); });
            log_.warn("outbox", "notice " + std::to_string(n.id) + ": " + e.what() + " (will retry)");
        }
    }
}

void procedure_service::set_own_url(const std::string& url) {
    std::lock_guard lock(url_m_);
    own_url_ = url;
}

std::string procedure_service::verify_url(const std::string& code, const std::string& check) const {
    std::string base = cfg_.centre.public_url;
    if (base.empty()) {
        std::lock_guard lock(url_m_);
        base = own_url_;
    }
    if (base.empty()) base = std::string(cfg_.tls ? "https://" : "http://") + cfg_.host + ":" + std::to_string(cfg_.port);
    while (!base.empty() && base.back() == '/') base.pop_back();
    // the check value is hex and the code digits and dashes: nothing to escape
    return base + "/verify.html?code=" + code + (check.empty() ? "" : "&check=" + check);
}

void procedure_service::routes(router& r) {
    using R = role;
    const auto admin = access::only({R::admin});
    const auto commission = access::only({R::commission});
    const auto examiners = access::only({R::admin, R::commission});
    auto bind = [this](response (procedure_service::*f)(const call&)) {
        return [this, f](const call& c) { return (this->*f)(c); };
    };
    r.get("/api/calendar/working-days", access::open(), bind(&procedure_service::working_days));
    r.get("/api/calendar/{year}", access::open(), bind(&procedure_service::get_calendar));
    r.put("/api/calendar/{year}", admin, bind(&procedure_service::put_calendar));
    r.get("/api/sessions/{id}/acts", access::signed_in(), bind(&procedure_service::session_acts));
    r.post("/api/acts/{id}/review", commission, bind(&procedure_service::review_act));
    r.get("/api/sessions/{id}/practical", access::signed_in(), bind(&procedure_service::get_practical));
    r.post("/api/sessions/{id}/practical", commission, bind(&procedure_service::post_practical));
    r.get("/api/sessions/{id}/protocol", access::signed_in(), bind(&procedure_service::get_protocol));
    r.post("/api/sessions/{id}/protocol", commission, bind(&procedure_service::post_protocol));
    r.get("/api/sessions/{id}/record", access::signed_in(), bind(&procedure_service::session_record));
    r.get("/api/documents/{code}", access::optional(), bind(&procedure_service::get_document));
    r.get("/api/documents/{code}/html", access::signed_in(), [this](const call& c) { return document_file(c, false); });
    r.get("/api/documents/{code}/pdf", access::signed_in(), [this](const call& c) { return document_file(c, true); });
    r.post("/api/documents/{code}/revoke", admin, bind(&procedure_service::revoke_document));
    r.post("/api/appeals", access::only({R::candidate}), bind(&procedure_service::post_appeal));
    r.get("/api/appeals", access::only({R::admin, R::appeal, R::candidate}), bind(&procedure_service::list_appeals));
    r.get("/api/appeals/{id}", access::only({R::admin, R::appeal, R::candidate}), bind(&procedure_service::get_appeal));
    r.post("/api/appeals/{id}/decision", access::only({R::appeal}), bind(&procedure_service::decide_appeal));
    r.get("/api/commission/queue", examiners, bind(&procedure_service::commission_queue));
    r.get("/api/protocols/overdue", examiners, bind(&procedure_service::overdue_protocols));
    r.get("/api/notices", access::only({R::admin, R::candidate}), bind(&procedure_service::list_notices));
    r.get("/api/audit/verify", admin, bind(&procedure_service::audit_verify));
}

// ---- calendar

response procedure_service::working_days(const call& c) {
    const auto& req = c.req;
    const std::string& query = c.query;
    auto from = exam::parse_iso_date(query_param(query, "from"));
    if (!from) throw unprocessable("from must be a date YYYY-MM-DD");
    const std::string days_s = query_param(query, "days");
    if (days_s.empty() || days_s.size() > 3 || days_s.find_first_not_of("0123456789") != std::string::npos)
        throw unprocessable("days must be a whole number 0..366");
    const int days = std::stoi(days_s);
    if (days > 366) throw unprocessable("days must be a whole number 0..366");
    auto r = readers_.acquire();
    try {
        const auto cal = store::load_calendar(*r);
        return json_response(req, http::status::ok, json{{"date", exam::to_iso(cal.add_working_days(*from, days))}});
    } catch (const exam::calendar_missing& e) {
        throw calendar_missing_error(e);
    }
}

response procedure_service::get_calendar(const call& c) {
    const auto& req = c.req;
    const int year = calendar_year(c);
    auto r = readers_.acquire();
    const auto cal = store::load_calendar(*r);
    const auto* days = cal.year_days(year);
    if (!days) throw not_found("the working-day calendar has no data for " + std::to_string(year));
    json list = json::array();
    for (const auto& d : *days) list.push_back({{"date", exam::to_iso(d.day)}, {"kind", exam::to_string(d.kind)}, {"note", d.note}});
    json out = {{"year", year}, {"days", list}};
    for (const auto& y : store::calendar_years(*r))
        if (y.year == year) {
            out["source"] = y.source;
            out["updated_ms"] = y.updated_ms;
        }
    return json_response(req, http::status::ok, out);
}

response procedure_service::put_calendar(const call& c) {
    const auto& req = c.req;
    const auto& p = c.user();
    const int year = calendar_year(c);
    auto body = body_json(req);
    if (!body.is_object() || !body.contains("days") || !body["days"].is_array())
        throw unprocessable("the body is {\"source\", \"days\": [{\"date\", \"kind\", \"note\"}]}");
    const std::string source = get_string_or(body, "source", "entered by the centre");
    std::vector<exam::calendar_day> days;
    for (const auto& d : body["days"]) {
        if (!d.is_object()) throw unprocessable("each day is {\"date\", \"kind\", \"note\"}");
        auto date = exam::parse_iso_date(get_string(d, "date"));
        if (!date) throw unprocessable("a date is not YYYY-MM-DD: " + d.value("date", ""));
        auto kind = exam::parse_day_kind(get_string(d, "kind"));
        if (!kind) throw unprocessable("kind must be holiday, day_off or working");
        days.push_back({*date, *kind, get_string_or(d, "note", "")});
    }
    try {
        exam::work_calendar check;
        check.add_year(year, days);  // refuses days of another year, duplicates
    } catch (const std::invalid_argument& e) {
        throw unprocessable(e.what());
    }
    const auto now = clock_.now_ms();
    writer_.call([&](db& d) {
        store::put_calendar_year(d, year, days, source, p.user, now);
        audit::record(d, now, p.user, "calendar.put", "calendar " + std::to_string(year),
                      std::to_string(days.size()) + " days; " + source);
    });
    return get_calendar(c);
}

// ---- acts (p.14)

response procedure_service::session_acts(const call& c) {
    const auto& req = c.req;
    const auto& p = c.user();
    const std::int64_t sitting = c.id();
    auto r = readers_.acquire();
    const auto s = must_sitting(*r, sitting);
    sitting_reader(*r, p, s);
    json out = json::array();
    for (const auto& a : store::acts_of(*r, sitting)) out.push_back(act_json(a));
    return json_response(req, http::status::ok, out);
}

response procedure_service::review_act(const call& c) {
    const auto& req = c.req;
    const auto& p = c.user();
    const std::int64_t id = c.id();
    auto body = body_json(req);
    const std::string decision = get_string(body, "decision");
    const std::string reason = get_string_or(body, "reason", "");
    if (decision != "confirm" && decision != "annul") throw unprocessable("decision must be confirm or annul");
    if (decision == "annul" && reason.empty()) throw unprocessable("annulling an act needs a reason");
    checked_text(reason, max_note, "a reason");
    const auto now = clock_.now_ms();
    auto act = writer_.call([&](db& d) {
        auto a = store::find_act(d, id);
        if (!a) throw not_found("no such act");
        if (store::protocol_of(d, a->sitting))
            throw domain_error(error_kind::conflict, "protocol_signed", "the protocol of this session is signed: its acts are final");
        store::review_act(d, id, decision == "confirm" ? "confirmed" : "annulled", reason, p.user, now);
        audit::record(d, now, p.user, "act." + decision, "act " + std::to_string(id), reason);
        return *store::find_act(d, id);
    });
    return json_response(req, http::status::ok, act_json(act));
}

// ---- practical stage (p.16-17)

response procedure_service::get_practical(const call& c) {
    const auto& req = c.req;
    const auto& p = c.user();
    const std::int64_t sitting = c.id();
    auto r = readers_.acquire();
    const auto s = must_sitting(*r, sitting);
    sitting_reader(*r, p, s);
    return json_response(req, http::status::ok, practical_json(*r, must_programme(*r, s.programme), s));
}

response procedure_service::post_practical(const call& c) {
    const auto& req = c.req;
    const auto& p = c.user();
    const std::int64_t sitting = c.id();
    auto body = body_json(req);
    if (!body.is_object() || !body.contains("items") || !body["items"].is_array() || body["items"].empty())
        throw unprocessable("the body is {\"items\": [{\"id\", \"done\", \"note\"}]}");
    const auto now = clock_.now_ms();
    auto out = writer_.call([&](db& d) {
        const auto s = must_sitting(d, sitting);
        const auto prog = must_programme(d, s.programme);
        if (prog.practical.empty())
            throw domain_error(error_kind::conflict, "no_practical_stage", "the programme " + prog.code + " has no technological card");
        if (!s.ended()) throw domain_error(error_kind::conflict, "theory_in_progress", "the theory stage has not ended");
        if (!admitted(s))
            throw domain_error(error_kind::conflict, "not_admitted", "only a theory pass admits to the practical stage (seed 002 p.15)");
        if (store::protocol_of(d, sitting))
            throw domain_error(error_kind::conflict, "protocol_signed", "the protocol of this session is signed");
        for (const auto& it : body["items"]) {
            if (!it.is_object()) throw unprocessable("each item is {\"id\", \"done\", \"note\"}");
            const std::string id = get_string(it, "id");
            if (std::none_of(prog.practical.begin(), prog.practical.end(),
                             [&](const exam::practical_item& i) { return i.id == id; }))
                throw domain_error(error_kind::unprocessable, "unknown_item", "the card has no item " + id);
            if (!it.contains("done") || !it["done"].is_boolean()) throw unprocessable("done must be true or false");
            const std::string note = get_string_or(it, "note", "");
            checked_text(note, max_note, "a note");
            store::put_mark(d, sitting, p.user, id, it["done"].get<bool>(), note, now);
        }
        audit::record(d, now, p.user, "practical.mark", "session " + std::to_string(sitting),
                      body["items"].dump(-1, ' ', false, json::error_handler_t::replace));
        auto outcome = practical_of(d, prog, sitting);
        json j = outcome_json(outcome);
        return j;
    });
    return json_response(req, http::status::ok, out);
}

// ---- protocol (p.17), then the document (p.18) or the notice (p.19)

response procedure_service::get_protocol(const call& c) {
    const auto& req = c.req;
    const auto& p = c.user();
    const std::int64_t sitting = c.id();
    auto r = readers_.acquire();
    const auto s = must_sitting(*r, sitting);
    sitting_reader(*r, p, s);
    auto pr = store::protocol_of(*r, sitting);
    if (!pr) throw not_found("the protocol of this session is not signed yet");
    return json_response(req, http::status::ok, protocol_json(*r, *pr, s, exam::kz_local_date(clock_.now_ms())));
}

response procedure_service::post_protocol(const call& c) {
    const auto& req = c.req;
    const auto& p = c.user();
    const std::int64_t sitting = c.id();
    const auto now = clock_.now_ms();
    bool created = false;
    auto out = writer_.call([&](db& d) {
        const auto s = must_sitting(d, sitting);
        if (auto existing = store::protocol_of(d, sitting)) {  // another member signs
            if (store::sign_protocol(d, existing->id, p.user, now))
                audit::record(d, now, p.user, "protocol.sign", "protocol " + std::to_string(existing->id));
            return protocol_json(d, *existing, s, exam::kz_local_date(now));
        }
        const auto prog = must_programme(d, s.programme);
        exam::procedure_facts f;
        f.theory_passed = s.passed.value_or(false);
        f.terminated = s.status == "terminated";
        f.has_practical = !prog.practical.empty();
        if (f.has_practical && admitted(s)) f.practical = practical_of(d, prog, sitting);  // else no card to judge
        switch (exam::can_sign_protocol(s.ended(), f)) {
            case exam::protocol_refusal::theory_in_progress:
                throw domain_error(error_kind::conflict, "theory_in_progress", "the theory stage has not ended");
            case exam::protocol_refusal::practical_incomplete:
                throw domain_error(error_kind::conflict, "practical_incomplete", "every item of the technological card must be marked first");
            case exam::protocol_refusal::none: break;
        }
        for (const auto& a : store::acts_of(d, sitting))
            if (a.status == "draft")
                throw domain_error(error_kind::conflict, "acts_unreviewed",
                                "act " + std::to_string(a.id) + " is a draft: confirm or annul every act first");
        const auto decision = exam::decide_procedure(f);
        const auto today = exam::kz_local_date(now);
        protocol_row pr;
        pr.sitting = sitting;
        pr.decision = decision.passed ? "passed" : "not_passed";
        pr.reasons = json(decision.reasons).dump();
        if (f.practical) pr.practical = outcome_json(*f.practical).dump();
        pr.created_ms = now;
        pr.created_by = p.user;
        pr.results_date = exam::to_iso(today);
        try {
            const auto cal = store::load_calendar(d);
            pr.appeal_until = exam::to_iso(exam::appeal_until(cal, today));
            if (decision.passed) pr.document_due = exam::to_iso(exam::document_due(cal, today));
            else pr.notice_due = exam::to_iso(exam::notice_due(cal, today));
        } catch (const exam::calendar_missing& e) {
            throw calendar_missing_error(e);
        }
        pr.id = store::insert_protocol(d, pr);
        store::sign_protocol(d, pr.id, p.user, now);
        audit::record(d, now, p.user, "protocol.create", "protocol " + std::to_string(pr.id),
                      "session " + std::to_string(sitting) + ": " + pr.decision);
        if (decision.passed) {
            issue_document(d, cfg_, s, prog, "protocol", p.user, now);
        } else {
            auto cand = store::find_candidate(d, s.candidate);
            const bool kk = is_kk(s.lang);
            const int used = static_cast<int>(store::sittings_of(d, s.candidate, s.programme).size());
            const int left = exam::attempts_left(used, prog.attempts);
            auto recs = exam::recommendations(store::topic_scores(d, sitting), prog.theory.pass_percent, prog, s.lang,
                                              f.practical);
            std::string body = (kk ? "Құрметті " : "Уважаемый(ая) ") + cand->full_name + ",\n\n";
            body += kk ? "Комиссия шешімі: «" + prog.profession + "» кәсібі бойынша біліктілік танылмады.\n"
                       : "Решение комиссии: квалификация по профессии «" + prog.profession + "» не признана.\n";
            for (const auto& r : decision.reasons) {
                if (r == "terminated")
                    body += kk ? "- Емтихан екінші бұзушылықтан кейін тоқтатылды.\n"
                               : "- Экзамен прекращён после второго нарушения.\n";
                if (r == "theory_not_passed")
                    body += (kk ? "- Теориялық кезең: " : "- Теоретический этап: ") +
                            std::to_string(s.correct.value_or(0)) + "/" + std::to_string(s.total.value_or(0)) + "\n";
                if (r == "practical_not_passed")
                    body += kk ? "- Практикалық кезең орындалмады.\n" : "- Практический этап не выполнен.\n";
            }
            body += left > 0 ? (kk ? "\nТеориялық және практикалық кезеңдерді қайта тапсыруға болады (қалған мүмкіндік: " +
                                         std::to_string(left) + ").\n"
                                   : "\nВы можете пересдать теоретический и практический этапы (осталось попыток: " +
                                         std::to_string(left) + ").\n")
                             : (kk ? "\nҚайта тапсыру мүмкіндігі қалмады.\n" : "\nПопыток пересдачи не осталось.\n");
            if (!recs.empty()) {
                body += kk ? "\nҰсыныстар:\n" : "\nРекомендации:\n";
                for (const auto& r : recs) {
                    if (r.kind == "topic")
                        body += (kk ? "- Тақырыпты қайталаңыз: " : "- Повторите тему: ") + r.what + " (" + r.text + ")\n";
                    else
                        body += (kk ? "- Дағдыны жетілдіріңіз: " : "- Отработайте навык: ") + r.text + "\n";
                }
            }
            body += (kk ? "\nШағым беру мерзімі: " : "\nАпелляцию можно подать до: ") + format_dmy(pr.appeal_until) +
                    (kk ? " (емтихан сайтындағы жеке кабинетте).\n\n" : " (в личном кабинете на сайте экзамена).\n\n") +
                    cfg_.centre.name + "\n";
            queue_notice(d, *cand, sitting, "not_passed",
                         kk ? "Біліктілікті тану нәтижесі" : "Результат признания квалификации", body, pr.notice_due, now);
        }
        created = true;
        return protocol_json(d, pr, s, today);
    });
    if (created) wake_outbox();
    return json_response(req, created ? http::status::created : http::status::ok, out);
}

// ---- the whole record (the appeal commission's view, p.22)

response procedure_service::session_record(const call& c) {
    const auto& req = c.req;
    const auto& p = c.user();
    const std::int64_t sitting = c.id();
    auto r = readers_.acquire();
    const auto s = must_sitting(*r, sitting);
    const auto seen = exam::may_see(sitting_reader(*r, p, s), s.ended());
    if (!seen.record)
        throw domain_error(error_kind::conflict, "sitting_in_progress",
                        s.status == "scheduled" ? "the sitting has not started; its record opens once it has ended"
                                                : "the sitting is in progress; its record opens once it has ended");
    const auto prog = must_programme(*r, s.programme);
    auto cand = store::find_candidate(*r, s.candidate);
    auto score = [&](const std::optional<int>& v) { return seen.score && v ? json(*v) : json(nullptr); };
    json out;
    out["session"] = {{"id", s.id},
                      {"candidate", s.candidate},
                      {"full_name", cand ? cand->full_name : ""},
                      {"programme", s.programme},
                      {"profession", prog.profession},
                      {"lang", s.lang},
                      {"mode", s.mode},
                      {"attempt", s.attempt},
                      {"status", s.status},
                      {"correct", score(s.correct)},
                      {"total", score(s.total)},
                      {"passed", seen.score && s.passed ? json(*s.passed) : json(nullptr)},
                      {"violations", s.violations},
                      {"finished_ms", s.finished_ms ? json(*s.finished_ms) : json(nullptr)},
                      {"procedure_date", s.procedure_date},
                      {"protocol_due", s.protocol_due}};
    if (seen.weak_topics && s.ended())
        out["weak_topics"] = to_json(exam::weak_topics(store::topic_scores(*r, sitting), prog.theory.pass_percent));
    if (seen.answers) {
        // each question as shown, what was chosen and, with the key, what was correct
        json answers = json::array();
        const auto items = store::paper(*r, sitting);
        const auto marked = store::mark_sitting(*r, sitting);
        for (std::size_t i = 0; i < items.size(); ++i) {
            const auto q = store::find_question(*r, items[i].question);
            if (!q) continue;
            const auto& perm = items[i].perm;
            json options = json::array();
            for (const int orig : perm)
                options.push_back(orig >= 0 && static_cast<std::size_t>(orig) < q->options.size() ? q->options[orig] : "");
            const auto& m = marked.items[i];
            json a = {{"n", static_cast<int>(i) + 1}, {"text", q->text}, {"options", options}, {"chosen", m.chosen}};
            if (seen.key) {
                a["correct"] = m.correct_shown;
                a["right"] = m.right;
            }
            answers.push_back(std::move(a));
        }
        out["answers"] = answers;
    }
    if (!seen.proceedings) return json_response(req, http::status::ok, out);
    json events = json::array();
    for (const auto& e : store::events_of(*r, sitting))
        events.push_back({{"id", e.id},
                          {"t_ms", e.t_ms},
                          {"kind", e.kind},
                          {"detail", e.detail},
                          {"violation", e.violation},
                          {"strike", e.strike},
                          {"evidence", e.has_evidence ? json("/api/evidence/" + std::to_string(e.id)) : json(nullptr)}});
    out["events"] = events;
    json acts = json::array();
    for (const auto& a : store::acts_of(*r, sitting)) acts.push_back(act_json(a));
    out["acts"] = acts;
    out["practical"] = practical_json(*r, prog, s);
    auto pr = store::protocol_of(*r, sitting);
    out["protocol"] = pr ? protocol_json(*r, *pr, s, exam::kz_local_date(clock_.now_ms())) : json(nullptr);
    json docs = json::array();
    for (const auto& dd : store::documents_of_candidate(*r, s.candidate))
        if (dd.sitting == sitting) docs.push_back(document_public_json(dd));
    out["documents"] = docs;
    json appeals = json::array();
    for (const auto& a : store::appeals_of_sitting(*r, sitting)) appeals.push_back(appeal_json(a));
    out["appeals"] = appeals;
    return json_response(req, http::status::ok, out);
}

// ---- documents (p.18)

// Public: anyone may ask whether a code is a valid document. The holder's full
// name comes only with the document's check value (?check=, compared in
// constant time), or to the holder and the centre's staff signed in (who get
// the check value too, for the verification link).
response procedure_service::get_document(const call& c) {
    const auto& req = c.req;
    const std::string& code = c.param();
    const std::string& query = c.query;
    if (!exam::is_document_code(code)) throw not_found("no document with this code");
    auto r = readers_.acquire();
    auto d = store::find_document(*r, code);
    if (!d) throw not_found("no document with this code");
    bool own = false;
    if (c.who) {
        try {
            if (auto s = store::find_sitting(*r, d->sitting)) {
                sitting_reader(*r, *c.who, *s);
                own = true;
            }
        } catch (const domain_error&) {
            // not one of the document's readers: the public answer
        }
    }
    std::string check = query_param(query, "check");
    for (auto& ch : check) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    const bool verified = own || (!d->check_value.empty() && secrets_equal(check, d->check_value));
    json out = document_public_json(*d, verified);
    if (own) out["check"] = d->check_value;
    auto res = json_response(req, http::status::ok, out);
    if (verified) res.set(http::field::cache_control, "no-store");
    return res;
}

response procedure_service::document_file(const call& c, bool pdf) {
    const auto& req = c.req;
    const auto& p = c.user();
    const std::string& code = c.param();
    auto r = readers_.acquire();
    auto d = store::find_document(*r, code);
    if (!d) throw not_found("no document with this code");
    const auto s = must_sitting(*r, d->sitting);
    sitting_reader(*r, p, s);
    auto cand = store::find_candidate(*r, d->candidate);
    document_view view;
    view.code = d->code;
    view.centre_name = cfg_.centre.name;
    view.centre_number = cfg_.centre.number;
    view.centre_head = cfg_.centre.head;
    view.holder = d->full_name;
    view.holder_iin = cand ? cand->iin : "";
    view.profession = d->profession;
    view.programme_code = d->programme;
    view.nqf_level = d->nqf_level;
    view.issued = d->issued;
    view.valid_until = d->valid_until;
    view.procedure_date = d->procedure_date;
    view.status = d->status;
    view.revoked_reason = d->revoked_reason;
    view.check_value = d->check_value;
    view.verify_url = verify_url(d->code, d->check_value);
    view.lang = s.lang == "kk" ? "kk" : "ru";
    response res{http::status::ok, req.version()};
    res.keep_alive(req.keep_alive());
    res.set(http::field::cache_control, "no-store");
    if (pdf) {
        res.set(http::field::content_type, "application/pdf");
        res.set(http::field::content_disposition, "inline; filename=\"" + d->code + ".pdf\"");
        res.body() = render_document_pdf(view);
    } else {
        res.set(http::field::content_type, "text/html; charset=utf-8");
        res.body() = render_document_html(view);
    }
    res.prepare_payload();
    return res;
}

response procedure_service::revoke_document(const call& c) {
    const auto& req = c.req;
    const auto& p = c.user();
    const std::string& code = c.param();
    auto body = body_json(req);
    const std::string reason = get_string(body, "reason");
    checked_text(reason, max_note, "a reason", true);
    const auto now = clock_.now_ms();
    auto doc = writer_.call([&](db& d) {
        if (!store::find_document(d, code)) throw not_found("no document with this code");
        if (!store::revoke_document(d, code, reason, p.user, now))
            throw domain_error(error_kind::conflict, "already_revoked", "the document is revoked already");
        audit::record(d, now, p.user, "document.revoke", "document " + code, reason);
        return *store::find_document(d, code);
    });
    return json_response(req, http::status::ok, document_public_json(doc));
}

// ---- appeals (p.20-23)

response procedure_service::post_appeal(const call& c) {
    const auto& req = c.req;
    const auto& p = c.user();
    auto body = body_json(req);
    const std::int64_t sitting = get_int(body, "session");
    const std::string reason = get_string(body, "reason");
    checked_text(reason, max_reason, "a reason", true);
    const auto now = clock_.now_ms();
    auto out = writer_.call([&](db& d) {
        auto s = store::find_sitting(d, sitting);
        if (!s || !p.candidate || s->candidate != *p.candidate) throw not_found("no such session");
        auto pr = store::protocol_of(d, sitting);
        if (!pr) throw domain_error(error_kind::conflict, "no_results_yet", "the commission has not given the results of this session yet");
        const auto today = exam::kz_local_date(now);
        if (!exam::appeal_in_time(must_date(pr->appeal_until), today))
            throw domain_error(error_kind::conflict, "appeal_window_closed",
                            "appeals are filed within 5 working days of the results (until " + pr->appeal_until + ")");
        for (const auto& a : store::appeals_of_sitting(d, sitting))
            if (a.status == "registered") throw domain_error(error_kind::conflict, "appeal_open", "an appeal of this session is being decided");
        appeal_row a;
        a.sitting = sitting;
        a.candidate = s->candidate;
        a.reason = reason;
        a.filed_ms = now;
        a.filed_date = exam::to_iso(today);
        try {
            a.decide_by = exam::to_iso(exam::appeal_decide_by(store::load_calendar(d), today));
        } catch (const exam::calendar_missing& e) {
            throw calendar_missing_error(e);
        }
        a.members = store::users_with_role(d, "appeal");  // the appeal commission
        a.id = store::insert_appeal(d, a);
        audit::record(d, now, p.user, "appeal.file", "appeal " + std::to_string(a.id), "session " + std::to_string(sitting));
        auto cand = store::find_candidate(d, s->candidate);
        const bool kk = is_kk(s->lang);
        queue_notice(d, *cand, sitting, "appeal_registered", kk ? "Шағым тіркелді" : "Апелляция зарегистрирована",
                     (kk ? "Сіздің шағымыңыз №" : "Ваша апелляция №") + std::to_string(a.id) +
                         (kk ? " тіркелді. Шешім мерзімі: " : " зарегистрирована. Срок решения: ") +
                         format_dmy(a.decide_by) + "\n\n" + cfg_.centre.name + "\n",
                     "", now);
        return json{{"id", a.id}, {"decide_by", a.decide_by}, {"status", "registered"}};
    });
    wake_outbox();
    return json_response(req, http::status::created, out);
}

response procedure_service::list_appeals(const call& c) {
    const auto& req = c.req;
    const auto& p = c.user();
    auto r = readers_.acquire();
    std::vector<appeal_row> rows;
    if (p.is(role::admin)) rows = store::appeals_for(*r, std::nullopt);
    else if (p.is(role::appeal)) rows = store::appeals_for(*r, p.user);
    else if (p.is(role::candidate) && p.candidate) {
        for (const auto& a : store::appeals_for(*r, std::nullopt))
            if (a.candidate == *p.candidate) rows.push_back(a);
    } else {
        throw forbidden();
    }
    const std::string today = today_iso(clock_.now_ms());
    json out = json::array();
    for (const auto& a : rows) {
        json j = appeal_json(a);
        j["overdue"] = a.status == "registered" && today > a.decide_by;
        if (auto cand = store::find_candidate(*r, a.candidate)) j["full_name"] = cand->full_name;
        if (auto s = store::find_sitting(*r, a.sitting)) j["programme"] = s->programme;
        out.push_back(j);
    }
    return json_response(req, http::status::ok, out);
}

response procedure_service::get_appeal(const call& c) {
    const auto& req = c.req;
    const auto& p = c.user();
    const std::int64_t id = c.id();
    auto r = readers_.acquire();
    auto a = store::find_appeal(*r, id);
    if (!a) throw not_found("no such appeal");
    const bool member = std::find(a->members.begin(), a->members.end(), p.user) != a->members.end();
    if (!(p.is(role::admin) || (p.is(role::appeal) && member) || (p.is(role::candidate) && p.candidate == a->candidate)))
        throw forbidden("not allowed to see this appeal");
    return json_response(req, http::status::ok, appeal_json(*a));
}

response procedure_service::decide_appeal(const call& c) {
    const auto& req = c.req;
    const auto& p = c.user();
    const std::int64_t id = c.id();
    auto body = body_json(req);
    if (!body.is_object() || !body.contains("upheld") || !body["upheld"].is_boolean())
        throw unprocessable("upheld must be true or false");
    const bool upheld = body["upheld"].get<bool>();
    const std::string note = get_string_or(body, "note", "");
    checked_text(note, max_note, "a note");
    const auto now = clock_.now_ms();
    auto out = writer_.call([&](db& d) {
        auto a = store::find_appeal(d, id);
        if (!a) throw not_found("no such appeal");
        if (std::find(a->members.begin(), a->members.end(), p.user) == a->members.end())
            throw forbidden("this appeal is not assigned to you");
        if (a->status != "registered") throw domain_error(error_kind::conflict, "appeal_decided", "the appeal is decided already");
        const auto s = must_sitting(d, a->sitting);
        std::string code;
        if (upheld) {
            auto existing = store::document_of_sitting(d, a->sitting);
            if (existing && existing->status == "valid") code = existing->code;
            else code = issue_document(d, cfg_, s, must_programme(d, s.programme), "appeal", p.user, now).code;  // p.23
        }
        store::decide_appeal(d, id, upheld, note, p.user, now, code);
        audit::record(d, now, p.user, upheld ? "appeal.uphold" : "appeal.reject", "appeal " + std::to_string(id), note);
        auto cand = store::find_candidate(d, a->candidate);
        const bool kk = is_kk(s.lang);
        queue_notice(d, *cand, a->sitting, "appeal_decided", kk ? "Шағым бойынша шешім" : "Решение по апелляции",
                     (kk ? (upheld ? "Шағымыңыз қанағаттандырылды." : "Шағымыңыз қанағаттандырылмады.")
                         : (upheld ? "Ваша апелляция удовлетворена." : "В удовлетворении апелляции отказано.")) +
                         std::string("\n") + note + "\n" + (code.empty() ? "" : (kk ? "Құжат коды: " : "Код документа: ") + code + "\n") +
                         "\n" + cfg_.centre.name + "\n",
                     "", now);
        return json{{"document", code.empty() ? json(nullptr) : json(code)}, {"status", upheld ? "upheld" : "rejected"}};
    });
    wake_outbox();
    return json_response(req, http::status::ok, out);
}

// ---- queues

response procedure_service::commission_queue(const call& c) {
    const auto& req = c.req;
    auto r = readers_.acquire();
    const std::string today = today_iso(clock_.now_ms());
    json acts = json::array(), practical = json::array(), protocols = json::array();
    int overdue = 0;
    for (auto id : store::sittings_awaiting_protocol(*r, 500)) {
        const auto s = must_sitting(*r, id);
        const auto prog = store::find_programme(*r, s.programme);
        if (!prog) continue;
        auto cand = store::find_candidate(*r, s.candidate);
        const std::string& due = s.protocol_due;
        const bool late = !due.empty() && today > due;
        overdue += late;
        json base = {{"session", id},
                     {"full_name", cand ? cand->full_name : ""},
                     {"programme", s.programme},
                     {"profession", prog->profession},
                     {"status", s.status},
                     {"passed", s.passed.value_or(false)},
                     {"correct", s.correct.value_or(0)},
                     {"total", s.total.value_or(0)},
                     {"protocol_due", due.empty() ? json(nullptr) : json(due)},
                     {"overdue", late}};
        int drafts = 0;
        for (const auto& a : store::acts_of(*r, id)) {
            if (a.status != "draft") continue;
            ++drafts;
            json j = act_json(a);
            j["full_name"] = base["full_name"];
            j["protocol_due"] = base["protocol_due"];
            j["overdue"] = late;
            acts.push_back(j);
        }
        bool needs_practical = false;
        if (!prog->practical.empty() && admitted(s)) {
            auto o = practical_of(*r, *prog, id);
            needs_practical = !o.complete;
            if (needs_practical) {
                json j = base;
                j["card"] = practical_json(*r, *prog, s);
                practical.push_back(j);
            }
        }
        json j = base;
        j["draft_acts"] = drafts;
        j["ready"] = drafts == 0 && !needs_practical;
        protocols.push_back(j);
    }
    auto overdue_first = [](json& list) {
        std::stable_sort(list.begin(), list.end(), [](const json& a, const json& b) {
            return a.value("overdue", false) > b.value("overdue", false);
        });
    };
    overdue_first(acts);
    overdue_first(practical);
    overdue_first(protocols);
    return json_response(req, http::status::ok,
                         {{"today", today}, {"overdue", overdue}, {"acts", acts}, {"practical", practical}, {"protocols", protocols}});
}

response procedure_service::overdue_protocols(const call& c) {
    const auto& req = c.req;
    auto r = readers_.acquire();
    const std::string today = today_iso(clock_.now_ms());
    json out = json::array();
    for (auto id : store::sittings_awaiting_protocol(*r, 10000)) {
        const auto s = must_sitting(*r, id);
        if (!s.protocol_due.empty() && today > s.protocol_due)
            out.push_back({{"session", id}, {"protocol_due", s.protocol_due}});
    }
    return json_response(req, http::status::ok, out);
}

response procedure_service::list_notices(const call& c) {
    const auto& req = c.req;
    const auto& p = c.user();
    const std::string& query = c.query;
    std::int64_t candidate = 0;
    bool undelivered = false;
    if (p.is(role::candidate) && p.candidate) {
        candidate = *p.candidate;
    } else {
        const std::string asked = query_param(query, "candidate");
        undelivered = query_param(query, "undelivered") == "1";
        if (asked.empty() && !undelivered) throw unprocessable("?candidate=ID or ?undelivered=1 is required");
        if (!undelivered) candidate = parse_id(asked);
    }
    auto r = readers_.acquire();
    json out = json::array();
    for (const auto& n : undelivered ? store::undelivered_notices(*r, 1000) : store::notices_of(*r, candidate))
        out.push_back(notice_json(n));
    return json_response(req, http::status::ok, out);
}

response procedure_service::audit_verify(const call& c) {
    const auto& req = c.req;
    auto r = readers_.acquire();
    const auto rep = audit::verify(*r);
    return json_response(req, http::status::ok,
                         {{"ok", rep.ok()},
                          {"sittings", rep.sittings},
                          {"events", rep.events},
                          {"audit_entries", rep.audit_entries},
                          {"breaks", rep.breaks}});
}

}  // namespace tanu::server
