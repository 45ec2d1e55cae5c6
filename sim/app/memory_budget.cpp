#include "memory_budget.hpp"

#include <cmath>
#include <filesystem>
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
    std::error_code ec;
    const auto status = std::filesystem::status(file, ec);
    if (ec || !std::filesystem::is_regular_file(status)) return true;  // a pipe's size is not known before it is read
    const auto bytes = static_cast<double>(std::filesystem::file_size(file, ec));
    if (ec || bytes > max_file_bytes) return true;  // the loader refuses it unread, naming the limit
    if (!available) available = available_memory_bytes();
    const double need = bytes * yaml_bytes_per_file_byte;
    if (!available || need <= *available) return true;
    const double mib = 1024.0 * 1024.0, gib = mib * 1024.0;
    const long fit = static_cast<long>(std::floor(*available / yaml_bytes_per_file_byte));
    std::cerr << fmt::format(
        "{}: error: a YAML file of {:.1f} MiB needs about {:.1f} GiB to parse (yaml-cpp builds a tree of every "
        "node: about {} bytes a byte of the file, measured), more than the {:.1f} GiB available: put the actors in "
        "a table (actors: {{csv: FILE}}), which is read without that tree, or have such files refused with "
        "--limit file-bytes={}\n",
        file, bytes / mib, need / gib, yaml_bytes_per_file_byte, *available / gib, fit);
    return false;
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
