// The candidate's personal file (W10, seed 002 p.14) on a migrated temporary
// SQLite file: assembled from each domain's store for a candidate with an
// application, a sitting, a violation act, a protocol and a signed document;
// rendered as PDF; and its routes through the route table (router.handle with
// test tokens): who may read it, 404, the audit line of every viewing.
#include <catch2/catch.hpp>

#include <atomic>
#include <cstdio>
#include <fstream>

#include "server/applications/store.hpp"
#include "server/audit/audit.hpp"
#include "server/db/db_readers.hpp"
#include "server/db/db_writer.hpp"
#include "server/exam/store_schedule.hpp"
#include "server/http/router.hpp"
#include "server/personal_file/file.hpp"
#include "server/personal_file/render.hpp"
#include "server/personal_file/routes.hpp"
#include "server/platform/domain_error.hpp"
#include "server/platform/module.hpp"
#include "server/recognition/protocol.hpp"
#include "tests/server/recognition/procedure_fixture.hpp"

using namespace tanu::server;
using tanu_test::procedure_fixture;

namespace {

struct fixed_clock final : tanu::exam::clock {
    std::atomic<std::int64_t> t{0};
    std::int64_t now_ms() const override { return t.load(); }
};

struct file_fixture : procedure_fixture {
    std::int64_t registrar = store::insert_user(d, "reg", "registrar", "x", t0);
    std::int64_t application = 0, sitting = 0, act = 0;
    std::string code;

