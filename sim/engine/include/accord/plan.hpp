// A run plan, apart from the model: the Scenario is the model, immutable once loaded; what a
// command asks of it (the seed, how many runs, the --set overrides, the starting parameters, the
// draws in force, what to record) is a RunPlan, built the same way by run, sweep, compare,
// sensitivity and backtest (as FLAME GPU 2 keeps ModelDescription and RunPlan apart). The draws
// belong to each run (simulate_run draws them from the run's seed); a sweep point gives a run its
// starting parameters (starting_at).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "accord/scenario.hpp"

namespace accord {

struct RunPlan {
    std::vector<Override> overrides;  // --set, in order, as checked by the loader's parse_overrides
    Params start;                     // the starting parameters: the file's values after the overrides
    std::vector<Uncertain> draws;     // the file's `uncertainty` less the paths an override fixes
    std::uint64_t seed = 1;           // run r (or replication r of a sweep point) has seed + r
    long runs = 1;          // runs of `accord run` and `compare`; replications per point of a sweep
    long trajectories = 0;  // runs 0 .. trajectories-1 record every round
    bool final_zone = false;  // the runs give RunResult::final_zone (the console of `accord run`)
};

// What a command asks for beyond the scenario file (--set, --seed, --runs, --trajectories).
struct PlanRequest {
    std::vector<Override> overrides;
    std::optional<std::uint64_t> seed;  // else monte_carlo.seed of the file
    std::optional<long> runs;           // else monte_carlo.runs (a sweep: sweep.replications, else monte_carlo.runs)
    std::optional<long> trajectories;   // runs recording their rounds; nullopt: all runs
    bool per_point = false;             // a sweep or sensitivity study: runs are replications per point
};

// The one builder of run plans.
RunPlan make_run_plan(const Scenario& scenario, const PlanRequest& request);

// The scenario a plan describes, as a new value (base = plan.start, uncertainty = plan.draws), for
// the analyses that take a Scenario whole and build variants of it (backtest's models).
Scenario planned_scenario(const Scenario& scenario, const RunPlan& plan);

// `start` with the values of a sweep point (in the parameters' units) set on the sweep's paths:
// values apply in the order file, --set, sweep point.
Params starting_at(const Scenario& scenario, const Params& start, const std::vector<SweepParameter>& parameters,
                   const std::vector<double>& point);

}  // namespace accord
