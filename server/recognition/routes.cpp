// The recognition procedure's routes (docs/api.md, "After the theory stage"):
// each parses the request into a use case's input, runs it (in the writer's
// transaction when it writes) and maps the result to JSON.
#include "server/recognition/recognition.hpp"

#include <algorithm>
#include <cctype>

#include "exam/recognition/document_code.hpp"
#include "server/accounts/auth.hpp"
#include "server/audit/audit.hpp"
#include "server/exam/sitting_access.hpp"
#include "server/http/router.hpp"
#include "server/people/store.hpp"
#include "server/platform/domain_error.hpp"
#include "server/platform/json_map.hpp"
#include "server/platform/module.hpp"
#include "server/platform/sha256.hpp"
#include "server/recognition/acts.hpp"
#include "server/recognition/appeals.hpp"
#include "server/recognition/briefing.hpp"
#include "server/recognition/receipts.hpp"
#include "server/recognition/checks.hpp"
#include "server/recognition/commissions.hpp"
#include "server/recognition/documents.hpp"
#include "server/recognition/owner.hpp"
#include "server/recognition/practical.hpp"
#include "server/recognition/protocol.hpp"
#include "server/recognition/queue.hpp"
#include "server/recognition/record.hpp"

namespace tanu::server {

namespace {

using namespace recognition;

class recognition_module final : public module {
public:
    recognition_module(platform& p, const sitting_owners& owners, signer& sign) : p_(p), owners_(owners), signer_(sign) {}

    void routes(router& r) override {
        using R = role;
        const auto admin = access::only({R::admin});
        const auto commission = access::only({R::commission});
        const auto examiners = access::only({R::admin, R::commission});
        const auto appeal_readers = access::only({R::admin, R::appeal, R::candidate});
        r.get("/api/sessions/{id}/acts", access::signed_in(), member(this, &recognition_module::session_acts));
        r.post("/api/acts/{id}/review", commission, member(this, &recognition_module::review_act));
        r.get("/api/sessions/{id}/practical", access::signed_in(), member(this, &recognition_module::get_practical));
        r.post("/api/sessions/{id}/practical", commission, member(this, &recognition_module::post_practical));
        r.get("/api/sessions/{id}/protocol", access::signed_in(), member(this, &recognition_module::get_protocol));
        r.post("/api/sessions/{id}/protocol", commission, member(this, &recognition_module::post_protocol));
        r.get("/api/sessions/{id}/record", access::signed_in(), member(this, &recognition_module::session_record));
        r.get("/api/documents/{code}", access::optional(), member(this, &recognition_module::get_document));
        r.get("/api/documents/{code}/html", access::signed_in(), [this](const call& c) { return document_file(c, false); });
        r.get("/api/documents/{code}/pdf", access::signed_in(), [this](const call& c) { return document_file(c, true); });
        r.post("/api/documents/{code}/revoke", admin, member(this, &recognition_module::revoke_document));
        r.get("/api/documents", access::only({R::head, R::admin}), member(this, &recognition_module::unsigned_documents));
        r.post("/api/documents/{code}/sign", access::only({R::head}), member(this, &recognition_module::sign_document));
        // W5: the candidate from the cabinet; the registrar enters one handed in on paper
        r.post("/api/appeals", access::only({R::candidate, R::registrar, R::admin}), member(this, &recognition_module::post_appeal));
        r.post("/api/sessions/{id}/results-receipt", access::only({R::registrar, R::admin}),
               member(this, &recognition_module::post_results_receipt));
        r.get("/api/appeals", appeal_readers, member(this, &recognition_module::list_appeals));
        r.get("/api/appeals/{id}", appeal_readers, member(this, &recognition_module::get_appeal));
        r.post("/api/appeals/{id}/decision", access::only({R::appeal}), member(this, &recognition_module::decide_appeal));
        r.get("/api/commission/queue", examiners, member(this, &recognition_module::commission_queue));
        r.get("/api/protocols/overdue", examiners, member(this, &recognition_module::overdue_protocols));
        r.get("/api/audit/verify", admin, member(this, &recognition_module::audit_verify));
        // the centre's commissions (W4): admin and registrar manage, every staff role reads
        const auto managers = access::only({R::admin, R::registrar});
        const auto staff = access::only({R::admin, R::registrar, R::head, R::commission, R::appeal});
        r.post("/api/commissions", managers, member(this, &recognition_module::create_commission));
        r.get("/api/commissions", staff, member(this, &recognition_module::list_commissions));
        r.get("/api/commissions/{id}", staff, member(this, &recognition_module::get_commission));
        r.put("/api/commissions/{id}", managers, member(this, &recognition_module::update_commission));
        r.post("/api/commissions/{id}/close", managers, member(this, &recognition_module::close_commission));
        add_briefing_routes(r, p_, owners_);  // W6: before the procedure (p.8, p.12)
    }

private:
    // ---- acts (p.14)

