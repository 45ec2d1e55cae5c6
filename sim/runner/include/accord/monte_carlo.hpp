// Monte Carlo over a scenario's uncertainty: run r has seed s + r and depends on nothing else, so
// the results are the same whatever the number of threads.
#pragma once

#include <cstdint>
#include <vector>

#include "accord/plan.hpp"
#include "accord/run.hpp"

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

}  // namespace accord
