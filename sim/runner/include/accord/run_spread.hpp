// How a batch of runs is spread over the threads: small runs side by side, one run to a thread;
// or a big run alone, every thread inside its rounds (docs/performance.md "### One big run at a time:
// measured, not kept").
#pragma once

#include <limits>

#include "accord/scenario.hpp"

namespace accord {

enum class RunSpread {
    across_runs,  // blocks of runs computed in parallel, each block on one thread
    within_run,   // one block at a time in run order, every thread in step_round's split of the targets
};

// A round's work, (actors + edges) x issues (step_round's measure), from which a batch is computed
// one run at a time: none. Measured on bench/make_network.py's networks from 3,000 to 100,000
// actors at two threads, one run at a time was no faster in CPU and slower in wall time, a run's
// steps outside the round being serial (docs/performance.md "### One big run at a time: measured,
// not kept"); to measure again, lower this (65536 took every network from 3,000 actors).
inline constexpr long within_run_work = std::numeric_limits<long>::max();

// The spread of `scenario`'s runs on `threads` threads: within_run from `threshold` (a round's work
// of the starting point) and more than one thread, across_runs otherwise. Tests lower `threshold`.
RunSpread run_spread(const Scenario& scenario, int threads, long threshold = within_run_work);

}  // namespace accord
