// DeGroot consensus equals the stationary distribution of W applied to the initial positions.
#include <catch2/catch.hpp>

#include "accord/run.hpp"
#include "support.hpp"

using namespace accord;

TEST_CASE("DeGroot consensus is the stationary distribution of W times x(0)", "[golden][degroot]") {
    // Derived by hand: W = [[1/2, 1/2, 0], [1/4, 1/2, 1/4], [0, 1/2, 1/2]] has the left eigenvector
    // pi = (1/4, 1/2, 1/4) (pi W = pi), so the consensus from (0, 60, 100) is 0/4 + 60/2 + 100/4 = 55.
    const Scenario s = test::scenario_from_text(R"(
accord: 1
issues: [{id: x}]
actors:
  - {id: A, capability: 1, positions: {x: 0}, self_weight: 1, stubbornness: 0.9}
  - {id: B, capability: 1, positions: {x: 60}, self_weight: 2}
  - {id: C, capability: 1, positions: {x: 100}, self_weight: 1}
influence:
  - {from: B, to: A, weight: 1}
  - {from: A, to: B, weight: 1}
  - {from: C, to: B, weight: 1}
  - {from: B, to: C, weight: 1}
model: {dynamics: degroot, weighting: edge, rounds: 10000, tolerance: 1.0e-14}
outcome: {decision: unanimity, stop: end}
)");
    const RunResult r = simulate_run(s, s.base, 1, true);
    REQUIRE(r.converged);
    const auto& x = r.trajectory.back().positions;
    // Stubbornness is ignored by degroot (A's 0.9 would otherwise anchor it).
    for (long i = 0; i < 3; ++i) CHECK(s.issues[0].to_units(x(i, 0)) == Approx(55).margin(1e-9));
}

TEST_CASE("An actor nobody influences and with no self weight keeps its position", "[golden][degroot]") {
    // docs/models.md section 2: a row of W that sums to 0 keeps the current position.
    const Scenario s = test::scenario_from_text(R"(
accord: 1
issues: [{id: x}]
actors:
  - {id: A, capability: 1, positions: {x: 20}, self_weight: 0}
  - {id: B, capability: 1, positions: {x: 80}}
influence:
  - {from: A, to: B, weight: 1}
model: {dynamics: degroot, weighting: edge, rounds: 3}
outcome: {decision: unanimity, stop: end}
)");
    const RunResult r = simulate_run(s, s.base, 1, true);
    REQUIRE(r.trajectory.size() == 4);
    CHECK(s.issues[0].to_units(r.trajectory[1].positions(0, 0)) == Approx(20));
    CHECK(s.issues[0].to_units(r.trajectory[1].positions(1, 0)) == Approx(50));  // (20 + 80) / 2
    CHECK(s.issues[0].to_units(r.trajectory[2].positions(1, 0)) == Approx(35));  // (20 + 50) / 2
}
