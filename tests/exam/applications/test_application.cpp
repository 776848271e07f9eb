#include <catch2/catch.hpp>

#include <functional>

#include "exam/applications/application.hpp"
#include "exam/common/iin.hpp"

using namespace tanu::exam;

namespace {

date d(int y, int m, int day) { return date{y, m, day}; }

// A real number: 11 digits and the check digit exam::iin_check_digit gives
// (the serial moves on when the number would not be issued).
std::string with_check_digit(std::string first7, int serial) {
    for (;; ++serial) {
        std::string s = first7 + std::to_string(10000 + serial).substr(1);
        if (auto c = iin_check_digit(s)) return s + std::to_string(*c);
    }
}

// Born 15 May 1990, century digit 3 (a man born in the 20th century).
const std::string iin_1990 = with_check_digit("9005153", 1);
// A BIN: registered May 2004, a legal entity (4), a head office (0), serial.
const std::string bin_2004 = with_check_digit("0405400", 123);

std::string wrong_check(std::string s) {
    s[11] = s[11] == '9' ? '0' : static_cast<char>(s[11] + 1);
    return s;
}

const date today = d(2026, 3, 20);

admission_rules plumber_rules() {
    admission_rules r;
    r.nqf_level = 4;
    r.languages = {"kk", "ru"};
    r.modes = {"online"};
    r.education_required = true;
    r.experience_years = 3;
    return r;
}

attachment_facts doc(attachment_type t, std::optional<date> issued = d(2020, 6, 1),
                     std::optional<date> until = std::nullopt) {
    return {t, "N 0001", "issuer", issued, until};
}

application_form complete_form() {
    application_form f;
    f.who = {"Сейткали", "Арман", "Маратович", iin_1990, d(1990, 5, 15), "Астана, ул. Кенесары 40, кв. 12",
             "arman@mail.kz", "+7 (701) 123-45-67", ""};
    f.programme = "PLUMBER-4";
    f.claimed_nqf_level = 4;
    f.knowledge = "Монтаж систем водоснабжения";
    f.skills = "Сварка полипропиленовых труб";
    f.language = "kk";
    f.mode = "online";
    f.consent_pd = true;
    f.consent_nqs = true;
    f.signed_date = today;
    f.attachments = {doc(attachment_type::id_document, d(2019, 1, 10), d(2029, 1, 9)),
                     doc(attachment_type::education_doc, d(2010, 6, 30)),
                     doc(attachment_type::labour_activity_doc, d(2026, 3, 2))};
    return f;
}

std::vector<defect> one(std::string code, std::string subject) { return {{std::move(code), std::move(subject)}}; }

struct broken {
    const char* what;
    std::function<void(application_form&, admission_rules&)> do_it;
    std::vector<defect> expected;
};

work_calendar calendar_2026_2027() {
    work_calendar c;
    c.add_year(2026, shipped_days(2026));
    c.add_year(2027, shipped_days(2027));
    return c;
}

}  // namespace

TEST_CASE("applications: names round-trip and unknown names are refused", "[applications]") {
    CHECK(attachment_types().size() == 13);
    CHECK(attachment_types().front() == attachment_type::id_document);
    CHECK(attachment_types().back() == attachment_type::other);
    int education = 0;
    for (auto t : attachment_types()) {
        INFO(to_string(t));
        CHECK(parse_attachment_type(to_string(t)) == t);
        if (proves_education(t)) ++education;
    }
    CHECK(education == 7);  // p.4 2): seven kinds of education or training documents
    CHECK(proves_education(attachment_type::short_course_cert));
    CHECK_FALSE(proves_education(attachment_type::id_document));
    CHECK_FALSE(proves_education(attachment_type::labour_activity_doc));
    CHECK(to_string(attachment_type::kandas_cert) == "kandas_cert");
    CHECK_FALSE(parse_attachment_type("passport"));
    CHECK_FALSE(parse_attachment_type(""));

    for (auto p : {purpose::qualification_level, purpose::skill_level}) CHECK(parse_purpose(to_string(p)) == p);
    for (auto b : {basis::own, basis::employer_referral}) CHECK(parse_basis(to_string(b)) == b);
    for (auto c : {channel::centre_web, channel::paper, channel::nqs_platform}) CHECK(parse_channel(to_string(c)) == c);
    CHECK(to_string(purpose::skill_level) == "skill_level");
    CHECK(to_string(basis::employer_referral) == "employer_referral");
    CHECK(to_string(channel::nqs_platform) == "nqs_platform");
    CHECK_FALSE(parse_purpose("level"));
    CHECK_FALSE(parse_basis("Own"));
    CHECK_FALSE(parse_channel("email"));

    const std::vector<std::string> statuses = {"draft", "registered", "contracted", "refusal_prepared", "refused",
                                               "withdrawn"};
    for (const auto& s : statuses) {
        auto st = parse_application_status(s);
        REQUIRE(st);
        CHECK(to_string(*st) == s);
    }
    CHECK_FALSE(parse_application_status("checking"));
}