    response session_acts(const call& c) {
        auto r = p_.readers.acquire();
        const auto s = must_sitting(*r, c.id());
        sitting_reader(*r, owners_, c.user(), s);
        json out = json::array();
        for (const auto& a : store::acts_of(*r, s.id)) out.push_back(act_json(a));
        return json_response(c.req, http::status::ok, out);
    }

    response review_act(const call& c) {
        review_act_input in;
        in.act = c.id();
        in.member = c.user().user;
        auto body = body_json(c.req);
        const std::string decision = get_string(body, "decision");
        in.reason = get_string_or(body, "reason", "");
        if (auto d = parse_act_decision(decision)) in.decision = *d;
        else throw unprocessable("decision must be confirm or annul");
        const auto now = p_.clock.now_ms();
        auto act = p_.writer.call([&](db& d) { return recognition::review_act(d, in, now); });
        return json_response(c.req, http::status::ok, act_json(act));
    }

    // ---- practical stage (p.16-17)

    response get_practical(const call& c) {
        auto r = p_.readers.acquire();
        const auto s = must_sitting(*r, c.id());
        sitting_reader(*r, owners_, c.user(), s);
        return json_response(c.req, http::status::ok, practical_json(*r, must_programme(*r, s.programme), s));
    }

    response post_practical(const call& c) {
        record_practical_input in;
        in.sitting = c.id();
        in.member = c.user().user;
        auto body = body_json(c.req);
        if (!body.is_object() || !body.contains("items") || !body["items"].is_array() || body["items"].empty())
            throw unprocessable("the body is {\"items\": [{\"id\", \"done\", \"note\"}]}");
        for (const auto& it : body["items"]) {
            if (!it.is_object()) throw unprocessable("each item is {\"id\", \"done\", \"note\"}");
            item_mark m;
            m.item = get_string(it, "id");
            if (!it.contains("done") || !it["done"].is_boolean()) throw unprocessable("done must be true or false");
            m.done = it["done"].get<bool>();
            m.note = get_string_or(it, "note", "");
            in.marks.push_back(std::move(m));
        }
        const auto now = p_.clock.now_ms();
        auto outcome = p_.writer.call([&](db& d) { return record_practical(d, in, now); });
        return json_response(c.req, http::status::ok, outcome_json(outcome));
    }

    // ---- protocol (p.17), then the document (p.18) or the notice (p.19)

    response get_protocol(const call& c) {
        const auto now = p_.clock.now_ms();
        {
            auto r = p_.readers.acquire();
            const auto s = must_sitting(*r, c.id());
            sitting_reader(*r, owners_, c.user(), s);
            auto pr = store::protocol_of(*r, s.id);
            if (!pr) throw not_found("the protocol of this session is not signed yet");
            // W5, p.20: the candidate's first view of the bound protocol is his receipt of the results
            const bool own = c.user().candidate && *c.user().candidate == s.candidate;
            if (!own || !pr->bound() || store::results_receipt_of(*r, s.id))
                return json_response(c.req, http::status::ok, protocol_json(*r, *pr, exam::kz_local_date(now)));
        }
        auto out = p_.writer.call([&](db& d) {
            note_cabinet_view(d, c.id(), c.user().user, now);
            return protocol_json(d, *store::protocol_of(d, c.id()), exam::kz_local_date(now));
        });
        return json_response(c.req, http::status::ok, out);
    }

