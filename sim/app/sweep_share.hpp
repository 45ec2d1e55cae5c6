// What `accord sweep` and `accord sensitivity` share on the command line: the sweep's options
// from the common ones, and running this process's share of the sweep with progress, Ctrl-C
// (finished points are kept for --resume) and the closing line.
#pragma once

#include <string>

#include "accord/plan.hpp"
#include "accord/scenario.hpp"
#include "accord/sweep.hpp"
#include "commands.hpp"
#include "exit_status.hpp"

namespace accord::app {

// Directory, replications (the plan's runs per point: --runs, else sweep.replications, else monte_carlo.runs),
// --resume/--force, the fingerprint of the options and the manifest.
SweepOptions make_sweep_options(const CommonOptions& common, const SweepCommandOptions& options, const Scenario& s,
                                const RunPlan& plan, int threads, const std::string& start_time);

// Runs this process's share of the sweep into `o.dir`. `report` false keeps the messages to one
// process (the ranks of mpirun other than 0). `command` ("sweep", "sensitivity") names it in messages.
ExitStatus run_sweep_share(const CommonOptions& common, const SweepCommandOptions& options, const Scenario& s,
                           SweepOptions& o, bool report, const std::string& command = "sweep");

}  // namespace accord::app
