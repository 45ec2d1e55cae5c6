#include "accord/stats.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace accord {

Interval wilson_interval(long successes, long n, double z) {
    const double nn = static_cast<double>(n);
    const double phat = static_cast<double>(successes) / nn;
    const double z2 = z * z;
    const double centre = (phat + z2 / (2 * nn)) / (1 + z2 / nn);
    const double half = z / (1 + z2 / nn) * std::sqrt(phat * (1 - phat) / nn + z2 / (4 * nn * nn));
    // At no success the lower bound is 0 and at all successes the upper is 1, exactly (centre = half);
    // the doubles leave 2.8e-17 or 0.9999999999999999 in some n, an interval without its estimate.
    return {successes == 0 ? 0.0 : std::max(0.0, centre - half), successes == n ? 1.0 : std::min(1.0, centre + half)};
}

Interval newcombe_paired_interval(long both, long first_only, long second_only, long neither, double z) {
    const long n = both + first_only + second_only + neither;
    const long first = both + first_only, second = both + second_only;
    const double nn = static_cast<double>(n);
    const double p1 = static_cast<double>(first) / nn, p2 = static_cast<double>(second) / nn;
    const Interval w1 = wilson_interval(first, n, z), w2 = wilson_interval(second, n, z);
    // The correlation of the two proportions, its positive part reduced by n/2 as Newcombe's method 10
    // does (0 when a margin is empty).
    double phi = 0;
    if (first > 0 && first < n && second > 0 && second < n) {
        const double a = static_cast<double>(both) * static_cast<double>(neither) -
                         static_cast<double>(first_only) * static_cast<double>(second_only);
        const double margins = static_cast<double>(first) * static_cast<double>(n - first) *
                               static_cast<double>(second) * static_cast<double>(n - second);
        phi = a > nn / 2 ? (a - nn / 2) / std::sqrt(margins) : a < 0 ? a / std::sqrt(margins) : 0.0;
    }
    const double below1 = p1 - w1.low, above1 = w1.high - p1, below2 = p2 - w2.low, above2 = w2.high - p2;
    const double d = p1 - p2;
    return {d - std::sqrt(below1 * below1 + above2 * above2 - 2 * phi * below1 * above2),
            d + std::sqrt(below2 * below2 + above1 * above1 - 2 * phi * below2 * above1)};
}

double quantile_sorted(const std::vector<double>& sorted, double q) {
    const double h = (static_cast<double>(sorted.size()) - 1) * q;
    const auto lo = static_cast<std::size_t>(std::floor(h));
    const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
    return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

namespace {

// The mean of n values whose plain sum is `sum`, kept within [min, max] (see summarize());
// `each_value` gives each value, in order, to its argument when the sum overflowed: finite values (1e308 and
// 1.7e308) have a finite mean, summed as v / n.
template <typename EachValue>
double mean_of(double sum, long n, double min, double max, EachValue each_value) {
    double mean = sum / static_cast<double>(n);
    if (!std::isfinite(sum) && std::isfinite(min) && std::isfinite(max)) {
        mean = 0;
        each_value([&](double v) { mean += v / static_cast<double>(n); });
    }
    return std::clamp(mean, min, max);
}

// The sample's sd from its sum of squared deviations `ss`, and the normal 95% interval of its mean.
void set_spread(Summary& s, double mean, double ss) {
    const double sd = std::sqrt(ss / static_cast<double>(s.n - 1));
    s.sd = sd;
    const double half = 1.96 * sd / std::sqrt(static_cast<double>(s.n));
    s.ci_low = mean - half;
    s.ci_high = mean + half;
}

}  // namespace

Summary summarize(std::vector<double> values) {
    Summary s;
    s.n = static_cast<long>(values.size());
    if (values.empty()) return s;
    std::sort(values.begin(), values.end());
    // Two-pass mean and variance for accuracy.
    double sum = 0;
    for (double v : values) sum += v;
    s.min = values.front();
    s.max = values.back();
    // Within [min, max]: the rounded sum of n equal values over n can miss the value (62.71721603194771
    // for 62.71721603194761), which gave a constant column a mean above its maximum and an sd of 1e-13.
    const double mean = mean_of(sum, s.n, *s.min, *s.max, [&](auto add) {
        for (double v : values) add(v);
    });
    s.mean = mean;
    s.p05 = quantile_sorted(values, 0.05);
    s.p50 = quantile_sorted(values, 0.50);
    s.p95 = quantile_sorted(values, 0.95);
    if (s.n >= 2) {
        double ss = 0;
        for (double v : values) ss += (v - mean) * (v - mean);
        set_spread(s, mean, ss);
    }
    return s;
}

Summary summarize_kept(const std::vector<double>& values, const std::vector<bool>& keep, long kept) {
    std::vector<double> some;
    some.reserve(static_cast<std::size_t>(kept));
    for (std::size_t r = 0; r < values.size(); ++r)
        if (keep[r]) some.push_back(values[r]);
    return summarize(std::move(some));
}

Summary summarize_proportion(const std::vector<double>& values) {
    Summary s = summarize(values);
    if (s.n > 0) {
        long successes = 0;
        for (double v : values) successes += v != 0;
        const Interval ci = wilson_interval(successes, s.n);
        s.ci_low = ci.low;
        s.ci_high = ci.high;
    }
    return s;
}

Summary summarize_counts(const std::vector<std::pair<double, long>>& counts) {
    Summary s;
    for (const auto& [value, count] : counts) s.n += count;
    if (s.n == 0) return s;
    // The value at `index` of the sorted sample.
    auto at = [&](long index) {
        for (const auto& [value, count] : counts) {
            if (index < count) return value;
            index -= count;
        }
        return counts.back().first;
    };
    // The quantile as quantile_sorted() computes it, on the sample written out.
    auto quantile = [&](double q) {
        const double h = (static_cast<double>(s.n) - 1) * q;
        const auto lo = static_cast<long>(std::floor(h));
        const long hi = std::min(lo + 1, s.n - 1);
        return at(lo) + (h - static_cast<double>(lo)) * (at(hi) - at(lo));
    };
    // One addition per value, in sorted order, as summarize() does: a product would round differently.
    double sum = 0;
    for (const auto& [value, count] : counts)
        for (long i = 0; i < count; ++i) sum += value;
    s.min = at(0);
    s.max = at(s.n - 1);
    const double mean = mean_of(sum, s.n, *s.min, *s.max, [&](auto add) {  // as summarize()
        for (const auto& [value, count] : counts)
            for (long i = 0; i < count; ++i) add(value);
    });
    s.mean = mean;
    s.p05 = quantile(0.05);
    s.p50 = quantile(0.50);
    s.p95 = quantile(0.95);
    if (s.n >= 2) {
        double ss = 0;
        for (const auto& [value, count] : counts)
            for (long i = 0; i < count; ++i) ss += (value - mean) * (value - mean);
        set_spread(s, mean, ss);
    }
    return s;
}

Summary summarize_proportion_counts(long zeros, long ones) {
    Summary s = summarize_counts({{0.0, zeros}, {1.0, ones}});
    if (s.n > 0) {
        const Interval ci = wilson_interval(ones, s.n);
        s.ci_low = ci.low;
        s.ci_high = ci.high;
    }
    return s;
}

}  // namespace accord
