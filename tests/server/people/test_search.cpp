// The staff's candidate search (people::search_candidates) and the ID photo on
// file (store::candidate_photo), on a migrated SQLite file.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "server/accounts/store.hpp"
#include "server/db/migrator.hpp"
#include "server/db/sqlite.hpp"
#include "server/people/search.hpp"
#include "server/people/store.hpp"
#include "server/platform/domain_error.hpp"
#include "server/proctoring/store.hpp"
#include "tests/server/temp_dir.hpp"

using namespace tanu::server;

namespace {

struct people_fixture {
    tanu_test::temp_dir dir{"tanu-people-"};
    db d{dir.path / "t.db"};
    people_fixture() { migrate(d, embedded_migrations()); }

    std::int64_t add(const std::string& login, const std::string& iin, const std::string& name) {
        const auto user = store::insert_user(d, login, "candidate", "x", 1000);
        candidate_row c;
        c.iin = iin;
        c.full_name = name;
        c.birth_date = "1990-01-01";
        return store::insert_candidate(d, user, c, 1000);
    }
};

std::vector<std::string> names(const std::vector<candidate_brief>& list) {
    std::vector<std::string> out;
    for (const auto& c : list) out.push_back(c.full_name);
    return out;
}

}  // namespace

TEST_CASE("the candidate search finds by the start of the IIN or a part of the name, sorted by name", "[people]") {
    people_fixture f;
    f.add("a", "900101300001", "Сапарова Айгерім Нұрланқызы");
    f.add("b", "900101300002", "Омаров Бауыржан");
    f.add("c", "850505400003", "Ivanova Anna");
    f.add("d", "900202300004", "Әбдіқадыров Қанат");

    // no text: every candidate, by name (bytewise: Latin before Cyrillic)
    CHECK(names(people::search_candidates(f.d, "")) ==
          std::vector<std::string>{"Ivanova Anna", "Омаров Бауыржан", "Сапарова Айгерім Нұрланқызы", "Әбдіқадыров Қанат"});
    // digits: the IIN's start, never its middle
    CHECK(names(people::search_candidates(f.d, "9001013")) ==
          std::vector<std::string>{"Омаров Бауыржан", "Сапарова Айгерім Нұрланқызы"});
    CHECK(people::search_candidates(f.d, "300001").empty());
    CHECK(names(people::search_candidates(f.d, "850505400003")) == std::vector<std::string>{"Ivanova Anna"});
    // a part of the name, whatever the case, Kazakh letters included, spaces trimmed
    CHECK(names(people::search_candidates(f.d, "  айгерім  ")) == std::vector<std::string>{"Сапарова Айгерім Нұрланқызы"});
    CHECK(names(people::search_candidates(f.d, "НҰРЛАН")) == std::vector<std::string>{"Сапарова Айгерім Нұрланқызы"});
    CHECK(names(people::search_candidates(f.d, "әбдіқ")) == std::vector<std::string>{"Әбдіқадыров Қанат"});
    CHECK(names(people::search_candidates(f.d, "IVANOVA a")) == std::vector<std::string>{"Ivanova Anna"});
    CHECK(people::search_candidates(f.d, "Петров").empty());
    // a line carries the login and no photo yet
    const auto one = people::search_candidates(f.d, "Омаров");
    REQUIRE(one.size() == 1);
    CHECK(one[0].login == "b");
    CHECK(one[0].iin == "900101300002");
    CHECK_FALSE(one[0].photo);
}

TEST_CASE("the candidate search stops at its limit and refuses a text over 100 characters", "[people]") {
    people_fixture f;
    for (int i = 0; i < 120; ++i) {
        char iin[13];
        std::snprintf(iin, sizeof iin, "9001013%05d", i);
        char name[32];
        std::snprintf(name, sizeof name, "Кандидат %03d", i);
        f.add("u" + std::to_string(i), iin, name);
    }
    const auto all = people::search_candidates(f.d, "");
    REQUIRE(all.size() == people::max_results);
    CHECK(all.front().full_name == "Кандидат 000");
    CHECK(all.back().full_name == "Кандидат 099");
    CHECK(people::search_candidates(f.d, "кандидат 11").size() == 10);
    CHECK(people::search_candidates(f.d, "", 3).size() == 3);
    // 100 Cyrillic letters (200 bytes) are allowed, 101 are not
    std::string hundred;
    for (int i = 0; i < 100; ++i) hundred += "ж";
    CHECK(people::search_candidates(f.d, hundred).empty());
    try {
        people::search_candidates(f.d, hundred + "ж");
        FAIL("a 101-character search was accepted");
    } catch (const domain_error& e) {
        CHECK(e.kind == error_kind::unprocessable);
    }
}

TEST_CASE("folding for the search: letter case, ё as е, spaces", "[people]") {
    CHECK(people::fold("ЁЛКА") == "елка");
    CHECK(people::fold("ҒҚҢӨҰҮҺІӘ") == "ғқңөұүһіә");
    CHECK(people::fold("  Anna \t  Maria ") == "anna maria");
    CHECK(people::fold("\xFF" "A") == "\xFF" "a");  // an invalid byte stays as it is
}

TEST_CASE("the ID photo on file is the one stored last, and the list tells who has one", "[people]") {
    people_fixture f;
    const auto a = f.add("a", "900101300001", "Сапарова Айгерім");
    const auto b = f.add("b", "900101300002", "Омаров Бауыржан");
    CHECK_FALSE(store::candidate_photo(f.d, a));
    store::put_photo(f.d, a, "photos/1-1.img", "aa", "ref", 2000);
    store::put_photo(f.d, a, "photos/1-2.img", "bb", "ref", 3000);
    const auto p = store::candidate_photo(f.d, a);
    REQUIRE(p);
    CHECK(p->path == "photos/1-2.img");
    CHECK(p->sha256 == "bb");
    CHECK(p->created_ms == 3000);
    CHECK_FALSE(store::candidate_photo(f.d, b));
    const auto list = people::search_candidates(f.d, "");
    REQUIRE(list.size() == 2);
    CHECK(list[0].id == b);
    CHECK_FALSE(list[0].photo);
    CHECK(list[1].id == a);
    CHECK(list[1].photo);
}
