#include "sweep_share.hpp"

#include <iostream>

#include <fmt/format.h>

#include "common.hpp"
#include "interrupt.hpp"
#include "memory_budget.hpp"
#include "progress.hpp"

namespace accord::app {

namespace {

// The same command line, without --force and with --resume, quoted for a POSIX shell.
std::string resume_command_line(const std::vector<std::string>& command_line) {
    std::string again;
    for (std::size_t i = 0; i < command_line.size(); ++i) {
        const std::string& arg = command_line[i];
        if (arg == "--force" || arg == "--resume") continue;
        const bool plain = !arg.empty() && arg.find_first_of(" \t'\"$\\;&|<>*?()") == std::string::npos;
        std::string quoted = "'";
        for (char c : arg) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
        again += (i ? " " : "") + (plain ? arg : quoted + "'");
    }
    return again + " --resume";
}

}  // namespace

SweepOptions make_sweep_options(const CommonOptions& common, const SweepCommandOptions& options, const Scenario& s,
                                const RunPlan& plan, int threads, const std::string& start_time) {
    SweepOptions o = sweep_options_for(plan, options.output, options.resume, options.force);
    o.manifest = make_manifest(common, options.scenario, plan.seed, 0, threads, start_time, s.inputs);
    o.memory_available = available_memory_bytes();
    return o;
}

ExitStatus run_sweep_share(const CommonOptions& common, const SweepCommandOptions& options, const Scenario& s,
                           SweepOptions& o, bool report, const std::string& command) {
    Progress progress("points", report && !common.quiet);
    o.progress = [&](long done, long total) { progress.update(done, total); };
    SweepOutcome outcome{};
    ExitStatus status = ExitStatus::success;
    {
        const InterruptScope interrupts;
        o.interrupted = InterruptScope::flag();
        try {
            outcome = run_sweep(s, o);
        } catch (const std::exception& e) {
            status = report_error(e, {"accord " + command, options.scenario});
        }
        progress.finish();
    }
    if (status == ExitStatus::success && !outcome.complete) {
        if (report)
            std::cerr << fmt::format(
                "accord {}: interrupted after {} of {} design points; the finished points are "
                "kept.\nFinish with the same command and --resume:\n  {}\n",
                command, outcome.points_done, outcome.points_total, resume_command_line(common.command_line));
        status = ExitStatus::failure;
    }
    if (status == ExitStatus::success && report && !common.quiet)
        std::cout << fmt::format(
            "{}: {} design points x {} replications{}{}; results in {}/\n", s.name.empty() ? options.scenario : s.name,
            options.shard.empty() ? outcome.design_points : outcome.points_total, o.replications,
            options.shard.empty() ? ""
                                  : fmt::format(" (shard {} of the {} points)", options.shard, outcome.design_points),
            outcome.points_resumed ? fmt::format(", {} points resumed", outcome.points_resumed) : "", options.output);
    return status;
}

}  // namespace accord::app
