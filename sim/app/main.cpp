// accord: the command line. It parses arguments and calls the library; nothing else.
#include <iostream>

#include <CLI/CLI.hpp>

#include "accord/version.hpp"
#include "commands.hpp"
#include "mpi.hpp"

namespace {

void add_common(CLI::App* cmd, accord::app::CommonOptions& common) {
    cmd->add_option("--seed", common.seed, "Base seed (overrides monte_carlo.seed); run r uses seed + r");
    cmd->add_option("--runs", common.runs, "Number of Monte Carlo runs (overrides monte_carlo.runs)")
        ->check(CLI::Range(1L, 100000000L));
    cmd->add_option("--threads", common.threads, "Worker threads (default: all cores)")->check(CLI::Range(1, 4096));
    cmd->add_option("--set", common.sets, "Fix a parameter: PATH=VALUE (repeatable)");
    cmd->add_flag("-q,--quiet", common.quiet, "No progress and no human summary");
    cmd->add_option(
        "--limit", common.limits,
        "Raise an input limit: NAME=N with NAME file-bytes, nesting, actors, issues, edges, rounds or runs");
}

}  // namespace

int main(int argc, char** argv) {
    accord::app::MpiSession mpi(argc, argv);
    CLI::App app{"accord: negotiation-stance simulator"};
    app.require_subcommand(1);
    app.set_version_flag("--version", std::string("accord ") + accord::version);
    accord::app::CommonOptions common;
    for (int i = 0; i < argc; ++i) common.command_line.emplace_back(argv[i]);

    accord::app::RunOptions run;
    auto* run_cmd = app.add_subcommand("run", "Simulate a scenario (Monte Carlo over its uncertainty)");
    run_cmd->add_option("scenario", run.scenario, "Scenario file (YAML)")->required();
    run_cmd->add_option("-o,--output", run.output, "Directory for the result files (default: none, summary only)");
    run_cmd->add_option("--trajectories", run.trajectories, "Runs whose rounds are written: N or 'all' (default 10)");
    add_common(run_cmd, common);

    std::vector<std::string> validate_files;
    auto* validate_cmd = app.add_subcommand("validate", "Check scenario files and print every problem found");
    validate_cmd->add_option("files", validate_files, "Scenario files")->required();
    add_common(validate_cmd, common);

    std::string graph_file;
    auto* graph_cmd = app.add_subcommand("graph", "Print the influence network as Graphviz DOT");
    graph_cmd->add_option("scenario", graph_file, "Scenario file (YAML)")->required();
    add_common(graph_cmd, common);

    accord::app::SweepCommandOptions sweep;
    auto* sweep_cmd = app.add_subcommand("sweep", "Run the scenario's sweep design (every point x replications)");
    sweep_cmd->add_option("scenario", sweep.scenario, "Scenario file (YAML) with a 'sweep' block")->required();
    sweep_cmd->add_option("-o,--output", sweep.output, "Directory for the result files")->required();
    sweep_cmd->add_option("--shard", sweep.shard, "Run only shard K of N (0-based), e.g. 3/8");
    sweep_cmd->add_flag("--resume", sweep.resume, "Finish an interrupted sweep in its directory");
    sweep_cmd->add_flag("--force", sweep.force, "Replace the results already in the directory");
    add_common(sweep_cmd, common);

    std::vector<std::string> merge_inputs;
    std::string merge_output;
    auto* merge_cmd = app.add_subcommand("merge", "Combine the result directories of the shards of one sweep");
    merge_cmd->add_option("shards", merge_inputs, "Shard result directories")->required();
    merge_cmd->add_option("-o,--output", merge_output, "Directory for the merged result files")->required();
    add_common(merge_cmd, common);

    std::string compare_a, compare_b, compare_output;
    auto* compare_cmd = app.add_subcommand("compare", "Compare two variants of a scenario on common random numbers");
    compare_cmd->add_option("a", compare_a, "Scenario A (YAML)")->required();
    compare_cmd->add_option("b", compare_b, "Scenario B (YAML)")->required();
    compare_cmd->add_option("-o,--output", compare_output, "Directory for compare.csv and manifest.json");
    add_common(compare_cmd, common);

    std::string summarize_input, summarize_output;
    std::vector<std::string> summarize_by;
    auto* summarize_cmd = app.add_subcommand("summarize", "Aggregate a runs.csv by some of its columns");
    summarize_cmd->add_option("runs", summarize_input, "runs.csv of accord run or accord sweep")->required();
    summarize_cmd->add_option("--by", summarize_by, "Columns to group by (parameter paths)")
        ->required()
        ->expected(1, -1);
    summarize_cmd->add_option("-o,--output", summarize_output, "Write the table to FILE instead of stdout");
    add_common(summarize_cmd, common);

    std::vector<std::string> backtest_files;
    std::string backtest_deu, backtest_output;
    auto* backtest_cmd = app.add_subcommand("backtest", "Compare models' predictions with observed outcomes");
    backtest_cmd->add_option("files", backtest_files, "Scenario files with an 'observed' block");
    backtest_cmd->add_option("--deu", backtest_deu, "A DEU-format table of EU negotiations (tab-separated)");
    backtest_cmd->add_option("-o,--output", backtest_output, "Directory for cases.csv, errors.csv, manifest.json");
    add_common(backtest_cmd, common);

    accord::app::SensitivityCommandOptions sensitivity;
    auto* sensitivity_cmd =
        app.add_subcommand("sensitivity", "Global sensitivity of agreement and terms to the sweep parameters");
    sensitivity_cmd->add_option("scenario", sensitivity.sweep.scenario, "Scenario file (YAML) with a 'sweep' block")
        ->required();
    sensitivity_cmd->add_option("-o,--output", sensitivity.sweep.output, "Directory for the result files")->required();
    sensitivity_cmd->add_option("--method", sensitivity.method, "sobol (default) or morris")
        ->check(CLI::IsMember({"sobol", "morris"}));
    sensitivity_cmd
        ->add_option("--samples", sensitivity.samples,
                     "sobol: base samples N (runs N(d+2) points); morris: trajectories")
        ->check(CLI::Range(2L, 100000000L));
    sensitivity_cmd->add_flag("--resume", sensitivity.sweep.resume, "Finish an interrupted analysis");
    sensitivity_cmd->add_flag("--force", sensitivity.sweep.force, "Replace the results already in the directory");
    add_common(sensitivity_cmd, common);

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
        return 2;
    }
    try {
        if (run_cmd->parsed()) return accord::app::run_command(common, run);
        if (validate_cmd->parsed()) return accord::app::validate_command(common, validate_files);
        if (graph_cmd->parsed()) return accord::app::graph_command(common, graph_file);
        if (sweep_cmd->parsed()) return accord::app::sweep_command(common, sweep);
        if (merge_cmd->parsed()) return accord::app::merge_command(common, merge_inputs, merge_output);
        if (backtest_cmd->parsed())
            return accord::app::backtest_command(common, backtest_files, backtest_deu, backtest_output);
        if (compare_cmd->parsed()) return accord::app::compare_command(common, compare_a, compare_b, compare_output);
        if (summarize_cmd->parsed())
            return accord::app::summarize_command(common, summarize_input, summarize_by, summarize_output);
        if (sensitivity_cmd->parsed()) return accord::app::sensitivity_command(common, sensitivity);
    } catch (const std::exception& e) {
        std::cerr << "accord: error: " << e.what() << "\n";
        return 1;
    }
    return 2;
}
