#include "accord/suggestions.hpp"

#include <algorithm>
#include <vector>

namespace accord {

namespace {

// The edit distance of a and b when it is at most `cap`, else cap + 1: a row of the table whose
// every entry exceeds the cap ends the computation.
std::size_t capped_distance(const std::string& a, const std::string& b, std::size_t cap, std::vector<std::size_t>& prev,
                            std::vector<std::size_t>& cur) {
    const std::size_t gap = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
    if (gap > cap) return cap + 1;
    prev.resize(b.size() + 1);
    cur.resize(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        std::size_t row_min = cur[0];
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
            row_min = std::min(row_min, cur[j]);
        }
        if (row_min > cap) return cap + 1;
        std::swap(prev, cur);
    }
    return std::min(prev[b.size()], cap + 1);
}

}  // namespace

std::string closest_match(const std::string& word, std::size_t count,
                          const std::function<const std::string&(std::size_t)>& candidate) {
    // A suggestion helps only when it is a small edit away relative to the word: within
    // max(1, min(|word|, |best|) / 3 + 1), never more than `cap`. A distance above the cap can
    // neither be suggested nor hide a closer candidate, so distances are computed only up to it.
    const std::size_t cap = std::max<std::size_t>(1, word.size() / 3 + 1);
    std::vector<std::size_t> prev, cur;
    const std::string* best = nullptr;
    std::size_t best_distance = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const std::string& c = candidate(i);
        const std::size_t d = capped_distance(word, c, cap, prev, cur);
        if (!best || best->empty() || d < best_distance) {
            best = &c;
            best_distance = d;
        }
    }
    if (!best) return {};
    const std::size_t limit = std::max<std::size_t>(1, std::min(word.size(), best->size()) / 3 + 1);
    if (best->empty() || best_distance > limit || best_distance == 0) return {};
    return *best;
}

std::string closest_actor_id(const Scenario& s, const std::string& id) {
    return closest_match(id, s.actors.size(), [&](std::size_t i) -> const std::string& { return s.actors[i].id; });
}

}  // namespace accord
