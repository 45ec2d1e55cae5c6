// `accord backtest`: predictions of several models against observed outcomes, on scenarios that
// carry an `observed` block or on every issue of a DEU-format table of EU negotiations.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "accord/scenario.hpp"

namespace accord {

// The models compared, in column order: the scenario's own setting (its dynamics, rule and
// uncertainty, the mean terms over its Monte Carlo runs), each outcome rule applied to the
// initial positions, and the expected-utility dynamics on the same inputs.
const std::vector<std::string>& backtest_models();

struct BacktestCase {
    std::string name;
    Scenario scenario;  // with `observed`
};

// One negotiated issue with an observed outcome: the predicted terms of each model, in units.
struct CasePrediction {
    std::string case_name;
    std::string issue;
    double observed = 0;
    double scale = 100;                            // hi - lo of the issue
    std::vector<std::optional<double>> predicted;  // per model of backtest_models()
};

// Predicts every issue of `c` that has an observed term; `runs` and `seed` drive the scenario's
// own Monte Carlo. Throws RunError for numeric trouble.
std::vector<CasePrediction> backtest_case(const BacktestCase& c, long runs, std::uint64_t seed);

struct ModelError {
    std::string model;
    long cases = 0;
    double mae = 0;   // mean absolute error, in points of a 0-100 scale (% of each issue's scale)
    double rmse = 0;  // root mean squared error, same units
};
std::vector<ModelError> backtest_errors(const std::vector<CasePrediction>& predictions);

std::string cases_csv(const std::vector<CasePrediction>& predictions);
std::string errors_csv(const std::vector<ModelError>& errors);

// Every issue with an observed outcome in a DEU-format table (tab-separated, quoted; line 1
// names, line 2 GDP per actor, then one row per issue) as a one-issue case: positions p<actor>,
// salience s<actor>/100 (50 when missing), capability the actor's GDP figure, reservation 0,
// decision unanimity, no influence network. Throws InputError with the file, line and column.
std::vector<BacktestCase> load_deu_cases(const std::string& path);

}  // namespace accord
