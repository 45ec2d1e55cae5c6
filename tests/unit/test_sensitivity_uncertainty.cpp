// The quantile functions of the `uncertainty` distributions and the study over them
// (accord/quantile.hpp, accord/sensitivity_uncertainty.hpp; docs/sensitivity.md).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "accord/diagnostics.hpp"
#include "accord/quantile.hpp"
#include "accord/sensitivity_uncertainty.hpp"
#include "support.hpp"

using namespace accord;

namespace {

Distribution dist(DistributionKind kind, std::vector<double> args) {
    return Distribution{kind, std::move(args)};
}

}  // namespace

TEST_CASE("Quantiles of normal, uniform, triangular and choice match their closed forms", "[sensitivity]") {
    const auto normal = dist(DistributionKind::normal, {65, 10});
    // Phi^-1(0.975) = 1.959963984540054; Phi^-1(0.5) = 0.
    CHECK(distribution_quantile(normal, 0.975) == Approx(65 + 10 * 1.959963984540054).epsilon(1e-12));
    CHECK(distribution_quantile(normal, 0.5) == Approx(65).epsilon(1e-14));
    CHECK(distribution_quantile(normal, 0.025) == Approx(65 - 10 * 1.959963984540054).epsilon(1e-12));
    CHECK(distribution_quantile(dist(DistributionKind::uniform, {0.1, 0.5}), 0.25) == Approx(0.2));
    // Triangular [20, 40, 80]: F(40) = 20/60 = 1/3. Below: 20 + sqrt(p * 60 * 20); above:
    // 80 - sqrt((1 - p) * 60 * 40).
    const auto tri = dist(DistributionKind::triangular, {20, 40, 80});
    CHECK(distribution_quantile(tri, 0.1) == Approx(20 + std::sqrt(0.1 * 1200)).epsilon(1e-12));
    CHECK(distribution_quantile(tri, 1.0 / 3) == Approx(40).epsilon(1e-12));
    CHECK(distribution_quantile(tri, 0.9) == Approx(80 - std::sqrt(0.1 * 2400)).epsilon(1e-12));
    const auto choice = dist(DistributionKind::choice, {0.1, 0.2, 0.3});
    CHECK(distribution_quantile(choice, 0.33) == 0.1);
    CHECK(distribution_quantile(choice, 0.34) == 0.2);
    CHECK(distribution_quantile(choice, 0.999) == 0.3);
    // One value: that value; the ends of (0, 1) are refused.
    CHECK(distribution_quantile(dist(DistributionKind::normal, {7, 0}), 0.9) == 7);
    CHECK(distribution_quantile(dist(DistributionKind::triangular, {3, 3, 3}), 0.2) == 3);
    CHECK_THROWS_AS(distribution_quantile(normal, 0), std::invalid_argument);
    CHECK_THROWS_AS(distribution_quantile(normal, 1), std::invalid_argument);
    CHECK_FALSE(distribution_varies(dist(DistributionKind::choice, {1, 1})));
    CHECK(distribution_varies(dist(DistributionKind::choice, {1, 0})));
}

TEST_CASE("A study over the uncertainty maps the Saltelli design through the quantiles", "[sensitivity]") {
    const Scenario s = test::scenario_from_text(R"(accord: 1
issues: [{id: x}]
actors:
  - {id: A, capability: 1, positions: {x: 50}}
  - {id: B, capability: 2, positions: {x: 50}}
uncertainty:
  actors.A.positions.x: {uniform: [0, 100]}
  actors.B.positions.x: {normal: [95, 10]}
)");
    const auto study = plan_uncertainty_sensitivity(s, s.uncertainty, SensitivityMethod::sobol, 8, 1);
    REQUIRE(study.design.size() == 8 * 4);
    CHECK(study.label == "saltelli-8");
    for (std::size_t r = 0; r < study.design.size(); ++r) {
        CHECK(study.design[r][0] == Approx(100 * study.unit[r][0]));
        // Clamped to the issue's scale [0, 100] like a draw.
        CHECK(study.design[r][1] ==
              Approx(std::min(100.0, 95 + 10 * distribution_quantile(Distribution{DistributionKind::normal, {0, 1}},
                                                                     study.unit[r][1]))));
    }
    CHECK(study.design[0][1] == Approx(95).epsilon(1e-14));  // Boost's first Sobol point is (1/2, ...)
    CHECK(plan_uncertainty_sensitivity(s, s.uncertainty, SensitivityMethod::sobol, std::nullopt, 1).samples == 1024);

    // Morris levels k of 4 are taken at the probabilities (k + 1/2) / 4: 12.5, 37.5, 62.5, 87.5.
    const auto morris = plan_uncertainty_sensitivity(s, s.uncertainty, SensitivityMethod::morris, 3, 1);
    for (const auto& point : morris.design) {
        const double k = (point[0] - 12.5) / 25;
        CHECK(k == Approx(std::round(k)).margin(1e-12));
    }

    // The derived scenario sweeps the drawn paths and no longer draws them.
    const Scenario derived = uncertainty_study_scenario(s, {s.uncertainty[1]});
    REQUIRE(derived.sweep);
    REQUIRE(derived.sweep->parameters.size() == 1);
    CHECK(derived.sweep->parameters[0].name == "actors.B.positions.x");
    REQUIRE(derived.uncertainty.size() == 1);
    CHECK(derived.uncertainty[0].name == "actors.A.positions.x");
}

