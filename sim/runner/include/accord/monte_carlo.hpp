// Monte Carlo over a scenario's uncertainty: run r has seed s + r and depends on nothing else, so
// the results are the same whatever the number of threads.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "accord/plan.hpp"
#include "accord/run.hpp"
#include "accord/run_spread.hpp"

namespace accord {

struct BatchOptions {
    long runs = 1;
    std::uint64_t seed = 1;
    long trajectories = 10;  // runs 0 .. trajectories-1 record their rounds
};

// Runs every run in parallel (oneTBB; the caller bounds the threads) and returns them in run order,
// drawing the file's own `uncertainty` (no plan: tests and library users).
std::vector<RunResult> run_monte_carlo(const Scenario& scenario, const Params& start, const BatchOptions& options);
// The runs of `plan`: run r from plan.start with seed plan.seed + r, drawing plan.draws.
std::vector<RunResult> run_monte_carlo(const Scenario& scenario, const RunPlan& plan);

// The runs of `plan` handed to `consume` in run order, a block of consecutive runs (`first`,
// first + 1, ...) at a time, while the next blocks are computed: memory holds a few blocks, never
// the batch (docs/reliability.md, "Limits"). The values are those of run_monte_carlo(scenario, plan).
// A failing run stops the batch with the exception of the lowest failing run, as run_monte_carlo,
// thrown once every block before the failing run's was consumed (not that block); an exception
// thrown by `consume` stops it too.
// `block_runs` runs a block (at least 1), four blocks a thread in flight; `spread` says whether
// blocks are computed side by side or one at a time (run_spread.hpp): the same values either way.
using RunConsumer = std::function<void(long first, const std::vector<RunResult>& runs)>;
void stream_monte_carlo(const Scenario& scenario, const RunPlan& plan, const RunConsumer& consume,
                        long block_runs = 256, RunSpread spread = RunSpread::across_runs);

}  // namespace accord
