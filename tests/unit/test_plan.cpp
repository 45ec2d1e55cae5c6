// The run plan (accord/plan.hpp): what a command asks of a scenario, built by one function and
// leaving the scenario as loaded.
#include <catch2/catch.hpp>

#include "accord/plan.hpp"
#include "support.hpp"

using namespace accord;

namespace {
const char* with_sweep = R"(
accord: 1
issues: [{id: x}]
actors:
  - {id: A, capability: 1, positions: {x: 0}}
  - {id: B, capability: 2, positions: {x: 100}}
monte_carlo: {runs: 30, seed: 12}
sweep:
  replications: 4
  parameters:
    actors.A.capability: {values: [1, 2]}
)";
}  // namespace

TEST_CASE("A run plan takes the file's seed and runs unless the command gives them", "[plan]") {
    const Scenario s = test::scenario_from_text(with_sweep);
    const RunPlan file = make_run_plan(s, {});
    CHECK(file.seed == 12);
    CHECK(file.runs == 30);
    CHECK(file.trajectories == 30);  // nullopt: every run records
    CHECK(file.start.actors[1].capability == 2);

    PlanRequest request;
    request.seed = 99;
    request.runs = 7;
    request.trajectories = 3;
    const RunPlan asked = make_run_plan(s, request);
    CHECK(asked.seed == 99);
    CHECK(asked.runs == 7);
    CHECK(asked.trajectories == 3);
    CHECK(s.seed == 12);  // the scenario is not changed
    CHECK(s.runs == 30);
}

TEST_CASE("A sweep's plan runs the replications of each point", "[plan]") {
    const Scenario s = test::scenario_from_text(with_sweep);
    PlanRequest request;
    request.per_point = true;
    CHECK(make_run_plan(s, request).runs == 4);
    request.runs = 2;
    CHECK(make_run_plan(s, request).runs == 2);
}

TEST_CASE("A sweep point sets its values on the plan's starting parameters", "[plan]") {
    const Scenario s = test::scenario_from_text(with_sweep);
    const RunPlan plan = make_run_plan(s, {});
    const Params start = starting_at(s, plan.start, s.sweep->parameters, {5});
    CHECK(start.actors[0].capability == 5);
    CHECK(plan.start.actors[0].capability == 1);
}
