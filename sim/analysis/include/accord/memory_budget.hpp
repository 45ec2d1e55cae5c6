// The memory a batch of `accord run` or `accord compare` holds (every run's result, kept until the
// summary and the files are written), and the design a sweep or a sensitivity study builds before
// its first run, estimated before anything runs and compared with what the machine has available:
// what cannot fit is refused at once (MemoryBudgetError: exit status 2 on the command line,
// accord.InputError in Python), instead of failing with std::bad_alloc or MemoryError after minutes
// of work (docs/reliability.md, "Limits"). The command line and the Python module both check here.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>

#include "accord/plan.hpp"
#include "accord/scenario.hpp"
#include "accord/sensitivity_study.hpp"

namespace accord {

// A batch, design or model that would not fit in the memory available: bad input, refused before
// anything runs. The message names what to lower, as the caller spells it (BudgetNames).
class MemoryBudgetError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// How a refusal names what to lower: the command line's options or the Python module's arguments.
struct BudgetNames {
    std::string runs;     // "--runs"
    std::string samples;  // "--samples"
    std::string threads;  // "--threads"
    std::string sweep;    // "accord sweep": what writes its rows to disk as it goes
    bool limits = true;   // whether the command line's --limit NAME=N can refuse such counts instead
};
inline const BudgetNames command_line_names{"--runs", "--samples", "--threads", "accord sweep", true};
inline const BudgetNames python_names{"runs", "samples", "threads", "accord.sweep", false};

// Bytes `accord run` of `plan` holds: the values its summary keeps (RunTally), 8 bytes a run for each
// real quantity, and the blocks of whole results in flight (not the rounds --trajectories records:
// how many a run reaches is not known before it runs).
double batch_memory_bytes(const Scenario& scenario, const RunPlan& plan, int threads);

// Runs a block of `accord run`'s stream: 256, or fewer whose results fit in 64 MiB, no more than `runs`
// and no more than make 4 blocks for each of `threads` threads. When the runs are computed in pairs
// (`pairs`: runs_pair, run.hpp), an even number, and 2 rather than 1 where two runs' results fit.
long stream_block_runs(const Scenario& scenario, long runs, int threads, bool pairs = false);

// Bytes `accord compare` holds for `runs` runs of A and B: the paired differences and one block of each.
double compare_memory_bytes(const Scenario& a, const Scenario& b, long runs);

// Runs a block of `accord compare`: 4096, or fewer whose results fit in 64 MiB, no more than `runs`.
long compare_block_runs(const Scenario& a, const Scenario& b, long runs);

// Bytes one RunResult holds, with its vectors (not its recorded rounds).
double run_result_bytes(const Scenario& scenario);

// Bytes a design of `points` points of `parameters` values each holds (`copies` times: a
// sensitivity study keeps the points in [0, 1] and in the parameters' units).
double design_memory_bytes(double points, double parameters, int copies = 1);

// Bytes the expected-utility model (docs/models.md section 13) holds while `threads` runs play an
// issue at once: four tables of n x n actors a run (P, EU_own, EU_target and the powers); 0 for another model.
double expected_utility_bytes(int actors, int threads);

// MemAvailable of /proc/meminfo, else the physical memory, and no more than what an address-space
// limit (ulimit -v) leaves this process; nullopt when none can be read.
std::optional<double> available_memory_bytes();

// The checks: each returns when what is asked fits in `available` bytes (nullopt: the machine's,
// available_memory_bytes(); when that cannot be read, nothing is refused), else throws
// MemoryBudgetError with a message that names how many would fit and what to lower.

// `runs` runs holding `need` bytes (a batch of run or compare).
void check_runs_memory(double need, long runs, const BudgetNames& names, std::optional<double> available = std::nullopt);

// A design of `count` `what` ("design points", "samples") holding `need` bytes, built before its
// first run; `lower` is what to lower ("sweep.samples", or names.samples).
void check_design_memory(double need, long count, const std::string& what, const std::string& lower,
                         std::optional<double> available = std::nullopt);

// Bytes of memory yaml-cpp's tree takes per byte of a YAML file of many small nodes (measured: an
// 8.4 MB file of 90 000 inline actors and 90 000 edges took 755 MB, as a 64 MB file took 5.9 GB).
inline constexpr double yaml_bytes_per_file_byte = 92;

// The YAML file `file` (a regular file; a pipe passes) before yaml-cpp parses it: refused when its
// tree would not fit in `available` bytes, with "FILE: error: ..." naming the estimate and the actor
// table (and, for the command line, --limit file-bytes). A file above `max_file_bytes` passes: the
// loader refuses it without reading it.
void check_yaml_memory(const std::string& file, double max_file_bytes, const BudgetNames& names,
                       std::optional<double> available = std::nullopt);

// The design of a sweep (a grid's points are computed as they run: nothing is built up front).
void check_sweep_design_memory(const SweepSpec& sweep, std::optional<double> available = std::nullopt);

// The design of a sensitivity study over `factors` parameters (the sweep block's, or with
// `over_uncertainty` the drawn ones) of `scenario`: N(d + 2) points (sobol) or N(d + 1) (morris), kept
// in [0, 1] and in units, N being `samples`, else the default plan_sensitivity or
// plan_uncertainty_sensitivity takes.
void check_sensitivity_design_memory(const Scenario& scenario, std::size_t factors, bool over_uncertainty,
                                     SensitivityMethod method, std::optional<long> samples, const BudgetNames& names,
                                     std::optional<double> available = std::nullopt);

// The expected-utility model of `actors` actors with `threads` runs at once (`applies`: whether the
// model is the scenario's at all).
void check_expected_utility_memory(bool applies, int actors, int threads, const BudgetNames& names,
                                   std::optional<double> available = std::nullopt);

}  // namespace accord
