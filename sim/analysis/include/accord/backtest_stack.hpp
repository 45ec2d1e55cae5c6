// The stacked models of `accord backtest` (docs/backtest.md): a convex combination of several
// models' predictions, the weights fitted on the training cases only by least absolute deviations.
#pragma once

#include <string>
#include <vector>

#include "accord/backtest.hpp"
#include "accord/backtest_fitted.hpp"

namespace accord {

// A stacked model: its column and the columns of the models it combines.
struct StackModel {
    std::string name;
    std::vector<std::string> members;
};

// The stacked models, in column order (they follow the blends in backtest_models()).
const std::vector<StackModel>& backtest_stacks();

// The weights w (w_k >= 0, sum_k w_k = 1) that minimise sum_i |sum_k w_k members[i][k] - observed[i]|,
// exactly, as the linear program min sum_i (e+_i + e-_i) subject to sum_k w_k members[i][k] + e+_i -
// e-_i = observed[i], solved by Clp (a vertex of the optimal face when several weights tie). One row
// of `members` per case, each of the same length K >= 1 (no case: std::invalid_argument).
std::vector<double> fit_stack_weights(const std::vector<std::vector<double>>& members,
                                      const std::vector<double>& observed);

// Fits every stack on the cases outside `fold` ("all": every case) that all its members predict and
// fills its column in the cases of `fold` ("all": every case) where all its members predict (else
// none). Errors are in points of each issue's scale. Returns one row per stack and member (its
// `target` the member).
std::vector<FittedBlend> apply_stacks(std::vector<CasePrediction>& predictions, const std::string& fold);

}  // namespace accord
