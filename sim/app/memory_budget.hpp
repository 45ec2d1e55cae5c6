// The memory a batch of `accord run` or `accord compare` holds (every run's result, kept until the
// summary and the files are written), estimated before any run starts and compared with what the
// machine has available: a batch that cannot fit is refused with exit status 2 at once, instead
// of failing with std::bad_alloc after minutes of work (docs/reliability.md, "Limits").
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "accord/plan.hpp"
#include "accord/scenario.hpp"
#include "exit_status.hpp"

namespace accord::app {

// Bytes the results of `plan` hold in memory: each run's RunResult with its vectors, the copies
// the summary makes, and the rounds of the runs that record them (an upper bound: every round).
double batch_memory_bytes(const Scenario& scenario, const RunPlan& plan);

// MemAvailable of /proc/meminfo, else the physical memory; nullopt when neither can be read.
std::optional<double> available_memory_bytes();

// Whether `runs` runs holding `need` bytes fit in `available` bytes (nullopt: the machine's);
// when not, prints "accord COMMAND: error: ..." naming --runs and --limit runs, sets `status`
// (bad input) and returns false.
bool fits_in_memory(const std::string& command, double need, long runs, ExitStatus& status,
                    std::optional<double> available = std::nullopt);

}  // namespace accord::app
