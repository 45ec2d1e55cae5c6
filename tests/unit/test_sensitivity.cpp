// Global sensitivity: the Saltelli and Morris designs, the Sobol estimators against the analytic
// indices of the Ishigami function, and Morris elementary effects against closed forms.
#include <catch2/catch.hpp>

#include <cmath>
#include <set>
#include <stdexcept>

#include <boost/random/sobol.hpp>

#include "accord/sensitivity.hpp"

using namespace accord;

namespace {

constexpr double pi = 3.14159265358979323846;

// Ishigami & Homma (1990) with a = 7, b = 0.1, on a unit-cube point scaled to [-pi, pi]^3.
double ishigami(const std::vector<double>& u) {
    const double x1 = -pi + 2 * pi * u[0], x2 = -pi + 2 * pi * u[1], x3 = -pi + 2 * pi * u[2];
    return std::sin(x1) + 7 * std::sin(x2) * std::sin(x2) + 0.1 * std::pow(x3, 4) * std::sin(x1);
}

template <class F>
std::vector<double> evaluate(const std::vector<std::vector<double>>& design, F f) {
    std::vector<double> y;
    y.reserve(design.size());
    for (const auto& x : design) y.push_back(f(x));
    return y;
}

// The analytic indices of Ishigami (a = 7, b = 0.1) for uniform inputs on [-pi, pi] (Ishigami &
// Homma 1990; Sobol' & Levitan 1999; Saltelli et al. 2010, section 4): V1 = (1 + b pi^4 / 5)^2 / 2,
// V2 = a^2 / 8, V3 = 0, V13 = b^2 pi^8 (1/18 - 1/50), V = V1 + V2 + V13.
struct Analytic {
    double s[3], st[3];
};
Analytic ishigami_indices() {
    const double a = 7, b = 0.1, pi4 = std::pow(pi, 4);
    const double v1 = 0.5 * (1 + b * pi4 / 5) * (1 + b * pi4 / 5), v2 = a * a / 8;
    const double v13 = b * b * pi4 * pi4 * (1.0 / 18 - 1.0 / 50), v = v1 + v2 + v13;
    return {{v1 / v, v2 / v, 0}, {(v1 + v13) / v, v2 / v, v13 / v}};
}

bool finite_or_empty(const std::optional<double>& x) {
    return !x || std::isfinite(*x);
}

}  // namespace

TEST_CASE("Saltelli designs: A and B from one Sobol sequence of dimension 2d, AB_i from both", "[sensitivity]") {
    const int d = 3;
    const long n = 64;
    const auto x = saltelli_design(d, n);
    REQUIRE(x.size() == static_cast<std::size_t>(n * (d + 2)));
    boost::random::sobol engine(2 * d);
    for (long j = 0; j < n; ++j) {
        const auto& a = x[static_cast<std::size_t>(j)];
        const auto& b = x[static_cast<std::size_t>(n + j)];
        for (int i = 0; i < d; ++i) CHECK(a[static_cast<std::size_t>(i)] == static_cast<double>(engine()) * 0x1p-64);
        for (int i = 0; i < d; ++i) CHECK(b[static_cast<std::size_t>(i)] == static_cast<double>(engine()) * 0x1p-64);
        for (int i = 0; i < d; ++i) {
            const auto& abi = x[static_cast<std::size_t>((2 + i) * n + j)];
            for (int k = 0; k < d; ++k) {
                const auto kk = static_cast<std::size_t>(k);
                CHECK(abi[kk] == (k == i ? b[kk] : a[kk]));
            }
        }
    }
    // Boost's unscrambled sequence starts at (1/2, ..., 1/2), not at the origin.
    CHECK(x[0] == std::vector<double>{0.5, 0.5, 0.5});
    CHECK(x[n] == std::vector<double>{0.5, 0.5, 0.5});
    for (const auto& p : x)
        for (double u : p) {
            CHECK(u >= 0);
            CHECK(u < 1);
        }
    CHECK_THROWS_AS(saltelli_design(0, 8), std::invalid_argument);
    CHECK_THROWS_AS(saltelli_design(2, 1), std::invalid_argument);
}

