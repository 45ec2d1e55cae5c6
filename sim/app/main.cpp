// accord: the command line. It parses arguments and calls the library; nothing else.
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <iostream>

#include <stdio_ext.h>

#include <CLI/CLI.hpp>

#include "accord/version.hpp"
#include "commands.hpp"
#include "heap_settings.hpp"
#include "mpi.hpp"

namespace {

using namespace accord::app;

// Every subcommand's options, filled by CLI11.
struct CommandLine {
    CommonOptions common;
    RunOptions run;
    std::vector<std::string> validate_files;
    std::string graph_file;
    SweepCommandOptions sweep;
    std::vector<std::string> merge_inputs;
    std::string merge_output;
    std::string compare_a, compare_b, compare_output;
    bool compare_force = false;
    std::string summarize_input, summarize_output;
    std::vector<std::string> summarize_by, summarize_bins;
    BacktestOptions backtest;
    SensitivityCommandOptions sensitivity;
    std::string report_input, report_output;
    CLI::App *run_cmd = nullptr, *validate_cmd = nullptr, *graph_cmd = nullptr, *sweep_cmd = nullptr,
             *merge_cmd = nullptr, *compare_cmd = nullptr, *summarize_cmd = nullptr, *backtest_cmd = nullptr,
             *sensitivity_cmd = nullptr, *report_cmd = nullptr;
};

// --bins PARAM=N: a column name, '=', and N from 1 to 10000 in plain decimal.
const CLI::Validator bins_spec(
    [](std::string& text) -> std::string {
        const auto eq = text.rfind('=');
        const std::string n = eq == std::string::npos ? "" : text.substr(eq + 1);
        const bool digits =
            !n.empty() && n.size() <= 5 && n.find_first_not_of("0123456789") == std::string::npos && n[0] != '0';
        if (eq == 0 || !digits || std::stol(n) > 10000)
            return "must be PARAM=N with N a whole number from 1 to 10000, found '" + text + "'";
        return "";
    },
    "PARAM=N");

// Whole numbers on the command line are plain decimal: CLI11 would read 010 as 8, 0x10 as 16, and
// wrap -1 or 2^64 into the largest seed; the docs promise a refusal (exit 2).
const CLI::Validator plain_decimal(
    [](std::string& text) -> std::string {
        const bool digits = !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
        if (!digits || (text.size() > 1 && text[0] == '0'))
            return "must be a whole number written in decimal without a sign or leading zeros, found '" + text + "'";
        if (text.size() > 20 || (text.size() == 20 && text > "18446744073709551615"))
            return "is larger than 18446744073709551615, found '" + text + "'";
        return {};
    },
    "DECIMAL");

void add_common(CLI::App* cmd, CommonOptions& common) {
    cmd->add_option("--seed", common.seed, "Base seed (overrides monte_carlo.seed); run r uses seed + r")
        ->check(plain_decimal);
    cmd->add_option("--runs", common.runs, "Number of Monte Carlo runs (overrides monte_carlo.runs)")
        ->check(plain_decimal)
        ->check(CLI::Range(1L, 100000000L));
    cmd->add_option("--threads", common.threads, "Worker threads (default: all cores)")
        ->check(plain_decimal)
        ->check(CLI::Range(1, 4096));
    cmd->add_option("--set", common.sets, "Fix a parameter: PATH=VALUE (repeatable)");
    cmd->add_flag("-q,--quiet", common.quiet, "No progress and no human summary");
    cmd->add_option(
        "--limit", common.limits,
        "Raise an input limit: NAME=N with NAME file-bytes, nesting, actors, issues, edges, rounds or runs");
}

// The commands on one scenario: run, validate, graph.
void define_scenario_commands(CLI::App& app, CommandLine& c) {
    c.run_cmd = app.add_subcommand("run", "Simulate a scenario (Monte Carlo over its uncertainty)");
    c.run_cmd->add_option("scenario", c.run.scenario, "Scenario file (YAML)")->required();
    c.run_cmd->add_option("-o,--output", c.run.output, "Directory for the result files (default: none, summary only)");
    c.run_cmd->add_option("--trajectories", c.run.trajectories,
                          "Runs whose rounds are written: N or 'all' (default 10)");
    c.run_cmd->add_flag("--force", c.run.force, "Replace the results already in the -o directory");
    add_common(c.run_cmd, c.common);
    c.validate_cmd = app.add_subcommand("validate", "Check scenario files and print every problem found");
    c.validate_cmd->add_option("files", c.validate_files, "Scenario files")->required();
    add_common(c.validate_cmd, c.common);
    c.graph_cmd = app.add_subcommand("graph", "Print the influence network as Graphviz DOT");
    c.graph_cmd->add_option("scenario", c.graph_file, "Scenario file (YAML)")->required();
    add_common(c.graph_cmd, c.common);
}

// The commands of sweeps: sweep, merge.
void define_sweep_commands(CLI::App& app, CommandLine& c) {
    c.sweep_cmd = app.add_subcommand("sweep", "Run the scenario's sweep design (every point x replications)");
    c.sweep_cmd
        ->add_option("scenario", c.sweep.scenario, "Scenario file (YAML) with a 'sweep' (or 'uncertainty') block")
        ->required();
    c.sweep_cmd->add_option("-o,--output", c.sweep.output, "Directory for the result files")->required();
    c.sweep_cmd->add_option("--shard", c.sweep.shard, "Run only shard K of N (0-based), e.g. 3/8");
    c.sweep_cmd->add_flag("--resume", c.sweep.resume, "Finish an interrupted sweep in its directory");
    c.sweep_cmd->add_flag("--force", c.sweep.force, "Replace the results already in the directory");
    add_common(c.sweep_cmd, c.common);
    c.merge_cmd = app.add_subcommand("merge", "Combine the result directories of the shards of one sweep");
    c.merge_cmd->add_option("shards", c.merge_inputs, "Shard result directories")->required();
    c.merge_cmd->add_option("-o,--output", c.merge_output, "Directory for the merged result files")->required();
    add_common(c.merge_cmd, c.common);
}

// The commands that compare and analyse: compare, summarize, backtest, sensitivity.
void define_analysis_commands(CLI::App& app, CommandLine& c) {
    c.compare_cmd = app.add_subcommand("compare", "Compare two variants of a scenario on common random numbers");
    c.compare_cmd->add_option("scenario_a", c.compare_a, "Scenario A (YAML): the reference")->required();
    c.compare_cmd->add_option("scenario_b", c.compare_b, "Scenario B (YAML): the variant, run on A's seeds")
        ->required();
    c.compare_cmd->add_option("-o,--output", c.compare_output, "Directory for compare.csv and manifest.json");
    c.compare_cmd->add_flag("--force", c.compare_force, "Replace the results already in the -o directory");
    add_common(c.compare_cmd, c.common);
    c.summarize_cmd = app.add_subcommand("summarize", "Aggregate a runs.csv by some of its columns");
    c.summarize_cmd->add_option("runs", c.summarize_input, "runs.csv of accord run or accord sweep")->required();
    c.summarize_cmd->add_option("--by", c.summarize_by, "Columns to group by (parameter paths)")
        ->required()
        ->expected(1, -1);
    c.summarize_cmd
        ->add_option("--bins", c.summarize_bins, "PARAM=N: group the --by column PARAM by N equal-width bins")
        ->expected(1, -1)
        ->check(bins_spec);
    c.summarize_cmd->add_option("-o,--output", c.summarize_output, "Write the table to FILE instead of stdout");
    add_common(c.summarize_cmd, c.common);
    c.backtest_cmd = app.add_subcommand("backtest", "Compare models' predictions with observed outcomes");
    c.backtest_cmd->add_option("files", c.backtest.files, "Scenario files with an 'observed' block");
    c.backtest_cmd->add_option("--deu", c.backtest.deu, "A DEU-format table of EU negotiations (tab-separated)");
    c.backtest_cmd->add_option("-o,--output", c.backtest.output, "Directory for cases.csv, errors.csv, manifest.json");
    auto* folds = c.backtest_cmd->add_option("--folds", c.backtest.folds, "K-fold cross-validation by whole proposal")
                      ->check(plain_decimal)
                      ->check(CLI::Range(2L, 1000000L));
    c.backtest_cmd->add_option("--split", c.backtest.split, "odd-even: hold out the odd, then the even proposals")
        ->check(CLI::IsMember({"odd-even"}))
        ->excludes(folds);
    c.backtest_cmd->add_flag(
        "--pooled", c.backtest.pooled,
        "With --folds or --split: also score every case on its held-out predictions together (fold 'pooled')");
    add_common(c.backtest_cmd, c.common);
    c.sensitivity_cmd = app.add_subcommand(
        "sensitivity", "Global sensitivity of agreement and terms to the sweep or uncertain parameters");
    c.sensitivity_cmd
        ->add_option("scenario", c.sensitivity.sweep.scenario,
                     "Scenario file (YAML) with a 'sweep' (or 'uncertainty') block")
        ->required();
    c.sensitivity_cmd->add_option("-o,--output", c.sensitivity.sweep.output, "Directory for the result files")
        ->required();
    c.sensitivity_cmd->add_option("--method", c.sensitivity.method, "sobol (default) or morris")
        ->check(CLI::IsMember({"sobol", "morris"}));
    c.sensitivity_cmd
        ->add_option("--samples", c.sensitivity.samples,
                     "sobol: base samples N (runs N(d+2) points); morris: trajectories")
        ->check(plain_decimal)
        ->check(CLI::Range(2L, 100000000L));
    c.sensitivity_cmd
        ->add_option("--over", c.sensitivity.over,
                     "sweep (default: the sweep block's parameters over their ranges) or uncertainty (the "
                     "uncertainty block's parameters over their distributions)")
        ->check(CLI::IsMember({"sweep", "uncertainty"}));
    c.sensitivity_cmd->add_flag("--resume", c.sensitivity.sweep.resume, "Finish an interrupted analysis");
    c.sensitivity_cmd->add_flag("--force", c.sensitivity.sweep.force, "Replace the results already in the directory");
    add_common(c.sensitivity_cmd, c.common);
    c.report_cmd = app.add_subcommand("report", "A briefing report of a result directory as one self-contained HTML file");
    c.report_cmd->add_option("directory", c.report_input, "Result directory of run, sweep, compare, sensitivity or backtest")
        ->required();
    c.report_cmd->add_option("-o,--output", c.report_output, "The HTML file to write")->required();
    add_common(c.report_cmd, c.common);
}

int run_main(int argc, char** argv);

ExitStatus dispatch(const CommandLine& c) {
    const CommonOptions& common = c.common;
    if (c.run_cmd->parsed()) return run_command(common, c.run);
    if (c.validate_cmd->parsed()) return validate_command(common, c.validate_files);
    if (c.graph_cmd->parsed()) return graph_command(common, c.graph_file);
    if (c.sweep_cmd->parsed()) return sweep_command(common, c.sweep);
    if (c.merge_cmd->parsed()) return merge_command(common, c.merge_inputs, c.merge_output);
    if (c.backtest_cmd->parsed()) return backtest_command(common, c.backtest);
    if (c.compare_cmd->parsed())
        return compare_command(common, c.compare_a, c.compare_b, c.compare_output, c.compare_force);
    if (c.summarize_cmd->parsed())
        return summarize_command(common, c.summarize_input, c.summarize_by, c.summarize_bins, c.summarize_output);
    if (c.sensitivity_cmd->parsed()) return sensitivity_command(common, c.sensitivity);
    if (c.report_cmd->parsed()) return report_command(common, c.report_input, c.report_output);
    return ExitStatus::bad_input;
}

// Standard output flushed and closed, and every write to it checked: a full device or a closed
// pipe is an error (exit status 1), never a truncated output with exit status 0.
int finish_standard_output(int code) {
    const int earlier = errno;  // of a write that failed before (a flush of std::endl), if any
    errno = 0;
    std::cout.flush();
    bool ok = !std::cout.fail();
    int err = ok ? 0 : errno;
    errno = 0;
    if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
        ok = false;
        err = err ? err : errno;
    }
    // As gnulib's close_stream: a standard output closed by the caller (>&-) is an error only
    // when something was to be written to it.
    const bool pending = __fpending(stdout) != 0;
    errno = 0;
    if (std::fclose(stdout) != 0 && (pending || errno != EBADF)) {
        ok = false;
        err = err ? err : errno;
    }
    if (ok) return code;
    err = err ? err : (earlier ? earlier : EIO);
    std::cerr << "accord: error: cannot write to standard output: " << std::strerror(err) << "\n";
    return code == 0 ? exit_code(ExitStatus::failure) : code;
}

}  // namespace

int main(int argc, char** argv) {
    return finish_standard_output(run_main(argc, argv));
}

namespace {

int run_main(int argc, char** argv) {
    // A file-size limit (ulimit -f) fails the write with EFBIG, reported and cleaned up as a full
    // disk is, instead of killing the process and leaving a temporary file behind.
    std::signal(SIGXFSZ, SIG_IGN);
    keep_freed_heap();  // before MPI and oneTBB start threads
    MpiSession mpi(argc, argv);
    CLI::App app{"accord: negotiation-stance simulator"};
    app.require_subcommand(1);
    app.set_version_flag("--version", std::string("accord ") + accord::version);
    CommandLine c;
    for (int i = 0; i < argc; ++i) c.common.command_line.emplace_back(argv[i]);
    // In this order in --help.
    define_scenario_commands(app, c);
    define_sweep_commands(app, c);
    define_analysis_commands(app, c);
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::cerr << "accord: error: " << e.what() << "\nRun 'accord --help' for usage.\n";
        return exit_code(ExitStatus::bad_input);
    }
    try {
        return exit_code(dispatch(c));
    } catch (const std::exception& e) {
        return exit_code(report_error(e, {"accord", ""}));
    }
}

}  // namespace