TEST_CASE("applications: a complete application has no defects", "[applications]") {
    CHECK(completeness_defects(complete_form(), plumber_rules(), today).empty());
    // Referred by an employer, with an earlier document declared: complete too.
    auto f = complete_form();
    f.basis = basis::employer_referral;
    f.referral = employer{"ТОО «Астана Су Арнасы»", bin_2004};
    f.earlier = earlier_document{"01234-56789012-4-15032021-0007-00000042", 2026};
    f.attachments.push_back(doc(attachment_type::referral_letter, d(2026, 3, 16)));
    f.attachments.push_back(doc(attachment_type::earlier_recognition_doc, d(2021, 3, 15)));
    f.who.work_phone = "8 7172 55-66-77";
    f.accessibility = "Пандус";
    f.purpose = purpose::skill_level;
    CHECK(completeness_defects(f, plumber_rules(), today).empty());
}

TEST_CASE("applications: each defect appears alone when its one field is broken", "[applications]") {
    const std::string long_name(max_name + 1, 'a');
    const std::vector<broken> cases = {
        {"surname empty", [](auto& f, auto&) { f.who.surname = ""; }, one("field_missing", "surname")},
        {"surname blank", [](auto& f, auto&) { f.who.surname = "  "; }, one("field_missing", "surname")},
        {"surname too long", [&](auto& f, auto&) { f.who.surname = long_name; }, one("field_invalid", "surname")},
        {"name empty", [](auto& f, auto&) { f.who.name = ""; }, one("field_missing", "name")},
        {"patronymic too long", [&](auto& f, auto&) { f.who.patronymic = long_name; },
         one("field_invalid", "patronymic")},
        {"iin empty", [](auto& f, auto&) { f.who.iin = ""; }, one("field_missing", "iin")},
        {"iin check digit", [](auto& f, auto&) { f.who.iin = wrong_check(iin_1990); }, one("field_invalid", "iin")},
        {"iin short", [](auto& f, auto&) { f.who.iin = "90051530001"; }, one("field_invalid", "iin")},
        {"birth date missing", [](auto& f, auto&) { f.who.birth_date.reset(); }, one("field_missing", "birth_date")},
        {"birth date not the IIN's", [](auto& f, auto&) { f.who.birth_date = d(1990, 5, 16); },
         one("iin_birth_mismatch", "iin")},
        {"birth date in the future", [](auto& f, auto&) {
             f.who.iin = with_check_digit("9005150", 1);  // century digit 0: the IIN gives no birth date
             f.who.birth_date = d(2026, 3, 21);
         }, one("field_invalid", "birth_date")},
        {"address empty", [](auto& f, auto&) { f.who.address = ""; }, one("field_missing", "address")},
        {"address too long", [](auto& f, auto&) { f.who.address = std::string(max_address + 1, 'x'); },
         one("field_invalid", "address")},
        {"mobile empty", [](auto& f, auto&) { f.who.mobile_phone = ""; }, one("field_missing", "mobile_phone")},
        {"mobile wrong", [](auto& f, auto&) { f.who.mobile_phone = "12345"; }, one("field_invalid", "mobile_phone")},
        {"email wrong", [](auto& f, auto&) { f.who.email = "arman@mail"; }, one("field_invalid", "email")},
        {"work phone wrong", [](auto& f, auto&) { f.who.work_phone = "ext 12"; }, one("field_invalid", "work_phone")},
        {"programme empty", [](auto& f, auto&) { f.programme = ""; }, one("field_missing", "programme")},
        {"level missing", [](auto& f, auto&) { f.claimed_nqf_level = 0; }, one("field_missing", "claimed_nqf_level")},
        {"level not the programme's", [](auto& f, auto&) { f.claimed_nqf_level = 5; },
         one("field_invalid", "claimed_nqf_level")},
        {"level beyond the framework", [](auto& f, auto& r) { f.claimed_nqf_level = r.nqf_level = 9; },
         one("field_invalid", "claimed_nqf_level")},
        {"knowledge empty (Appendix 1: if any)", [](auto& f, auto&) { f.knowledge = ""; }, std::vector<defect>{}},
        {"knowledge too long", [](auto& f, auto&) { f.knowledge = std::string(max_text + 1, 'k'); },
         one("field_invalid", "knowledge")},
        {"skills empty (Appendix 1: if any)", [](auto& f, auto&) { f.skills = "\n"; }, std::vector<defect>{}},
        {"skills too long", [](auto& f, auto&) { f.skills = std::string(max_text + 1, 's'); }, one("field_invalid", "skills")},
        {"language empty", [](auto& f, auto&) { f.language = ""; }, one("field_missing", "language")},
        {"language not offered", [](auto& f, auto&) { f.language = "en"; }, one("language_not_offered", "en")},
        {"language the programme lacks", [](auto&, auto& r) { r.languages = {"ru"}; },
         one("language_not_offered", "kk")},
        {"mode not offered", [](auto& f, auto&) { f.mode = "offline"; }, one("mode_not_offered", "offline")},
        {"mode empty with two modes", [](auto& f, auto& r) {
             f.mode = "";
             r.modes = {"online", "offline"};
         }, one("field_missing", "mode")},
        {"accessibility too long", [](auto& f, auto&) { f.accessibility = std::string(max_text + 1, 'a'); },
         one("field_invalid", "accessibility")},
        {"not dated", [](auto& f, auto&) { f.signed_date.reset(); }, one("field_missing", "signed_date")},
        {"dated tomorrow", [](auto& f, auto&) { f.signed_date = d(2026, 3, 21); }, one("field_invalid", "signed_date")},
        {"referred, bad BIN", [](auto& f, auto&) {
             f.basis = basis::employer_referral;
             f.referral = employer{"ТОО «Су»", wrong_check(bin_2004)};
             f.attachments.push_back(doc(attachment_type::referral_letter));
         }, one("field_invalid", "employer_bin")},
        {"referred, no name", [](auto& f, auto&) {
             f.basis = basis::employer_referral;
             f.referral = employer{"", bin_2004};
             f.attachments.push_back(doc(attachment_type::referral_letter));
         }, one("field_missing", "employer_name")},
        {"referred, no letter", [](auto& f, auto&) {
             f.basis = basis::employer_referral;
             f.referral = employer{"ТОО «Су»", bin_2004};
         }, one("attachment_missing", "referral_letter")},
        {"earlier document without a code", [](auto& f, auto&) {
             f.earlier = earlier_document{"", 2027};
             f.attachments.push_back(doc(attachment_type::earlier_recognition_doc));
         }, one("field_missing", "earlier_document_code")},
        {"earlier document, year before 1991", [](auto& f, auto&) {
             f.earlier = earlier_document{"K-1", 1980};
             f.attachments.push_back(doc(attachment_type::earlier_recognition_doc));
         }, one("field_invalid", "earlier_document_valid_until_year")},
        {"earlier document not attached", [](auto& f, auto&) { f.earlier = earlier_document{"K-1", std::nullopt}; },
         one("attachment_missing", "earlier_recognition")},
        {"no consent to processing", [](auto& f, auto&) { f.consent_pd = false; },
         one("consent_missing", "pd_processing")},
        {"no consent to publication", [](auto& f, auto&) { f.consent_nqs = false; },
         one("consent_missing", "nqs_publication")},
        {"no ID", [](auto& f, auto&) { f.attachments.erase(f.attachments.begin()); },
         one("attachment_missing", "identity")},
        {"no education", [](auto& f, auto&) { f.attachments.erase(f.attachments.begin() + 1); },
         one("attachment_missing", "education")},
        {"no labour activity", [](auto& f, auto&) { f.attachments.pop_back(); },
         one("attachment_missing", "labour_activity")},
        {"ID expired yesterday", [](auto& f, auto&) { f.attachments[0].valid_until = d(2026, 3, 19); },
         one("attachment_expired", "id_document")},
        {"issued tomorrow", [](auto& f, auto&) { f.attachments[1].issue_date = d(2026, 3, 21); },
         one("attachment_invalid", "education_doc")},
        {"valid until before its issue", [](auto& f, auto&) {
             f.attachments[0].issue_date = d(2020, 1, 1);
             f.attachments[0].valid_until = d(2019, 1, 1);  // in the past too: invalid, not also expired
         }, one("attachment_invalid", "id_document")},
        {"number too long", [](auto& f, auto&) { f.attachments[2].number = std::string(max_short + 1, '9'); },
         one("attachment_invalid", "labour_activity_doc")},
        {"two expired of one type: one defect", [](auto& f, auto&) {
             f.attachments.push_back(doc(attachment_type::training_cert, d(2015, 1, 1), d(2020, 1, 1)));
             f.attachments.push_back(doc(attachment_type::training_cert, d(2016, 1, 1), d(2021, 1, 1)));
         }, one("attachment_expired", "training_cert")},
        {"too many attachments", [](auto& f, auto&) {
             while (f.attachments.size() <= static_cast<std::size_t>(max_attachments))
                 f.attachments.push_back(doc(attachment_type::other));
         }, one("field_invalid", "attachments")},
    };
    for (const auto& c : cases) {
        INFO(c.what);
        auto f = complete_form();
        auto r = plumber_rules();
        c.do_it(f, r);
        CHECK(completeness_defects(f, r, today) == c.expected);
    }
}

