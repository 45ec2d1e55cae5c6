// Whole runs: stopping rules, events on their round and date, uncertainty, reproducibility.
#include <catch2/catch.hpp>

#include <tbb/global_control.h>

#include "accord/load.hpp"
#include "accord/plan.hpp"
#include "accord/monte_carlo.hpp"
#include "accord/results.hpp"
#include "accord/run.hpp"
#include "support.hpp"

using namespace accord;

namespace {
const char* two_actors = R"(
accord: 1
issues: [{id: x}]
actors:
  - {id: A, capability: 1, positions: {x: 0}, reservation: 0.9}
  - {id: B, capability: 1, positions: {x: 100}, reservation: 0.9}
influence:
  - {from: A, to: B, weight: 1}
  - {from: B, to: A, weight: 1}
model: {dynamics: degroot, weighting: edge, rounds: 50}
)";
}  // namespace

TEST_CASE("A run stops at the first round where the decision rule holds", "[run]") {
    // DeGroot with equal weights: both move to 50 in round 1 (utility 1 >= 0.9): agreement at round 1.
    const Scenario s = test::scenario_from_text(two_actors);
    const RunResult r = simulate_run(s, s.base, 1, true);
    CHECK(r.agreed);
    CHECK(r.agreement_round == 1);
    CHECK(r.rounds == 1);
    CHECK(r.stop == StopReason::agreed);
    CHECK(s.issues[0].to_units(r.terms[0]) == Approx(50));
    // Round 0: terms 50, utilities 0.5 < 0.9, nobody accepts.
    CHECK(r.trajectory[0].accepting_share == 0);
    CHECK_FALSE(r.trajectory[0].agreed);
}

TEST_CASE("With stop: end a run goes on to convergence and reports the first agreement", "[run]") {
    const Scenario s = test::scenario_from_text(std::string(two_actors) + "outcome: {stop: end}\n");
    const RunResult r = simulate_run(s, s.base, 1, false);
    CHECK(r.agreed);
    CHECK(r.agreement_round == 1);
    CHECK(r.converged);
    CHECK(r.rounds == 2);  // round 2 moves nothing
    CHECK(r.stop == StopReason::converged);
}

TEST_CASE("A run that never agrees ends at convergence with agreed = 0", "[run]") {
    // Fully stubborn actors never move; terms 50 stay unacceptable.
    Scenario s = test::scenario_from_text(std::string(two_actors) + "outcome: {decision: unanimity}\n");
    s.model.dynamics = Dynamics::friedkin_johnsen;
    PlanRequest request;
    request.overrides = parse_overrides(s, {"actors.A.stubbornness=1", "actors.B.stubbornness=1", "actors.A.self_weight=1"});
    const RunPlan plan = make_run_plan(s, request);
    const RunResult r = simulate_run(s, plan.start, plan.draws, 1, false);
    CHECK_FALSE(r.agreed);
    CHECK_FALSE(r.agreement_round);
    CHECK(r.converged);
    CHECK(r.rounds == 1);
}

TEST_CASE("Events change the state on their round and date", "[run][events]") {
    // Nobody listens to anyone; on 2002-04-03 (round 2) B moves to 10: terms go from 50 to 5.
    const Scenario s = test::scenario_from_text(R"(
accord: 1
issues: [{id: x}]
actors:
  - {id: A, capability: 1, positions: {x: 0}, reservation: 0.9}
  - {id: B, capability: 1, positions: {x: 100}, reservation: 0.9}
model: {rounds: 10}
calendar: {start: 2002-04-01, step: 1d}
events:
  - {at: 2002-04-03, name: "B gives in", set: {actors.B.positions.x: 10}}
)");
    const RunResult r = simulate_run(s, s.base, 1, true);
    REQUIRE(r.trajectory.size() >= 3);
    CHECK(s.issues[0].to_units(r.trajectory[1].terms[0]) == Approx(50));
    CHECK(s.issues[0].to_units(r.trajectory[2].terms[0]) == Approx(5));
    CHECK(r.agreement_round == 2);
    CHECK(format_date(s.calendar->date_of(*r.agreement_round)) == "2002-04-03");
    // The run did not stop for convergence at round 1 although nothing moved: an event was to come.
    CHECK(r.rounds == 2);
}

TEST_CASE("Events at a round number and influence edges created by an event", "[run][events]") {
    const Scenario s = test::scenario_from_text(R"(
accord: 1
issues: [{id: x}]
actors:
  - {id: A, capability: 1, positions: {x: 0}}
  - {id: B, capability: 1, positions: {x: 100}}
model: {dynamics: degroot, weighting: edge, rounds: 3}
outcome: {decision: unanimity, stop: end}
events:
  - {at: 1, set: {influence.A->B.weight: 1}}
)");
    const RunResult r = simulate_run(s, s.base, 1, true);
    REQUIRE(r.trajectory.size() >= 3);
    // Round 1 computed from round 0 without the edge (B stays 100), then round 2 uses it: (0 + 100)/2.
    CHECK(s.issues[0].to_units(r.trajectory[1].positions(1, 0)) == Approx(100));
    CHECK(s.issues[0].to_units(r.trajectory[2].positions(1, 0)) == Approx(50));
}

TEST_CASE("Uncertainty draws are clamped and recorded, and run r depends only on seed s + r", "[run][uncertainty]") {
    Scenario s = test::scenario_from_text(R"(
accord: 1
issues: [{id: x}]
actors:
  - {id: A, capability: 1, positions: {x: 20}}
  - {id: B, capability: 1, positions: {x: 80}}
influence: [{from: A, to: B, weight: 0.5}, {from: B, to: A, weight: 0.5}]
uncertainty:
  actors.A.positions.x: {normal: [20, 200]}
  actors.B.stubbornness: {uniform: [0, 1]}
  influence.A->B.weight: {choice: [0, 1, 2]}
monte_carlo: {runs: 64, seed: 7}
)");
    BatchOptions batch;
    batch.runs = 64;
    batch.seed = 7;
    batch.trajectories = 0;
    std::vector<RunResult> one, two;
    {
        tbb::global_control c(tbb::global_control::max_allowed_parallelism, 1);
        one = run_monte_carlo(s, s.base, batch);
    }
    {
        tbb::global_control c(tbb::global_control::max_allowed_parallelism, 2);
        two = run_monte_carlo(s, s.base, batch);
    }
    bool clamped_low = false, clamped_high = false;
    for (long r = 0; r < 64; ++r) {
        const auto& a = one[static_cast<std::size_t>(r)];
        CHECK(runs_row(s, s.uncertainty, r, a) == runs_row(s, s.uncertainty, r, two[static_cast<std::size_t>(r)]));
        CHECK(runs_row(s, s.uncertainty, r, a) ==
              runs_row(s, s.uncertainty, r, simulate_run(s, s.base, 7 + static_cast<std::uint64_t>(r), false)));
        REQUIRE(a.drawn.size() == 3);
        CHECK(a.drawn[0] >= 0);
        CHECK(a.drawn[0] <= 100);
        clamped_low = clamped_low || a.drawn[0] == 0;
        clamped_high = clamped_high || a.drawn[0] == 100;
        CHECK((a.drawn[2] == 0 || a.drawn[2] == 1 || a.drawn[2] == 2));
    }
    // sd 200 around 20: about 46% of draws fall below 0 and 38% above 100.
    CHECK(clamped_low);
    CHECK(clamped_high);
}
