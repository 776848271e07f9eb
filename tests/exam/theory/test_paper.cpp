#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <numeric>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "exam/theory/paper.hpp"

using namespace tanu::exam;

namespace {

// A bank of `size` questions; ids 1000+i, keys "q<i>", 2..10 options.
std::vector<bank_entry> make_bank(int size) {
    std::vector<bank_entry> bank;
    for (int i = 0; i < size; ++i) {
        bank_entry e;
        e.id = 1000 + i;
        e.key = "q" + std::to_string(i);
        e.options = 2 + i % 9;
        bank.push_back(e);
    }
    return bank;
}

std::map<std::int64_t, const bank_entry*> by_id(const std::vector<bank_entry>& bank) {
    std::map<std::int64_t, const bank_entry*> m;
    for (const auto& e : bank) m[e.id] = &e;
    return m;
}

std::set<std::string> keys_of(const std::vector<paper_item>& paper, const std::vector<bank_entry>& bank) {
    auto m = by_id(bank);
    std::set<std::string> keys;
    for (const auto& item : paper) keys.insert(m.at(item.question)->key);
    return keys;
}

bool is_permutation_of_range(const std::vector<int>& perm, int n) {
    if (static_cast<int>(perm.size()) != n) return false;
    std::vector<int> sorted = perm;
    std::sort(sorted.begin(), sorted.end());
    for (int i = 0; i < n; ++i)
        if (sorted[static_cast<std::size_t>(i)] != i) return false;
    return true;
}

}  // namespace

TEST_CASE("draw_paper: n distinct questions, each options order a permutation", "[paper]") {
    const int n = 90;  // seed 003 p.8
    auto bank = make_bank(200);
    auto ids = by_id(bank);
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        std::mt19937_64 rng(seed);
        auto paper = draw_paper(bank, {}, n, rng);
        REQUIRE(paper.size() == static_cast<std::size_t>(n));
        std::set<std::int64_t> questions;
        for (const auto& item : paper) {
            REQUIRE(ids.count(item.question) == 1);
            questions.insert(item.question);
            CHECK(is_permutation_of_range(item.perm, ids.at(item.question)->options));
        }
        CHECK(questions.size() == static_cast<std::size_t>(n));
        CHECK(keys_of(paper, bank).size() == static_cast<std::size_t>(n));
    }
}

TEST_CASE("draw_paper: a bank of exactly n gives all of it", "[paper]") {
    auto bank = make_bank(90);
    std::mt19937_64 rng(7);
    auto paper = draw_paper(bank, {}, 90, rng);
    std::set<std::int64_t> questions;
    for (const auto& item : paper) questions.insert(item.question);
    CHECK(questions.size() == 90);
}

TEST_CASE("draw_paper: the draw is random", "[paper]") {
    auto bank = make_bank(200);
    std::mt19937_64 a(1), b(2);
    auto pa = draw_paper(bank, {}, 90, a);
    auto pb = draw_paper(bank, {}, 90, b);
    std::vector<std::int64_t> qa, qb;
    for (const auto& i : pa) qa.push_back(i.question);
    for (const auto& i : pb) qb.push_back(i.question);
    CHECK(qa != qb);
    // Options are shuffled too: across 90 questions some perm is not the identity.
    bool shuffled = false;
    for (const auto& i : pa) {
        std::vector<int> id(i.perm.size());
        std::iota(id.begin(), id.end(), 0);
        if (i.perm != id) shuffled = true;
    }
    CHECK(shuffled);
}

TEST_CASE("draw_paper: a bank smaller than the paper throws bank_too_small", "[paper]") {
    auto bank = make_bank(89);
    std::mt19937_64 rng(1);
    CHECK_THROWS_AS(draw_paper(bank, {}, 90, rng), bank_too_small);
    try {
        draw_paper(bank, {}, 90, rng);
        FAIL("no throw");
    } catch (const bank_too_small& e) {
        CHECK(e.have_ == 89);
        CHECK(e.need_ == 90);
    }
    CHECK_THROWS_AS(draw_paper({}, {}, 1, rng), bank_too_small);
    CHECK_THROWS_AS(draw_paper(make_bank(5), {}, 0, rng), bank_too_small);
}