TEST_CASE("applications: what is not a defect", "[applications]") {
    auto r = plumber_rules();
    auto f = complete_form();
    f.who.patronymic = "";  // Appendix 1: "patronymic (if any)"
    f.who.email = "";       // a paper applicant may have no e-mail
    f.mode = "";            // the programme has one mode
    f.attachments[0] = doc(attachment_type::kandas_cert, d(2024, 2, 1), today);  // valid through today
    f.attachments[1] = doc(attachment_type::short_course_cert, std::nullopt);  // any p.4 2) document
    CHECK(completeness_defects(f, r, today).empty());
    // No education or experience in the standard: neither is asked for.
    r.education_required = false;
    r.experience_years = 0;
    f.attachments = {doc(attachment_type::id_document)};
    CHECK(completeness_defects(f, r, today).empty());
    // Own basis: a stray employer is not checked.
    f.referral = employer{"", "1"};
    CHECK(completeness_defects(f, r, today).empty());
}

TEST_CASE("applications: the check lists its defects in a fixed order", "[applications]") {
    // An empty form: fields first (in the form's order), then consents, then attachment groups.
    const std::vector<defect> expected = {
        {"field_missing", "surname"},      {"field_missing", "name"},
        {"field_missing", "iin"},          {"field_missing", "birth_date"},
        {"field_missing", "address"},      {"field_missing", "mobile_phone"},
        {"field_missing", "programme"},    {"field_missing", "claimed_nqf_level"},
        {"field_missing", "language"},     {"field_missing", "signed_date"},
        {"consent_missing", "pd_processing"}, {"consent_missing", "nqs_publication"},
        {"attachment_missing", "identity"},   {"attachment_missing", "education"},
        {"attachment_missing", "labour_activity"},
    };
    CHECK(completeness_defects(application_form{}, plumber_rules(), today) == expected);

    // Referred, with nothing about the employer: name and BIN, then the letter after the ID.
    application_form f = complete_form();
    f.basis = basis::employer_referral;
    f.consent_nqs = false;
    f.attachments[0].valid_until = d(2025, 1, 1);
    const std::vector<defect> referred = {
        {"field_missing", "employer_name"},      {"field_missing", "employer_bin"},
        {"consent_missing", "nqs_publication"},  {"attachment_missing", "referral_letter"},
        {"attachment_expired", "id_document"},
    };
    CHECK(completeness_defects(f, plumber_rules(), today) == referred);
}

