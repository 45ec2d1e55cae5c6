#include "accord/network_order.hpp"

#include <algorithm>
#include <cstdlib>

namespace accord {

std::vector<int> community_order(const RowsView& rows, int sweeps) {
    const auto n = static_cast<std::size_t>(rows.actors);
    std::vector<int> label(n);
    for (std::size_t i = 0; i < n; ++i) label[i] = static_cast<int>(i);
    std::vector<int> seen;
    for (int sweep = 0; sweep < sweeps; ++sweep) {
        std::size_t changed = 0;
        for (std::size_t i = 0; i < n; ++i) {
            seen.clear();
            for (std::int64_t e = rows.offset[i]; e < rows.offset[i + 1]; ++e)
                seen.push_back(label[static_cast<std::size_t>(rows.source[e])]);
            if (seen.empty()) continue;
            std::sort(seen.begin(), seen.end());
            // The most frequent label (the smallest of those tied), unless the own label ties with it.
            int best = label[i];
            std::size_t best_count = 0;
            for (std::size_t a = 0; a < seen.size();) {
                std::size_t b = a;
                while (b < seen.size() && seen[b] == seen[a]) ++b;
                if (b - a > best_count) {
                    best = seen[a];
                    best_count = b - a;
                }
                a = b;
            }
            if (best != label[i] && std::count(seen.begin(), seen.end(), label[i]) < static_cast<long>(best_count)) {
                label[i] = best;
                ++changed;
            }
        }
        if (changed * 1000 < n) break;  // settled: fewer than one actor in 1,000 moved
    }
    // A counting sort by label, stable: actors in increasing order within a label.
    std::vector<int> start(n + 1, 0);
    for (int l : label) ++start[static_cast<std::size_t>(l) + 1];
    for (std::size_t l = 0; l < n; ++l) start[l + 1] += start[l];
    std::vector<int> order(n);
    for (std::size_t i = 0; i < n; ++i) order[static_cast<std::size_t>(start[static_cast<std::size_t>(label[i])]++)] = static_cast<int>(i);
    return order;
}

double near_share(const RowsView& rows, const std::vector<int>& slot_of, int window) {
    const auto n = static_cast<std::size_t>(rows.actors);
    if (rows.offset[n] == 0) return 1;
    std::int64_t near = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const long target = slot_of.empty() ? static_cast<long>(i) : slot_of[i];
        for (std::int64_t e = rows.offset[i]; e < rows.offset[i + 1]; ++e) {
            const long source = slot_of.empty() ? rows.source[e] : slot_of[static_cast<std::size_t>(rows.source[e])];
            if (std::labs(source - target) < window) ++near;
        }
    }
    return static_cast<double>(near) / static_cast<double>(rows.offset[n]);
}

}  // namespace accord
