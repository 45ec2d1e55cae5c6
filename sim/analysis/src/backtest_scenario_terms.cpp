#include "accord/backtest_scenario_terms.hpp"

#include <limits>

namespace accord {

std::vector<double> scenario_terms_forecast(const std::vector<RunResult>& runs, std::optional<bool> observed_agreed,
                                            std::size_t issues) {
    const auto matches = [&](const RunResult& r) { return !observed_agreed || r.agreed == *observed_agreed; };
    long n = 0;
    for (const auto& r : runs)
        if (matches(r)) ++n;
    if (n == 0) return std::vector<double>(issues, std::numeric_limits<double>::quiet_NaN());
    // Each term divided by n before summing, in run order: the same bytes as the pooled mean of
    // earlier versions whenever every run matches.
    std::vector<double> mean(issues, 0);
    for (const auto& r : runs)
        if (matches(r))
            for (std::size_t k = 0; k < issues; ++k) mean[k] += r.terms[k] / static_cast<double>(n);
    return mean;
}

}  // namespace accord