TEST_CASE("Morris trajectories move each factor once by +-Delta on the p-level grid", "[sensitivity]") {
    CHECK(morris_step(4) == Approx(2.0 / 3));  // p / (2 (p - 1)), Morris (1991)
    CHECK(morris_step(6) == Approx(0.6));
    CHECK(morris_step(2) == 1);
    CHECK_THROWS_AS(morris_step(5), std::invalid_argument);
    CHECK_THROWS_AS(morris_design(3, 10, 3, 1), std::invalid_argument);
    CHECK_THROWS_AS(morris_design(0, 10, 4, 1), std::invalid_argument);

    const int d = 5, r = 200, p = 4;
    const auto x = morris_design(d, r, p, 42);
    REQUIRE(x.size() == static_cast<std::size_t>(r * (d + 1)));
    std::set<double> start_levels;
    std::set<std::size_t> first_moved;
    int up = 0, down = 0;
    for (int t = 0; t < r; ++t) {
        const std::size_t first = static_cast<std::size_t>(t * (d + 1));
        start_levels.insert(x[first][0]);
        std::set<std::size_t> moved;
        for (int k = 0; k < d; ++k) {
            const auto& a = x[first + static_cast<std::size_t>(k)];
            const auto& b = x[first + static_cast<std::size_t>(k) + 1];
            int changed = 0;
            for (std::size_t i = 0; i < static_cast<std::size_t>(d); ++i) {
                if (a[i] == b[i]) continue;
                ++changed;
                moved.insert(i);
                if (k == 0) first_moved.insert(i);
                CHECK(std::abs(b[i] - a[i]) == Approx(morris_step(p)));
                (b[i] > a[i] ? up : down) += 1;
            }
            CHECK(changed == 1);
        }
        CHECK(moved.size() == static_cast<std::size_t>(d));  // every factor once
    }
    for (const auto& point : x)
        for (double u : point) {
            CHECK(u >= 0);
            CHECK(u <= 1);
            CHECK(u * (p - 1) == std::round(u * (p - 1)));  // on the grid k / (p - 1)
        }
    // Randomised start, direction and order: every level starts, both directions, any factor first.
    CHECK(start_levels == std::set<double>{0, 1.0 / 3, 2.0 / 3, 1});
    CHECK(up > r * d / 3);
    CHECK(down > r * d / 3);
    CHECK(first_moved.size() == static_cast<std::size_t>(d));
    CHECK(morris_design(d, r, p, 42) == x);  // same seed, same design
    CHECK(morris_design(d, r, p, 43) != x);
}

TEST_CASE("Morris on a linear model: mu* = |coefficient|, sigma = 0", "[sensitivity]") {
    // y = 2 x1 + 0.5 x2 + 0 x3 - x4: every elementary effect equals the coefficient whatever the
    // point and the direction of the step (Morris 1991, eq. (1)), so mu* = |c| and sigma = 0.
    const auto x = morris_design(4, 20, 4, 7);
    const auto y = evaluate(x, [](const std::vector<double>& u) { return 2 * u[0] + 0.5 * u[1] + 0 * u[2] - u[3]; });
    for (const auto& e : elementary_effects(x, y)) {
        CHECK(e[0] == Approx(2).margin(1e-12));
        CHECK(e[1] == Approx(0.5).margin(1e-12));
        CHECK(e[2] == 0);
        CHECK(e[3] == Approx(-1).margin(1e-12));  // signed by the direction of the step
    }
    const auto m = morris_indices(x, y, 1);
    REQUIRE(m.size() == 4);
    const double expected[4] = {2, 0.5, 0, 1};
    for (std::size_t i = 0; i < 4; ++i) {
        CHECK(*m[i].mu_star.value == Approx(expected[i]).margin(1e-12));
        CHECK(*m[i].mu_star.ci_low == Approx(expected[i]).margin(1e-12));
        CHECK(*m[i].mu_star.ci_high == Approx(expected[i]).margin(1e-12));
        CHECK(*m[i].sigma.value == Approx(0).margin(1e-12));
        CHECK_FALSE(m[i].sigma.ci_low);  // documented: no interval for sigma
    }
}

