#include <catch2/catch.hpp>

#include <cmath>

#include "accord/random.hpp"

using namespace accord;

namespace {
// Mean and variance of n draws.
std::pair<double, double> moments(const Distribution& d, int n, std::uint64_t seed) {
    Rng rng(seed);
    double sum = 0, sq = 0;
    for (int i = 0; i < n; ++i) {
        const double v = draw(d, rng);
        sum += v;
        sq += v * v;
    }
    const double mean = sum / n;
    return {mean, sq / n - mean * mean};
}
}  // namespace

TEST_CASE("The generator is a pure function of its seed", "[random]") {
    Rng a(42), b(42), c(43);
    for (int i = 0; i < 100; ++i) {
        const auto x = a.next();
        CHECK(x == b.next());
        CHECK(x != c.next());
    }
    Rng u(1);
    for (int i = 0; i < 10000; ++i) {
        const double x = u.uniform();
        REQUIRE(x >= 0);
        REQUIRE(x < 1);
    }
}

// 100000 draws: the standard error of a mean is sd/316; bounds are 5 standard errors.
TEST_CASE("Normal draws have the requested mean and sd", "[random]") {
    const auto [mean, var] = moments({DistributionKind::normal, {65, 10}}, 100000, 1);
    CHECK(std::abs(mean - 65) < 5 * 10 / 316.0);
    CHECK(std::abs(std::sqrt(var) - 10) < 0.15);
}

TEST_CASE("Uniform draws cover [low, high] with mean (low + high) / 2", "[random]") {
    const auto [mean, var] = moments({DistributionKind::uniform, {0.1, 0.5}}, 100000, 2);
    CHECK(std::abs(mean - 0.3) < 5 * std::sqrt(0.16 / 12) / 316);
    CHECK(var == Approx(0.16 / 12).epsilon(0.03));
    Rng rng(3);
    for (int i = 0; i < 10000; ++i) {
        const double v = draw({DistributionKind::uniform, {0.1, 0.5}}, rng);
        REQUIRE(v >= 0.1);
        REQUIRE(v <= 0.5);
    }
}

TEST_CASE("Triangular draws have mean (a + b + c) / 3", "[random]") {
    // Variance (a^2 + b^2 + c^2 - ab - ac - bc) / 18 for (0.3, 0.5, 0.9): 0.28 / 18 = 0.0155556.
    const auto [mean, var] = moments({DistributionKind::triangular, {0.3, 0.5, 0.9}}, 100000, 4);
    CHECK(std::abs(mean - 1.7 / 3) < 5 * std::sqrt(0.0155556) / 316);
    CHECK(var == Approx(0.0155556).epsilon(0.03));
}

TEST_CASE("Choice draws each value with equal probability", "[random]") {
    Rng rng(5);
    int counts[3] = {0, 0, 0};
    for (int i = 0; i < 30000; ++i) {
        const double v = draw({DistributionKind::choice, {0.1, 0.2, 0.3}}, rng);
        counts[static_cast<int>(std::lround(v * 10)) - 1]++;
    }
    // Binomial(30000, 1/3): sd 81.6; 5 sd bounds.
    for (int c : counts) CHECK(std::abs(c - 10000) < 410);
}
