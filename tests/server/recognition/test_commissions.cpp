// The centre's commissions as use cases on a migrated SQLite file (W4, X7,
// X13): their composition refused with clear codes, the protocol that binds
// only at the quorum and counts its terms from the last required signature,
// the practical card decided by the members with the chair's casting vote,
// and the appeal that goes to an appeal commission without the exam
// commission's members.
//
// Dates are real: the shipped calendar of 2026, where 21-25 March are no
// working days (Nauryz 21-23, the weekend's 21 and 22 moved to 24 and 25).
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "server/platform/domain_error.hpp"
#include "server/recognition/appeals.hpp"
#include "server/recognition/commissions.hpp"
#include "server/recognition/json.hpp"
#include "server/recognition/practical.hpp"
#include "server/recognition/protocol.hpp"
#include "tests/server/recognition/practical_fixture.hpp"
#include "tests/server/refusal.hpp"

using namespace tanu::server;
using namespace tanu::server::recognition;
using tanu::exam::item_result;
using tanu_test::kz_ms;
using tanu_test::refusal;

namespace {

const std::int64_t friday_20_march = kz_ms(2026, 3, 20, 10);
const std::int64_t thursday_26_march = kz_ms(2026, 3, 26, 16);

struct commission_fixture : tanu_test::practical_fixture {
    std::int64_t member3 = 0, appeal2 = 0, registrar = 0;

    commission_fixture() {
        member3 = store::insert_user(d, "c3", "commission", "x", t0);
        appeal2 = store::insert_user(d, "a2", "appeal", "x", t0);
        registrar = store::insert_user(d, "tirkeushi", "registrar", "x", t0);
    }

    // An exam commission of c1 (chair), c2 (secretary), c3 (member) serving CARD-4 and W1,
    // by order No. 14-П of 2 March 2026, valid from 2 March.
    commission_row exam_commission(const std::string& quorum = "") {
        commission_input in;
        in.kind = "exam";
        in.name = "Емтихан комиссиясы: монтаж";
        in.order_no = "14-П";
        in.order_date = "2026-03-02";
        in.quorum = quorum;
        in.members = {{member1, "", "chair"}, {member2, "", "secretary"}, {std::nullopt, "c3", "member"}};
        in.programmes = {"CARD-4", "W1"};
        return create_commission(d, in, admin, t0);
    }

    commission_row appeal_commission(std::vector<member_input> members, std::vector<std::string> programmes = {"CARD-4", "W1"}) {
        commission_input in;
        in.kind = "appeal";
        in.name = "Апелляциялық комиссия";
        in.order_no = "15-П";
        in.order_date = "2026-03-02";
        in.members = std::move(members);
        in.programmes = std::move(programmes);
        return create_commission(d, in, admin, t0);
    }

    // A sitting of `programme` whose theory stage ended at `t_ms`, passed or not.
    std::int64_t sitting_ended(const std::string& programme, bool passed, std::int64_t t_ms) {
        sitting_row s;
        s.candidate = candidate;
        s.programme = programme;
        s.lang = "ru";
        s.mode = "centre";
        s.attempt = ++attempts;
        s.created_ms = t_ms - 3'600'000;
        const auto id = store::insert_sitting(d, s);
        stmt u(d, "UPDATE sittings SET status = 'finished', finished_ms = ?, correct = ?, total = 90, passed = ? WHERE id = ?");
        u.bind(1, t_ms).bind(2, passed ? 64 : 40).bind(3, passed ? 1 : 0).bind(4, id).run();
        theory_ended(id, t_ms);
        return id;
    }
};

std::string code_of(const domain_error& e) {
    const char* k = e.kind == error_kind::unprocessable ? "422"
                    : e.kind == error_kind::conflict    ? "409"
                    : e.kind == error_kind::forbidden   ? "403"
                    : e.kind == error_kind::not_found   ? "404"
                                                        : "other";
    return std::string(k) + ":" + e.code;
}

}  // namespace

