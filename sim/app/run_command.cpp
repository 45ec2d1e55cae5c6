// accord run: Monte Carlo over the scenario's uncertainty, the human summary, the result files.
#include <charconv>
#include <filesystem>
#include <iostream>
#include <optional>
#include <stdexcept>

#include <fmt/format.h>
#include <tbb/global_control.h>

#include "accord/monte_carlo.hpp"
#include "accord/results.hpp"
#include "commands.hpp"
#include "common.hpp"
#include "interrupt.hpp"
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
    // Without -o no round is written: none is recorded (10^7 rounds of a run held 1.7 GB).
    RunPlan plan = plan_for_command(common, *loaded, options.output.empty() ? std::optional<long>(0) : trajectories);
    plan.final_zone = true;  // the console says whether a deal existed where a setter offered none
    ExitStatus too_big = ExitStatus::success;
    const int threads = thread_count(common);
    if (!fits_in_memory("run", batch_memory_bytes(s, plan, threads), plan.runs, too_big)) return too_big;
    if (!expected_utility_fits("run", s.model.dynamics == Dynamics::expected_utility, s.actor_count(),
                               static_cast<int>(std::min<long>(threads, plan.runs)), too_big))
        return too_big;
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
    ExitStatus refused = ExitStatus::success;
    std::unique_ptr<DirectoryLock> lock;
    if (!options.output.empty() && !(lock = lock_output("run", options.output, refused))) return refused;
    if (!options.output.empty() && !clear_output("run", options.output, options.force, refused)) return refused;
    // The runs are written as they come and only the summary's values are kept (RunTally).
    RunTally tally(s, plan.runs);
    std::optional<RunFiles> files;
    // With -o, Ctrl-C or SIGTERM stops at the next block and the temporary files are removed.
    std::optional<InterruptScope> interrupts;
    if (!options.output.empty()) interrupts.emplace();
    try {
        if (!options.output.empty()) files.emplace(options.output, s, plan.draws);
        stream_monte_carlo(s, plan, [&](long first, const std::vector<RunResult>& runs) {
            if (interrupts && InterruptScope::requested())
                throw std::runtime_error("interrupted by a signal: no result file was written");
            for (std::size_t i = 0; i < runs.size(); ++i) {
                if (files) files->add(first + static_cast<long>(i), runs[i]);
                tally.add(runs[i]);
            }
        }, stream_block_runs(s, plan.runs, threads, runs_pair(s, plan.draws)), run_spread(s, threads));
    } catch (const RunError& e) {
        return report_error(e, {"accord run", options.scenario});
    } catch (const std::exception& e) {
        return report_error(e, {"accord run", ""});
    }
    if (files && InterruptScope::requested()) {
        std::cerr << "accord run: error: interrupted by a signal: no result file was written\n";
        return ExitStatus::failure;
    }
    if (files) {
        Manifest m = make_manifest(common, options.scenario, plan.seed, plan.runs, threads, start_time, s.inputs);
        m.end_time = utc_now();
        try {
            files->commit(tally, m);
        } catch (const std::exception& e) {
            return report_error(e, {"accord run", ""});
        }
    }
    if (!common.quiet) {
        std::cout << format_run_summary(s, tally, plan.start);
        if (!options.output.empty()) std::cout << fmt::format("  results written to {}/\n", options.output);
    }
    return ExitStatus::success;
}

}  // namespace accord::app