TEST_CASE("applications: the attachment groups the form must carry", "[applications]") {
    admission_rules r;
    application_form f;
    auto groups = required_attachments(r, f);
    REQUIRE(groups.size() == 1);  // identity always (p.2 8): the person is identified)
    CHECK(groups[0].name == "identity");
    CHECK(groups[0].any_of == std::vector<attachment_type>{attachment_type::id_document, attachment_type::kandas_cert});

    r.education_required = true;
    r.experience_years = 2;
    f.earlier = earlier_document{"K-1", std::nullopt};
    f.basis = basis::employer_referral;
    groups = required_attachments(r, f);
    std::vector<std::string> group_names;
    for (const auto& g : groups) group_names.push_back(g.name);
    CHECK(group_names ==
          std::vector<std::string>{"identity", "education", "labour_activity", "earlier_recognition", "referral_letter"});
    CHECK(groups[1].any_of.size() == 7);
    for (auto t : groups[1].any_of) CHECK(proves_education(t));
    CHECK(groups[2].any_of == std::vector<attachment_type>{attachment_type::labour_activity_doc});
    CHECK(groups[3].any_of == std::vector<attachment_type>{attachment_type::earlier_recognition_doc});
    CHECK(groups[4].any_of == std::vector<attachment_type>{attachment_type::referral_letter});
}

