// The agenda setter's linear program after lifting the distances (docs/models.md section 16.6), as
// the arrays Clp is given: the matrix in column-major form, the bounds and the objective.
#pragma once

#include <cstddef>
#include <vector>

#include "accord/setter.hpp"

namespace accord {

// The constraint sum_k w_k |tau_k - c_k| <= budget of one actor, i.e. u(tau) >= 1 - budget.
struct LossBudget {
    const LinearUtility* utility;
    double budget;
};

// Columns tau_k in [0, 1], then d_ak >= |tau_k - x_ak| for every actor a with a budget (and the
// proposer when given) and every issue k it weighs; rows d_ak - tau_k >= -x_ak, d_ak + tau_k >= x_ak,
// and sum_k w_ak d_ak <= budget_a. The objective sum_k w_pk d_pk (u_p's loss). Infinite bounds are
// COIN_DBL_MAX. Within each column the entries are in increasing row order, without gaps.
struct LiftedLp {
    int rows = 0, cols = 0;
    std::vector<int> starts;  // cols + 1 column starts into index and value
    std::vector<int> index;   // row of each entry
    std::vector<double> value;
    std::vector<double> col_low, col_up, objective, row_low, row_up;
};

// Builds the program into `lp` (its vectors keep their capacity), column by column.
void build_lifted_lp(std::size_t m, const std::vector<LossBudget>& budgets, const LinearUtility* proposer,
                     LiftedLp& lp);

// The same program built the straightforward way, as the setter did before build_lifted_lp: entries as
// (row, column, value) triplets sorted into a CoinPackedMatrix, whose arrays are returned. Kept so that a
// test can show the two give Clp the same arrays, hence the same pivots and bits.
LiftedLp lifted_lp_from_triplets(std::size_t m, const std::vector<LossBudget>& budgets, const LinearUtility* proposer);

}  // namespace accord