TEST_CASE("Morris on Ishigami matches the closed forms of the 4-level grid", "[sensitivity]") {
    // With p = 4 the grid is x in {-pi, -pi/3, pi/3, pi} and a step of Delta = 2/3 joins -pi with
    // pi/3 (base level 0) or -pi/3 with pi (base level 1), each with probability 1/2; every other
    // factor is uniform on the four levels when one steps. Hence, with c = (sqrt(3)/2) / (2/3):
    //  x1: sin rises by sqrt(3)/2 on both pairs, times (1 + 0.1 x3^4) with x3^4 = pi^4 or pi^4/81
    //      (1/2 each): EE > 0 always, takes two values, mu* = c (1 + 0.05 pi^4 (1 + 1/81)) = 7.7040
    //      and sigma = half their gap = c 0.05 pi^4 (80/81) = 6.2488.
    //  x2: 7 sin^2 changes by 7 * 3/4, up on one pair and down on the other: EE = +-7.875 always,
    //      so mu* = 7.875 exactly and sigma = 7.875 (x2 is additive but not monotone).
    //  x3: 0.1 x3^4 changes by pi^4 (80/81) times sin(x1), which is 0 at x1 = +-pi (1/2) and of
    //      either sign otherwise: mu* = (1/2) 0.1 c pi^4 (80/81) = 6.2488, sigma = sqrt(2) mu*.
    //      x3 acts only through x1 (S3 = 0), and Morris sees it.
    const double pi4 = std::pow(pi, 4), c = std::sqrt(3.0) / 2 * 1.5;
    const double mu1 = c * (1 + 0.05 * pi4 * (1 + 1.0 / 81)), sigma1 = c * 0.05 * pi4 * 80 / 81;
    const double mu3 = 0.5 * 0.1 * c * pi4 * 80 / 81, sigma3 = std::sqrt(2.0) * mu3;
    CHECK(mu1 == Approx(7.7040).margin(1e-4));
    CHECK(sigma1 == Approx(6.2488).margin(1e-4));
    CHECK(mu3 == Approx(6.2488).margin(1e-4));

    const int r = 1000;
    const auto x = morris_design(3, r, 4, 2024);
    const auto m = morris_indices(x, evaluate(x, ishigami), 5);
    CHECK(*m[1].mu_star.value == Approx(7.875).margin(1e-9));
    CHECK(*m[1].mu_star.ci_low == Approx(7.875).margin(1e-9));
    CHECK(*m[1].mu_star.ci_high == Approx(7.875).margin(1e-9));
    CHECK(*m[1].sigma.value == Approx(7.875).margin(0.1));  // mean of +-7.875 near 0: sd ~ 7.875
    // x1 and x3: |EE| takes two values 12.5 apart with probability 1/2 each, so its sd is 6.25 and
    // the standard error of mu* with 1000 trajectories 0.2; allow 4 of them.
    CHECK(*m[0].mu_star.value == Approx(mu1).margin(0.8));
    CHECK(*m[2].mu_star.value == Approx(mu3).margin(0.8));
    CHECK(*m[0].sigma.value == Approx(sigma1).margin(0.1));  // half the gap whatever the mix near 1/2
    CHECK(*m[2].sigma.value == Approx(sigma3).margin(0.6));  // standard error about 0.14
    for (std::size_t i : {0u, 2u}) {
        // The bootstrap interval holds the estimate and is as wide as the normal approximation
        // 2 * 1.96 * 6.25 / sqrt(1000) = 0.775.
        const auto& e = m[i].mu_star;
        CHECK(*e.ci_low < *e.value);
        CHECK(*e.ci_high > *e.value);
        CHECK(*e.ci_high - *e.ci_low == Approx(2 * 1.96 * sigma1 / std::sqrt(r)).epsilon(0.15));
    }
    // Deterministic from the seeds.
    const auto again = morris_indices(x, evaluate(x, ishigami), 5);
    CHECK(*again[0].mu_star.ci_low == *m[0].mu_star.ci_low);
}

TEST_CASE("Sobol estimators on hand-computed outputs", "[sensitivity]") {
    // d = 1, n = 2: y_A = (0, 2), y_B = (1, 3), y_AB = (2, 2). f0 = 1.5, V = 5/4;
    // S1 = mean((y_B - f0)(y_AB - y_A)) / V = mean(-0.5 * 2, 1.5 * 0) / 1.25 = -0.4 (not clipped);
    // ST = mean((y_A - y_AB)^2) / (2V) = mean(4, 0) / 2.5 = 0.8.
    const auto s = sobol_indices({0, 2, 1, 3, 2, 2}, 1, 1, 200);
    REQUIRE(s.size() == 1);
    CHECK(*s[0].s1.value == Approx(-0.4));
    CHECK(*s[0].st.value == Approx(0.8));
    CHECK_THROWS_AS(sobol_indices({0, 1, 2, 3, 4}, 1, 1), std::invalid_argument);
    CHECK_THROWS_AS(sobol_indices({0, 2, 1, 3, 2, NAN}, 1, 1), std::invalid_argument);
}

TEST_CASE("Sobol indices of an additive model, with a dummy factor exactly zero", "[sensitivity]") {
    // y = x1 + 2 x2 on U(0,1): V = 1/12 + 4/12, so S = ST = (0.2, 0.8); x3 is not used, so
    // y_AB3 = y_A row by row and both of its estimates and intervals are exactly 0.
    const auto x = saltelli_design(3, 1024);
    const auto s = sobol_indices(evaluate(x, [](const std::vector<double>& u) { return u[0] + 2 * u[1]; }), 3, 9);
    CHECK(*s[0].s1.value == Approx(0.2).margin(0.01));
    CHECK(*s[1].s1.value == Approx(0.8).margin(0.01));
    CHECK(*s[0].st.value == Approx(0.2).margin(0.01));
    CHECK(*s[1].st.value == Approx(0.8).margin(0.01));
    CHECK(*s[2].s1.value == 0);
    CHECK(*s[2].st.value == 0);
    CHECK(*s[2].st.ci_low == 0);
    CHECK(*s[2].st.ci_high == 0);
}

