// The models from the field that `accord backtest` scores on the rows of a DEU table
// (docs/backtest.md): the reference point, the Commission's position, the procedural model, position
// exchange across the issues of one proposal, which option wins, capability as voting power, the
// unweighted mean of the stated positions, Nash bargaining with the reference point as the
// disagreement point, and the compromise model within the Council's core.
#pragma once

#include <string>
#include <vector>

#include "accord/backtest.hpp"

namespace accord {

// Their columns, in order (they follow the five models of every case in backtest_models()).
const std::vector<std::string>& backtest_field_models();

// The most distinct stated positions of an issue for which "which option wins" predicts a stated
// option (above it the compromise model predicts).
inline constexpr std::size_t option_winner_max_options = 3;

// Fills the field models' columns of the terms of every DEU case (cases[i].deu) in forecasts[i];
// the columns stay empty for scenario files. The exchange model needs every issue of a proposal at
// once, hence one call for all cases.
void add_field_models(const std::vector<BacktestCase>& cases, std::vector<CaseForecast>& forecasts);

// Issues on which the procedural model had no reference point or no Commission position and
// predicted the compromise model's value instead (counted by add_field_models).
long procedural_fallbacks(const std::vector<BacktestCase>& cases);

// Issues on which Nash bargaining with the reference point had no reference point or no point that
// every actor prefers to it, and predicted the compromise model's value instead.
long nash_reference_fallbacks(const std::vector<BacktestCase>& cases);

}  // namespace accord
