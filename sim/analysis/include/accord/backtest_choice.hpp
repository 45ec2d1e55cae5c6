// The `choice-cap` and `choice-cap10` models of `accord backtest` (docs/backtest.md; docs/validation.md,
// "Fifth round: pre-registered" and "Sixth round: pre-registered"): the compromise model moved towards
// the choice model's prediction (choice_model.hpp) by at most D points, the choice model's ridge lambda
// and D chosen by inner cross-validation inside the training cases only. The two differ only in D's
// grid and the rule that picks it (ChoiceCapModel).
#pragma once

#include <string>
#include <vector>

#include "accord/backtest.hpp"
#include "accord/backtest_fitted.hpp"

namespace accord {

inline constexpr const char* backtest_choice_model = "choice-cap";
inline constexpr const char* backtest_choice10_model = "choice-cap10";

// The grids inner CV chooses from (the fifth round's, analysis/deu_round5.py and deu_round4.py).
const std::vector<double>& choice_lambdas();
const std::vector<double>& choice_caps();

// How inner CV picks D from a grid: the largest clustered t-ratio of the gain over the compromise
// model (clustered_t_ratio; the fifth round), or the lowest mean absolute error (the sixth round).
enum class ChoiceStepRule { t_ratio, mae };

// A capped choice model: its column's name, D's grid and the rule.
struct ChoiceCapModel {
    std::string name;
    std::vector<double> caps;
    ChoiceStepRule rule = ChoiceStepRule::t_ratio;
};

// choice-cap: choice_caps() by the t-ratio; choice-cap10: {0, 2, 5, 10} (the fifth round's grid cut at
// 10 points, analysis/deu_round6.py's CAPS10) by the MAE. In column order.
const std::vector<ChoiceCapModel>& choice_cap_models();

// The D of model.caps that `model.rule` picks for the inner-CV predictions `m` of the cases with
// compromise prediction `comp`, outcome `y` and proposal `cluster` (ids 0..clusters-1), all in points:
// each D scores the predictions capped_move(comp, m, D); ties go to the first D of the grid.
double choose_choice_cap(const ChoiceCapModel& model, const std::vector<double>& comp, const std::vector<double>& m,
                         const std::vector<double>& y, const std::vector<std::size_t>& cluster);

// The number of inner folds (by proposal, inside the training cases; seed 1) and of the residual
// quantiles that spread "no option".
inline constexpr long choice_inner_folds = 5;
inline constexpr std::size_t choice_residual_quantiles = 20;

// Fits `model` (default: choice-cap; it names the column filled, the rows and the notes) on the cases
// outside `fold` ("all": every case) that have a DEU issue's choice inputs and both the compromise
// model's and the unweighted mean's predictions, and fills its column in the cases of `fold` ("all":
// every case) that have them (else none): lambda (from choice_lambdas()) by the lowest inner-CV MAE of
// the choice model, then D by choose_choice_cap on the same inner-CV predictions, each inner fit with
// its own blend weight and residuals; then the choice model refitted on every training case. With
// fewer training proposals than inner folds, D = 0 (the compromise model). Returns two rows: target
// "cap" (weight D) and "lambda". When a fit of the choice model does not converge (ChoiceFit), the
// cases of `fold` get no prediction, the rows give 0 cases, D = 0 and lambda the grid's first, and a
// line for the user is added to `notes` (when given).
std::vector<FittedBlend> apply_choice_cap(std::vector<CasePrediction>& predictions, const std::string& fold,
                                          std::vector<std::string>* notes = nullptr,
                                          const ChoiceCapModel& model = choice_cap_models().front());

// apply_choice_cap for each of `models` (default: choice-cap and choice-cap10) at once: the choice
// model's inner CV and final fit are shared (they do not depend on D's grid or rule), each model picks
// its D and fills its column; the rows are each model's two in turn, and a fit that does not converge
// adds a line per model to `notes`.
std::vector<FittedBlend> apply_choice_caps(std::vector<CasePrediction>& predictions, const std::string& fold,
                                           std::vector<std::string>* notes = nullptr,
                                           const std::vector<ChoiceCapModel>& models = choice_cap_models());

}  // namespace accord
