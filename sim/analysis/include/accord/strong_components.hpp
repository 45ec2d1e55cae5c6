// The strongly connected components of a directed graph given as compressed sparse rows, for the
// network's structural warnings (network.hpp). Own code rather than boost::strong_components, whose
// depth-first search keeps about 64 bytes per vertex on its stack (a chain of influence through a
// million actors: over 100 MB of fresh pages in `accord validate`); this keeps at most 28.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace accord {

// Vertex v's targets are targets[start[v] .. start[v + 1]); start has one entry per vertex and one more.
struct SparseRows {
    std::vector<std::size_t> start;
    std::vector<std::uint32_t> targets;
    std::size_t vertices() const { return start.empty() ? 0 : start.size() - 1; }
};

// The rows of the edges from[i] -> to[i] for which keep(i) holds, over `vertices` vertices, each row's
// targets in the order of the edges (a stable counting sort by source, two passes over the edges).
template <class Edges, class From, class To, class Keep>
SparseRows sparse_rows(const Edges& edges, std::size_t vertices, From from, To to, Keep keep) {
    SparseRows rows;
    rows.start.assign(vertices + 1, 0);
    for (const auto& e : edges)
        if (keep(e)) ++rows.start[static_cast<std::size_t>(from(e)) + 1];
    for (std::size_t v = 0; v < vertices; ++v) rows.start[v + 1] += rows.start[v];
    rows.targets.resize(rows.start[vertices]);
    std::vector<std::size_t> next(rows.start.begin(), rows.start.end() - 1);
    for (const auto& e : edges)
        if (keep(e)) rows.targets[next[static_cast<std::size_t>(from(e))]++] = static_cast<std::uint32_t>(to(e));
    return rows;
}

// Each vertex's component in `component` (resized to the vertices); returns the number of components.
// Tarjan's algorithm, without recursion: components are numbered in the order they complete, the
// search started from the vertices in increasing order and following each row's targets in order,
// which is the numbering boost::strong_components gives the same rows.
int strong_components(const SparseRows& rows, std::vector<int>& component);

}  // namespace accord