TEST_CASE("commissions: created with its order, offices and programmes, audited", "[recognition][commission]") {
    commission_fixture f;
    const auto c = f.exam_commission();
    CHECK(c.kind == "exam");
    CHECK(c.order_no == "14-П");
    CHECK(c.valid_from == "2026-03-02");  // the order's date when none is given
    CHECK(c.valid_to.empty());
    CHECK(c.quorum == "chair_and_majority");  // our default
    REQUIRE(c.members.size() == 3);
    CHECK(c.members[0].login == "c1");
    CHECK(c.members[0].role == "chair");
    CHECK(c.members[2].login == "c3");  // named by login
    CHECK(c.programmes == std::vector<std::string>{"CARD-4", "W1"});
    CHECK(f.audits("commission.create") == 1);
    const auto j = commission_json(c, {2026, 3, 20});
    CHECK(j["active"] == true);
    CHECK(commission_json(c, {2026, 3, 1})["active"] == false);
}

TEST_CASE("commissions: bad compositions are refused with a code naming the defect", "[recognition][commission]") {
    commission_fixture f;
    commission_input in;
    in.kind = "exam";
    in.name = "Комиссия";
    in.order_no = "1";
    in.order_date = "2026-03-02";
    in.programmes = {"CARD-4"};
    auto attempt = [&](std::vector<member_input> members) {
        auto copy = in;
        copy.members = std::move(members);
        return code_of(refusal([&] { create_commission(f.d, copy, f.admin, f.t0); }));
    };
    const auto unknown = refusal([&] {
        auto copy = in;
        copy.members = {{std::nullopt, "nobody", "chair"}};
        create_commission(f.d, copy, f.admin, f.t0);
    });
    CHECK(unknown.code == "unknown_user");
    CHECK(std::string(unknown.what()).find("nobody") != std::string::npos);
    CHECK(attempt({{987, "", "chair"}}) == "422:unknown_user");
    // an appeal member is not an exam commission's member
    CHECK(attempt({{f.member1, "", "chair"}, {f.appeal_member, "", "member"}}) == "422:wrong_role");
    CHECK(attempt({{f.member1, "", "chair"}, {f.member2, "", "chair"}}) == "422:two_chairs");
    CHECK(attempt({{f.member1, "", "member"}}) == "422:no_chair");
    CHECK(attempt({{f.member1, "", "chair"}, {f.member2, "", "secretary"}, {f.member3, "", "secretary"}}) ==
          "422:two_secretaries");
    CHECK(attempt({{f.member1, "", "chair"}, {std::nullopt, "c1", "member"}}) == "422:member_twice");
    CHECK(attempt({}) == "422:no_members");
    CHECK(attempt({{f.member1, "", "president"}}) == "422:bad_member_role");
    stmt(f.d, "UPDATE users SET disabled = 1 WHERE login = 'c3'").run();
    CHECK(attempt({{f.member3, "", "chair"}}) == "422:user_disabled");

    auto with = [&](auto change) {
        auto copy = in;
        copy.members = {{f.member1, "", "chair"}};
        change(copy);
        return code_of(refusal([&] { create_commission(f.d, copy, f.admin, f.t0); }));
    };
    CHECK(with([](commission_input& x) { x.kind = "jury"; }) == "422:bad_kind");
    CHECK(with([](commission_input& x) { x.quorum = "two_thirds"; }) == "422:bad_quorum");
    CHECK(with([](commission_input& x) { x.order_date = "2026-02-30"; }) == "422:field_invalid");
    CHECK(with([](commission_input& x) { x.name = ""; }) == "422:field_invalid");
    CHECK(with([](commission_input& x) { x.valid_from = "2026-03-10"; x.valid_to = "2026-03-09"; }) == "422:bad_validity");
    CHECK(with([](commission_input& x) { x.programmes = {}; }) == "422:no_programmes");
    CHECK(with([](commission_input& x) { x.programmes = {"NOPE-1"}; }) == "422:unknown_programme");
    CHECK(store::commissions(f.d, "", "", 100).empty());
    CHECK(f.audits("commission.create") == 0);
}

