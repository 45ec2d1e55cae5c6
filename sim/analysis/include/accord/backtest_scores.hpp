// The scores of `accord backtest` (docs/backtest.md): a paired difference with a bootstrap
// interval that resamples whole clusters (the proposals), and the Brier and log scores of a
// probability forecast.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace accord {

// The replicates of every bootstrap interval of the backtest.
inline constexpr long backtest_bootstrap_replicates = 2000;

struct ClusteredMean {
    double estimate = 0;             // the mean of all values
    std::optional<double> low, high;  // 95% percentile interval; nullopt with fewer than 2 clusters
};

// The mean of `values` and its 95% percentile bootstrap interval, each replicate drawing as many
// clusters as there are, with replacement, and taking the mean of the values of the drawn
// clusters (a cluster drawn twice counts twice). `cluster[i]` in [0, G) is the cluster of
// values[i]; every cluster in [0, G) is drawn from, also one without values. Deterministic for a
// seed. `values` must not be empty.
ClusteredMean cluster_bootstrap_mean(const std::vector<double>& values, const std::vector<std::size_t>& cluster,
                                     std::size_t clusters, long replicates, std::uint64_t seed);

// Mean squared difference between the forecast probabilities and the outcomes (0 or 1); lower is
// better. The vectors have the same, non-zero size.
double brier_score(const std::vector<double>& probability, const std::vector<bool>& outcome);

// Mean of -ln(probability given to what happened), in nats; lower is better, infinite when a
// forecast of 0 or 1 was wrong.
double log_score(const std::vector<double>& probability, const std::vector<bool>& outcome);

// The forecast from `successes` out of `n` trials: (successes + 1/2) / (n + 1), the
// Krichevsky-Trofimov estimate, which never says 0 or 1 from a finite count (0.5 when n = 0).
double frequency_forecast(long successes, long n);

}  // namespace accord
