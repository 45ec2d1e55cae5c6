#include "accord/strong_components.hpp"

#include <algorithm>
#include <limits>

namespace accord {

int strong_components(const SparseRows& rows, std::vector<int>& component) {
    const std::size_t n = rows.vertices();
    constexpr std::uint32_t unseen = std::numeric_limits<std::uint32_t>::max();
    std::vector<std::uint32_t> order(n, unseen);  // the order in which the search reaches each vertex
    std::vector<std::uint32_t> low(n, 0);         // the earliest vertex on the stack it reaches
    component.assign(n, -1);                      // -1 while the vertex is on the stack or unseen
    std::vector<std::uint32_t> stack;             // Tarjan's stack of vertices not yet in a component
    struct Frame {
        std::uint32_t vertex;
        std::size_t next;  // the position in rows.targets of the next target to follow
    };
    std::vector<Frame> path;  // the search's own stack, in place of recursion
    std::uint32_t reached = 0;
    int count = 0;
    auto enter = [&](std::uint32_t v) {
        order[v] = low[v] = reached++;
        stack.push_back(v);
        path.push_back({v, rows.start[v]});
    };
    for (std::size_t root = 0; root < n; ++root) {
        if (order[root] != unseen) continue;
        enter(static_cast<std::uint32_t>(root));
        while (!path.empty()) {
            Frame& f = path.back();
            const std::uint32_t v = f.vertex;
            if (f.next < rows.start[v + 1]) {
                const std::uint32_t w = rows.targets[f.next++];
                if (order[w] == unseen)
                    enter(w);  // invalidates f
                else if (component[w] < 0)
                    low[v] = std::min(low[v], order[w]);
                continue;
            }
            path.pop_back();
            if (low[v] == order[v]) {  // v is the first vertex of its component: the stack above it is the rest
                std::uint32_t w;
                do {
                    w = stack.back();
                    stack.pop_back();
                    component[w] = count;
                } while (w != v);
                ++count;
            }
            if (!path.empty()) low[path.back().vertex] = std::min(low[path.back().vertex], low[v]);
        }
    }
    return count;
}

}  // namespace accord
