// The memory a batch of `accord run` or `accord compare` holds (every run's result, kept until the
// summary and the files are written), and the design a sweep or a sensitivity study builds before
// its first run, estimated before anything runs and compared with what the machine has available:
// what cannot fit is refused with exit status 2 at once, instead of failing with std::bad_alloc
// after minutes of work (docs/reliability.md, "Limits").
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "accord/plan.hpp"
#include "accord/scenario.hpp"
#include "exit_status.hpp"

namespace accord::app {

// Bytes the results of `plan` hold in memory: each run's RunResult with its vectors and the copies
// the summary makes (not the rounds --trajectories records: how many a run reaches is not known
// before it runs).
double batch_memory_bytes(const Scenario& scenario, const RunPlan& plan);

// Bytes a design of `points` points of `parameters` values each holds (`copies` times: a
// sensitivity study keeps the points in [0, 1] and in the parameters' units).
double design_memory_bytes(double points, double parameters, int copies = 1);

// MemAvailable of /proc/meminfo, else the physical memory; nullopt when neither can be read.
std::optional<double> available_memory_bytes();

// Whether `runs` runs holding `need` bytes fit in `available` bytes (nullopt: the machine's);
// when not, prints "accord COMMAND: error: ..." naming --runs and --limit runs, sets `status`
// (bad input) and returns false.
bool fits_in_memory(const std::string& command, double need, long runs, ExitStatus& status,
                    std::optional<double> available = std::nullopt);

// The same for a design built before its points run (a sweep's or a sensitivity study's):
// `what` names the count ("design points", "samples"), `lower` what to lower ("--samples").
bool design_fits_in_memory(const std::string& command, double need, long count, const std::string& what,
                           const std::string& lower, ExitStatus& status,
                           std::optional<double> available = std::nullopt);

}  // namespace accord::app