TEST_CASE("draw_paper: a retake repeats as few questions as the bank allows", "[paper]") {
    const int n = 90;
    SECTION("bank of 2n: no repeats") {
        for (std::uint64_t seed = 1; seed <= 10; ++seed) {
            INFO("seed " << seed);
            std::mt19937_64 rng(seed);
            auto bank = make_bank(2 * n);
            auto first = draw_paper(bank, {}, n, rng);
            auto seen = keys_of(first, bank);
            REQUIRE(seen.size() == static_cast<std::size_t>(n));
            auto second = draw_paper(bank, seen, n, rng);
            REQUIRE(second.size() == static_cast<std::size_t>(n));
            auto keys = keys_of(second, bank);
            CHECK(keys.size() == static_cast<std::size_t>(n));
            int repeats = 0;
            for (const auto& k : keys) repeats += static_cast<int>(seen.count(k));
            CHECK(repeats == 0);
        }
    }
    SECTION("bank of 1.5n: exactly 0.5n repeats, the minimum") {
        for (std::uint64_t seed = 1; seed <= 10; ++seed) {
            INFO("seed " << seed);
            std::mt19937_64 rng(seed);
            auto bank = make_bank(n + n / 2);  // 135
            auto first = draw_paper(bank, {}, n, rng);
            auto seen = keys_of(first, bank);
            auto second = draw_paper(bank, seen, n, rng);
            REQUIRE(second.size() == static_cast<std::size_t>(n));
            auto keys = keys_of(second, bank);
            CHECK(keys.size() == static_cast<std::size_t>(n));
            int repeats = 0;
            for (const auto& k : keys) repeats += static_cast<int>(seen.count(k));
            CHECK(repeats == n / 2);  // 45
            // every fresh question of the bank was used
            for (const auto& e : bank)
                if (!seen.count(e.key)) CHECK(keys.count(e.key) == 1);
            // the repeats are mixed in, not all at the end
            auto ids = by_id(bank);
            int repeats_in_first_half = 0;
            for (int i = 0; i < n / 2; ++i)
                repeats_in_first_half +=
                    static_cast<int>(seen.count(ids.at(second[static_cast<std::size_t>(i)].question)->key));
            CHECK(repeats_in_first_half > 0);
        }
    }
    SECTION("third sitting: seen covers both earlier papers") {
        for (std::uint64_t seed = 1; seed <= 10; ++seed) {
            INFO("seed " << seed);
            std::mt19937_64 rng(seed);
            auto bank = make_bank(3 * n);
            auto first = draw_paper(bank, {}, n, rng);
            auto seen = keys_of(first, bank);
            auto second = draw_paper(bank, seen, n, rng);
            for (const auto& k : keys_of(second, bank)) seen.insert(k);
            REQUIRE(seen.size() == static_cast<std::size_t>(2 * n));
            auto third = draw_paper(bank, seen, n, rng);
            int repeats = 0;
            for (const auto& k : keys_of(third, bank)) repeats += static_cast<int>(seen.count(k));
            CHECK(repeats == 0);
        }
    }
}

