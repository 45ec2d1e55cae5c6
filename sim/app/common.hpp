// What the commands share: loading a scenario with the common options, the thread count, the
// manifest every result directory gets, and writing result files.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "accord/directory_lock.hpp"
#include "accord/load.hpp"
#include "accord/manifest.hpp"
#include "accord/plan.hpp"
#include "accord/scenario.hpp"
#include "commands.hpp"

namespace accord::app {

// The input limits with every --limit applied; a bad --limit prints and gives nullopt.
std::optional<LoadLimits> limits_of(const CommonOptions& common);

// A scenario as loaded (never changed afterwards) and the command line's --set overrides, checked
// against it; the overrides go into the command's run plan.
struct LoadedScenario {
    Scenario scenario;
    std::vector<Override> overrides;
};

// Loads a scenario and checks --set against it; input errors print and return nullopt. `report`
// false keeps the messages to one process (the ranks of mpirun other than 0).
std::optional<LoadedScenario> load_for_command(const CommonOptions& common, const std::string& file,
                                               bool report = true);

// The run plan of a command, the one way every command builds it: the --set overrides, --seed and
// --runs over the file's values, and the runs that record their rounds (nullopt: all).
// `per_point`: a sweep or sensitivity study, whose runs are the replications of each point
// (--runs, else sweep.replications, else monte_carlo.runs).
RunPlan plan_for_command(const CommonOptions& common, const Scenario& scenario, const std::vector<Override>& overrides,
                         std::optional<long> trajectories, bool per_point = false);
inline RunPlan plan_for_command(const CommonOptions& common, const LoadedScenario& loaded,
                                std::optional<long> trajectories, bool per_point = false) {
    return plan_for_command(common, loaded.scenario, loaded.overrides, trajectories, per_point);
}

// --threads, else every core.
int thread_count(const CommonOptions& common);

// The manifest fields every command fills alike; the caller adds the rest and the end time.
// `inputs`: the files the loader read (Scenario::inputs; the scenario first), whose bytes give
// scenario_sha256, inputs and inputs_sha256; when empty, the file `scenario` is read for its hash.
Manifest make_manifest(const CommonOptions& common, const std::string& scenario, std::uint64_t seed, long runs,
                       int threads, const std::string& start_time, const std::vector<InputFile>& inputs = {});

// Locks the output directory `dir` for the rest of the command (creating it when missing); when
// another command holds it or it cannot be locked, prints "accord COMMAND: error: ...", sets
// `status` and returns nullptr.
std::unique_ptr<DirectoryLock> lock_output(const std::string& command, const std::string& dir, ExitStatus& status);

// A locked output directory made ready for new results: refused (message, `status`, false) when
// it holds anything but its lock file, unless `force`, which removes the result files of every
// accord command (and an unfinished sweep's journals and rank directories) first.
bool clear_output(const std::string& command, const std::string& dir, bool force, ExitStatus& status);

// For the commands that replace their own files in place (merge, backtest): refused (message,
// `status`, false) when the locked `dir` holds a result file of another accord command, which
// would be left beside the new results (a run's summary.csv beside a merged runs.csv).
bool refuse_other_results(const std::string& command, const std::string& dir, std::span<const char* const> own,
                          ExitStatus& status);

// Writes result files (each complete or absent) and then manifest.json into `dir`; on failure
// prints "accord COMMAND: error: ..." and returns false.
bool write_result_files(const std::string& command, const std::string& dir,
                        const std::vector<std::pair<std::string, std::string>>& files, Manifest manifest);

}  // namespace accord::app
