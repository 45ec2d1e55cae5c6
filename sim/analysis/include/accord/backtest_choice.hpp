// The `choice-cap` model of `accord backtest` (docs/backtest.md; docs/validation.md, "Fifth round:
// pre-registered"): the compromise model moved towards the choice model's prediction
// (choice_model.hpp) by at most D points, the choice model's ridge lambda and D chosen by inner
// cross-validation inside the training cases only.
#pragma once

#include <string>
#include <vector>

#include "accord/backtest.hpp"
#include "accord/backtest_fitted.hpp"

namespace accord {

inline constexpr const char* backtest_choice_model = "choice-cap";

// The grids inner CV chooses from (the fifth round's, analysis/deu_round5.py and deu_round4.py).
const std::vector<double>& choice_lambdas();
const std::vector<double>& choice_caps();

// The number of inner folds (by proposal, inside the training cases; seed 1) and of the residual
// quantiles that spread "no option".
inline constexpr long choice_inner_folds = 5;
inline constexpr std::size_t choice_residual_quantiles = 20;

// Fits the model on the cases outside `fold` ("all": every case) that have a DEU issue's choice
// inputs and both the compromise model's and the unweighted mean's predictions, and fills its
// column in the cases of `fold` ("all": every case) that have them (else none): lambda (from
// choice_lambdas()) by the lowest inner-CV MAE of the choice model, then D (from choice_caps()) by the
// largest clustered t-ratio of the inner-CV gain over the compromise model (clustered_t_ratio), each
// inner fit with its own blend weight and residuals; then the choice model refitted on every
// training case. With fewer training proposals than inner folds, D = 0 (the compromise model).
// Returns two rows: target "cap" (weight D) and "lambda". When a fit of the choice model does not
// converge (ChoiceFit), the cases of `fold` get no prediction, the rows give 0 cases, D = 0 and lambda
// the grid's first, and a line for the user is added to `notes` (when given).
std::vector<FittedBlend> apply_choice_cap(std::vector<CasePrediction>& predictions, const std::string& fold,
                                          std::vector<std::string>* notes = nullptr);

}  // namespace accord