TEST_CASE("applications: the self-registration subset", "[applications]") {
    applicant a = complete_form().who;
    CHECK(identity_defects(a).empty());
    a.address = "";
    a.mobile_phone = "";
    CHECK(identity_defects(a).empty());  // only the identity fields
    a.birth_date = d(1991, 5, 15);
    CHECK(identity_defects(a) == one("iin_birth_mismatch", "iin"));
    a.iin = wrong_check(iin_1990);
    CHECK(identity_defects(a) == one("field_invalid", "iin"));
    applicant empty;
    CHECK(identity_defects(empty) == std::vector<defect>{{"field_missing", "surname"},
                                                         {"field_missing", "name"},
                                                         {"field_missing", "iin"},
                                                         {"field_missing", "birth_date"}});
}

TEST_CASE("applications: phones, e-mails and BINs", "[applications]") {
    CHECK(phone_valid("+7 (701) 123-45-67"));
    CHECK(phone_valid("+77011234567"));
    CHECK(phone_valid("87011234567"));
    CHECK(phone_valid("7011234567"));
    CHECK(phone_valid("+44 20 7946 0958"));
    CHECK_FALSE(phone_valid("+7 701 123 45 6"));    // +7 and 9 digits
    CHECK_FALSE(phone_valid("+7 701 123 45 678"));  // +7 and 11 digits
    CHECK_FALSE(phone_valid("123456789"));
    CHECK_FALSE(phone_valid("1234567890123456"));
    CHECK_FALSE(phone_valid("++77011234567"));
    CHECK_FALSE(phone_valid("8701+1234567"));
    CHECK_FALSE(phone_valid("8 701 123 45 67 ext"));
    CHECK_FALSE(phone_valid(""));

    CHECK(email_valid("arman@mail.kz"));
    CHECK(email_valid("a.b+c@sub.example.com"));
    CHECK_FALSE(email_valid("arman@mail"));
    CHECK_FALSE(email_valid("arman.mail.kz"));
    CHECK_FALSE(email_valid("a@b@mail.kz"));
    CHECK_FALSE(email_valid("arman @mail.kz"));
    CHECK_FALSE(email_valid("@mail.kz"));
    CHECK_FALSE(email_valid("arman@.kz"));
    CHECK_FALSE(email_valid("arman@mail."));
    CHECK_FALSE(email_valid(""));

    REQUIRE(bin_2004.size() == 12);
    CHECK(bin_valid(bin_2004));
    CHECK_FALSE(bin_valid(wrong_check(bin_2004)));
    CHECK_FALSE(bin_valid(bin_2004.substr(0, 11)));
    CHECK_FALSE(bin_valid(bin_2004 + "0"));
    CHECK_FALSE(bin_valid("04054000012A"));
    CHECK(bin_valid(iin_1990));  // the same check digit as the IIN
}

