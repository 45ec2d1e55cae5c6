// Summary statistics and intervals (docs/interface.md section 4, docs/models.md section 12).
#pragma once

#include <optional>
#include <utility>
#include <vector>

namespace accord {

struct Interval {
    double low = 0;
    double high = 0;
};

// 95% Wilson score interval for `successes` out of `n` (n > 0).
Interval wilson_interval(long successes, long n, double z = 1.96);

// 95% interval of p_first - p_second for two 0/1 outcomes observed in pairs (n = the four counts' sum,
// n > 0): Newcombe's square-and-add interval from the two Wilson intervals and the pairs' correlation
// (Newcombe 1998, Statistics in Medicine 17:2635-2650, method 10). It stays within [-1, 1] and keeps a
// width when no pair differs, where the paired differences' mean +- 1.96 sd / sqrt(n) does neither.
Interval newcombe_paired_interval(long both, long first_only, long second_only, long neither, double z = 1.96);

// Quantile by linear interpolation between order statistics (R type 7, NumPy's default);
// `sorted` must be sorted and non-empty.
double quantile_sorted(const std::vector<double>& sorted, double q);

// The row of summary.csv for a sample: undefined statistics are nullopt (no values; sd of one).
struct Summary {
    long n = 0;
    std::optional<double> mean, sd, min, p05, p50, p95, max, ci_low, ci_high;
};

// Mean, sd (n - 1), percentiles, and the 95% interval of the mean (mean +- 1.96 sd / sqrt(n)).
Summary summarize(std::vector<double> values);
// summarize() of the values whose flag in `keep` is set (`kept` of them), copied in their order: the
// terms over the agreed runs of summary.csv's and points.csv's terms_if_agreed.
Summary summarize_kept(const std::vector<double>& values, const std::vector<bool>& keep, long kept);
// For a 0/1 sample: the same, with the Wilson interval of the proportion.
Summary summarize_proportion(const std::vector<double>& values);

// summarize() of a sample given as its distinct values with their counts, in increasing order: the
// same bytes as summarize() of the sample written out (its sums run over the values in sorted
// order), in memory that grows with the distinct values, not the sample (agreement rounds, 0/1).
Summary summarize_counts(const std::vector<std::pair<double, long>>& counts);
// summarize_proportion() of `zeros` 0s and `ones` 1s.
Summary summarize_proportion_counts(long zeros, long ones);

}  // namespace accord
