#include "exam/theory/paper.hpp"

#include <algorithm>
#include <numeric>

namespace tanu::exam {

namespace {

// Takes n of `pool` into `picked`: fresh ones first, each group in a random order.
void take(const std::vector<const bank_entry*>& pool, const std::set<std::string>& seen_before, std::size_t n,
          std::mt19937_64& rng, std::vector<const bank_entry*>& picked) {
    std::vector<const bank_entry*> fresh, stale;
    for (auto* e : pool) (seen_before.count(e->key) ? stale : fresh).push_back(e);
    std::shuffle(fresh.begin(), fresh.end(), rng);
    std::shuffle(stale.begin(), stale.end(), rng);
    std::size_t taken = 0;
    for (auto* group : {&fresh, &stale})
        for (auto* e : *group) {
            if (taken == n) return;
            picked.push_back(e);
            ++taken;
        }
}

// Fresh questions were taken first; mix them so repeats (and topics) are not
// grouped; then each question's options.
std::vector<paper_item> issue(std::vector<const bank_entry*> picked, std::mt19937_64& rng) {
    std::shuffle(picked.begin(), picked.end(), rng);
    std::vector<paper_item> paper;
    paper.reserve(picked.size());
    for (auto* e : picked) {
        paper_item item;
        item.question = e->id;
        item.perm.resize(static_cast<std::size_t>(e->options));
        std::iota(item.perm.begin(), item.perm.end(), 0);
        std::shuffle(item.perm.begin(), item.perm.end(), rng);
        paper.push_back(std::move(item));
    }
    return paper;
}

}  // namespace

std::vector<paper_item> draw_paper(const std::vector<bank_entry>& bank, const std::set<std::string>& seen_before,
                                   int n, std::mt19937_64& rng) {
    if (n < 1 || bank.size() < static_cast<std::size_t>(n)) throw bank_too_small(bank.size(), n);
    std::vector<const bank_entry*> pool, picked;
    pool.reserve(bank.size());
    for (const auto& e : bank) pool.push_back(&e);
    picked.reserve(static_cast<std::size_t>(n));
    take(pool, seen_before, static_cast<std::size_t>(n), rng, picked);
    return issue(std::move(picked), rng);
}

std::optional<topic_shortfall> blueprint_shortfall(const std::map<std::string, int>& have,
                                                   const std::map<std::string, int>& blueprint) {
    for (const auto& [topic, need] : blueprint) {
        auto it = have.find(topic);
        const int n = it == have.end() ? 0 : it->second;
        if (n < need) return topic_shortfall{topic, n, need};
    }
    return std::nullopt;
}

std::vector<paper_item> draw_paper(const std::vector<bank_entry>& bank, const std::set<std::string>& seen_before,
                                   const std::map<std::string, int>& blueprint, std::mt19937_64& rng) {
    if (blueprint.empty()) throw bank_too_small(bank.size(), 0);
    std::map<std::string, std::vector<const bank_entry*>> by_topic;
    for (const auto& e : bank)
        if (blueprint.count(e.topic)) by_topic[e.topic].push_back(&e);
    std::map<std::string, int> have;
    for (const auto& [topic, entries] : by_topic) have[topic] = static_cast<int>(entries.size());
    if (auto short_of = blueprint_shortfall(have, blueprint))
        throw bank_topic_too_small(short_of->topic, static_cast<std::size_t>(short_of->have), short_of->need);
    std::vector<const bank_entry*> picked;
    for (const auto& [topic, need] : blueprint) {
        if (need < 1) throw bank_topic_too_small(topic, by_topic[topic].size(), need);
        take(by_topic[topic], seen_before, static_cast<std::size_t>(need), rng, picked);
    }
    return issue(std::move(picked), rng);
}

std::vector<paper_item> draw_paper(const programme& p, const std::vector<bank_entry>& bank,
                                   const std::set<std::string>& seen_before, std::mt19937_64& rng) {
    if (p.blueprint.empty()) return draw_paper(bank, seen_before, p.theory.questions, rng);
    return draw_paper(bank, seen_before, p.blueprint, rng);
}

std::vector<int> to_original(const std::vector<int>& shown, const std::vector<int>& perm) {
    std::vector<int> out;
    out.reserve(shown.size());
    for (int s : shown)
        if (s >= 0 && static_cast<std::size_t>(s) < perm.size()) out.push_back(perm[static_cast<std::size_t>(s)]);
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<int> to_shown(const std::vector<int>& original, const std::vector<int>& perm) {
    std::vector<int> out;
    for (int o : original)
        for (std::size_t i = 0; i < perm.size(); ++i)
            if (perm[i] == o) out.push_back(static_cast<int>(i));
    std::sort(out.begin(), out.end());
    return out;
}

std::optional<std::string> validate_choice(const std::vector<int>& shown, int options, bool multi) {
    if (!multi && shown.size() > 1) return "bad_choice";
    std::vector<int> sorted = shown;
    std::sort(sorted.begin(), sorted.end());
    for (std::size_t i = 0; i < sorted.size(); ++i) {
        if (sorted[i] < 0 || sorted[i] >= options) return "bad_choice";
        if (i > 0 && sorted[i] == sorted[i - 1]) return "bad_choice";
    }
    return std::nullopt;
}

}  // namespace tanu::exam
