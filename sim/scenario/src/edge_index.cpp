#include "accord/edge_index.hpp"

#include <algorithm>
#include <limits>

#include "accord/params.hpp"

namespace accord {

EdgeIndex::EdgeIndex(const std::vector<Edge>& edges, int actor_count) {
    if (actor_count < 0 || edges.size() >= std::numeric_limits<std::uint32_t>::max()) return;
    const auto n = static_cast<std::size_t>(actor_count);
    for (const Edge& e : edges)
        if (e.from < 0 || e.to < 0 || static_cast<std::size_t>(e.from) >= n || static_cast<std::size_t>(e.to) >= n)
            return;
    // A counting sort by target (two passes), then each target's few edges by source.
    std::vector<std::uint32_t> start(n + 1, 0);
    for (const Edge& e : edges) ++start[static_cast<std::size_t>(e.to) + 1];
    for (std::size_t t = 0; t < n; ++t) start[t + 1] += start[t];
    std::vector<std::uint32_t> order(edges.size());
    std::vector<std::uint32_t> next(start.begin(), start.end() - 1);
    for (std::size_t i = 0; i < edges.size(); ++i)
        order[next[static_cast<std::size_t>(edges[i].to)]++] = static_cast<std::uint32_t>(i);
    for (std::size_t t = 0; t < n; ++t)
        std::sort(order.begin() + start[t], order.begin() + start[t + 1],
                  [&](std::uint32_t a, std::uint32_t b) { return edges[a].from < edges[b].from; });
    start_ = std::move(start);
    order_ = std::move(order);
    size_ = edges.size();
}

std::vector<std::pair<std::size_t, std::size_t>> EdgeIndex::repeats(const std::vector<Edge>& edges) const {
    std::vector<std::pair<std::size_t, std::size_t>> found;
    for (std::size_t t = 0; t + 1 < start_.size(); ++t) {
        // The target's edges by source: a repeated edge sits next to its twins.
        for (std::size_t i = start_[t]; i < start_[t + 1];) {
            std::size_t end = i + 1;
            std::uint32_t earliest = order_[i];
            for (; end < start_[t + 1] && edges[order_[end]].from == edges[order_[i]].from; ++end)
                earliest = std::min(earliest, order_[end]);
            for (std::size_t j = i; j < end; ++j)
                if (order_[j] != earliest) found.emplace_back(order_[j], earliest);
            i = end;
        }
    }
    std::sort(found.begin(), found.end());
    return found;
}

long EdgeIndex::find(int from, int to, const std::vector<Edge>& edges) const {
    if (to < 0 || static_cast<std::size_t>(to) + 1 >= start_.size()) return -1;
    const auto first = order_.begin() + start_[static_cast<std::size_t>(to)];
    const auto last = order_.begin() + start_[static_cast<std::size_t>(to) + 1];
    const auto it = std::lower_bound(first, last, from, [&](std::uint32_t e, int f) { return edges[e].from < f; });
    return it != last && edges[*it].from == from ? static_cast<long>(*it) : -1;
}

}  // namespace accord
