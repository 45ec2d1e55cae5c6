#include "accord/backtest_scores.hpp"

#include <algorithm>
#include <cmath>

#include "accord/random.hpp"
#include "accord/stats.hpp"

namespace accord {

ClusteredMean cluster_bootstrap_mean(const std::vector<double>& values, const std::vector<std::size_t>& cluster,
                                     std::size_t clusters, long replicates, std::uint64_t seed) {
    std::vector<double> sum(clusters, 0);
    std::vector<long> count(clusters, 0);
    double total = 0;
    for (std::size_t i = 0; i < values.size(); ++i) {
        sum[cluster[i]] += values[i];
        ++count[cluster[i]];
        total += values[i];
    }
    ClusteredMean result;
    result.estimate = total / static_cast<double>(values.size());
    if (clusters < 2) return result;
    Rng rng(seed);
    std::vector<double> means;
    means.reserve(static_cast<std::size_t>(replicates));
    for (long b = 0; b < replicates; ++b) {
        double s = 0;
        long n = 0;
        for (std::size_t draw = 0; draw < clusters; ++draw) {
            const auto c = static_cast<std::size_t>(rng.below(clusters));
            s += sum[c];
            n += count[c];
        }
        if (n > 0) means.push_back(s / static_cast<double>(n));  // only clusters without values drawn: no mean
    }
    if (means.empty()) return result;
    std::sort(means.begin(), means.end());
    result.low = quantile_sorted(means, 0.025);
    result.high = quantile_sorted(means, 0.975);
    return result;
}

double brier_score(const std::vector<double>& probability, const std::vector<bool>& outcome) {
    double s = 0;
    for (std::size_t i = 0; i < probability.size(); ++i) {
        const double d = probability[i] - (outcome[i] ? 1.0 : 0.0);
        s += d * d;
    }
    return s / static_cast<double>(probability.size());
}

double log_score(const std::vector<double>& probability, const std::vector<bool>& outcome) {
    double s = 0;
    for (std::size_t i = 0; i < probability.size(); ++i) s -= std::log(outcome[i] ? probability[i] : 1 - probability[i]);
    return s / static_cast<double>(probability.size());
}

double frequency_forecast(long successes, long n) {
    return (static_cast<double>(successes) + 0.5) / (static_cast<double>(n) + 1);
}

}  // namespace accord
