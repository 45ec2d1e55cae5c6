// accord sensitivity: Sobol or Morris indices over the sweep (or the uncertain) parameters, computed as a resumable
// sweep (the study itself is accord/sensitivity_study.hpp).
#include <algorithm>
#include <filesystem>
#include <iostream>

#include <fmt/format.h>
#include <tbb/global_control.h>

#include "accord/csv.hpp"
#include "accord/sensitivity_study.hpp"
#include "accord/sensitivity_uncertainty.hpp"
#include "commands.hpp"
#include "common.hpp"
#include "memory_budget.hpp"
#include "sweep_share.hpp"

namespace accord::app {

namespace {

void print_indices(const SensitivityStudy& study, long replications, const std::vector<SensitivityRow>& rows) {
    std::cout << fmt::format("\n  {} indices ({} design points x {} replications)\n", method_name(study.method),
                             study.design.size(), replications);
    // Columns as wide as their longest name (at least the former 22 and 30), so that long parameter
    // paths (influence.USA_DOD->USA.weight) keep the table aligned.
    std::size_t output_width = 22, parameter_width = 30;
    for (const auto& r : rows) {
        output_width = std::max(output_width, r.output.size());
        parameter_width = std::max(parameter_width, r.parameter.size());
    }
    std::cout << fmt::format("  {:<{}} {:<{}} {:<8} {:>8}   {}\n", "output", output_width, "parameter", parameter_width,
                             "index", "value", "95% interval");
    // A value that rounds to zero is printed without its sign (-0.000 read as a negative index).
    auto number = [](const std::optional<double>& v) {
        if (!v) return std::string("-");
        const std::string text = fmt::format("{:.3f}", *v);
        return text == "-0.000" ? std::string("0.000") : text;
    };
    for (const auto& r : rows)
        std::cout << fmt::format(
            "  {:<{}} {:<{}} {:<8} {:>8}   {}\n", r.output, output_width, r.parameter, parameter_width, r.index,
            number(r.estimate.value),
            r.estimate.ci_low ? number(r.estimate.ci_low) + " to " + number(r.estimate.ci_high) : std::string("-"));
}

// One warning per Sobol index that its 95% interval does not tell from noise.
void warn_wide_intervals(const std::vector<SensitivityRow>& rows) {
    for (const auto& warning : wide_interval_warnings(rows))
        std::cerr << "accord sensitivity: warning: " << warning << "\n";
}

}  // namespace

ExitStatus sensitivity_command(const CommonOptions& common, const SensitivityCommandOptions& options) {
    const std::string start_time = utc_now();
    const SweepCommandOptions& so = options.sweep;
    if (so.resume && so.force) {
        std::cerr << "accord sensitivity: error: --resume and --force exclude each other\n";
        return ExitStatus::bad_input;
    }
    const auto loaded = load_for_command(common, so.scenario);
    if (!loaded) return ExitStatus::bad_input;
    const bool over_uncertainty = options.over == "uncertainty";
    if (!loaded->scenario.sweep && !over_uncertainty) {
        // At 1:1, as the loader reports a missing required key.
        return report_error(InputError(Location{so.scenario, 1, 1},
                                       "the scenario has no 'sweep' block: its parameters and ranges are what "
                                       "the analysis varies"),
                            {"accord sensitivity", ""});
    }
    const auto method = options.method == "sobol" ? SensitivityMethod::sobol : SensitivityMethod::morris;
    RunPlan plan = plan_for_command(common, *loaded, 0, true);
    // Over the uncertainty, the study sweeps a derived scenario whose sweep block is the drawn
    // parameters; they are then no longer drawn inside a point.
    const Scenario s = over_uncertainty ? uncertainty_study_scenario(loaded->scenario, plan.draws) : loaded->scenario;
    // The design is built whole before the first run: N(d + 2) points (sobol) or N(d + 1) (morris).
    ExitStatus too_big = ExitStatus::success;
    try {
        check_sensitivity_design_memory(s, over_uncertainty ? plan.draws.size() : s.sweep->parameters.size(),
                                        over_uncertainty, method, options.samples, command_line_names);
    } catch (const MemoryBudgetError& e) {
        return report_error(e, {"accord sensitivity", ""});
    }
    if (!expected_utility_fits("sensitivity", s.model.dynamics == Dynamics::expected_utility, s.actor_count(),
                               thread_count(common), too_big))
        return too_big;
    SensitivityStudy study;
    try {
        study = over_uncertainty
                    ? plan_uncertainty_sensitivity(loaded->scenario, plan.draws, method, options.samples, plan.seed)
                    : plan_sensitivity(s, method, options.samples, plan.seed);
    } catch (const InputError& e) {
        return report_error(e, {"accord sensitivity", ""});
    }
    if (over_uncertainty) plan.draws.clear();
    const int threads = thread_count(common);
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
    SweepOptions o = make_sweep_options(common, so, s, plan, threads, start_time);
    o.fingerprint += fmt::format(";{};{}", options.method, study.samples);
    if (over_uncertainty) o.fingerprint += ";over-uncertainty";
    o.design = &study.design;
    o.design_label = study.label;
    ExitStatus refused = ExitStatus::success;
    const auto lock = lock_output("sensitivity", so.output, refused);
    if (!lock) return refused;
    const ExitStatus status = run_sweep_share(common, so, s, o, true, "sensitivity");
    if (status != ExitStatus::success) return status;

    std::vector<SensitivityRow> rows;
    std::vector<OutputCoverage> coverage;
    try {
        rows = sensitivity_indices(s, study, std::filesystem::path(so.output) / "points.csv", &coverage);
        write_file_atomically(std::filesystem::path(so.output) / "sensitivity.csv", sensitivity_csv(study, rows));
    } catch (const std::exception& e) {
        return report_error(e, {"accord sensitivity", ""});
    }
    if (!common.quiet) print_indices(study, o.replications, rows);
    if (method == SensitivityMethod::sobol) warn_wide_intervals(rows);
    for (const auto& note : points_without_deal_notes(study, coverage))
        std::cerr << "accord sensitivity: note: " << note << "\n";
    return ExitStatus::success;
}

}  // namespace accord::app