TEST_CASE("to_original and to_shown", "[paper]") {
    // shown position i holds original option perm[i]
    const std::vector<int> perm = {2, 0, 3, 1};
    CHECK(to_original({0}, perm) == std::vector<int>{2});
    CHECK(to_original({1}, perm) == std::vector<int>{0});
    CHECK(to_original({3, 0}, perm) == std::vector<int>{1, 2});  // sorted
    CHECK(to_original({}, perm).empty());
    CHECK(to_shown({2}, perm) == std::vector<int>{0});
    CHECK(to_shown({1, 2}, perm) == std::vector<int>{0, 3});
    CHECK(to_shown({}, perm).empty());

    SECTION("round trip over every subset of every drawn permutation") {
        auto bank = make_bank(30);
        std::mt19937_64 rng(99);
        auto paper = draw_paper(bank, {}, 30, rng);
        for (const auto& item : paper) {
            int n = static_cast<int>(item.perm.size());
            for (int mask = 0; mask < (1 << n); ++mask) {
                std::vector<int> shown;
                for (int i = 0; i < n; ++i)
                    if (mask & (1 << i)) shown.push_back(i);
                auto original = to_original(shown, item.perm);
                CHECK(original.size() == shown.size());
                CHECK(std::is_sorted(original.begin(), original.end()));
                CHECK(to_shown(original, item.perm) == shown);
                CHECK(to_original(to_shown(original, item.perm), item.perm) == original);
            }
        }
    }
}

TEST_CASE("validate_choice", "[paper]") {
    SECTION("accepts") {
        CHECK_FALSE(validate_choice({}, 4, false).has_value());  // [] clears
        CHECK_FALSE(validate_choice({}, 4, true).has_value());
        CHECK_FALSE(validate_choice({0}, 4, false).has_value());
        CHECK_FALSE(validate_choice({3}, 4, false).has_value());
        CHECK_FALSE(validate_choice({2}, 4, true).has_value());
        CHECK_FALSE(validate_choice({3, 0}, 4, true).has_value());
        CHECK_FALSE(validate_choice({0, 1, 2, 3}, 4, true).has_value());
    }
    SECTION("rejects with bad_choice") {
        CHECK(validate_choice({4}, 4, false) == std::string("bad_choice"));   // out of range
        CHECK(validate_choice({-1}, 4, false) == std::string("bad_choice"));
        CHECK(validate_choice({0, 4}, 4, true) == std::string("bad_choice"));
        CHECK(validate_choice({-1, 2}, 4, true) == std::string("bad_choice"));
        CHECK(validate_choice({1, 1}, 4, true) == std::string("bad_choice"));  // duplicate
        CHECK(validate_choice({2, 0, 2}, 4, true) == std::string("bad_choice"));
        CHECK(validate_choice({0, 1}, 4, false) == std::string("bad_choice"));  // several on single
        CHECK(validate_choice({1, 1}, 4, false) == std::string("bad_choice"));
    }
}

namespace {

// Seed 003 p.8: "90 questions" in three areas: the social protection of people
// with disabilities, the basics of MSE, the assessment of needs. `sizes` per
// area, ids 5000+i, keys "<topic>-<i>".
std::vector<bank_entry> areas_bank(int social, int basics, int needs) {
    std::vector<bank_entry> bank;
    int i = 0;
    for (auto [topic, size] : {std::pair{"social_protection", social}, {"mse_basics", basics}, {"needs_assessment", needs}})
        for (int k = 0; k < size; ++k, ++i) bank.push_back({5000 + i, std::string(topic) + "-" + std::to_string(k), 4, topic});
    return bank;
}

std::map<std::string, int> topics_of(const std::vector<paper_item>& paper, const std::vector<bank_entry>& bank) {
    auto m = by_id(bank);
    std::map<std::string, int> n;
    for (const auto& item : paper) ++n[m.at(item.question)->topic];
    return n;
}

const std::map<std::string, int> thirty_each{{"social_protection", 30}, {"mse_basics", 30}, {"needs_assessment", 30}};

}  // namespace