    // W5: a paper receipt of the results, entered by the registrar {"received_date", "note"}
    response post_results_receipt(const call& c) {
        const auto body = body_json(c.req);
        auto day = exam::parse_iso_date(get_string(body, "received_date"));
        if (!day) throw domain_error(error_kind::unprocessable, "field_invalid", "received_date must be a date YYYY-MM-DD");
        const auto note = get_string_or(body, "note", "");
        const auto now = p_.clock.now_ms();
        auto out = p_.writer.call([&](db& d) {
            must_sitting(d, c.id());
            record_results_receipt(d, c.id(), "paper", *day, c.user().user, note, now);
            return protocol_json(d, *store::protocol_of(d, c.id()), exam::kz_local_date(now));
        });
        return json_response(c.req, http::status::ok, out);
    }

    response post_protocol(const call& c) {
        const sign_protocol_input in{c.id(), c.user().user};
        const auto now = p_.clock.now_ms();
        bool created = false, bound = false;
        auto out = p_.writer.call([&](db& d) {
            auto r = sign_protocol(d, p_.cfg.centre, in, now);
            created = r.created;
            bound = r.bound;
            return protocol_json(d, r.protocol, exam::kz_local_date(now));
        });
        if (bound) p_.notices.ring();
        return json_response(c.req, created ? http::status::created : http::status::ok, out);
    }

    // ---- the whole record (p.22)

    response session_record(const call& c) {
        auto r = p_.readers.acquire();
        return json_response(c.req, http::status::ok, recognition::session_record(*r, owners_, c.user(), c.id(), p_.clock.now_ms()));
    }

    // ---- documents (p.18)

    // Public: anyone may ask whether a code is a valid document. The holder's full
    // name comes only with the document's check value (?check=, compared in
    // constant time), or to the holder and the centre's staff signed in (who get
    // the check value too, for the verification link).
    response get_document(const call& c) {
        const std::string& code = c.param();
        if (!exam::is_document_code(code)) throw not_found("no document with this code");
        auto r = p_.readers.acquire();
        auto d = store::find_document(*r, code);
        if (!d) throw not_found("no document with this code");
        bool own = false;
        if (c.who) {
            try {
                if (auto s = store::find_sitting(*r, d->sitting)) {
                    sitting_reader(*r, owners_, *c.who, *s);
                    own = true;
                }
            } catch (const domain_error&) {
                // not one of the document's readers: the public answer
            }
        }
        const std::string check = lower_ascii(c.query_param("check"));
        const bool verified = own || (!d->check_value.empty() && secrets_equal(check, d->check_value));
        json out = document_public_json(*d, verified);
        if (own) out["check"] = d->check_value;
        auto res = json_response(c.req, http::status::ok, out);
        if (verified) res.set(http::field::cache_control, "no-store");
        return res;
    }

