// Exit statuses of `accord` (docs/interface.md section 1) and the one place that maps an error to one.
#pragma once

#include <exception>
#include <string>

namespace accord::app {

enum class ExitStatus : int {
    success = 0,
    failure = 1,    // the run failed for a reason other than its input (I/O, numeric trouble)
    bad_input = 2,  // a usage error, or an input that does not validate
};

inline int exit_code(ExitStatus status) {
    return static_cast<int>(status);
}

// Which status an error means: input problems (InputError, SweepUsageError, MergeError, and what
// would not fit in memory, MemoryBudgetError) and an output directory another command holds (DirectoryBusy) are bad
// input; everything else, numeric trouble in a run included, is a failure.
ExitStatus exit_status_of(const std::exception& error);

// Where an error happened, for its message: `command` ("accord sweep") prefixes usage and I/O
// errors; numeric trouble in a run (RunError) is prefixed with `run_source`, the scenario file,
// when one is given.
struct ErrorContext {
    std::string command;
    std::string run_source;
};

// Prints `error` on stderr as accord reports it (input problems as located diagnostics, others as
// "PREFIX: error: what") and returns exit_status_of(error).
ExitStatus report_error(const std::exception& error, const ErrorContext& context);

}  // namespace accord::app
