// The complete part of a sensitivity design (accord/sensitivity_complete.hpp): the base samples and
// trajectories kept when an output is undefined at some points, by hand; and the closed forms of the
// toy tests/data/sensitivity_if_agreed.yaml (a deal exactly when t <= 5/6 of its range, terms
// T = 30 + 50 x whatever t), computed on the designs directly.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "accord/sensitivity.hpp"
#include "accord/sensitivity_complete.hpp"

using namespace accord;

namespace {

constexpr double none = std::numeric_limits<double>::quiet_NaN();

// The toy's outputs at a unit point (x, t): the deal's terms (NaN without a deal) and the outcome
// (the terms, or the status quo 0).
double terms_if_agreed(const std::vector<double>& u) { return 0.6 * u[1] <= 0.5 ? 30 + 50 * u[0] : none; }
double outcome(const std::vector<double>& u) { return 0.6 * u[1] <= 0.5 ? 30 + 50 * u[0] : 0; }

}  // namespace

TEST_CASE("complete_sobol keeps row j of every block only when all of them have a value", "[sensitivity]") {
    // d = 1: blocks A, B, AB_0 of n = 4 rows; row 1 lacks B, row 2 lacks AB_0.
    const std::vector<double> y = {1, 2, 3, 4, 5, none, 7, 8, 9, 10, none, 12};
    const auto part = complete_sobol(y, 1);
    CHECK(part.y == std::vector<double>{1, 4, 5, 8, 9, 12});
    CHECK(part.used == 2);
    CHECK(part.units == 4);
    CHECK(part.points_without == 2);
    CHECK(part.unit.empty());
}

TEST_CASE("complete_morris keeps the trajectories with a value at every point", "[sensitivity]") {
    // d = 1: three trajectories of 2 points; the second lacks its second point.
    const std::vector<std::vector<double>> unit = {{0}, {2.0 / 3}, {1.0 / 3}, {1}, {2.0 / 3}, {0}};
    const std::vector<double> y = {1, 2, 3, none, 5, 6};
    const auto part = complete_morris(unit, y, 1);
    CHECK(part.y == std::vector<double>{1, 2, 5, 6});
    CHECK(part.unit == std::vector<std::vector<double>>{{0}, {2.0 / 3}, {2.0 / 3}, {0}});
    CHECK(part.used == 2);
    CHECK(part.units == 3);
    CHECK(part.points_without == 1);
}

TEST_CASE("the toy's terms_if_agreed: S1 = ST = 1 for x and exactly 0 for the threshold", "[sensitivity]") {
    const long n = 1024;
    const auto design = saltelli_design(2, n);
    std::vector<double> y;
    for (const auto& u : design) y.push_back(terms_if_agreed(u));
    const auto part = complete_sobol(y, 2);
    // A row is kept when t_A and t_B both give a deal: (5/6)^2 = 0.694 of the rows.
    CHECK(part.used == Approx(0.694 * n).margin(0.02 * n));
    const auto s = sobol_indices(part.y, 2, 1);
    CHECK(*s[0].s1.value == Approx(1).margin(0.02));
    CHECK(*s[0].st.value == Approx(1).margin(0.02));
    CHECK(*s[1].s1.value == 0);
    CHECK(*s[1].st.value == 0);
}

TEST_CASE("the toy's outcome matches its closed-form Sobol indices", "[sensitivity]") {
    // Y = g T with g = 1{t <= 5/6} (p = 5/6), T uniform on [30, 80]: Var Y = 593.75,
    // V_t = p (1 - p) 55^2 = 420.14, V_x = p^2 2500 / 12 = 144.68.
    const double var = 593.75, v_t = 5.0 / 36 * 3025, v_x = 25.0 / 36 * 2500 / 12;
    const auto design = saltelli_design(2, 1 << 14);
    std::vector<double> y;
    for (const auto& u : design) y.push_back(outcome(u));
    const auto part = complete_sobol(y, 2);
    CHECK(part.used == part.units);
    CHECK(part.points_without == 0);
    const auto s = sobol_indices(part.y, 2, 1, 200);
    CHECK(*s[0].s1.value == Approx(v_x / var).margin(0.02));        // 0.2437
    CHECK(*s[1].s1.value == Approx(v_t / var).margin(0.02));        // 0.7076
    CHECK(*s[0].st.value == Approx(1 - v_t / var).margin(0.02));    // 0.2924
    CHECK(*s[1].st.value == Approx(1 - v_x / var).margin(0.02));    // 0.7563
}
