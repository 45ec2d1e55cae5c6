#include "accord/memory_budget.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include <fmt/format.h>
#include <sys/resource.h>
#include <unistd.h>

#include "accord/compare.hpp"
#include "accord/design.hpp"
#include "accord/monte_carlo.hpp"
#include "accord/run.hpp"
#include "accord/run_tally.hpp"
#include "accord/sensitivity_uncertainty.hpp"

namespace accord {

namespace {

// What malloc takes for `bytes`: its 16-byte header, in 16-byte steps; nothing for an empty vector.
double allocation(double bytes) {
    return bytes <= 0 ? 0 : std::ceil((bytes + 16) / 16) * 16;
}

}  // namespace

double run_result_bytes(const Scenario& s) {
    const double issues = s.issue_count(), actors = s.actor_count();
    // The terms, and the outcome: filled in every agreed run (the deal's terms), and in every run when
    // some issue has a status quo.
    return sizeof(RunResult) + allocation(8 * issues) + allocation(8 * issues) +
           allocation(8 * static_cast<double>(s.uncertainty.size())) + allocation(sizeof(ActorVerdict) * actors);
}

long stream_block_runs(const Scenario& s, long runs, int threads, bool pairs) {
    // 256 runs, or fewer when their results would pass 64 MiB (100 000 needed actors: 2.4 MB a run),
    // or when the runs would make fewer than 4 blocks a thread: a block is computed on one thread,
    // so 17 runs in one block kept the other threads to helping inside its rounds and waiting.
    const auto fit = static_cast<long>(64.0 * 1024 * 1024 / run_result_bytes(s));
    const long shared = (runs + 4L * threads - 1) / (4L * threads);
    const long block = std::clamp(std::min({fit, runs, shared}), 1L, 256L);
    if (!pairs) return block;
    // A block's runs pair among themselves: an odd one would run alone, and blocks of one never pair
    // (a few runs of a big network, where pairing pays most; the other threads help in the rounds).
    if (block > 1) return block - block % 2;
    return std::min(fit, runs) >= 2 ? 2 : 1;
}

long compare_block_runs(const Scenario& a, const Scenario& b, long runs) {
    // 4096 runs, or fewer when both variants' results would pass 64 MiB.
    const auto fit = static_cast<long>(64.0 * 1024 * 1024 / (run_result_bytes(a) + run_result_bytes(b)));
    return std::clamp(std::min(fit, runs), 1L, 4096L);
}

double batch_memory_bytes(const Scenario& s, const RunPlan& plan, int threads) {
    // The runs are written as they come (stream_monte_carlo); the summary keeps 8 bytes a run for
    // each real quantity (RunTally), and the blocks in flight hold whole results (4 a thread, no more
    // than there are blocks). The rounds --trajectories records are left out: a run may stop long before
    // model.rounds.
    const long block = stream_block_runs(s, plan.runs, threads, runs_pair(s, plan.draws));
    const double blocks = std::min(4.0 * threads, std::ceil(static_cast<double>(plan.runs) / static_cast<double>(block)));
    const double in_flight = blocks * static_cast<double>(block) * run_result_bytes(s);
    return static_cast<double>(plan.runs) * RunTally::bytes_per_run(s) + in_flight;
}

double compare_memory_bytes(const Scenario& a, const Scenario& b, long runs) {
    // One block of each variant (compare_plans), and the paired differences.
    return static_cast<double>(runs) * PairedRuns::bytes_per_run(a, b) +
           static_cast<double>(compare_block_runs(a, b, runs)) * (run_result_bytes(a) + run_result_bytes(b));
}

double design_memory_bytes(double points, double parameters, int copies) {
    // Each point a vector of its values (and a little to spare).
    return points * (copies * (sizeof(std::vector<double>) + allocation(8 * parameters)) + sizeof(long));
}

namespace {

// A value in kB of a /proc file's "Key: value kB" line, in bytes.
std::optional<double> proc_kib(const char* file, const std::string& wanted) {
    std::ifstream in(file);
    for (std::string line; std::getline(in, line);) {
        std::istringstream fields(line);
        std::string key;
        double kib = 0;
        if (fields >> key >> kib && key == wanted) return kib * 1024;
    }
    return std::nullopt;
}

}  // namespace

std::optional<double> available_memory_bytes() {
    std::optional<double> available = proc_kib("/proc/meminfo", "MemAvailable:");
    if (!available) {
        const long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
        if (pages > 0 && page > 0) available = static_cast<double>(pages) * static_cast<double>(page);
    }
    // An address-space limit (ulimit -v) bounds what this process can allocate, whatever the machine has.
    rlimit limit{};
    if (getrlimit(RLIMIT_AS, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY) {
        const double left = static_cast<double>(limit.rlim_cur) - proc_kib("/proc/self/status", "VmSize:").value_or(0);
        available = std::max(0.0, available ? std::min(*available, left) : left);
    }
    return available;
}

namespace {

constexpr double gib = 1024.0 * 1024.0 * 1024.0;

// `count` scaled to what fits of `need` in `available`, at least 1.
long count_that_fits(long count, double need, double available) {
    return std::max(1L, static_cast<long>(std::floor(static_cast<double>(count) * available / need)));
}

}  // namespace

void check_runs_memory(double need, long runs, const BudgetNames& names, std::optional<double> available) {
    if (!available) available = available_memory_bytes();
    if (!available || need <= *available) return;
    const long fit = count_that_fits(runs, need, *available);
    throw MemoryBudgetError(fmt::format(
        "{} runs would hold about {:.1f} GiB of results in memory, more than the {:.1f} GiB available: lower {} "
        "(about {} fit){}; a sweep ({}) writes its rows to disk as it goes",
        runs, need / gib, *available / gib, names.runs, fit,
        names.limits ? fmt::format(", or have such counts refused with --limit runs={}", fit) : "", names.sweep));
}

double expected_utility_bytes(int actors, int threads) {
    const double n = actors;
    return threads * 4 * n * (n * 8 + sizeof(std::vector<double>));
}

void check_expected_utility_memory(bool applies, int actors, int threads, const BudgetNames& names,
                                   std::optional<double> available) {
    if (!applies) return;
    if (!available) available = available_memory_bytes();
    const double need = expected_utility_bytes(actors, threads);
    if (!available || need <= *available) return;
    const long fit = std::max(1L, static_cast<long>(std::floor(std::sqrt(*available / (32.0 * threads)))));
    const char* plural = threads == 1 ? "" : "s";
    throw MemoryBudgetError(fmt::format(
        "the expected-utility model plays each issue with four tables of {} x {} actors a run: about {:.1f} GiB "
        "with {} thread{} at once, more than the {:.1f} GiB available: run fewer threads ({}), fewer actors "
        "(about {} fit with {} thread{}), or another model.dynamics{}",
        actors, actors, need / gib, threads, plural, *available / gib, names.threads, fit, threads, plural,
        names.limits ? fmt::format("; --limit actors={} refuses such files", fit) : ""));
}

void check_design_memory(double need, long count, const std::string& what, const std::string& lower,
                         std::optional<double> available) {
    if (!available) available = available_memory_bytes();
    if (!available || need <= *available) return;
    throw MemoryBudgetError(fmt::format(
        "{} {} make a design of about {:.1f} GiB, built in memory before the first run, more than the {:.1f} GiB "
        "available: lower {} (about {} fit)",
        count, what, need / gib, *available / gib, lower, count_that_fits(count, need, *available)));
}

void check_sweep_design_memory(const SweepSpec& sweep, std::optional<double> available) {
    const long points = sweep.design == Design::grid ? 0 : design_size(sweep);
    check_design_memory(design_memory_bytes(static_cast<double>(points), static_cast<double>(sweep.parameters.size())),
                        points, "design points", "sweep.samples", available);
}

void check_sensitivity_design_memory(const Scenario& s, std::size_t factors, bool over_uncertainty,
                                     SensitivityMethod method, std::optional<long> samples, const BudgetNames& names,
                                     std::optional<double> available) {
    const bool sobol = method == SensitivityMethod::sobol;
    // The defaults of plan_sensitivity and plan_uncertainty_sensitivity.
    const long file_samples = !over_uncertainty && s.sweep && s.sweep->samples > 1 ? s.sweep->samples : 0;
    const long n = samples.value_or(file_samples > 0 ? file_samples
                                                     : (sobol ? (over_uncertainty ? uncertainty_sobol_samples : 256) : 20));
    const double d = static_cast<double>(factors);
    // Morris's deals' terms copy the trajectories with a deal at every point (complete_morris): a third copy.
    const int copies = !sobol && s.has_status_quo() ? 3 : 2;
    check_design_memory(design_memory_bytes(static_cast<double>(n) * (d + (sobol ? 2 : 1)), d, copies), n, "samples",
                        names.samples, available);
}

void check_yaml_memory(const std::string& file, double max_file_bytes, const BudgetNames& names,
                       std::optional<double> available) {
    std::error_code ec;
    const auto status = std::filesystem::status(file, ec);
    if (ec || !std::filesystem::is_regular_file(status)) return;  // a pipe's size is not known before it is read
    const auto bytes = static_cast<double>(std::filesystem::file_size(file, ec));
    if (ec || bytes > max_file_bytes) return;  // the loader refuses it unread, naming the limit
    if (!available) available = available_memory_bytes();
    const double need = bytes * yaml_bytes_per_file_byte;
    if (!available || need <= *available) return;
    const double mib = 1024.0 * 1024.0, gib = mib * 1024.0;
    const long fit = static_cast<long>(std::floor(*available / yaml_bytes_per_file_byte));
    throw MemoryBudgetError(fmt::format(
        "{}: error: a YAML file of {:.1f} MiB needs about {:.1f} GiB to parse (yaml-cpp builds a tree of every "
        "node: about {} bytes a byte of the file, measured), more than the {:.1f} GiB available: put the actors in "
        "a table (actors: {{csv: FILE}}), which is read without that tree{}",
        file, bytes / mib, need / gib, yaml_bytes_per_file_byte, *available / gib, names.limits
            ? fmt::format(", or have such files refused with --limit file-bytes={}", fit)
            : ""));
}

}  // namespace accord