TEST_CASE("applications: the check is due 3 working days after registration, across Nauryz", "[applications]") {
    const auto c = calendar_2026_2027();
    // Registered Friday 20 March 2026. Sat 21 - Mon 23: Nauryz; Sat 21 and
    // Sun 22 move to Tue 24 and Wed 25. Working: Thu 26 (1), Fri 27 (2),
    // Mon 30 (3).
    CHECK(weekday(d(2026, 3, 20)) == 5);
    CHECK_FALSE(c.is_working(d(2026, 3, 24)));
    CHECK_FALSE(c.is_working(d(2026, 3, 25)));
    CHECK(check_due(c, d(2026, 3, 20)) == d(2026, 3, 30));
    // An ordinary week: Monday 13 April -> Thursday 16 April.
    CHECK(check_due(c, d(2026, 4, 13)) == d(2026, 4, 16));
}

TEST_CASE("applications: the schedule notice is due 5 working days after the contract, into January", "[applications]") {
    const auto c = calendar_2026_2027();
    // Contract Wednesday 30 December 2026. Thu 31 (1); Fri 1 and Sat 2 Jan:
    // New Year, Sat 2 moves to Mon 4; Tue 5 (2), Wed 6 (3); Thu 7: Orthodox
    // Christmas; Fri 8 (4); Mon 11 (5).
    CHECK(weekday(d(2026, 12, 30)) == 3);
    CHECK_FALSE(c.is_working(d(2027, 1, 4)));
    CHECK_FALSE(c.is_working(d(2027, 1, 7)));
    CHECK(schedule_notice_due(c, d(2026, 12, 30)) == d(2027, 1, 11));
    // A year the calendar does not hold: the deadline cannot be computed.
    CHECK_THROWS_AS(schedule_notice_due(c, d(2027, 12, 29)), calendar_missing);
}

TEST_CASE("applications: every state and action", "[applications]") {
    using st = application_status;
    using act = application_action;
    const std::vector<st> states = {st::draft, st::registered, st::contracted, st::refusal_prepared, st::refused,
                                    st::withdrawn};
    const std::vector<act> actions = {act::submit,       act::contract,       act::prepare_refusal, act::sign_refusal,
                                      act::return_refusal, act::withdraw,     act::edit,            act::attach};
    // Rows: states in the order above; columns: actions; {candidate, staff}.
    using pair = std::pair<bool, bool>;
    const pair n{false, false}, y{true, true}, s{false, true};
    const std::vector<std::vector<pair>> table = {
        //      submit contract prep sign return withdraw edit attach
        /* draft */ {y, n, n, n, n, y, y, y},
        /* registered */ {n, y, y, n, n, y, s, s},
        /* contracted */ {n, n, n, n, n, n, n, n},
        /* refusal_prepared */ {n, n, n, y, y, n, n, n},
        /* refused */ {n, n, n, n, n, n, n, n},
        /* withdrawn */ {n, n, n, n, n, n, n, n},
    };
    int allowed = 0;
    for (std::size_t i = 0; i < states.size(); ++i)
        for (std::size_t j = 0; j < actions.size(); ++j) {
            INFO(to_string(states[i]) << " action " << j);
            CHECK(may(states[i], actions[j], false) == table[i][j].first);
            CHECK(may(states[i], actions[j], true) == table[i][j].second);
            allowed += may(states[i], actions[j], false) + may(states[i], actions[j], true);
        }
    CHECK(allowed == 9 + 11);  // the candidate 4 + 3 + 2, staff 4 + 5 + 2
}
