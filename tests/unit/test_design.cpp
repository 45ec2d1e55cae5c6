// Sweep designs: grid size and order, one Latin-hypercube point per stratum, Sobol = Boost.
#include <catch2/catch.hpp>

#include <set>

#include <boost/random/sobol.hpp>

#include "accord/design.hpp"
#include "support.hpp"

using namespace accord;

namespace {
Scenario with_sweep(const std::string& sweep) {
    return test::scenario_from_text(R"(
accord: 1
issues: [{id: x}]
actors:
  - {id: A, capability: 1, positions: {x: 10}}
  - {id: B, capability: 2, positions: {x: 90}}
)" + sweep);
}
}  // namespace

TEST_CASE("Grid designs are the row-major product, last parameter fastest", "[design]") {
    const Scenario s = with_sweep(R"(sweep:
  design: grid
  parameters:
    actors.A.capability: {values: [1, 2]}
    actors.B.stubbornness: {range: [0, 1], steps: 3}
)");
    const auto points = make_design(s, *s.sweep, s.seed);
    REQUIRE(design_size(*s.sweep) == 6);
    REQUIRE(points.size() == 6);
    const std::vector<DesignPoint> expected = {{1, 0}, {1, 0.5}, {1, 1}, {2, 0}, {2, 0.5}, {2, 1}};
    CHECK(points == expected);
}

TEST_CASE("Latin hypercube designs put exactly one point in each stratum", "[design]") {
    const Scenario s = with_sweep(R"(sweep:
  design: lhs
  samples: 50
  parameters:
    actors.A.capability: {range: [10, 20]}
    actors.B.reservation: {range: [0.2, 0.7]}
)");
    const auto points = make_design(s, *s.sweep, 7);
    REQUIRE(points.size() == 50);
    const double lo[2] = {10, 0.2}, hi[2] = {20, 0.7};
    for (int j = 0; j < 2; ++j) {
        std::set<int> strata;
        for (const auto& p : points)
            strata.insert(static_cast<int>((p[static_cast<std::size_t>(j)] - lo[j]) / (hi[j] - lo[j]) * 50));
        CHECK(strata.size() == 50);
        CHECK(*strata.begin() == 0);
        CHECK(*strata.rbegin() == 49);
    }
    CHECK(make_design(s, *s.sweep, 7) == points);  // same seed, same design
    CHECK(make_design(s, *s.sweep, 8) != points);  // its own stream, from the seed
}

TEST_CASE("Sobol designs are Boost.Random's sequence scaled to the ranges", "[design]") {
    const Scenario s = with_sweep(R"(sweep:
  design: sobol
  samples: 16
  parameters:
    actors.A.capability: {range: [0, 10]}
    actors.B.stubbornness: {range: [0, 1]}
)");
    const auto points = make_design(s, *s.sweep, 1);
    boost::random::sobol engine(2);
    for (const auto& p : points) {
        const double u0 = static_cast<double>(engine()) * 0x1p-64, u1 = static_cast<double>(engine()) * 0x1p-64;
        CHECK(p[0] == Approx(10 * u0));
        CHECK(p[1] == Approx(u1));
    }
    // The unscrambled sequence begins (1/2, 1/2), (3/4, 1/4), (1/4, 3/4).
    CHECK(points[0][0] == 5);
    CHECK(points[0][1] == 0.5);
    CHECK(points[1][0] == 7.5);
    CHECK(points[1][1] == 0.25);
    CHECK(points[2][0] == 2.5);
    CHECK(points[2][1] == 0.75);
}

TEST_CASE("Random designs stay inside their ranges", "[design]") {
    const Scenario s = with_sweep(R"(sweep:
  design: random
  samples: 200
  parameters:
    model.rounds: {range: [5, 15]}
)");
    for (const auto& p : make_design(s, *s.sweep, 3)) {
        CHECK(p[0] >= 5);
        CHECK(p[0] <= 15);
        CHECK(p[0] == std::round(p[0]));  // an integer path is rounded
    }
}
