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

// Whether the YAML file `file` can be parsed in `available` bytes (nullopt: the machine's):
// check_yaml_memory() of accord/memory_budget.hpp; when not, prints its message and returns false.
bool yaml_fits_in_memory(const std::string& file, double max_file_bytes,
                         std::optional<double> available = std::nullopt);

// Whether `runs` runs holding `need` bytes fit in `available` bytes (nullopt: the machine's);
// when not, prints "accord COMMAND: error: ..." naming --runs and --limit runs, sets `status`
// (bad input) and returns false.
bool fits_in_memory(const std::string& command, double need, long runs, ExitStatus& status,
                    std::optional<double> available = std::nullopt);

}  // namespace accord::app
