// `accord backtest`: predictions of several models against observed outcomes, on scenarios that
// carry an `observed` block or on every issue of a DEU-format table of EU negotiations.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "accord/backtest_folds.hpp"
#include "accord/scenario.hpp"

namespace accord {

struct ChoiceIssue;  // choice_model.hpp

// The models compared, in column order: the scenario's own setting (its dynamics, rule and
// uncertainty, the mean terms over its Monte Carlo runs), each outcome rule applied to the
// initial positions, and the expected-utility dynamics on the same inputs; then the models from
// the field that need a DEU table's procedure (backtest_field.hpp: the reference point, the
// Commission's position, the procedural model, position exchange, which option wins, capability
// as voting power, the unweighted mean); then the fitted blends (backtest_fitted.hpp) and stacks
// (backtest_stack.hpp), and last the choice model moved by at most a step, choice-cap and
// choice-cap10 (backtest_choice.hpp).
const std::vector<std::string>& backtest_models();

// The column of `model` in backtest_models(); throws std::invalid_argument for an unknown name.
std::size_t backtest_model_index(const std::string& model);

// A DEU issue's legislative procedure (tests/data/deu3/README.md), for the procedural model.
struct DeuProcedure {
    std::optional<double> reference_point;  // rp, 0-100: what holds without agreement
    bool codecision = false;                // proc COD: the Parliament must also accept
    bool unanimity = false;                 // counvte Unan; else qualified majority (QMV)
};

// The model every other is compared with: the compromise model (backtest_models()[1]).
inline constexpr std::size_t backtest_compromise_model = 1;

struct BacktestCase {
    std::string name;
    Scenario scenario;         // with `observed`
    std::string proposal;      // the unit resampled and held out whole: the file's name, or the DEU proposal (prnr)
    long proposal_number = 0;  // scenario files: position among the files (1, 2, ...); DEU: prnrnmc
    std::optional<DeuProcedure> deu;  // a row of a DEU table
};

// One negotiated issue with an observed outcome: the predicted terms of each model, in units.
struct CasePrediction {
    std::string case_name;
    std::string issue;
    double observed = 0;
    double scale = 100;                            // hi - lo of the issue
    std::vector<std::optional<double>> predicted;  // per model of backtest_models(); none: no prediction
    std::string proposal;
    std::string fold = "all";  // the held-out part of its proposal
    // a DEU issue's options and features for the choice model (add_field_models); none for scenario files
    std::shared_ptr<const ChoiceIssue> choice{};
};

// A case with `observed.agreed`: the scenario's forecast of the probability of agreement, from the
// share of its Monte Carlo runs that agree (frequency_forecast()).
struct AgreementPrediction {
    std::string case_name;
    std::string proposal;
    bool agreed = false;
    double probability = 0;
    std::string fold = "all";
};

struct CaseForecast {
    std::vector<CasePrediction> terms;  // every issue with an observed term
    std::optional<AgreementPrediction> agreement;
};

// Predicts every issue of `c` that has an observed term, and agreement when `observed.agreed` is
// given; `runs` and `seed` drive the scenario's own Monte Carlo. Throws RunError for numeric
// trouble.
CaseForecast backtest_case(const BacktestCase& c, long runs, std::uint64_t seed);

// One row of errors.csv: one model's scores on one part of the cases. Terms: errors in points of a
// 0-100 scale (% of each issue's scale). Agreement (the `scenario` model and the `base-rate`
// reference): Brier and log scores over the cases with observed.agreed.
struct ModelError {
    std::string model;
    long cases = 0;  // issues scored; base-rate: cases with observed.agreed
    std::optional<double> mae, rmse;
    std::string fold = "all";
    // mean over the issues both predict of |error of model| - |error of the compromise model|, and
    // its 95% bootstrap interval resampling whole proposals; nullopt for the compromise model
    std::optional<double> diff_vs_compromise, diff_low, diff_high;
    std::optional<double> brier, log_score;
};

// The rows of fold "all" (every case; the base rate fitted on them all), then of each held-out
// part of `held_out` (fold_labels()), the base rate fitted on the other parts. The columns of the
// fitted blends and stacks (backtest_fitted.hpp) are ignored in `predictions` and refitted per part: on every
// case for `all`, on the other parts for a held-out part. `seed` drives the bootstraps (seed + k for
// the k-th held-out part). With `pooled` and at least one held-out part, a last part "pooled" scores
// every case on its held-out predictions (each fitted model's, and the base rate's, fitted without
// the case's part), its interval resampling all proposals (seed + number of parts + 1); the rows
// before it are the same as without `pooled`.
std::vector<ModelError> backtest_errors(const std::vector<CasePrediction>& predictions,
                                        const std::vector<AgreementPrediction>& agreements,
                                        const std::vector<std::string>& held_out, std::uint64_t seed,
                                        bool pooled = false);

std::string cases_csv(const std::vector<CasePrediction>& predictions);
std::string errors_csv(const std::vector<ModelError>& errors);

// Every issue with an observed outcome in a DEU-format table (tab-separated, quoted; line 1
// names, line 2 GDP per actor, then one row per issue) as a one-issue case: positions p<actor>,
// salience s<actor>/100 (50 when missing), capability the actor's GDP figure, reservation 0,
// decision unanimity, no influence network; its proposal `prnr`, numbered `prnrnmc`; no
// observed.agreed (the table holds adopted acts only); its procedure from the optional columns
// `rp`, `proc` and `counvte`. Throws InputError with the file, line and column. `read`, when given,
// receives the path and the bytes read (for the manifest's inputs).
std::vector<BacktestCase> load_deu_cases(const std::string& path, InputFile* read = nullptr);

}  // namespace accord
