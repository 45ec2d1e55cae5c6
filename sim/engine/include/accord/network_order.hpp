// Orders of a network's actors for the memory of the round (influence_rows.hpp): communities found
// by label propagation placed one after another, and a measure of how near in such an order the
// sources of each target are. They change where values live, never what a round computes.
#pragma once

#include <cstdint>
#include <vector>

namespace accord {

// The network given as rows: the sources of target i are source[offset[i] .. offset[i + 1] - 1].
struct RowsView {
    int actors;
    const std::int64_t* offset;
    const int* source;
};

// The actors by community (slot -> actor): label propagation over the incoming edges (each actor in
// turn takes the label most of its sources hold, ties to its own label, then to the smallest, for
// at most `sweeps` sweeps), then labels in increasing order, actors in increasing order within one.
// Deterministic; time linear in the edges per sweep.
std::vector<int> community_order(const RowsView& rows, int sweeps = 8);

// The share of edges whose source lies within `window` places of its target in the order given by
// `slot_of` (actor -> slot; empty: the actors' own order).
double near_share(const RowsView& rows, const std::vector<int>& slot_of, int window);

}  // namespace accord
