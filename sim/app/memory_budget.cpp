#include "memory_budget.hpp"

#include <iostream>

#include <fmt/format.h>

namespace accord::app {

namespace {

// A refusal of the library's checks as the command line reports it: exit status 2.
bool refused(const std::string& command, const MemoryBudgetError& e, ExitStatus& status) {
    status = report_error(e, {"accord " + command, ""});
    return false;
}

}  // namespace

bool yaml_fits_in_memory(const std::string& file, double max_file_bytes, std::optional<double> available) {
    try {
        check_yaml_memory(file, max_file_bytes, command_line_names, available);
        return true;
    } catch (const MemoryBudgetError& e) {
        std::cerr << e.what() << "\n";
        return false;
    }
}

bool fits_in_memory(const std::string& command, double need, long runs, ExitStatus& status,
                    std::optional<double> available) {
    try {
        check_runs_memory(need, runs, command_line_names, available);
        return true;
    } catch (const MemoryBudgetError& e) {
        return refused(command, e, status);
    }
}

bool expected_utility_fits(const std::string& command, bool applies, int actors, int threads, ExitStatus& status,
                           std::optional<double> available) {
    try {
        check_expected_utility_memory(applies, actors, threads, command_line_names, available);
        return true;
    } catch (const MemoryBudgetError& e) {
        return refused(command, e, status);
    }
}

}  // namespace accord::app
