// The subcommands of `accord`, one file each (run_command.cpp, ...): each parses nothing itself;
// it gets its options and returns the exit status.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "exit_status.hpp"

namespace accord::app {

// Options shared by the commands (docs/interface.md section 1).
struct CommonOptions {
    std::optional<unsigned long long> seed;
    std::optional<long> runs;
    int threads = 0;  // 0: all cores
    std::vector<std::string> sets;
    std::vector<std::string> limits;  // --limit NAME=N
    bool quiet = false;
    std::vector<std::string> command_line;
};

struct RunOptions {
    std::string scenario;
    std::string output;  // "" : summary only
    std::string trajectories = "10";
    bool force = false;  // replace the results in a non-empty output directory
};

struct SweepCommandOptions {
    std::string scenario;
    std::string output;
    std::string shard;  // "K/N"
    bool resume = false;
    bool force = false;
};

struct SensitivityCommandOptions {
    SweepCommandOptions sweep;  // scenario, output, --resume, --force
    std::string method = "sobol";
    std::optional<long> samples;  // sobol: base samples N; morris: trajectories
    std::string over = "sweep";   // the factors: the sweep block's parameters, or the uncertainty's
};

ExitStatus run_command(const CommonOptions& common, const RunOptions& options);
ExitStatus sweep_command(const CommonOptions& common, const SweepCommandOptions& options);
// `force`: replace the results already in a non-empty `output` (as run -o --force).
ExitStatus compare_command(const CommonOptions& common, const std::string& a, const std::string& b,
                           const std::string& output, bool force);
// `bins` holds the --bins PARAM=N, as checked on the command line.
ExitStatus summarize_command(const CommonOptions& common, const std::string& runs_csv,
                             const std::vector<std::string>& by, const std::vector<std::string>& bins,
                             const std::string& output);
struct BacktestOptions {
    std::vector<std::string> files;
    std::string deu, output;
    std::optional<long> folds;  // --folds K: K-fold cross-validation by proposal
    std::string split;          // --split odd-even
    bool pooled = false;        // --pooled: also the held-out predictions of every part scored together
};
ExitStatus backtest_command(const CommonOptions& common, const BacktestOptions& options);
ExitStatus sensitivity_command(const CommonOptions& common, const SensitivityCommandOptions& options);
ExitStatus merge_command(const CommonOptions& common, const std::vector<std::string>& shards,
                         const std::string& output);
ExitStatus validate_command(const CommonOptions& common, const std::vector<std::string>& files);
ExitStatus graph_command(const CommonOptions& common, const std::string& scenario);
// accord report DIR -o FILE (report_command.cpp): the briefing report of a result directory as HTML.
ExitStatus report_command(const CommonOptions& common, const std::string& directory, const std::string& output);

}  // namespace accord::app
