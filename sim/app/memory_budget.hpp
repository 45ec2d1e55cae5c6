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

// Bytes `accord run` of `plan` holds: the values its summary keeps (RunTally), 8 bytes a run for each
// real quantity, and the blocks of whole results in flight (not the rounds --trajectories records:
// how many a run reaches is not known before it runs).
double batch_memory_bytes(const Scenario& scenario, const RunPlan& plan, int threads);

// Runs a block of `accord run`'s stream: 256, or fewer whose results fit in 64 MiB, no more than `runs`
// and no more than make 4 blocks for each of `threads` threads.
long stream_block_runs(const Scenario& scenario, long runs, int threads);

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

// Whether the expected-utility model of `actors` actors fits with `threads` threads; when not, prints
// "accord COMMAND: error: ..." naming the actors that fit, --threads and --limit actors, sets
// `status` (bad input) and returns false. `applies`: whether the command runs that model at all.
bool expected_utility_fits(const std::string& command, bool applies, int actors, int threads, ExitStatus& status,
                           std::optional<double> available = std::nullopt);

// MemAvailable of /proc/meminfo, else the physical memory, and no more than what an address-space
// limit (ulimit -v) leaves this process; nullopt when none can be read.
std::optional<double> available_memory_bytes();

// Bytes of memory yaml-cpp's tree takes per byte of a YAML file of many small nodes (measured: an
// 8.4 MB file of 90 000 inline actors and 90 000 edges took 755 MB, as a 64 MB file took 5.9 GB).
inline constexpr double yaml_bytes_per_file_byte = 92;

// Whether the YAML file `file` (a regular file; a pipe passes) can be parsed in `available` bytes
// (nullopt: the machine's); when not, prints "FILE: error: ..." naming the estimate, the actor
// table and --limit file-bytes, and returns false.
// A file above `max_file_bytes` passes: the loader refuses it without reading it.
bool yaml_fits_in_memory(const std::string& file, double max_file_bytes,
                         std::optional<double> available = std::nullopt);

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