TEST_CASE("A study over the uncertainty refuses no factors and a factor that does not vary", "[sensitivity]") {
    const Scenario none = test::scenario_from_text(R"(accord: 1
issues: [{id: x}]
actors:
  - {id: A, capability: 1, positions: {x: 50}}
  - {id: B, capability: 2, positions: {x: 50}}
)");
    try {
        plan_uncertainty_sensitivity(none, none.uncertainty, SensitivityMethod::sobol, 8, 1);
        FAIL("no uncertainty block was accepted");
    } catch (const InputError& e) {
        CHECK(std::string(e.what()).find("no 'uncertainty' block") != std::string::npos);
    }
    const Scenario fixed = test::scenario_from_text(R"(accord: 1
issues: [{id: x}]
actors:
  - {id: A, capability: 1, positions: {x: 50}}
  - {id: B, capability: 2, positions: {x: 50}}
uncertainty:
  actors.A.positions.x: {uniform: [30, 30]}
)");
    CHECK_THROWS_AS(plan_uncertainty_sensitivity(fixed, fixed.uncertainty, SensitivityMethod::sobol, 8, 1), InputError);
}

TEST_CASE("Sobol intervals wider than their index are reported", "[sensitivity]") {
    const std::vector<SensitivityRow> rows = {
        {"terms.x", "a", "S1", {0.5, 0.45, 0.55}},   // narrow
        {"terms.x", "b", "S1", {0.05, -0.04, 0.1}},  // width 0.14 > 0.05
        {"terms.x", "c", "ST", {-0.1, -0.3, 0.1}},   // width 0.4 > |-0.1|
        {"agreed", "a", "S1", {}},                   // undefined
    };
    const auto wide = wide_intervals(rows);
    REQUIRE(wide.size() == 2);
    CHECK(wide[0].parameter == "b");
    CHECK(wide[1].parameter == "c");
}

// A parameter that does next to nothing (Germany's capability in the reference scenario: S1 of the
// setter's terms -4.5e-6 in [-4.5e-5, 3.7e-5]) has an interval wider than its index, but the whole
// interval prints as 0.000: the samples do tell that it explains less than 0.05% of the variance, so
// raising --samples would not change the reading, and no warning is due. An interval reaching 0.0005
// (0.001 once printed) still warns.
TEST_CASE("Sobol intervals inside the band printed as 0.000 are not reported", "[sensitivity]") {
    const std::vector<SensitivityRow> rows = {
        {"terms.x", "inert", "S1", {-4.4689863291061355e-06, -4.506930625088733e-05, 3.678541187623555e-05}},
        {"terms.x", "inert", "ST", {6.0e-08, 4.6e-08, 7.8e-08}},  // narrower than 6e-8: never wide
        {"terms.x", "small", "S1", {1.0e-4, -2.0e-4, 5.0e-4}},    // reaches 0.0005: wide
        {"terms.x", "small", "ST", {1.0e-4, -6.0e-4, 4.0e-4}},    // reaches -0.0005 and beyond: wide
    };
    const auto wide = wide_intervals(rows);
    REQUIRE(wide.size() == 2);
    CHECK(wide[0].parameter == "small");
    CHECK(wide[0].index == "S1");
    CHECK(wide[1].index == "ST");
}