TEST_CASE("Sobol indices of the Ishigami function match the analytic values", "[sensitivity]") {
    const Analytic exact = ishigami_indices();
    // The rounded values of docs/models.md section 11 (Saltelli et al. 2010, section 4).
    CHECK(exact.s[0] == Approx(0.3139).margin(5e-5));
    CHECK(exact.s[1] == Approx(0.4424).margin(5e-5));
    CHECK(exact.st[0] == Approx(0.5576).margin(5e-5));
    CHECK(exact.st[2] == Approx(0.2437).margin(5e-5));

    const long n = 1 << 14;
    const auto x = saltelli_design(3, n);
    const auto y = evaluate(x, ishigami);
    const auto s = sobol_indices(y, 3, 11);
    REQUIRE(s.size() == 3);
    for (std::size_t i = 0; i < 3; ++i) {
        INFO("factor " << i + 1);
        CHECK(*s[i].s1.value == Approx(exact.s[i]).margin(0.01));
        CHECK(*s[i].st.value == Approx(exact.st[i]).margin(0.01));
        // The bootstrap treats the Sobol rows as independent draws, so for a quasi-random design
        // its intervals are wide (here about ten times the actual error): they hold the truth.
        CHECK(*s[i].s1.ci_low <= exact.s[i]);
        CHECK(*s[i].s1.ci_high >= exact.s[i]);
        CHECK(*s[i].st.ci_low <= exact.st[i]);
        CHECK(*s[i].st.ci_high >= exact.st[i]);
        CHECK(*s[i].s1.ci_high - *s[i].s1.ci_low < 0.05);
        CHECK(*s[i].st.ci_high - *s[i].st.ci_low < 0.05);
    }
    // Centring on f0 makes S1 blind to an offset of the output (the uncentred estimator (b) is
    // not: its error grows with the offset, Saltelli et al. 2010 section 3).
    std::vector<double> shifted = y;
    for (double& v : shifted) v += 1000;
    const auto t = sobol_indices(shifted, 3, 11);
    for (std::size_t i = 0; i < 3; ++i) {
        CHECK(*t[i].s1.value == Approx(*s[i].s1.value).margin(1e-6));
        CHECK(*t[i].st.value == Approx(*s[i].st.value).margin(1e-6));
    }
    // Same outputs and seed, same intervals.
    CHECK(*sobol_indices(y, 3, 11)[0].s1.ci_low == *s[0].s1.ci_low);
}

TEST_CASE("A constant model leaves Sobol indices undefined and Morris effects zero, never NaN", "[sensitivity]") {
    const auto x = saltelli_design(2, 64);
    const auto s = sobol_indices(evaluate(x, [](const std::vector<double>&) { return 0.1; }), 2, 1);
    for (const auto& e : s) {
        CHECK_FALSE(e.s1.value);
        CHECK_FALSE(e.s1.ci_low);
        CHECK_FALSE(e.st.value);
        CHECK_FALSE(e.st.ci_high);
    }
    // One row differs: V > 0, but resamples that miss that row have V = 0 and are left out.
    std::vector<double> y(x.size(), 0.1);
    y[3] = 1;
    for (const auto& e : sobol_indices(y, 2, 1)) {
        CHECK(e.s1.value);
        CHECK(finite_or_empty(e.s1.value));
        CHECK(finite_or_empty(e.s1.ci_low));
        CHECK(finite_or_empty(e.s1.ci_high));
        CHECK(finite_or_empty(e.st.ci_low));
        CHECK(finite_or_empty(e.st.ci_high));
    }
    const auto xm = morris_design(2, 10, 4, 3);
    for (const auto& e : morris_indices(xm, evaluate(xm, [](const std::vector<double>&) { return 0.1; }), 1)) {
        CHECK(*e.mu_star.value == 0);
        CHECK(*e.sigma.value == 0);
        CHECK(*e.mu_star.ci_high == 0);
    }
    // One trajectory: sigma (n - 1) and the bootstrap are undefined.
    const auto one = morris_design(2, 1, 4, 3);
    const auto m1 = morris_indices(one, evaluate(one, [](const std::vector<double>& u) { return u[0] - u[1]; }), 1);
    CHECK(*m1[0].mu_star.value == Approx(1));
    CHECK_FALSE(m1[0].mu_star.ci_low);
    CHECK_FALSE(m1[0].sigma.value);
}
