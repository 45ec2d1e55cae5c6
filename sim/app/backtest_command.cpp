// accord backtest: models' predictions against observed outcomes, from scenarios with an
// `observed` block or a DEU-format table.
#include <algorithm>
#include <array>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>
#include <stdexcept>

#include <fmt/format.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

#include "accord/backtest.hpp"
#include "accord/backtest_field.hpp"
#include "accord/backtest_choice.hpp"
#include "accord/backtest_fitted.hpp"
#include "accord/backtest_stack.hpp"
#include "accord/diagnostics.hpp"
#include "accord/run.hpp"
#include "commands.hpp"
#include "common.hpp"
#include "memory_budget.hpp"

namespace accord::app {

namespace {

// The files a backtest writes into its output directory (docs/interface.md): it replaces them in place.
constexpr std::array<const char*, 4> backtest_file_names = {"cases.csv", "errors.csv", "fitted.csv", "manifest.json"};

// The cases: scenario files with observed terms, then the issues of a DEU table. Input errors
// print; nullopt when there was any.
std::optional<std::vector<BacktestCase>> load_cases(const CommonOptions& common, const std::vector<std::string>& files,
                                                    const std::string& deu, std::vector<InputFile>& inputs) {
    std::vector<BacktestCase> cases;
    bool input_ok = true;
    std::set<std::filesystem::path> seen;  // each file once: twice would weigh its case double
    for (const auto& file : files) {
        std::error_code ec;
        const auto canonical = std::filesystem::weakly_canonical(file, ec);
        if (!ec && !seen.insert(canonical).second) {
            std::cerr << fmt::format("{}: error: the file is given twice (it would be scored as two cases)\n", file);
            input_ok = false;
            continue;
        }
        const auto loaded = load_for_command(common, file);
        if (!loaded) {
            input_ok = false;
            continue;
        }
        // The rule of docs/backtest.md: a counterfactual is a world that did not happen, never a case.
        if (const auto& of = loaded->scenario.counterfactual_of) {
            std::cerr << format_diagnostic(Diagnostic{
                Severity::error, of->where,
                fmt::format("a counterfactual (of '{}') is not a real case: backtest scores only scenarios whose "
                            "outcome was observed; test the reference scenario, and compare the two with "
                            "`accord compare`",
                            of->path)})
                      << "\n";
            input_ok = false;
            continue;
        }
        inputs.insert(inputs.end(), loaded->scenario.inputs.begin(), loaded->scenario.inputs.end());
        // A case is the scenario its run plan describes (the file's values after --set).
        auto s = std::optional<Scenario>(planned_scenario(loaded->scenario, plan_for_command(common, *loaded, 0)));
        // A case scores its terms, its agreement or both: a failed negotiation may have no final
        // text to code, only observed.agreed: false.
        bool any = s->observed.has_value();
        if (any) {
            any = s->observed->agreed.has_value();
            for (const auto& t : s->observed->terms) any = any || t.has_value();
        }
        if (!any) {
            std::cerr << fmt::format(
                "{}: error: no observed terms to test against (add observed: {{terms: ...}} or observed: {{agreed: ...}})\n",
                file);
            input_ok = false;
            continue;
        }
        const long number = static_cast<long>(cases.size()) + 1;
        cases.push_back({std::filesystem::path(file).stem().string(), std::move(*s), file, number, std::nullopt});
    }
    if (!deu.empty()) {
        try {
            InputFile read;
            // A directory opens and reads as empty: the table's own message would call it a short table.
            std::error_code ec;
            if (std::filesystem::is_directory(deu, ec))
                throw InputError(Location{deu, 0, 0}, "is a directory, not a file");
            auto table = load_deu_cases(deu, &read);
            inputs.push_back(std::move(read));
            for (auto& c : table) cases.push_back(std::move(c));
        } catch (const InputError& e) {
            report_error(e, {"accord backtest", ""});
            input_ok = false;
        }
    }
    if (!input_ok) return std::nullopt;
    return cases;
}

std::string number_or_dash(const std::optional<double>& v, int width, int decimals) {
    return v ? fmt::format("{:>{}.{}f}", *v, width, decimals) : fmt::format("{:>{}}", "-", width);
}

// The models that predict at least one of the cases (not the DEU models on scenario files).
void print_predictions(const std::vector<CasePrediction>& predictions) {
    std::vector<std::size_t> shown;
    for (std::size_t m = 0; m < backtest_models().size(); ++m)
        if (std::any_of(predictions.begin(), predictions.end(), [m](const CasePrediction& p) {
                return p.predicted[m].has_value();
            }))
            shown.push_back(m);
    std::cout << fmt::format("\n  {:<34} {:>9}", "case / issue", "observed");
    for (std::size_t m : shown) std::cout << fmt::format(" {:>16}", backtest_models()[m]);
    std::cout << "\n";
    for (const auto& p : predictions) {
        std::cout << fmt::format("  {:<34} {:>9.2f}", (p.case_name + " / " + p.issue).substr(0, 34), p.observed);
        for (std::size_t m : shown) std::cout << " " << number_or_dash(p.predicted[m], 16, 2);
        std::cout << "\n";
    }
}

// One table per part: errors, the paired difference with the compromise model and its interval,
// and the agreement scores.
// Models that predict no case at all (the DEU models on scenario files) are left out; errors.csv
// has their rows.
void print_errors(const std::vector<ModelError>& errors) {
    std::set<std::string> silent;
    for (const auto& e : errors)
        if (e.fold == "all" && e.cases == 0) silent.insert(e.model);
    std::string fold;
    for (const auto& e : errors) {
        if (silent.count(e.model)) continue;
        if (e.fold != fold) {
            fold = e.fold;
            std::cout << fmt::format("\n  {}: errors in points of a 0-100 scale (% of each issue's scale); diff = MAE "
                                     "minus the compromise model's, 95% interval resampling whole proposals\n",
                                     fold == "all"      ? std::string("all cases")
                                     : fold == "pooled" ? std::string("every case held out (the parts pooled)")
                                                        : "held-out part " + fold);
            std::cout << fmt::format("  {:<18} {:>6} {:>8} {:>8} {:>8} {:>19} {:>7} {:>7}\n", "model", "cases", "MAE",
                                     "RMSE", "diff", "[95% interval]", "Brier", "log");
        }
        const std::string interval =
            e.diff_low ? fmt::format("[{:.2f}, {:.2f}]", *e.diff_low, *e.diff_high) : std::string("-");
        std::cout << fmt::format("  {:<18} {:>6} {} {} {} {:>19} {} {}\n", e.model, e.cases,
                                 number_or_dash(e.mae, 8, 2), number_or_dash(e.rmse, 8, 2),
                                 number_or_dash(e.diff_vs_compromise, 8, 2), interval, number_or_dash(e.brier, 7, 3),
                                 number_or_dash(e.log_score, 7, 3));
    }
}

// The blends' weights, fitted on every case (all) and on the training part of each held-out part;
// then each stack's weights, one line per part.
void print_weights(const std::vector<FittedBlend>& weights) {
    auto is_stack = [](const FittedBlend& w) {
        const auto& stacks = backtest_stacks();
        const auto& choices = choice_cap_models();
        return std::any_of(choices.begin(), choices.end(), [&](const ChoiceCapModel& c) { return c.name == w.model; }) ||
               std::any_of(stacks.begin(), stacks.end(), [&](const StackModel& s) { return s.name == w.model; });
    };
    std::cout << "\n  fitted blends: weight w of the move from the compromise model towards the target, "
                 "fitted on the cases outside each part (all: on every case)\n";
    std::string model;
    for (const auto& w : weights) {
        if (is_stack(w)) continue;
        if (w.model != model) {
            if (!model.empty()) std::cout << "\n";
            model = w.model;
            std::cout << fmt::format("  {:<20}", model);
        }
        std::cout << fmt::format(" {}={:.3f}", w.fold, w.weight);
    }
    std::cout << "\n\n  fitted stacks: the weight of each member, fitted on the cases outside each part "
                 "(choice-cap, choice-cap10: the step cap and lambda)\n";
    std::string line;
    for (const auto& w : weights) {
        if (!is_stack(w)) continue;
        if (w.model + " " + w.fold != line) {
            if (!line.empty()) std::cout << "\n";
            line = w.model + " " + w.fold;
            std::cout << fmt::format("  {:<20} {:<5}", w.model, w.fold);
        }
        std::cout << fmt::format(" {}={:.3f}", w.target, w.weight);
    }
    std::cout << "\n";
}

void print_backtest(const std::vector<BacktestCase>& cases, const std::vector<CasePrediction>& predictions,
                    const std::vector<ModelError>& errors, const std::vector<FittedBlend>& weights,
                    const std::string& output) {
    std::cout << fmt::format("{} cases, {} issues with an observed outcome\n", cases.size(), predictions.size());
    if (const long fallbacks = procedural_fallbacks(cases); fallbacks > 0)
        std::cout << fmt::format("  procedural: {} issues without a reference point or a Commission position "
                                 "take the compromise model's prediction\n",
                                 fallbacks);
    if (const long fallbacks = nash_reference_fallbacks(cases); fallbacks > 0)
        std::cout << fmt::format("  nash-reference: {} issues without a reference point or a point every actor "
                                 "prefers to it take the compromise model's prediction\n",
                                 fallbacks);
    if (const auto unpredicted = std::count_if(predictions.begin(), predictions.end(),
                                               [](const CasePrediction& p) { return !p.predicted[0]; });
        unpredicted > 0)
        std::cout << fmt::format("  scenario: {} {} without a prediction (no run had the observed outcome), "
                                 "left out of its errors\n",
                                 unpredicted, unpredicted == 1 ? "issue" : "issues");
    if (predictions.size() <= 20) print_predictions(predictions);
    print_errors(errors);
    if (std::any_of(weights.begin(), weights.end(), [](const FittedBlend& w) { return w.cases > 0; }))
        print_weights(weights);
    if (!output.empty()) std::cout << fmt::format("\n  results written to {}/\n", output);
}

FoldSpec fold_spec(const BacktestOptions& options, std::uint64_t seed) {
    FoldSpec spec;
    spec.seed = seed;
    if (options.folds) {
        spec.kind = FoldSpec::Kind::k_fold;
        spec.k = *options.folds;
    } else if (options.split == "odd-even") {
        spec.kind = FoldSpec::Kind::odd_even;
    }
    return spec;
}

// The held-out part of every proposal; nullopt (after the message, naming the input whose proposals are
// too few) when the folds cannot be made.
std::optional<std::map<std::string, std::string>> make_folds(const std::vector<BacktestCase>& cases,
                                                             const FoldSpec& spec, const std::string& input) {
    std::vector<FoldProposal> proposals;
    for (const auto& c : cases) proposals.push_back({c.proposal, c.proposal_number});
    try {
        return assign_folds(proposals, spec);
    } catch (const std::invalid_argument& e) {
        Diagnostics ds;
        ds.error(Location{input, 1, 1}, e.what());
        std::cerr << format_diagnostics(ds);
        return std::nullopt;
    }
}

// Every case's predictions in one list each, marked with the held-out part of its proposal.
void collect_predictions(std::vector<CaseForecast>& per_case, const std::map<std::string, std::string>& fold,
                         std::vector<CasePrediction>& predictions, std::vector<AgreementPrediction>& agreements) {
    for (auto& c : per_case) {
        for (auto& p : c.terms) p.fold = fold.at(p.proposal);
        predictions.insert(predictions.end(), c.terms.begin(), c.terms.end());
        if (!c.agreement) continue;
        c.agreement->fold = fold.at(c.agreement->proposal);
        agreements.push_back(*c.agreement);
    }
}

// A fit that failed is reported at the input it was fitted on (docs/backtest.md, "choice-cap").
void warn_failed_fits(const std::vector<std::string>& notes, const std::string& input) {
    for (const auto& note : notes) {
        Diagnostics ds;
        ds.warning(Location{input, 0, 0}, note);
        std::cerr << format_diagnostics(ds);
    }
}

}  // namespace

ExitStatus backtest_command(const CommonOptions& common, const BacktestOptions& options) {
    const std::string start_time = utc_now();
    const std::string& deu = options.deu;
    const std::string& output = options.output;
    if (options.files.empty() && deu.empty()) {
        std::cerr << "accord backtest: error: give scenario files with an 'observed' block, or --deu TABLE\n";
        return ExitStatus::bad_input;
    }
    if (options.pooled && !options.folds && options.split.empty()) {
        std::cerr << "accord backtest: error: --pooled scores the held-out parts together: give --folds K or "
                     "--split odd-even\n";
        return ExitStatus::bad_input;
    }
    std::vector<InputFile> inputs;  // every file read, for the manifest
    const auto loaded = load_cases(common, options.files, deu, inputs);
    if (!loaded) return ExitStatus::bad_input;
    const std::vector<BacktestCase>& cases = *loaded;
    const std::uint64_t seed = common.seed.value_or(cases.empty() ? 1 : cases.front().scenario.seed);
    const FoldSpec spec = fold_spec(options, seed);
    const int threads = thread_count(common);
    // Every case is also forecast by the expected-utility model, the cases in parallel.
    int most_actors = 0;
    for (const BacktestCase& c : cases) most_actors = std::max(most_actors, c.scenario.actor_count());
    ExitStatus too_big = ExitStatus::success;
    if (!expected_utility_fits("backtest", true, most_actors,
                               static_cast<int>(std::min<std::size_t>(static_cast<std::size_t>(threads), cases.size())),
                               too_big))
        return too_big;
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
    std::vector<CaseForecast> per_case(cases.size());
    const auto fold = make_folds(cases, spec, deu.empty() ? options.files.front() : deu);
    if (!fold) return ExitStatus::bad_input;
    ExitStatus refused = ExitStatus::success;
    std::unique_ptr<DirectoryLock> lock;
    if (!output.empty() && !(lock = lock_output("backtest", output, refused))) return refused;
    if (!output.empty() && !refuse_other_results("backtest", output, backtest_file_names, refused)) return refused;
    try {
        tbb::parallel_for(std::size_t{0}, cases.size(), [&](std::size_t i) {
            const RunPlan plan = plan_for_command(common, cases[i].scenario, {}, 0);
            per_case[i] = backtest_case(cases[i], plan.runs, plan.seed);
        });
    } catch (const RunError& e) {
        return report_error(e, {"accord backtest", ""});
    }
    add_field_models(cases, per_case);
    std::vector<CasePrediction> predictions;
    std::vector<AgreementPrediction> agreements;
    collect_predictions(per_case, *fold, predictions, agreements);
    // The fitted models, fitted once for errors.csv, cases.csv and fitted.csv.
    const std::vector<std::string> labels = fold_labels(spec);
    const FittedParts parts = fit_parts(predictions, labels);
    warn_failed_fits(parts.notes, deu.empty() ? options.files.front() : deu);
    const auto errors = backtest_errors(parts, agreements, labels, seed, options.pooled);
    // cases.csv holds each case's held-out prediction of the fitted models (fitted without its part),
    // or the prediction fitted on every case without --folds or --split.
    predictions = parts.out_of_part(labels);
    std::vector<FittedBlend> weights = parts.all_weights;
    for (const auto& part : parts.held_out_weights) weights.insert(weights.end(), part.begin(), part.end());
    if (!output.empty()) {
        const Manifest m = make_manifest(common, deu.empty() ? options.files.front() : deu, seed,
                                         static_cast<long>(cases.size()), threads, start_time, inputs);
        if (!write_result_files("backtest", output,
                                {{"cases.csv", cases_csv(predictions)},
                                 {"errors.csv", errors_csv(errors)},
                                 {"fitted.csv", fitted_csv(weights)}},
                                m))
            return ExitStatus::failure;
    }
    if (!common.quiet) print_backtest(cases, predictions, errors, weights, output);
    return ExitStatus::success;
}

}  // namespace accord::app