TEST_CASE("commissions: PUT replaces the composition, a closed one is final", "[recognition][commission]") {
    commission_fixture f;
    const auto c = f.exam_commission();
    commission_input in;
    in.name = "Емтихан комиссиясы (жаңа)";
    in.order_no = "14-П/2";
    in.order_date = "2026-03-10";
    in.valid_to = "2026-06-30";
    in.quorum = "all";
    in.members = {{f.member2, "", "chair"}, {f.member1, "", "member"}};
    in.programmes = {"CARD-4"};
    const auto u = update_commission(f.d, c.id, in, f.registrar, f.t0 + 1000);
    CHECK(u.name == "Емтихан комиссиясы (жаңа)");
    CHECK(u.valid_from == "2026-03-10");
    CHECK(u.valid_to == "2026-06-30");
    CHECK(u.quorum == "all");
    REQUIRE(u.members.size() == 2);
    CHECK(u.members[0].login == "c2");
    CHECK(u.members[0].role == "chair");
    CHECK(u.programmes == std::vector<std::string>{"CARD-4"});
    CHECK(f.audits("commission.update") == 1);
    in.kind = "appeal";
    CHECK(code_of(refusal([&] { update_commission(f.d, c.id, in, f.admin, f.t0); })) == "422:kind_fixed");
    in.kind = "";

    const auto closed = close_commission(f.d, c.id, f.admin, f.t0 + 2000);
    CHECK(closed.closed_ms == f.t0 + 2000);
    CHECK(commission_json(closed, {2026, 3, 20})["active"] == false);
    CHECK(code_of(refusal([&] { close_commission(f.d, c.id, f.admin, f.t0); })) == "409:commission_closed");
    CHECK(code_of(refusal([&] { update_commission(f.d, c.id, in, f.admin, f.t0); })) == "409:commission_closed");
    CHECK(code_of(refusal([&] { close_commission(f.d, 999, f.admin, f.t0); })) == "404:not_found");
    CHECK(f.audits("commission.close") == 1);
}