    response document_file(const call& c, bool pdf) {
        const auto& req = c.req;
        const std::string& code = c.param();
        auto r = p_.readers.acquire();
        auto d = store::find_document(*r, code);
        if (!d) throw not_found("no document with this code");
        const auto s = must_sitting(*r, d->sitting);
        sitting_reader(*r, owners_, c.user(), s);
        auto cand = store::find_candidate(*r, d->candidate);
        const auto view =
            view_of(p_.cfg, *d, cand ? cand->iin : "", s.lang, verify_url(p_.cfg, p_.own_url, d->code, d->check_value));
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

    response revoke_document(const call& c) {
        revoke_input in;
        in.code = c.param();
        in.actor = c.user().user;
        auto body = body_json(c.req);
        in.reason = get_string(body, "reason");
        checked_text(in.reason, max_note, "a reason", true);
        const auto now = p_.clock.now_ms();
        auto doc = p_.writer.call([&](db& d) { return recognition::revoke_document(d, in, now); });
        return json_response(c.req, http::status::ok, document_public_json(doc));
    }

    // The head's queue: documents awaiting the signature, the earliest term first
    // (an overdue one first of all: its term is the earliest).
    response unsigned_documents(const call& c) {
        const std::string status = c.query_param("status");
        if (!status.empty() && status != "pending_signature")
            throw bad_request("status is pending_signature (the only list kept here)");
        auto r = p_.readers.acquire();
        const std::string today = today_iso(p_.clock.now_ms());
        json list = json::array();
        int overdue = 0;
        for (const auto& d : store::documents_unsigned(*r, 1000)) {
            const bool late = !d.sign_due.empty() && today > d.sign_due;
            overdue += late ? 1 : 0;
            auto j = document_public_json(d, true);
            j["session"] = d.sitting;
            j["basis"] = d.basis;
            j["sign_due"] = d.sign_due.empty() ? json(nullptr) : json(d.sign_due);
            j["overdue"] = late;
            list.push_back(std::move(j));
        }
        return json_response(c.req, http::status::ok, {{"today", today}, {"overdue", overdue}, {"documents", list}});
    }

    // Appendix 2: the head of the centre signs; the password is asked again
    // (the signer, on this worker), then the writer makes the document valid.
    response sign_document(const call& c) {
        const std::string& code = c.param();
        if (!exam::is_document_code(code)) throw not_found("no document with this code");
        auto body = body_json(c.req);
        const auto now = p_.clock.now_ms();
        signature_record sig;
        {
            auto r = p_.readers.acquire();
            auto doc = store::find_document(*r, code);
            if (!doc) throw not_found("no document with this code");
            if (doc->status != "pending_signature")
                throw domain_error(error_kind::conflict, "not_pending",
                                   doc->status == "valid" ? "the document is signed already" : "the document is revoked");
            const auto prog = must_programme(*r, doc->programme);
            const auto sha = sha256_hex(signed_content(as_signed(*doc, prog, p_.cfg.centre, now), p_.cfg.centre.number));
            sig = signer_.sign(*r, c.user().user, sha, body, now);
        }
        auto doc = p_.writer.call([&](db& d) { return recognition::sign_document(d, p_.cfg.centre, {code, sig}, now); });
        p_.notices.ring();
        auto out = document_public_json(doc, true);
        out["check"] = doc.check_value;
        out["signed"] = {{"ms", sig.signed_ms}, {"by", c.user().login}, {"method", sig.method}, {"sha256", sig.sha256}};
        return json_response(c.req, http::status::ok, out);
    }

    // ---- appeals (p.20-23)

    response post_appeal(const call& c) {
        const auto& p = c.user();
        auto body = body_json(c.req);
        file_appeal_input in;
        in.sitting = get_int(body, "session");
        in.user = p.user;
        in.candidate = p.candidate;
        in.reason = get_string(body, "reason");
        // W5, p.21: staff enter an appeal handed in on paper, with the day the centre received it
        std::optional<exam::date> paper;
        if (!p.is(role::candidate)) {
            if (get_string_or(body, "channel", "") != "paper")
                throw domain_error(error_kind::unprocessable, "field_invalid",
                                   "staff register an appeal handed in on paper: channel \"paper\" and received_date");
            in.candidate.reset();
            paper = exam::parse_iso_date(get_string(body, "received_date"));
            if (!paper)
                throw domain_error(error_kind::unprocessable, "field_invalid", "received_date must be a date YYYY-MM-DD");
        }
        checked_text(in.reason, max_reason, "a reason", true);
        const auto now = p_.clock.now_ms();
        auto a = p_.writer.call([&](db& d) { return file_appeal(d, p_.cfg.centre, in, now, paper); });
        p_.notices.ring();
        return json_response(c.req, http::status::created, {{"id", a.id}, {"decide_by", a.decide_by}, {"status", a.status}});
    }

    response list_appeals(const call& c) {
        const auto& p = c.user();
        auto r = p_.readers.acquire();
        const auto rows = readable_appeals(*r, p);
        const bool staff = p.roles().intersects({role::admin, role::appeal});  // the votes are the commission's
        const std::string today = today_iso(p_.clock.now_ms());
        json out = json::array();
        for (const auto& a : rows) {
            json j = appeal_json(a);
            j["overdue"] = a.status == exam::to_string(exam::appeal_status::registered) && today > a.decide_by;
            if (auto cand = store::find_candidate(*r, a.candidate)) j["full_name"] = cand->full_name;
            if (auto s = store::find_sitting(*r, a.sitting)) j["programme"] = s->programme;
            if (staff) j.update(appeal_votes_json(*r, count_votes(*r, a)));
            out.push_back(j);
        }
        return json_response(c.req, http::status::ok, out);
    }

    response get_appeal(const call& c) {
        const auto& p = c.user();
        auto r = p_.readers.acquire();
        auto a = store::find_appeal(*r, c.id());
        if (!a) throw not_found("no such appeal");
        if (!may_read_appeal(p, *a)) throw forbidden("not allowed to see this appeal");
        json j = appeal_json(*a);
        if (p.roles().intersects({role::admin, role::appeal})) j.update(appeal_votes_json(*r, count_votes(*r, *a)));
        return json_response(c.req, http::status::ok, j);
    }

    response decide_appeal(const call& c) {
        decide_appeal_input in;
        in.appeal = c.id();
        in.member = c.user().user;
        auto body = body_json(c.req);
        if (!body.is_object()) throw unprocessable("the body is an object: {\"outcome\", \"reasons\", \"note\"}");
        // {"outcome", "reasons", "note"}; the first form {"upheld": true|false, "note"} stays
        if (body.contains("outcome")) {
            const auto o = body["outcome"].is_string() ? exam::parse_appeal_outcome(body["outcome"].get<std::string>())
                                                       : std::nullopt;
            if (!o)
                throw domain_error(error_kind::unprocessable, "field_invalid",
                                   "outcome is recognised, annulled or rejected");
            in.outcome = *o;
        } else if (!body.contains("upheld") || !body["upheld"].is_boolean()) {
            throw domain_error(error_kind::unprocessable, "outcome_required",
                               "outcome is recognised, annulled or rejected (or upheld true|false)");
        } else {
            in.upheld = body["upheld"].get<bool>();
        }
        in.note = get_string_or(body, "note", "");
        in.reasons = get_string_or(body, "reasons", "");
        checked_text(in.note, max_note, "a note");
        checked_text(in.reasons, max_reason, "the reasons");
        const auto now = p_.clock.now_ms();
        auto out = p_.writer.call([&](db& d) {
            auto r = recognition::decide_appeal(d, p_.cfg.centre, in, now);
            return std::pair{r, appeal_votes_json(d, r.count)};
        });
        p_.notices.ring();
        const auto& r = out.first;
        json j = {{"document", r.document.empty() ? json(nullptr) : json(r.document)},
                  {"status", exam::to_string(r.status)},
                  {"outcome", r.outcome ? json(exam::to_string(*r.outcome)) : json(nullptr)},
                  {"decided", r.decided()}};
        j["votes"] = out.second["votes"];
        j["quorum"] = out.second["quorum"];
        j["tally"] = out.second["tally"];
        return json_response(c.req, http::status::ok, j);
    }

    // ---- queues

    response commission_queue(const call& c) {
        auto r = p_.readers.acquire();
        return json_response(c.req, http::status::ok, recognition::commission_queue(*r, p_.clock.now_ms()));
    }

    response overdue_protocols(const call& c) {
        auto r = p_.readers.acquire();
        return json_response(c.req, http::status::ok, recognition::overdue_protocols(*r, p_.clock.now_ms()));
    }

    // ---- commissions (W4)

    // The body of POST and PUT: {"kind", "name", "order_no", "order_date",
    // "valid_from"?, "valid_to"?, "quorum"?, "members": [{"user" | "login", "role"}],
    // "programmes": [codes]}.
    static commission_input commission_body(const json& body) {
        if (!body.is_object()) throw bad_request("the body is a JSON object");
        commission_input in;
        in.kind = get_string_or(body, "kind", "");
        in.name = get_string_or(body, "name", "");
        in.order_no = get_string_or(body, "order_no", "");
        in.order_date = get_string_or(body, "order_date", "");
        in.valid_from = get_string_or(body, "valid_from", "");
        in.valid_to = get_string_or(body, "valid_to", "");
        in.quorum = get_string_or(body, "quorum", "");
        if (body.contains("members")) {
            const auto& ms = body["members"];
            if (!ms.is_array()) throw bad_request("members is an array of {\"user\" or \"login\", \"role\"}");
            if (ms.size() > max_commission_members)
                throw domain_error(error_kind::unprocessable, "too_many_members",
                                   "at most " + std::to_string(max_commission_members) + " members");
            for (const auto& m : ms) {
                if (!m.is_object()) throw bad_request("each member is {\"user\" or \"login\", \"role\"}");
                member_input mi;
                if (m.contains("user") && !m["user"].is_null()) mi.user = get_int(m, "user");
                else mi.login = get_string(m, "login");
                mi.role = get_string_or(m, "role", "member");
                in.members.push_back(std::move(mi));
            }
        }
        if (body.contains("programmes")) {
            const auto& ps = body["programmes"];
            if (!ps.is_array()) throw bad_request("programmes is an array of programme codes");
            if (ps.size() > max_commission_programmes)
                throw domain_error(error_kind::unprocessable, "too_many_programmes",
                                   "at most " + std::to_string(max_commission_programmes) + " programmes");
            for (const auto& code : ps) {
                if (!code.is_string()) throw bad_request("programmes is an array of programme codes");
                in.programmes.push_back(code.get<std::string>());
            }
        }
        return in;
    }

    response create_commission(const call& c) {
        const auto in = commission_body(body_json(c.req));
        const auto now = p_.clock.now_ms();
        auto row = p_.writer.call([&](db& d) { return recognition::create_commission(d, in, c.user().user, now); });
        return json_response(c.req, http::status::created, commission_json(row, exam::kz_local_date(now)));
    }

    response update_commission(const call& c) {
        const auto in = commission_body(body_json(c.req));
        const auto now = p_.clock.now_ms();
        auto row = p_.writer.call([&](db& d) { return recognition::update_commission(d, c.id(), in, c.user().user, now); });
        return json_response(c.req, http::status::ok, commission_json(row, exam::kz_local_date(now)));
    }

    response close_commission(const call& c) {
        const auto now = p_.clock.now_ms();
        auto row = p_.writer.call([&](db& d) { return recognition::close_commission(d, c.id(), c.user().user, now); });
        return json_response(c.req, http::status::ok, commission_json(row, exam::kz_local_date(now)));
    }

    // ?kind=exam|appeal&programme=CODE&active=1: newest order first, at most 1,000.
    response list_commissions(const call& c) {
        const std::string kind = c.query_param("kind"), programme = c.query_param("programme");
        const bool only_active = c.query_param("active") == "1";
        if (!kind.empty() && !exam::parse_commission_kind(kind)) throw bad_request("kind is exam or appeal");
        const auto today = exam::kz_local_date(p_.clock.now_ms());
        auto r = p_.readers.acquire();
        json out = json::array();
        for (const auto& row : store::commissions(*r, kind, programme, 1000)) {
            auto j = commission_json(row, today);
            if (only_active && !j.value("active", false)) continue;
            out.push_back(std::move(j));
        }
        return json_response(c.req, http::status::ok, out);
    }

    response get_commission(const call& c) {
        auto r = p_.readers.acquire();
        return json_response(c.req, http::status::ok,
                             commission_json(must_commission(*r, c.id()), exam::kz_local_date(p_.clock.now_ms())));
    }

    // The audit chains' check (kept here until the audit folder has a module).
    response audit_verify(const call& c) {
        auto r = p_.readers.acquire();
        const auto rep = audit::verify(*r);
        return json_response(c.req, http::status::ok,
                             {{"ok", rep.ok()},
                              {"sittings", rep.sittings},
                              {"events", rep.events},
                              {"audit_entries", rep.audit_entries},
                              {"breaks", rep.breaks}});
    }

    platform& p_;
    const sitting_owners& owners_;
    signer& signer_;
};

}  // namespace

std::unique_ptr<module> make_recognition_module(platform& p, sitting_owners& owners, signer& sign) {
    owners.add(recognition::kind, recognition::make_sitting_owner(p.log));
    return std::make_unique<recognition_module>(p, owners, sign);
}

}  // namespace tanu::server
