// `accord sensitivity --over uncertainty` (docs/sensitivity.md): the factors of the study are the
// scenario's drawn parameters, with their distributions as the input distributions. The study
// runs as a sweep of a derived scenario whose `sweep` block lists those parameters and whose
// `uncertainty` no longer draws them, so each design point fixes them for all its replications.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "accord/scenario.hpp"
#include "accord/sensitivity_study.hpp"

namespace accord {

// Sobol base samples N by default over the uncertainty (docs/sensitivity.md says why).
inline constexpr long uncertainty_sobol_samples = 1024;

// A copy of `s` whose sweep block lists `factors` as its parameters (in their order, named by
// their paths; replications kept from the file's sweep block if it has one) and whose
// `uncertainty` no longer holds them.
Scenario uncertainty_study_scenario(const Scenario& s, const std::vector<Uncertain>& factors);

// The study over `factors` (the run plan's draws: the file's `uncertainty` less the paths --set
// fixes). Each design point's unit coordinate u of factor j becomes the value
// distribution_quantile(distribution_j, u), clamped to the path's range like a draw. Sobol
// coordinates lie strictly inside (0, 1); a Morris level k of L (u = k / (L - 1)) is taken at
// the probability (k + 1/2) / L, so the normal's infinite tails are never asked for. `samples`
// defaults to uncertainty_sobol_samples (sobol) or 20 (morris). Throws InputError at the block
// when `factors` is empty and at the entry when a factor's distribution gives only one value.
SensitivityStudy plan_uncertainty_sensitivity(const Scenario& s, const std::vector<Uncertain>& factors,
                                              SensitivityMethod method, std::optional<long> samples,
                                              std::uint64_t seed);

}  // namespace accord