    // The procedure as far as a signed document: an application with an
    // attachment and a contract, a sitting that ended passed with one
    // violation act (confirmed), the protocol (the short path: one signature binds it),
    // the head's signature on the document it prepared, a technical act and a
    // sick-leave report on a later sitting.
    void whole_procedure() {
        application_row a;
        a.candidate = candidate;
        a.person = store::find_candidate(d, candidate)->person;
        a.programme = "W1";
        a.channel = "centre_web";
        a.status = "draft";
        a.form = "{}";
        a.full_name = "Асанов Асан";
        a.iin = "900101300001";
        a.created_by = candidate_user;
        a.created_ms = a.updated_ms = t0 - 86'400'000;
        application = store::insert_application(d, a);
        store::register_application(d, application, "2026-0001", "2026-02-02", "2026-02-02", "2026-02-05", registrar, t0);
        store::contract_application(d, application, "Д-2026-0001", "2026-02-03", "15000", "2026-02-10", registrar, t0);
        attachment_row att;
        att.application = application;
        att.type = "identity";
        att.sha256 = std::string(64, 'b');
        att.size = 2048;
        att.content_type = "application/pdf";
        att.file = "applications/1/" + att.sha256;
        att.uploaded_by = candidate_user;
        att.uploaded_ms = t0;
        store::insert_attachment(d, att);

        sitting = ended_sitting(true);
        const auto event = audit::append_event(d, {sitting, t0 - 300'000, "multiple_faces", "2 faces", true, 1, "", "", ""});
        store::insert_act(d, sitting, event, t0 - 300'000);
        act = store::acts_of(d, sitting).at(0).id;
        store::review_act(d, act, "confirmed", "Екі бет көрінді", member1, t0 - 200'000);
        const auto signed_ = recognition::sign_protocol(d, centre, {sitting, member1}, t0);
        REQUIRE(signed_.bound);
        const auto doc = store::document_of_sitting(d, sitting);
        REQUIRE(doc);
        code = doc->code;
        sign(code, t0 + 3'600'000);

        sitting_row later;
        later.candidate = candidate;
        later.programme = "W1";
        later.lang = "kk";
        later.mode = "online";
        later.attempt = ++attempts;
        later.created_ms = t0;
        const auto second = store::insert_sitting(d, later);
        technical_act_row t;
        t.sitting = second;
        t.kind = "connection_lost";
        t.description = "Жарық сөнді";
        t.recorded_ms = t0 + 1000;
        t.recorded_by = admin;
        store::insert_technical_act(d, t);
        sick_leave_row k;
        k.sitting = second;
        k.channel = "phone";
        k.period_from = "2026-02-10";
        k.reported_ms = t0 + 2000;
        k.reported_by = registrar;
        store::insert_sick_leave(d, k);
    }
};

std::size_t pages_of(const std::string& pdf) {
    std::size_t n = 0;
    for (std::size_t i = pdf.find("/Type /Page"); i != std::string::npos; i = pdf.find("/Type /Page", i + 1))
        if (pdf.compare(i, 12, "/Type /Pages") != 0) ++n;
    return n;
}

// The PDF's text as pdftotext extracts it ('' when the tool is missing).
std::string pdf_text(const std::string& pdf, const std::string& dir) {
    const std::string in = dir + "/f.pdf", out = dir + "/f.txt";
    std::ofstream(in, std::ios::binary) << pdf;
    if (std::system(("pdftotext -enc UTF-8 " + in + " " + out + " 2>/dev/null").c_str()) != 0) return {};
    std::ifstream t(out);
    return std::string((std::istreambuf_iterator<char>(t)), std::istreambuf_iterator<char>());
}

}  // namespace

TEST_CASE("personal file: every part of the procedure in its order, read from each domain", "[personal_file]") {
    file_fixture f;
    f.whole_procedure();
    const auto file = personal_file::assemble(f.d, server_config{}, {f.candidate, f.t0 + 7'200'000, "http://127.0.0.1:1"});

    REQUIRE(file["candidate"]["id"] == f.candidate);
    REQUIRE(file["candidate"]["full_name"] == "Асанов Асан");
    REQUIRE(file["candidate"]["iin"] == "900101300001");
    REQUIRE(file["candidate"]["photo"].is_null());

    REQUIRE(file["applications"].size() == 1);
    const auto& app = file["applications"][0];
    REQUIRE(app["reg_no"] == "2026-0001");
    REQUIRE(app["contract"]["no"] == "Д-2026-0001");
    REQUIRE(app["contract"]["by"] == "reg");
    REQUIRE(app["check"].contains("complete"));
    REQUIRE(app["attachments"].size() == 1);
    REQUIRE(app["attachments"][0]["sha256"] == std::string(64, 'b'));
    REQUIRE(app["attachments"][0]["size"] == 2048);
    REQUIRE(app["attachments"][0]["url"] ==
            "/api/applications/" + std::to_string(f.application) + "/attachments/" +
                std::to_string(app["attachments"][0]["id"].get<std::int64_t>()));

    REQUIRE(file["sittings"].size() == 2);
    REQUIRE(file["sittings"][0]["id"] == f.sitting);
    REQUIRE(file["sittings"][0]["status"] == "finished");
    REQUIRE(file["sittings"][0]["score"]["correct"] == 80);
    REQUIRE(file["sittings"][1]["technical_acts"].size() == 1);
    REQUIRE(file["sittings"][1]["technical_acts"][0]["recorded_by"] == "admin");
    REQUIRE(file["sittings"][1]["sick_leaves"].size() == 1);
    REQUIRE(file["sittings"][1]["sick_leaves"][0]["reported_by"] == "reg");

    REQUIRE(file["acts"].size() == 1);
    REQUIRE(file["acts"][0]["id"] == f.act);
    REQUIRE(file["acts"][0]["kind"] == "multiple_faces");
    REQUIRE(file["acts"][0]["status"] == "confirmed");
    REQUIRE(file["acts"][0]["reviewed_by"] == "c1");
    REQUIRE(file["acts"][0]["reason"] == "Екі бет көрінді");

    REQUIRE(file["protocols"].size() == 1);
    REQUIRE(file["protocols"][0]["decision"] == "passed");
    REQUIRE(file["protocols"][0]["signatures"].size() == 1);
    REQUIRE(file["protocols"][0]["signatures"][0]["member"] == "c1");
    REQUIRE(file["protocols"][0]["amended_by_appeal"].is_null());

    REQUIRE(file["documents"].size() == 1);
    const auto& doc = file["documents"][0];
    REQUIRE(doc["code"] == f.code);
    REQUIRE(doc["status"] == "valid");
    REQUIRE(doc["signed_by_head"]["by"] == "bastyk");
    REQUIRE(doc["verify_url"].get<std::string>().find(f.code) != std::string::npos);

    // the protocol's binding told the candidate: the notice is in the file, with its channel
    REQUIRE_FALSE(file["notices"].empty());
    REQUIRE(file["notices"][0]["channel"] == "email");
    REQUIRE(file["appeals"].empty());
    REQUIRE(file["results_receipts"].empty());
    REQUIRE(file["truncated"].empty());
    REQUIRE(file["generated_ms"] == f.t0 + 7'200'000);

}

TEST_CASE("personal file: a candidate with nothing yet has empty sections, an unknown id is not_found", "[personal_file]") {
    procedure_fixture f;
    const auto file = personal_file::assemble(f.d, server_config{}, {f.candidate, f.t0, ""});
    for (const char* s : {"applications", "notices", "sittings", "acts", "practical_marks", "protocols", "documents",
                          "appeals", "results_receipts"})
        REQUIRE(file[s].empty());
    const auto pdf = personal_file::render_pdf(file, personal_file::file_sha256(file), "en");
    REQUIRE(pdf.rfind("%PDF", 0) == 0);
    REQUIRE(pages_of(pdf) == 1);
    try {
        personal_file::assemble(f.d, server_config{}, {f.candidate + 100, f.t0, ""});
        FAIL("an unknown candidate was assembled");
    } catch (const domain_error& e) {
        REQUIRE(e.kind == error_kind::not_found);
    }
}

TEST_CASE("personal file PDF: Kazakh and Russian letters, the footer's time and SHA-256 on every page, paginated",
          "[personal_file]") {
    file_fixture f;
    f.whole_procedure();
    // a long file: 120 notices more
    for (int i = 0; i < 120; ++i) {
        notice_row n;
        n.candidate = f.candidate;
        n.kind = "schedule";
        n.recipient = "asan@example.kz";
        n.subject = "Емтихан күні / Дата экзамена " + std::to_string(i);
        n.body = "…";
        n.due = "2026-02-10";
        n.created_ms = f.t0 + i;
        store::insert_notice(f.d, n);
    }
    const auto file = personal_file::assemble(f.d, server_config{}, {f.candidate, f.t0 + 7'200'000, ""});
    const auto sha = personal_file::file_sha256(file);
    REQUIRE(sha.size() == 64);
    const auto pdf = personal_file::render_pdf(file, sha, "kk");
    REQUIRE(pdf.rfind("%PDF", 0) == 0);
    const auto pages = pages_of(pdf);
    REQUIRE(pages >= 3);

    const auto text = pdf_text(pdf, f.dir.path.string());
    if (text.empty()) {
        WARN("pdftotext is missing: the PDF's text is not checked");
        return;
    }
    CHECK(text.find("Кандидаттың жеке ісі") != std::string::npos);  // the kk title (ә, ң, і)
    CHECK(text.find("Асанов Асан") != std::string::npos);
    CHECK(text.find("Жарық сөнді") != std::string::npos);           // ө, ы in a value
    CHECK(text.find(f.code) != std::string::npos);
    // the footer of each page: the generation time (12:00 in Astana: t0 is 10:00) and the SHA-256 (the
    // footer's line may wrap it: its first 32 characters), "N / M"
    std::size_t footers = 0;
    for (std::size_t i = text.find("Жасалған уақыты 09.02.2026 12:00"); i != std::string::npos;
         i = text.find("Жасалған уақыты 09.02.2026 12:00", i + 1))
        ++footers;
    REQUIRE(footers == pages);
    REQUIRE(text.find(sha.substr(0, 32)) != std::string::npos);
    REQUIRE(text.find("1 / " + std::to_string(pages)) != std::string::npos);
    REQUIRE(text.find(std::to_string(pages) + " / " + std::to_string(pages)) != std::string::npos);
    // the sections in the procedure's order
    const auto person = text.find("Тұлға"), apps = text.find("Өтініштер"), notices = text.find("Хабарламалар"),
               sittings = text.find("Емтихандар"), acts = text.find("Бұзушылық актілері"), protocols = text.find("Хаттамалар"),
               docs = text.find("Құжаттар"), appeals = text.find("Апелляциялар");
    REQUIRE(person < apps);
    REQUIRE(apps < notices);
    REQUIRE(notices < sittings);
    REQUIRE(sittings < acts);
    REQUIRE(acts < protocols);
    REQUIRE(protocols < docs);
    REQUIRE(docs < appeals);
    REQUIRE(appeals != std::string::npos);

    const auto en = pdf_text(personal_file::render_pdf(file, sha, "en"), f.dir.path.string());
    CHECK(en.find("Candidate's personal file") != std::string::npos);
    CHECK(en.find("Violation acts") != std::string::npos);
    const auto ru = pdf_text(personal_file::render_pdf(file, sha, "xx"), f.dir.path.string());  // unknown: ru
    CHECK(ru.find("Личное дело кандидата") != std::string::npos);
}

namespace {

// Tokens: "Bearer admin|registrar|head|commission|candidate" as the fixture's users.
struct route_fixture : file_fixture {
    fixed_clock clock;
    logger quiet{log_level::off};
    db_writer writer{dir.path / "t.db", quiet, 16};
    db_readers readers{dir.path / "t.db", 2};
    boost::asio::thread_pool workers{1};
    notice_bell bell;
    server_config cfg;
    platform p{cfg, writer, readers, clock, quiet, workers, bell, "http://127.0.0.1:8080"};
    std::unique_ptr<module> m = make_personal_file_module(p);
    router r{[this](const request& req) { return who(req); }, 1 << 20, {}, quiet};

    route_fixture() {
        clock.t = t0 + 7'200'000;
        m->routes(r);
    }
    ~route_fixture() { workers.join(); }

    principal who(const request& req) const {
        const std::string auth(req[http::field::authorization]);
        if (auth == "Bearer admin") return {admin, "admin", "admin", std::nullopt, {}};
        if (auth == "Bearer registrar") return {registrar, "reg", "registrar", std::nullopt, {}};
        if (auth == "Bearer head") return {head, "bastyk", "head", std::nullopt, {}};
        if (auth == "Bearer commission") return {member1, "c1", "commission", std::nullopt, {}};
        if (auth == "Bearer candidate") return {candidate_user, "cand", "candidate", candidate, {}};
        throw unauthorized("unauthorized", "the token is not valid or has expired");
    }
    response get(const std::string& target, const std::string& token) {
        request req{http::verb::get, target, 11};
        req.set(http::field::authorization, "Bearer " + token);
        return r.handle(req, "127.0.0.1");
    }
    int viewed() {
        d.reset_all();
        return audits("person.file_viewed");
    }
};

}  // namespace

TEST_CASE("personal file routes: staff read it and each viewing is audited, others get 403, an unknown id 404", "[personal_file]") {
    route_fixture f;
    f.whole_procedure();
    const std::string path = "/api/candidates/" + std::to_string(f.candidate) + "/file";

    auto res = f.get(path, "registrar");
    REQUIRE(res.result() == http::status::ok);
    const auto body = json::parse(res.body());
    REQUIRE(body["candidate"]["id"] == f.candidate);
    REQUIRE(body["documents"][0]["verify_url"].get<std::string>().find(f.code) != std::string::npos);
    REQUIRE(std::string(res["X-Content-SHA256"]) == personal_file::file_sha256(body));
    REQUIRE(f.viewed() == 1);
    {
        f.d.reset_all();
        stmt a(f.d, "SELECT actor, object, detail FROM audit_log WHERE action = 'person.file_viewed'");
        REQUIRE(a.step());
        REQUIRE(a.i64(0) == f.registrar);
        REQUIRE(a.text(1) == "candidate " + std::to_string(f.candidate));
        REQUIRE(a.text(2) == "json");
    }

    res = f.get(path + ".pdf?lang=kk", "head");
    REQUIRE(res.result() == http::status::ok);
    REQUIRE(std::string(res[http::field::content_type]) == "application/pdf");
    REQUIRE(std::string(res[http::field::content_disposition]).rfind("attachment;", 0) == 0);
    REQUIRE(res.body().rfind("%PDF", 0) == 0);
    REQUIRE(f.viewed() == 2);
    REQUIRE(f.get(path + ".pdf", "admin").result() == http::status::ok);  // ru by default
    REQUIRE(f.viewed() == 3);

    REQUIRE(f.get(path + ".pdf?lang=de", "admin").result() == http::status::unprocessable_entity);
    REQUIRE(f.get(path, "commission").result() == http::status::forbidden);
    REQUIRE(f.get(path, "candidate").result() == http::status::forbidden);
    auto missing = f.get("/api/candidates/999999/file", "admin");
    REQUIRE(missing.result() == http::status::not_found);
    REQUIRE(json::parse(missing.body())["error"] == "not_found");
    REQUIRE(f.viewed() == 3);  // refusals view nothing
}
