#include "exit_status.hpp"

#include <iostream>

#include "accord/diagnostics.hpp"
#include "accord/directory_lock.hpp"
#include "accord/memory_budget.hpp"
#include "accord/merge.hpp"
#include "accord/run.hpp"
#include "accord/sweep.hpp"

namespace accord::app {

ExitStatus exit_status_of(const std::exception& error) {
    if (dynamic_cast<const InputError*>(&error) || dynamic_cast<const SweepUsageError*>(&error) ||
        dynamic_cast<const MergeError*>(&error) || dynamic_cast<const DirectoryBusy*>(&error) ||
        dynamic_cast<const MemoryBudgetError*>(&error))
        return ExitStatus::bad_input;
    return ExitStatus::failure;
}

ExitStatus report_error(const std::exception& error, const ErrorContext& context) {
    if (const auto* input = dynamic_cast<const InputError*>(&error))
        std::cerr << format_diagnostics(input->diagnostics());
    else if (dynamic_cast<const RunError*>(&error) && !context.run_source.empty())
        std::cerr << context.run_source << ": error: " << error.what() << "\n";
    else
        std::cerr << context.command << ": error: " << error.what() << "\n";
    return exit_status_of(error);
}

}  // namespace accord::app
