// Long work in a Python call: the GIL released while simulating, Ctrl-C (KeyboardInterrupt)
// honoured within a fraction of a second, nothing half-done left behind.
#pragma once

#include <atomic>
#include <functional>
#include <vector>

#include "accord/plan.hpp"
#include "accord/run.hpp"
#include "accord/scenario.hpp"

namespace accord::python {

// Calls `block(first, count)` for consecutive blocks of runs first .. first + count - 1 covering
// 0 .. runs - 1 in order, each with the GIL released (the block computes and consumes its runs: no
// Python object may be touched), blocks of about a tenth of a second whatever a run costs, the
// signals checked between blocks. A pending KeyboardInterrupt is raised (py::error_already_set)
// and the blocks after it are not called.
void in_blocks(long runs, const std::function<void(long first, long count)>& block);

// The runs first .. first + count - 1 of `plan`: the same values as those runs of
// run_monte_carlo(scenario, plan) (run r keeps seed plan.seed + r and records its rounds when
// r < trajectories).
std::vector<RunResult> run_block(const Scenario& scenario, const RunPlan& plan, long first, long count);

// Calls `work` on a worker thread with the GIL released and checks the signals every 50 ms;
// on an interrupt, sets `stop` (which `work` must honour), waits for it, and raises.
// An exception thrown by `work` is rethrown here.
void run_with_signals(const std::function<void()>& work, std::atomic<bool>& stop);

}  // namespace accord::python
