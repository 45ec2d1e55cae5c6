// accord backtest: models' predictions against observed outcomes, from scenarios with an
// `observed` block or a DEU-format table.
#include <filesystem>
#include <iostream>

#include <fmt/format.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

#include "accord/backtest.hpp"
#include "accord/run.hpp"
#include "commands.hpp"
#include "common.hpp"

namespace accord::app {

namespace {

// The cases: scenario files with observed terms, then the issues of a DEU table. Input errors
// print; nullopt when there was any.
std::optional<std::vector<BacktestCase>> load_cases(const CommonOptions& common, const std::vector<std::string>& files,
                                                    const std::string& deu) {
    std::vector<BacktestCase> cases;
    bool input_ok = true;
    for (const auto& file : files) {
        const auto loaded = load_for_command(common, file);
        if (!loaded) {
            input_ok = false;
            continue;
        }
        // A case is the scenario its run plan describes (the file's values after --set).
        auto s = std::optional<Scenario>(planned_scenario(loaded->scenario, plan_for_command(common, *loaded, 0)));
        bool any = s->observed.has_value();
        if (any) {
            any = false;
            for (const auto& t : s->observed->terms) any = any || t.has_value();
        }
        if (!any) {
            std::cerr << fmt::format("{}: error: no observed terms to test against (add observed: {{terms: ...}})\n",
                                     file);
            input_ok = false;
            continue;
        }
        cases.push_back({std::filesystem::path(file).stem().string(), std::move(*s)});
    }
    if (!deu.empty()) {
        try {
            auto table = load_deu_cases(deu);
            for (auto& c : table) cases.push_back(std::move(c));
        } catch (const InputError& e) {
            report_error(e, {"accord backtest", ""});
            input_ok = false;
        }
    }
    if (!input_ok) return std::nullopt;
    return cases;
}

void print_backtest(const std::vector<BacktestCase>& cases, const std::vector<CasePrediction>& predictions,
                    const std::vector<ModelError>& errors, const std::string& output) {
    std::cout << fmt::format("{} cases, {} issues with an observed outcome\n", cases.size(), predictions.size());
    if (predictions.size() <= 20) {
        std::cout << fmt::format("\n  {:<34} {:>9}", "case / issue", "observed");
        for (const auto& m : backtest_models()) std::cout << fmt::format(" {:>16}", m);
        std::cout << "\n";
        for (const auto& p : predictions) {
            std::cout << fmt::format("  {:<34} {:>9.2f}", (p.case_name + " / " + p.issue).substr(0, 34), p.observed);
            for (const auto& v : p.predicted) std::cout << fmt::format(" {:>16}", v ? fmt::format("{:.2f}", *v) : "-");
            std::cout << "\n";
        }
    }
    std::cout << fmt::format(
        "\n  errors in points of a 0-100 scale (% of each issue's scale)\n  {:<18} {:>6} {:>8} {:>8}\n", "model",
        "cases", "MAE", "RMSE");
    for (const auto& e : errors)
        std::cout << fmt::format("  {:<18} {:>6} {:>8.2f} {:>8.2f}\n", e.model, e.cases, e.mae, e.rmse);
    if (!output.empty()) std::cout << fmt::format("\n  results written to {}/\n", output);
}

}  // namespace

ExitStatus backtest_command(const CommonOptions& common, const std::vector<std::string>& files, const std::string& deu,
                            const std::string& output) {
    const std::string start_time = utc_now();
    if (files.empty() && deu.empty()) {
        std::cerr << "accord backtest: error: give scenario files with an 'observed' block, or --deu TABLE\n";
        return ExitStatus::bad_input;
    }
    const auto loaded = load_cases(common, files, deu);
    if (!loaded) return ExitStatus::bad_input;
    const std::vector<BacktestCase>& cases = *loaded;
    const int threads = thread_count(common);
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
    ExitStatus refused = ExitStatus::success;
    std::unique_ptr<DirectoryLock> lock;
    if (!output.empty() && !(lock = lock_output("backtest", output, refused))) return refused;
    std::vector<std::vector<CasePrediction>> per_case(cases.size());
    try {
        tbb::parallel_for(std::size_t{0}, cases.size(), [&](std::size_t i) {
            const RunPlan plan = plan_for_command(common, cases[i].scenario, {}, 0);
            per_case[i] = backtest_case(cases[i], plan.runs, plan.seed);
        });
    } catch (const RunError& e) {
        return report_error(e, {"accord backtest", ""});
    }
    std::vector<CasePrediction> predictions;
    for (auto& p : per_case) predictions.insert(predictions.end(), p.begin(), p.end());
    const auto errors = backtest_errors(predictions);
    if (!output.empty()) {
        const Manifest m = make_manifest(common, deu.empty() ? files.front() : deu,
                                         common.seed.value_or(cases.empty() ? 1 : cases.front().scenario.seed),
                                         static_cast<long>(cases.size()), threads, start_time);
        if (!write_result_files("backtest", output,
                                {{"cases.csv", cases_csv(predictions)}, {"errors.csv", errors_csv(errors)}}, m))
            return ExitStatus::failure;
    }
    if (!common.quiet) print_backtest(cases, predictions, errors, output);
    return ExitStatus::success;
}

}  // namespace accord::app
