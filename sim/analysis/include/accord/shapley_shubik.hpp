// The Shapley-Shubik power index of a weighted voting game (Shapley & Shubik 1954, "A method for
// evaluating the distribution of power in a committee system", American Political Science Review
// 48(3):787-792): each player's share of the orderings in which its vote turns a losing coalition
// into a winning one.
#pragma once

#include <vector>

namespace accord {

// Exact, by dynamic programming over the coalitions' sizes and weights (no enumeration of the n!
// orderings): O(n^2 * total weight) per player. Weights are non-negative whole votes; a coalition
// wins with at least `quota` votes (1 <= quota <= the total). Returns one index per player, summing to 1.
// Throws std::invalid_argument on a negative weight or a quota out of range.
std::vector<double> shapley_shubik(const std::vector<int>& votes, int quota);

}  // namespace accord