TEST_CASE("protocol: three members bind at the chair and one more - dates from the last signature, across Nauryz",
          "[recognition][commission][protocol]") {
    commission_fixture f;
    const auto c = f.exam_commission();
    const auto sitting = f.sitting_ended("W1", true, friday_20_march);

    // Friday 20 March: the secretary signs first. The protocol is made, nothing binds.
    const auto first = sign_protocol(f.d, f.centre, {sitting, f.member2}, friday_20_march + 60'000);
    CHECK(first.created);
    CHECK_FALSE(first.bound);
    CHECK(first.protocol.decision == "passed");
    CHECK(first.protocol.commission == c.id);
    CHECK_FALSE(first.protocol.bound());
    CHECK(first.protocol.results_date.empty());
    CHECK(first.protocol.document_due.empty());
    CHECK(first.protocol.appeal_until.empty());
    CHECK_FALSE(store::document_of_sitting(f.d, sitting));  // nothing prepared before the quorum
    CHECK_FALSE(store::outcome_of(f.d, sitting).decided);
    auto j = protocol_json(f.d, first.protocol, {2026, 3, 20});
    CHECK(j["binding"] == false);
    CHECK(j["commission"]["order_no"] == "14-П");
    CHECK(j["quorum"]["rule"] == "chair_and_majority");
    CHECK(j["quorum"]["needed"] == 2);
    CHECK(j["quorum"]["have"] == 1);
    CHECK(j["quorum"]["missing"] == nlohmann::json::array({"c1", "c3"}));
    CHECK(j["appeal_until"].is_null());
    CHECK(j["appeal_open"] == false);
    CHECK(j["document"].is_null());

    // someone who is not on the commission may not sign (the fixture's commission account outside it)
    const auto outsider = store::insert_user(f.d, "c9", "commission", "x", f.t0);
    CHECK(code_of(refusal([&] { sign_protocol(f.d, f.centre, {sitting, outsider}, friday_20_march + 120'000); })) ==
          "403:not_a_member");

    // Thursday 26 March, after Nauryz: the chair signs and binds it.
    const auto second = sign_protocol(f.d, f.centre, {sitting, f.member1}, thursday_26_march);
    CHECK_FALSE(second.created);
    CHECK(second.bound);
    CHECK(second.protocol.bound_ms == thursday_26_march);
    CHECK(second.protocol.signed_date == "2026-03-26");
    CHECK(second.protocol.results_date == "2026-03-26");
    CHECK(second.protocol.document_due == "2026-03-31");  // p.18: 27, 30, 31 March
    CHECK(second.protocol.appeal_until == "2026-04-02");  // p.20 (for now from the signature): 27, 30, 31, 1, 2
    const auto doc = store::document_of_sitting(f.d, sitting);
    REQUIRE(doc);
    CHECK(doc->status == "pending_signature");
    CHECK(doc->sign_due == "2026-03-31");
    CHECK(f.audits("protocol.bind") == 1);
    CHECK(store::outcome_of(f.d, sitting).decided);
    j = protocol_json(f.d, *store::protocol_of(f.d, sitting), {2026, 3, 26});
    CHECK(j["binding"] == true);
    CHECK(j["signed_date"] == "2026-03-26");
    CHECK(j["quorum"]["missing"] == nlohmann::json::array({"c3"}));
    CHECK(j["document"] == doc->code);

    // the third member still signs; nothing is bound or prepared again
    const auto third = sign_protocol(f.d, f.centre, {sitting, f.member3}, thursday_26_march + 1000);
    CHECK_FALSE(third.bound);
    CHECK(store::signatures_of(f.d, third.protocol.id).size() == 3);
    CHECK(f.audits("protocol.bind") == 1);
    CHECK(f.audits("document.prepare") == 1);
}

TEST_CASE("protocol: two members without the chair do not bind, and a refusal is noticed only when it binds",
          "[recognition][commission][protocol]") {
    commission_fixture f;
    f.exam_commission();
    const auto sitting = f.sitting_ended("W1", false, friday_20_march);
    const auto a = sign_protocol(f.d, f.centre, {sitting, f.member2}, friday_20_march + 1000);
    const auto b = sign_protocol(f.d, f.centre, {sitting, f.member3}, friday_20_march + 2000);
    CHECK(a.protocol.decision == "not_passed");
    CHECK_FALSE(a.bound);
    CHECK_FALSE(b.bound);  // two of three, no chair
    CHECK(f.notices().empty());
    CHECK(code_of(refusal([&] {
              file_appeal(f.d, f.centre, {sitting, f.candidate_user, f.candidate, "несогласен"}, friday_20_march + 3000);
          })) == "409:no_results_yet");
    const auto c = sign_protocol(f.d, f.centre, {sitting, f.member1}, thursday_26_march);
    CHECK(c.bound);
    CHECK(c.protocol.notice_due == "2026-03-31");  // p.19: 3 working days after the signature
    const auto n = f.notices();
    REQUIRE(n.size() == 1);
    CHECK(n[0].kind == "not_passed");
    CHECK(n[0].due == "2026-03-31");
    CHECK(n[0].body.find("02.04.2026") != std::string::npos);  // the appeal's last day in the notice
}

TEST_CASE("protocol: the quorum rules majority and all, and a one-member commission", "[recognition][commission][protocol]") {
    commission_fixture f;
    SECTION("majority: two members bind without the chair") {
        f.exam_commission("majority");
        const auto s = f.sitting_ended("W1", true, friday_20_march);
        CHECK_FALSE(sign_protocol(f.d, f.centre, {s, f.member2}, friday_20_march).bound);
        CHECK(sign_protocol(f.d, f.centre, {s, f.member3}, friday_20_march + 1000).bound);
    }
    SECTION("all: the third signature binds") {
        f.exam_commission("all");
        const auto s = f.sitting_ended("W1", true, friday_20_march);
        CHECK_FALSE(sign_protocol(f.d, f.centre, {s, f.member1}, friday_20_march).bound);
        CHECK_FALSE(sign_protocol(f.d, f.centre, {s, f.member2}, friday_20_march + 1000).bound);
        CHECK(sign_protocol(f.d, f.centre, {s, f.member3}, friday_20_march + 2000).bound);
    }
    SECTION("one member: the chair alone binds") {
        commission_input in;
        in.kind = "exam";
        in.name = "Бір адам";
        in.order_no = "3";
        in.order_date = "2026-03-02";
        in.members = {{f.member3, "", "chair"}};
        in.programmes = {"W1"};
        create_commission(f.d, in, f.admin, f.t0);
        const auto s = f.sitting_ended("W1", true, friday_20_march);
        CHECK(code_of(refusal([&] { sign_protocol(f.d, f.centre, {s, f.member1}, friday_20_march); })) == "403:not_a_member");
        const auto r = sign_protocol(f.d, f.centre, {s, f.member3}, friday_20_march);
        CHECK(r.created);
        CHECK(r.bound);
        CHECK(r.protocol.document_due == "2026-03-30");  // 26, 27, 30 March
    }
}

TEST_CASE("the sitting's commission: the one active on the theory's day, fixed, else the short path",
          "[recognition][commission]") {
    commission_fixture f;
    SECTION("no commission serves the programme: the short path, the first signature binds") {
        commission_input in;
        in.kind = "exam";
        in.name = "Басқа";
        in.order_no = "9";
        in.order_date = "2026-03-02";
        in.members = {{f.member1, "", "chair"}};
        in.programmes = {"CARD-4"};  // not W1
        create_commission(f.d, in, f.admin, f.t0);
        const auto s = f.sitting_ended("W1", true, friday_20_march);
        const auto r = sign_protocol(f.d, f.centre, {s, f.member2}, friday_20_march);
        CHECK(r.bound);
        CHECK_FALSE(r.protocol.commission);
        const auto j = protocol_json(f.d, r.protocol, {2026, 3, 20});
        CHECK(j["commission"].is_null());
        CHECK(j["quorum"]["rule"] == "first_signature");
    }
    SECTION("a commission valid only from after the theory's day serves it when it signs") {
        const auto s = f.sitting_ended("W1", true, kz_ms(2026, 2, 27, 12));
        f.exam_commission();  // valid from 2 March, after the theory ended on 27 February
        CHECK_FALSE(commission_of_sitting(f.d, *store::find_sitting(f.d, s), std::nullopt, false));
        const auto r = sign_protocol(f.d, f.centre, {s, f.member2}, friday_20_march);
        CHECK_FALSE(r.bound);
        CHECK(r.protocol.commission);
        CHECK(store::sitting_commission_id(f.d, s) == r.protocol.commission);
    }
    SECTION("fixed at the theory's end: a later, newer order does not take the sitting over") {
        const auto first = f.exam_commission();
        const auto s = f.sitting_ended("W1", true, friday_20_march);
        fix_commission_at_theory_end(f.d, *store::find_sitting(f.d, s), {2026, 3, 20});
        commission_input in;
        in.kind = "exam";
        in.name = "Жаңа";
        in.order_no = "20";
        in.order_date = "2026-03-19";
        in.members = {{f.member3, "", "chair"}};
        in.programmes = {"W1"};
        create_commission(f.d, in, f.admin, f.t0);
        CHECK(commission_of_sitting(f.d, *store::find_sitting(f.d, s), std::nullopt, false)->id == first.id);
        // an unfixed sitting of the same day gets the newest order
        const auto other = f.sitting_ended("W1", true, friday_20_march);
        CHECK(commission_of_sitting(f.d, *store::find_sitting(f.d, other), std::nullopt, false)->name == "Жаңа");
    }
}

TEST_CASE("practical card: only the commission's members mark, and the chair's mark breaks a tie",
          "[recognition][commission][practical]") {
    commission_fixture f;
    commission_input in;
    in.kind = "exam";
    in.name = "Екеу";
    in.order_no = "5";
    in.order_date = "2026-01-05";
    in.members = {{f.member1, "", "member"}, {f.member2, "", "chair"}};
    in.programmes = {"CARD-4"};
    create_commission(f.d, in, f.admin, f.t0);
    const auto sitting = f.card_sitting(true);
    CHECK(code_of(refusal([&] { record_practical(f.d, {sitting, f.member3, {{"p1", true, ""}}}, f.t0); })) ==
          "403:not_a_member");
    CHECK(store::marks_of(f.d, sitting).empty());
    // p1: c1 done, the chair c2 not done: a tie, the chair's vote: not done
    record_practical(f.d, {sitting, f.member1, {{"p1", true, ""}, {"p2", false, ""}}}, f.t0);
    auto o = record_practical(f.d, {sitting, f.member2, {{"p1", false, "течь"}, {"p2", true, ""}}}, f.t0 + 1000);
    CHECK(o.items.at("p1") == item_result::not_done);
    CHECK(o.items.at("p2") == item_result::done);  // the chair said done
    CHECK_FALSE(o.passed);
    // the chair changes the mark of p1: done by the casting vote
    o = record_practical(f.d, {sitting, f.member2, {{"p1", true, ""}}}, f.t0 + 2000);
    CHECK(o.items.at("p1") == item_result::done);
    CHECK(o.passed);
    // two signatures of two members (chair and majority of 2 = both) bind a pass
    CHECK_FALSE(sign_protocol(f.d, f.centre, {sitting, f.member2}, f.t0 + 3000).bound);
    const auto r = sign_protocol(f.d, f.centre, {sitting, f.member1}, f.t0 + 4000);
    CHECK(r.bound);
    CHECK(r.protocol.decision == "passed");
}

TEST_CASE("appeals: the appeal commission serving the programme, without the exam commission's members",
          "[recognition][commission][appeal]") {
    commission_fixture f;
    f.exam_commission();
    const auto sitting = f.sitting_ended("W1", false, friday_20_march);
    sign_protocol(f.d, f.centre, {sitting, f.member1}, friday_20_march);
    sign_protocol(f.d, f.centre, {sitting, f.member2}, friday_20_march + 1000);  // binds on 20 March
    const auto filed_at = kz_ms(2026, 3, 26, 9);
    const file_appeal_input in{sitting, f.candidate_user, f.candidate, "несогласен"};

    SECTION("no appeal commission serves the programme") {
        f.appeal_commission({{f.appeal_member, "", "chair"}}, {"CARD-4"});
        CHECK(code_of(refusal([&] { file_appeal(f.d, f.centre, in, filed_at); })) == "409:no_appeal_commission");
        CHECK(store::appeals_of_sitting(f.d, sitting).empty());
    }
    SECTION("a member of both commissions does not sit on the appeal (W4)") {
        store::grant_role(f.d, f.member3, role::appeal);
        const auto ac = f.appeal_commission({{f.member3, "", "chair"}, {f.appeal2, "", "member"}});
        const auto a = file_appeal(f.d, f.centre, in, filed_at);
        CHECK(a.members == std::vector<std::int64_t>{f.appeal2});
        CHECK(a.commission == ac.id);
        CHECK(a.decide_by == "2026-04-02");
        CHECK(code_of(refusal([&] { decide_appeal(f.d, f.centre, {a.id, f.member3, true, ""}, filed_at); })) ==
              "403:forbidden");
        // one appeal per decision (W5): open, and once decided
        CHECK(code_of(refusal([&] { file_appeal(f.d, f.centre, in, filed_at + 1000); })) == "409:appeal_open");
        decide_appeal(f.d, f.centre, {a.id, f.appeal2, false, "негізсіз"}, filed_at + 2000);
        CHECK(code_of(refusal([&] { file_appeal(f.d, f.centre, in, filed_at + 3000); })) == "409:appeal_exists");
    }
    SECTION("no one is left once the exam commission's members are taken out") {
        store::grant_role(f.d, f.member3, role::appeal);
        f.appeal_commission({{f.member3, "", "chair"}});
        CHECK(code_of(refusal([&] { file_appeal(f.d, f.centre, in, filed_at); })) == "409:no_appeal_commission");
    }
}

TEST_CASE("appeals: the short path - every appeal account, less the protocol's signers, or none at all",
          "[recognition][commission][appeal]") {
    commission_fixture f;
    const auto sitting = f.sitting_ended("W1", false, friday_20_march);
    store::grant_role(f.d, f.member1, role::appeal);  // c1 also sits on appeals
    sign_protocol(f.d, f.centre, {sitting, f.member1}, friday_20_march);
    const file_appeal_input in{sitting, f.candidate_user, f.candidate, "несогласен"};
    SECTION("the appeal accounts who did not sign the protocol") {
        const auto a = file_appeal(f.d, f.centre, in, friday_20_march + 1000);
        CHECK(a.members == std::vector<std::int64_t>{f.appeal_member, f.appeal2});
        CHECK_FALSE(a.commission);
    }
    SECTION("no appeal account left") {
        stmt(f.d, "UPDATE users SET disabled = 1 WHERE login IN ('a1', 'a2')").run();
        CHECK(code_of(refusal([&] { file_appeal(f.d, f.centre, in, friday_20_march + 1000); })) ==
              "409:no_appeal_commission");
    }
}
