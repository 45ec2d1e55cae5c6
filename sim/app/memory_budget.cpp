#include "memory_budget.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iostream>
#include <sstream>
#include <vector>

#include <fmt/format.h>
#include <unistd.h>

#include "accord/run.hpp"

namespace accord::app {

namespace {

// What malloc takes for `bytes`: its 16-byte header, in 16-byte steps; nothing for an empty vector.
double allocation(double bytes) {
    return bytes <= 0 ? 0 : std::ceil((bytes + 16) / 16) * 16;
}

}  // namespace

double batch_memory_bytes(const Scenario& s, const RunPlan& plan) {
    const double issues = s.issue_count(), actors = s.actor_count();
    // The outcome vector is filled only when some issue has a status quo; the summary copies one
    // issue's values at a time (measured: 2.6 KB a run with 300 issues, 340 bytes with 1 issue and 4 actors).
    const double per_run =
        sizeof(RunResult) + allocation(8 * issues) + (s.has_status_quo() ? allocation(8 * issues) : 0) +
        allocation(8 * static_cast<double>(s.uncertainty.size())) + allocation(sizeof(ActorVerdict) * actors) + 2 * 8;
    // The rounds recorded by --trajectories are left out: a run may stop long before model.rounds,
    // and counting every round would refuse batches that fit.
    return static_cast<double>(plan.runs) * per_run;
}

double design_memory_bytes(double points, double parameters, int copies) {
    // Each point a vector of its values (and a little to spare).
    return points * (copies * (sizeof(std::vector<double>) + allocation(8 * parameters)) + sizeof(long));
}

std::optional<double> available_memory_bytes() {
    std::ifstream meminfo("/proc/meminfo");
    for (std::string line; std::getline(meminfo, line);) {
        std::istringstream fields(line);
        std::string key;
        double kib = 0;
        if (fields >> key >> kib && key == "MemAvailable:") return kib * 1024;
    }
    const long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
    if (pages > 0 && page > 0) return static_cast<double>(pages) * static_cast<double>(page);
    return std::nullopt;
}

bool fits_in_memory(const std::string& command, double need, long runs, ExitStatus& status,
                    std::optional<double> available) {
    if (!available) available = available_memory_bytes();
    if (!available || need <= *available) return true;
    const double gib = 1024.0 * 1024.0 * 1024.0;
    const long fit = std::max(1L, static_cast<long>(std::floor(static_cast<double>(runs) * *available / need)));
    std::cerr << fmt::format(
        "accord {}: error: {} runs would hold about {:.1f} GiB of results in memory, more than the {:.1f} GiB "
        "available: lower --runs (about {} fit), or have such counts refused with --limit runs={}; a sweep "
        "(accord sweep) writes its rows to disk as it goes\n",
        command, runs, need / gib, *available / gib, fit, fit);
    status = ExitStatus::bad_input;
    return false;
}

bool design_fits_in_memory(const std::string& command, double need, long count, const std::string& what,
                           const std::string& lower, ExitStatus& status, std::optional<double> available) {
    if (!available) available = available_memory_bytes();
    if (!available || need <= *available) return true;
    const double gib = 1024.0 * 1024.0 * 1024.0;
    const long fit = std::max(1L, static_cast<long>(std::floor(static_cast<double>(count) * *available / need)));
    std::cerr << fmt::format(
        "accord {}: error: {} {} make a design of about {:.1f} GiB, built in memory before the first run, more "
        "than the {:.1f} GiB available: lower {} (about {} fit)\n",
        command, count, what, need / gib, *available / gib, lower, fit);
    status = ExitStatus::bad_input;
    return false;
}

}  // namespace accord::app
