#include <catch2/catch.hpp>

#include <cmath>

#include "accord/stats.hpp"

using namespace accord;

TEST_CASE("Wilson score intervals", "[stats]") {
    // Newcombe (1998), Statistics in Medicine 17:857, Table I: 81/263 -> 0.2553 to 0.3662;
    // 0/10 -> 0 to 0.2775.
    auto a = wilson_interval(81, 263);
    CHECK(a.low == Approx(0.2553).margin(5e-5));
    CHECK(a.high == Approx(0.3662).margin(5e-5));
    auto b = wilson_interval(0, 10);
    CHECK(b.low == 0);
    CHECK(b.high == Approx(0.2775).margin(5e-5));
    auto c = wilson_interval(10, 10);
    CHECK(c.high == 1);
    CHECK(c.low == Approx(1 - 0.2775).margin(5e-5));
    // The closed form's bounds at 0 and at n successes are 0 and 1 for every n; the doubles had left
    // 2.8e-17 (0 of 11) or 0.9999999999999999 (6 of 6), an interval that misses its estimate.
    CHECK(wilson_interval(0, 11).low == 0);
    CHECK(wilson_interval(6, 6).high == 1);
    for (long n = 1; n <= 5000; ++n) {
        CHECK(wilson_interval(0, n).low == 0);
        CHECK(wilson_interval(n, n).high == 1);
    }
}

TEST_CASE("Quantiles interpolate between order statistics (R type 7)", "[stats]") {
    // numpy.percentile([1, 2, 3, 4], [5, 50, 95]) = 1.15, 2.5, 3.85.
    const std::vector<double> v = {1, 2, 3, 4};
    CHECK(quantile_sorted(v, 0.05) == Approx(1.15));
    CHECK(quantile_sorted(v, 0.5) == Approx(2.5));
    CHECK(quantile_sorted(v, 0.95) == Approx(3.85));
    CHECK(quantile_sorted({7}, 0.95) == 7);
}

TEST_CASE("Summaries: sd with n - 1 and undefined statistics left empty", "[stats]") {
    const Summary s = summarize({2, 4, 4, 4, 5, 5, 7, 9});
    CHECK(*s.mean == 5);
    CHECK(*s.sd == Approx(2.138089935));  // sqrt(32 / 7)
    CHECK(*s.ci_low == Approx(5 - 1.96 * 2.138089935 / std::sqrt(8.0)));
    const Summary one = summarize({3});
    CHECK(*one.mean == 3);
    CHECK_FALSE(one.sd);
    CHECK_FALSE(one.ci_low);
    const Summary none = summarize({});
    CHECK(none.n == 0);
    CHECK_FALSE(none.mean);
    // A constant sample's mean is its value and its sd 0: summed one by one, 0.1 three times over 3 is
    // 0.10000000000000002, above the maximum, with an sd of 1.7e-17 and an interval that misses 0.1.
    for (const auto& constant : {summarize({0.1, 0.1, 0.1}), summarize_counts({{0.1, 3}}),
                                 summarize(std::vector<double>(5, 62.71721603194761))}) {
        CHECK(*constant.mean == *constant.min);
        CHECK(*constant.mean == *constant.max);
        CHECK(*constant.sd == 0);
        CHECK(*constant.ci_low == *constant.mean);
        CHECK(*constant.ci_high == *constant.mean);
    }
    // Finite values whose sum overflows have a finite mean: not inf, nor (kept within [min, max]) 1.7e308.
    CHECK(*summarize({1e308, 1.7e308}).mean == Approx(1.35e308));
    CHECK(*summarize_counts({{1e308, 1}, {1.7e308, 1}}).mean == *summarize({1e308, 1.7e308}).mean);
}

TEST_CASE("Summaries from counts are the bytes of the sample written out", "[stats]") {
    // summarize() sums the sorted values one by one; summarize_counts() must add them the same way
    // (0.1 added 7 times is not 0.7), so every statistic is compared exactly, not approximately.
    const std::vector<std::pair<double, long>> counts = {{0.1, 7}, {0.3, 2}, {2.5, 1}, {1e10, 3}};
    std::vector<double> sample;
    for (const auto& [value, count] : counts) sample.insert(sample.end(), static_cast<std::size_t>(count), value);
    const Summary whole = summarize(sample), counted = summarize_counts(counts);
    CHECK(counted.n == 13);
    CHECK(*counted.mean == *whole.mean);
    CHECK(*counted.sd == *whole.sd);
    CHECK(*counted.min == 0.1);
    CHECK(*counted.max == 1e10);
    CHECK(*counted.p05 == *whole.p05);
    CHECK(*counted.p50 == *whole.p50);  // the 7th of 13: 0.1
    CHECK(*counted.p50 == 0.1);
    CHECK(*counted.p95 == *whole.p95);  // between two values of 1e10: 1e10
    CHECK(*counted.ci_low == *whole.ci_low);
    CHECK(*counted.ci_high == *whole.ci_high);
    // A proportion: 3 of 8, Wilson's interval (Newcombe 1998 as above) and the same sd.
    const Summary p = summarize_proportion_counts(5, 3);
    const Summary q = summarize_proportion({0, 1, 0, 1, 0, 0, 1, 0});
    CHECK(*p.mean == 0.375);
    CHECK(*p.sd == *q.sd);
    CHECK(*p.ci_low == *q.ci_low);
    CHECK(*p.p50 == 0);
    CHECK(summarize_counts({}).n == 0);
    CHECK(summarize_proportion_counts(0, 0).n == 0);
    // Values with no count are skipped: the minimum is the first value that occurs.
    CHECK(*summarize_counts({{-1.0, 0}, {0.0, 2}, {1.0, 0}}).min == 0);
    CHECK(*summarize_counts({{-1.0, 0}, {0.0, 2}, {1.0, 0}}).max == 0);
}

TEST_CASE("Summaries of the kept values only: the terms over the agreed runs", "[stats]") {
    // Runs with terms 40, 90, 60, 50, the second without a deal: the deals' mean 50, sd
    // sqrt(((40 - 50)^2 + (60 - 50)^2 + 0) / 2) = 10, as summarize() of {40, 60, 50}.
    const std::vector<double> terms = {40, 90, 60, 50};
    const Summary s = summarize_kept(terms, {true, false, true, true}, 3);
    CHECK(s.n == 3);
    CHECK(*s.mean == 50);
    CHECK(*s.sd == 10);
    CHECK(*s.min == 40);
    CHECK(*s.max == 60);
    const Summary one = summarize_kept(terms, {false, true, false, false}, 1);
    CHECK(*one.mean == 90);
    CHECK_FALSE(one.sd);  // one deal: no sd
    const Summary none = summarize_kept(terms, {false, false, false, false}, 0);
    CHECK(none.n == 0);
    CHECK_FALSE(none.mean);
}
