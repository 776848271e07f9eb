#include "exam/theory/paper.hpp"

#include <algorithm>
#include <numeric>

namespace tanu::exam {

std::vector<paper_item> draw_paper(const std::vector<bank_entry>& bank, const std::set<std::string>& seen_before,
                                   int n, std::mt19937_64& rng) {
    if (n < 1 || bank.size() < static_cast<std::size_t>(n)) throw bank_too_small(bank.size(), n);
    std::vector<const bank_entry*> fresh, stale;
    for (const auto& e : bank) (seen_before.count(e.key) ? stale : fresh).push_back(&e);
    std::shuffle(fresh.begin(), fresh.end(), rng);
    std::shuffle(stale.begin(), stale.end(), rng);
    std::vector<const bank_entry*> picked;
    picked.reserve(static_cast<std::size_t>(n));
    for (auto* e : fresh) {
        if (picked.size() == static_cast<std::size_t>(n)) break;
        picked.push_back(e);
    }
    for (auto* e : stale) {
        if (picked.size() == static_cast<std::size_t>(n)) break;
        picked.push_back(e);
    }
    // Fresh questions were taken first; mix them so repeats are not all at the end.
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
