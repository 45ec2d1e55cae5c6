// accord run: Monte Carlo over the scenario's uncertainty, the human summary, the result files.
#include <charconv>
#include <filesystem>
#include <iostream>
#include <optional>

#include <fmt/format.h>
#include <tbb/global_control.h>

#include "accord/monte_carlo.hpp"
#include "accord/results.hpp"
#include "commands.hpp"
#include "common.hpp"
#include "memory_budget.hpp"

namespace accord::app {

ExitStatus run_command(const CommonOptions& common, const RunOptions& options) {
    std::optional<long> trajectories;  // nullopt: all
    if (options.trajectories != "all") {
        const auto& t = options.trajectories;
        long count = 0;
        auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), count);
        trajectories = count;
        if (ec != std::errc() || ptr != t.data() + t.size() || count < 0) {
            std::cerr << fmt::format(
                "accord run: error: --trajectories takes a whole number >= 0 or 'all', found '{}'\n", t);
            return ExitStatus::bad_input;
        }
    }
    const std::string start_time = utc_now();
    const auto loaded = load_for_command(common, options.scenario);
    if (!loaded) return ExitStatus::bad_input;
    const Scenario& s = loaded->scenario;
    const RunPlan plan = plan_for_command(common, *loaded, trajectories);
    ExitStatus too_big = ExitStatus::success;
    if (!fits_in_memory("run", batch_memory_bytes(s, plan), plan.runs, too_big)) return too_big;
    const int threads = thread_count(common);
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
    ExitStatus refused = ExitStatus::success;
    std::unique_ptr<DirectoryLock> lock;
    if (!options.output.empty() && !(lock = lock_output("run", options.output, refused))) return refused;
    if (!options.output.empty() && !clear_output("run", options.output, options.force, refused)) return refused;
    std::vector<RunResult> results;
    try {
        results = run_monte_carlo(s, plan);
    } catch (const RunError& e) {
        return report_error(e, {"accord run", options.scenario});
    }
    if (!options.output.empty()) {
        Manifest m = make_manifest(common, options.scenario, plan.seed, plan.runs, threads, start_time, s.inputs);
        m.end_time = utc_now();
        try {
            write_run_results(options.output, s, plan.draws, results, m);
        } catch (const std::exception& e) {
            return report_error(e, {"accord run", ""});
        }
    }
    if (!common.quiet) {
        std::cout << format_run_summary(s, results);
        if (!options.output.empty()) std::cout << fmt::format("  results written to {}/\n", options.output);
    }
    return ExitStatus::success;
}

}  // namespace accord::app
