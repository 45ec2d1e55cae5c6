// The `scenario` model's forecast of the terms in `accord backtest`: the mean over the Monte Carlo
// runs whose outcome is the observed one (docs/backtest.md, "The models compared").
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "accord/run.hpp"

namespace accord {

// The mean normalised terms, per issue, over the runs that agreed when `observed_agreed` is true,
// over the runs that failed when it is false (their last texts), and over every run when it is not
// given. NaN on every issue (no prediction) when no run has the observed outcome.
std::vector<double> scenario_terms_forecast(const std::vector<RunResult>& runs, std::optional<bool> observed_agreed,
                                            std::size_t issues);

}  // namespace accord
