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

// The runs of `plan`, the same values as run_monte_carlo(scenario, plan): computed in blocks of
// consecutive runs (run r keeps seed plan.seed + r and records its rounds when r < trajectories),
// the GIL released during each block, the signals checked between blocks. A pending
// KeyboardInterrupt is raised (py::error_already_set) and the finished blocks are dropped.
std::vector<RunResult> run_in_blocks(const Scenario& scenario, const RunPlan& plan);

// Calls `work` on a worker thread with the GIL released and checks the signals every 50 ms;
// on an interrupt, sets `stop` (which `work` must honour), waits for it, and raises.
// An exception thrown by `work` is rethrown here.
void run_with_signals(const std::function<void()>& work, std::atomic<bool>& stop);

}  // namespace accord::python
