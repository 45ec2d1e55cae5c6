#include <catch2/catch.hpp>

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
}
