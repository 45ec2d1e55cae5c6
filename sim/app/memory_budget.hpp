// The command line's side of the memory checks (accord/memory_budget.hpp holds the estimates and the
// checks, shared with the Python module): a refusal printed as "accord COMMAND: error: ..." naming
// the command line's options, with exit status 2; and the check of a YAML file before yaml-cpp
// parses it (docs/reliability.md, "Limits").
#pragma once

#include <optional>
#include <string>

#include "accord/memory_budget.hpp"
#include "exit_status.hpp"

namespace accord::app {

// Whether the expected-utility model of `actors` actors fits with `threads` threads; when not, prints
// "accord COMMAND: error: ..." naming the actors that fit, --threads and --limit actors, sets
// `status` (bad input) and returns false. `applies`: whether the command runs that model at all.
bool expected_utility_fits(const std::string& command, bool applies, int actors, int threads, ExitStatus& status,
                           std::optional<double> available = std::nullopt);

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

}  // namespace accord::app
