// The fitted models of `accord backtest` (docs/backtest.md): the compromise model moved a share w
// of the way towards another model's prediction, w fitted on the training cases only.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "accord/backtest.hpp"

namespace accord {

// A fitted model: its column and the column of the model it moves towards.
struct BlendModel {
    std::string name;
    std::string target;
};

// The fitted models, in column order (they follow the other models in backtest_models()).
const std::vector<BlendModel>& backtest_blends();

// One blend's weight (or one stack member's), fitted on the cases outside `fold` (fold "all": on every case).
struct FittedBlend {
    std::string model;
    std::string fold;
    long cases = 0;  // training cases with both predictions
    double weight = 0;
    std::string target;  // the model moved towards (a blend), or the member weighted (a stack)
};

// The w in [0, 1] that minimises sum_i |base_i + w (target_i - base_i) - observed_i|, exactly: the
// sum is convex and piecewise linear in w with kinks at (observed_i - base_i) / (target_i - base_i),
// so a minimiser is the weighted median of the kinks, weights |target_i - base_i| (the lowest when
// an interval minimises), clipped to [0, 1]; 0 when no target differs from its base. The three
// vectors have one size.
double fit_blend_weight(const std::vector<double>& base, const std::vector<double>& target,
                        const std::vector<double>& observed);

// Fits every blend on the cases outside `fold` ("all": every case) and fills its column in the
// cases of `fold` ("all": every case) where both the compromise model and the target predict
// (else none). Errors are in points of each issue's scale. Returns the fitted weights.
std::vector<FittedBlend> apply_blends(std::vector<CasePrediction>& predictions, const std::string& fold);

// Every fitted model, blends, stacks (backtest_stack.hpp), choice-cap and choice-cap10 (backtest_choice.hpp),
// fitted as apply_blends() does; lines for the user (a fit that failed) are added to `notes` when given.
std::vector<FittedBlend> apply_fitted_models(std::vector<CasePrediction>& predictions, const std::string& fold,
                                             std::vector<std::string>* notes = nullptr);

// The fitted models of a backtest, fitted once for its errors, cases.csv and fitted.csv: on every case
// (`all`, every case's column filled) and, for each held-out part f, on the other parts (`held_out[f]`,
// a copy of the predictions with part f's cases filled), with the weights of each fit.
struct FittedParts {
    std::vector<CasePrediction> all;
    std::vector<FittedBlend> all_weights;
    std::vector<std::vector<CasePrediction>> held_out;
    std::vector<std::vector<FittedBlend>> held_out_weights;
    std::vector<std::string> notes;  // lines for the user: fits that failed (apply_fitted_models)

    // Every case with its held-out prediction (part f's cases from held_out[f]); `all` without parts.
    std::vector<CasePrediction> out_of_part(const std::vector<std::string>& labels) const;
};

FittedParts fit_parts(const std::vector<CasePrediction>& predictions, const std::vector<std::string>& held_out);

// backtest_errors() of backtest.hpp on models fitted already (fit_parts() of the same predictions and parts).
std::vector<ModelError> backtest_errors(const FittedParts& parts, const std::vector<AgreementPrediction>& agreements,
                                        const std::vector<std::string>& held_out, std::uint64_t seed,
                                        bool pooled = false);

std::string fitted_csv(const std::vector<FittedBlend>& weights);

}  // namespace accord