TEST_CASE("blueprint draw: 30 of each of seed 003's three areas, 90 in all, the areas mixed", "[paper][blueprint]") {
    auto bank = areas_bank(60, 45, 31);
    for (std::uint64_t seed = 1; seed <= 10; ++seed) {
        INFO("seed " << seed);
        std::mt19937_64 rng(seed);
        auto paper = draw_paper(bank, {}, thirty_each, rng);
        REQUIRE(paper.size() == 90);
        CHECK(topics_of(paper, bank) == thirty_each);
        std::set<std::int64_t> distinct;
        for (const auto& item : paper) distinct.insert(item.question);
        CHECK(distinct.size() == 90);
        // the whole paper is shuffled: the first 30 are not all of one area
        std::vector<paper_item> first30(paper.begin(), paper.begin() + 30);
        CHECK(topics_of(first30, bank).size() > 1);
    }
}

TEST_CASE("blueprint draw: other topics of the bank are not drawn, counts may differ per topic", "[paper][blueprint]") {
    auto bank = areas_bank(40, 40, 40);
    bank.push_back({9000, "extra-1", 3, "history"});
    const std::map<std::string, int> uneven{{"social_protection", 40}, {"mse_basics", 35}, {"needs_assessment", 15}};
    std::mt19937_64 rng(3);
    auto paper = draw_paper(bank, {}, uneven, rng);
    CHECK(paper.size() == 90);
    CHECK(topics_of(paper, bank) == uneven);
}

TEST_CASE("blueprint draw: a topic short of questions throws naming it", "[paper][blueprint]") {
    auto bank = areas_bank(30, 29, 30);  // mse_basics holds 29 of the 30 it draws
    std::mt19937_64 rng(1);
    try {
        draw_paper(bank, {}, thirty_each, rng);
        FAIL("no throw");
    } catch (const bank_topic_too_small& e) {
        CHECK(e.topic_ == "mse_basics");
        CHECK(e.have_ == 29);
        CHECK(e.need_ == 30);
        CHECK(std::string(e.what()) == "topic 'mse_basics': the bank holds 29 questions, the blueprint draws 30");
    }
    // a topic missing from the bank altogether; still a bank_too_small for callers that catch that
    auto two = areas_bank(30, 30, 0);
    CHECK_THROWS_AS(draw_paper(two, {}, thirty_each, rng), bank_too_small);
    CHECK(blueprint_shortfall({{"social_protection", 30}, {"mse_basics", 30}}, thirty_each)->topic == "needs_assessment");
    CHECK_FALSE(blueprint_shortfall({{"social_protection", 30}, {"mse_basics", 31}, {"needs_assessment", 90}}, thirty_each));
}

TEST_CASE("blueprint draw: a retake takes fresh questions first in each topic", "[paper][blueprint]") {
    auto bank = areas_bank(60, 60, 40);
    std::mt19937_64 rng(11);
    auto first = draw_paper(bank, {}, thirty_each, rng);
    auto seen = keys_of(first, bank);
    auto retake = draw_paper(bank, seen, thirty_each, rng);
    CHECK(topics_of(retake, bank) == thirty_each);
    auto again = keys_of(retake, bank);
    std::vector<std::string> repeated;
    std::set_intersection(seen.begin(), seen.end(), again.begin(), again.end(), std::back_inserter(repeated));
    // 60 + 60 hold 30 fresh each; needs_assessment has only 10 fresh of 40, so 20 repeat
    CHECK(repeated.size() == 20);
    for (const auto& k : repeated) CHECK(k.rfind("needs_assessment-", 0) == 0);
}

TEST_CASE("a programme's paper: by its blueprint when it has one, else over the whole bank", "[paper][blueprint]") {
    programme p;
    p.theory.questions = 90;
    auto bank = areas_bank(80, 10, 10);
    std::mt19937_64 rng(5);
    auto whole = draw_paper(p, bank, {}, rng);
    CHECK(whole.size() == 90);
    p.blueprint = thirty_each;
    CHECK_THROWS_AS(draw_paper(p, bank, {}, rng), bank_topic_too_small);
    auto enough = areas_bank(30, 30, 30);
    CHECK(topics_of(draw_paper(p, enough, {}, rng), enough) == thirty_each);
}
