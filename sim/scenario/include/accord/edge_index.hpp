// Each influence edge's place by its two actors, so that a path influence.<from>-><to>.weight (of
// --set, events, sweeps and uncertainty, read once per path and written once per run) finds its edge
// without a scan of every edge: compressed rows by target, each target's edges in increasing order
// of source, searched by bisection.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace accord {

struct Edge;

// Holds no reference to the edges, so that a Scenario holding one can be copied and moved: each
// lookup is given the edges it was built from.
class EdgeIndex {
public:
    EdgeIndex() = default;  // indexes nothing: find() returns -1
    // Indexes nothing when an edge names an actor outside [0, actor_count) or there are 2^32 edges or more.
    EdgeIndex(const std::vector<Edge>& edges, int actor_count);
    // The index in `edges` (those it was built from) of the edge from -> to, -1 when there is none.
    long find(int from, int to, const std::vector<Edge>& edges) const;
    // Each edge that repeats an earlier one (the same from and to): its index and the earliest one's,
    // in increasing order of the first. Read off the index's groups, so that the loader's check of
    // repeated edges costs no second grouping of the edges.
    std::vector<std::pair<std::size_t, std::size_t>> repeats(const std::vector<Edge>& edges) const;
    bool built() const { return !start_.empty(); }
    std::size_t size() const { return size_; }  // the number of edges indexed

private:
    std::vector<std::uint32_t> start_;  // per target, then one past the last: where its edges begin in order_
    std::vector<std::uint32_t> order_;  // the edges' indices, by target, then source
    std::size_t size_ = 0;
};

}  // namespace accord
