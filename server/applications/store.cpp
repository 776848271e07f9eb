#include "server/applications/store.hpp"

#include <nlohmann/json.hpp>

namespace tanu::server::store {

namespace {

using nlohmann::json;

stmt& bind_text_or_null(stmt& s, int i, const std::string& v) { return v.empty() ? s.bind_null(i) : s.bind(i, v); }

constexpr const char* app_select =
    "SELECT id, COALESCE(reg_no, ''), candidate, person, programme, channel, status, form, full_name, iin, "
    "consent_pd_ms, consent_nqs_ms, COALESCE(signed_date, ''), COALESCE(registered_date, ''), registered_by, "
    "COALESCE(check_due, ''), created_by, created_ms, updated_ms, COALESCE(contract_no, ''), "
    "COALESCE(contract_date, ''), COALESCE(contract_price, ''), COALESCE(schedule_notice_due, ''), contracted_by, "
    "contracted_ms, COALESCE(refusal, ''), COALESCE(refusal_text, ''), COALESCE(refusal_sha256, ''), "
    "refusal_prepared_by, refusal_prepared_ms, refusal_signed_by, refusal_signed_ms, "
    "COALESCE(refusal_signed_method, ''), withdrawn_ms, COALESCE(schedule_notice_sent, '') FROM applications ";

application_row read_app(const stmt& s) {
    application_row a;
    int i = 0;
    a.id = s.i64(i++);
    a.reg_no = s.text(i++);
    a.candidate = s.i64(i++);
    a.person = s.i64(i++);
    a.programme = s.text(i++);
    a.channel = s.text(i++);
    a.status = s.text(i++);
    a.form = s.text(i++);
    a.full_name = s.text(i++);
    a.iin = s.text(i++);
    a.consent_pd_ms = s.opt_i64(i++);
    a.consent_nqs_ms = s.opt_i64(i++);
    a.signed_date = s.text(i++);
    a.registered_date = s.text(i++);
    a.registered_by = s.opt_i64(i++);
    a.check_due = s.text(i++);
    a.created_by = s.i64(i++);
    a.created_ms = s.i64(i++);
    a.updated_ms = s.i64(i++);
    a.contract_no = s.text(i++);
    a.contract_date = s.text(i++);
    a.contract_price = s.text(i++);
    a.schedule_notice_due = s.text(i++);
    a.contracted_by = s.opt_i64(i++);
    a.contracted_ms = s.opt_i64(i++);
    a.refusal = s.text(i++);
    a.refusal_text = s.text(i++);
    a.refusal_sha256 = s.text(i++);
    a.refusal_prepared_by = s.opt_i64(i++);
    a.refusal_prepared_ms = s.opt_i64(i++);
    a.refusal_signed_by = s.opt_i64(i++);
    a.refusal_signed_ms = s.opt_i64(i++);
    a.refusal_signed_method = s.text(i++);
    a.withdrawn_ms = s.opt_i64(i++);
    a.schedule_notice_sent = s.text(i++);
    return a;
}

std::vector<application_row> read_apps(stmt& q) {
    std::vector<application_row> out;
    while (q.step()) out.push_back(read_app(q));
    return out;
}

constexpr const char* att_select =
    "SELECT id, application, type, number, issuer, COALESCE(issue_date, ''), COALESCE(valid_until, ''), sha256, size, "
    "content_type, file, uploaded_by, uploaded_ms FROM application_attachments ";

attachment_row read_att(const stmt& s) {
    return {s.i64(0), s.i64(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6), s.text(7),
            s.i64(8), s.text(9), s.text(10), s.i64(11), s.i64(12)};
}

std::vector<std::string> strings_or(const json& j, const char* key, std::vector<std::string> fallback) {
    if (!j.contains(key) || !j[key].is_array()) return fallback;
    std::vector<std::string> out;
    for (const auto& v : j[key])
        if (v.is_string()) out.push_back(v.get<std::string>());
    return out;
}

programme_terms terms_of(const std::string& code, const std::string& body) {
    programme_terms t;
    t.code = code;
    const json j = json::parse(body, nullptr, false);
    if (!j.is_object()) return t;
    auto str = [&](const char* k, const char* fallback) {
        return j.contains(k) && j[k].is_string() ? j[k].get<std::string>() : std::string(fallback);
    };
    t.kind = str("kind", "recognition");
    t.profession = str("profession", "");
    t.regime = str("regime", "custom");
    if (j.contains("nqf_level") && j["nqf_level"].is_number_integer()) t.nqf_level = j["nqf_level"].get<int>();
    t.languages = strings_or(j, "languages", {});
    t.modes = strings_or(j, "modes", {"online"});
    if (j.contains("admission") && j["admission"].is_object()) {
        const auto& a = j["admission"];
        if (a.contains("education_required") && a["education_required"].is_boolean())
            t.education_required = a["education_required"].get<bool>();
        if (a.contains("experience_years") && a["experience_years"].is_number_integer())
            t.experience_years = a["experience_years"].get<int>();
    }
    t.methodology = j.contains("methodology") && j["methodology"].is_object() ? j["methodology"].dump() : "{}";
    return t;
}

}  // namespace

// ---- applications

std::int64_t insert_application(db& d, const application_row& a) {
    auto& s = d.cached(
        "INSERT INTO applications(candidate, person, programme, channel, status, form, full_name, iin, consent_pd_ms, "
        "consent_nqs_ms, created_by, created_ms, updated_ms) VALUES (?, ?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, a.candidate).bind(2, a.person).bind(3, a.programme).bind(4, a.channel).bind(5, a.form);
    s.bind(6, a.full_name).bind(7, a.iin).bind(8, a.consent_pd_ms).bind(9, a.consent_nqs_ms);
    s.bind(10, a.created_by).bind(11, a.created_ms).bind(12, a.updated_ms).run();
    return d.last_insert_id();
}

std::optional<application_row> find_application(db& d, std::int64_t id) {
    stmt q(d, (std::string(app_select) + "WHERE id = ?").c_str());
    q.bind(1, id);
    if (!q.step()) return std::nullopt;
    return read_app(q);
}

void update_application_form(db& d, const application_row& a) {
    auto& s = d.cached(
        "UPDATE applications SET programme = ?, form = ?, full_name = ?, iin = ?, consent_pd_ms = ?, consent_nqs_ms = ?, "
        "updated_ms = ? WHERE id = ?");
    s.bind(1, a.programme).bind(2, a.form).bind(3, a.full_name).bind(4, a.iin).bind(5, a.consent_pd_ms);
    s.bind(6, a.consent_nqs_ms).bind(7, a.updated_ms).bind(8, a.id).run();
}

void register_application(db& d, std::int64_t id, const std::string& reg_no, const std::string& registered_date,
                          const std::string& signed_date, const std::string& check_due, std::int64_t by,
                          std::int64_t now_ms) {
    auto& s = d.cached(
        "UPDATE applications SET status = 'registered', reg_no = ?, registered_date = ?, signed_date = ?, check_due = ?, "
        "registered_by = ?, updated_ms = ? WHERE id = ? AND status = 'draft'");
    s.bind(1, reg_no).bind(2, registered_date).bind(3, signed_date).bind(4, check_due).bind(5, by).bind(6, now_ms);
    s.bind(7, id).run();
}

void contract_application(db& d, std::int64_t id, const std::string& no, const std::string& date,
                          const std::string& price, const std::string& schedule_notice_due, std::int64_t by,
                          std::int64_t now_ms) {
    auto& s = d.cached(
        "UPDATE applications SET status = 'contracted', contract_no = ?, contract_date = ?, contract_price = ?, "
        "schedule_notice_due = ?, contracted_by = ?, contracted_ms = ?, updated_ms = ? WHERE id = ?");
    s.bind(1, no).bind(2, date).bind(3, price).bind(4, schedule_notice_due).bind(5, by).bind(6, now_ms);
    s.bind(7, now_ms).bind(8, id).run();
}

bool contract_no_taken(db& d, const std::string& no) {
    auto& s = d.cached("SELECT 1 FROM applications WHERE contract_no = ?");
    s.bind(1, no);
    const bool taken = s.step();
    s.reset();
    return taken;
}

void prepare_refusal(db& d, std::int64_t id, const std::string& refusal, const std::string& text,
                     const std::string& sha256, std::int64_t by, std::int64_t now_ms) {
    auto& s = d.cached(
        "UPDATE applications SET status = 'refusal_prepared', refusal = ?, refusal_text = ?, refusal_sha256 = ?, "
        "refusal_prepared_by = ?, refusal_prepared_ms = ?, refusal_signed_by = NULL, refusal_signed_ms = NULL, "
        "refusal_signed_method = NULL, updated_ms = ? WHERE id = ?");
    s.bind(1, refusal).bind(2, text).bind(3, sha256).bind(4, by).bind(5, now_ms).bind(6, now_ms).bind(7, id).run();
}

void sign_refusal(db& d, std::int64_t id, const std::string& text, const std::string& sha256, std::int64_t by,
                  const std::string& method, std::int64_t signed_ms, std::int64_t now_ms) {
    auto& s = d.cached(
        "UPDATE applications SET status = 'refused', refusal_text = ?, refusal_sha256 = ?, refusal_signed_by = ?, "
        "refusal_signed_method = ?, refusal_signed_ms = ?, updated_ms = ? WHERE id = ? AND status = 'refusal_prepared'");
    s.bind(1, text).bind(2, sha256).bind(3, by).bind(4, method).bind(5, signed_ms).bind(6, now_ms).bind(7, id).run();
}

void return_refusal(db& d, std::int64_t id, const std::string& refusal, std::int64_t now_ms) {
    auto& s = d.cached("UPDATE applications SET status = 'registered', refusal = ?, updated_ms = ? WHERE id = ?");
    s.bind(1, refusal).bind(2, now_ms).bind(3, id).run();
}

void withdraw_application(db& d, std::int64_t id, std::int64_t now_ms) {
    auto& s = d.cached("UPDATE applications SET status = 'withdrawn', withdrawn_ms = ?, updated_ms = ? WHERE id = ?");
    s.bind(1, now_ms).bind(2, now_ms).bind(3, id).run();
}

void touch_application(db& d, std::int64_t id, std::int64_t now_ms) {
    d.cached("UPDATE applications SET updated_ms = ? WHERE id = ?").bind(1, now_ms).bind(2, id).run();
}

std::vector<application_row> applications_of(db& d, std::int64_t candidate) {
    stmt q(d, (std::string(app_select) + "WHERE candidate = ? ORDER BY created_ms DESC, id DESC").c_str());
    q.bind(1, candidate);
    return read_apps(q);
}

std::vector<application_row> list_applications(db& d, const std::string& status, const std::string& q,
                                               const std::string& today, int limit) {
    std::string sql = std::string(app_select) + "WHERE ";
    sql += status.empty() ? "status <> 'draft' " : "status = ?1 ";
    if (!q.empty()) sql += "AND (reg_no LIKE ?2 ESCAPE '\\' OR full_name LIKE ?2 ESCAPE '\\' OR iin LIKE ?2 ESCAPE '\\') ";
    sql += "ORDER BY CASE WHEN status IN ('registered', 'refusal_prepared') AND check_due < ?4 THEN 0 ELSE 1 END, "
           "CASE WHEN check_due IS NULL THEN 1 ELSE 0 END, check_due, id LIMIT ?3";
    stmt s(d, sql.c_str());
    if (!status.empty()) s.bind(1, status);
    if (!q.empty()) {
        std::string like = "%";
        for (char c : q) {
            if (c == '%' || c == '_' || c == '\\') like += '\\';
            like += c;
        }
        like += '%';
        s.bind(2, like);
    }
    s.bind(3, limit).bind(4, today);
    return read_apps(s);
}

std::optional<std::int64_t> open_application(db& d, std::int64_t candidate, const std::string& programme) {
    auto& s = d.cached(
        "SELECT id FROM applications WHERE candidate = ? AND programme = ? "
        "AND status IN ('draft', 'registered', 'refusal_prepared') LIMIT 1");
    s.bind(1, candidate).bind(2, programme);
    std::optional<std::int64_t> out;
    if (s.step()) out = s.i64(0);
    s.reset();
    return out;
}

// ---- attachments

std::int64_t insert_attachment(db& d, const attachment_row& a) {
    auto& s = d.cached(
        "INSERT INTO application_attachments(application, type, number, issuer, issue_date, valid_until, sha256, size, "
        "content_type, file, uploaded_by, uploaded_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, a.application).bind(2, a.type).bind(3, a.number).bind(4, a.issuer);
    bind_text_or_null(s, 5, a.issue_date);
    bind_text_or_null(s, 6, a.valid_until);
    s.bind(7, a.sha256).bind(8, a.size).bind(9, a.content_type).bind(10, a.file).bind(11, a.uploaded_by);
    s.bind(12, a.uploaded_ms).run();
    return d.last_insert_id();
}

std::vector<attachment_row> attachments_of(db& d, std::int64_t application) {
    stmt q(d, (std::string(att_select) + "WHERE application = ? ORDER BY id").c_str());
    q.bind(1, application);
    std::vector<attachment_row> out;
    while (q.step()) out.push_back(read_att(q));
    return out;
}

std::optional<attachment_row> find_attachment(db& d, std::int64_t application, std::int64_t id) {
    stmt q(d, (std::string(att_select) + "WHERE application = ? AND id = ?").c_str());
    q.bind(1, application).bind(2, id);
    if (!q.step()) return std::nullopt;
    return read_att(q);
}

void delete_attachment(db& d, std::int64_t id) {
    d.cached("DELETE FROM application_attachments WHERE id = ?").bind(1, id).run();
}

int attachment_count(db& d, std::int64_t application) {
    auto& s = d.cached("SELECT count(*) FROM application_attachments WHERE application = ?");
    s.bind(1, application);
    s.step();
    const int n = s.i32(0);
    s.reset();
    return n;
}

int attachments_with_file(db& d, std::int64_t application, const std::string& file) {
    auto& s = d.cached("SELECT count(*) FROM application_attachments WHERE application = ? AND file = ?");
    s.bind(1, application).bind(2, file);
    s.step();
    const int n = s.i32(0);
    s.reset();
    return n;
}

// ---- counters

std::int64_t next_counter(db& d, const std::string& name) {
    auto& s = d.cached(
        "INSERT INTO counters(name, value) VALUES (?, 1) ON CONFLICT(name) DO UPDATE SET value = value + 1 "
        "RETURNING value");
    s.bind(1, name);
    s.step();
    const auto v = s.i64(0);
    s.reset();
    return v;
}

// ---- people and candidates

std::optional<std::int64_t> person_by_iin(db& d, const std::string& iin) {
    auto& s = d.cached("SELECT id FROM people WHERE iin = ?");
    s.bind(1, iin);
    std::optional<std::int64_t> out;
    if (s.step()) out = s.i64(0);
    s.reset();
    return out;
}

std::optional<std::int64_t> candidate_of_person(db& d, std::int64_t person) {
    auto& s = d.cached("SELECT id FROM candidates WHERE person = ?");
    s.bind(1, person);
    std::optional<std::int64_t> out;
    if (s.step()) out = s.i64(0);
    s.reset();
    return out;
}

std::string login_of(db& d, std::int64_t user) {
    auto& s = d.cached("SELECT login FROM users WHERE id = ?");
    s.bind(1, user);
    std::string out;
    if (s.step()) out = s.text(0);
    s.reset();
    return out;
}

// ---- programmes

std::optional<programme_terms> find_programme_terms(db& d, const std::string& code) {
    auto& s = d.cached("SELECT code, body FROM programmes WHERE code = ?");
    s.bind(1, code);
    std::optional<programme_terms> out;
    if (s.step()) out = terms_of(s.text(0), s.text(1));
    s.reset();
    return out;
}

std::vector<programme_terms> all_programme_terms(db& d) {
    stmt s(d, "SELECT code, body FROM programmes ORDER BY code");
    std::vector<programme_terms> out;
    while (s.step()) out.push_back(terms_of(s.text(0), s.text(1)));
    return out;
}

void schedule_notice_sent(db& d, std::int64_t application, const std::string& day, std::int64_t now_ms) {
    auto& s = d.cached(
        "UPDATE applications SET schedule_notice_sent = COALESCE(schedule_notice_sent, ?), updated_ms = ? WHERE id = ?");
    s.bind(1, day).bind(2, now_ms).bind(3, application).run();
}

}  // namespace tanu::server::store
