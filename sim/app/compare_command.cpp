// accord compare: two variants on common random numbers, the paired differences with intervals.
#include <algorithm>
#include <cmath>
#include <iostream>

#include <fmt/format.h>
#include <tbb/global_control.h>

#include "accord/compare.hpp"
#include "accord/csv.hpp"
#include "accord/monte_carlo.hpp"
#include "commands.hpp"
#include "common.hpp"
#include "memory_budget.hpp"

namespace accord::app {

namespace {
// Decimals for a row's difference and interval: `digits`, or, when the interval excludes zero but
// its bound nearer zero would print as a signed zero ("-0.00 to -0.00"), enough for two significant
// digits of that bound (at most 6), so that a difference the interval finds shows as a number.
int difference_digits(const ComparisonRow& r, int digits) {
    if (!r.ci_low || !r.ci_high || (*r.ci_low <= 0 && *r.ci_high >= 0)) return digits;
    const double nearer = std::min(std::abs(*r.ci_low), std::abs(*r.ci_high));
    const auto scaled = [&](int d) { return std::round(nearer * std::pow(10.0, d)); };
    if (scaled(digits) != 0) return digits;
    int shown = digits;
    while (shown < 6 && scaled(shown) < 10) ++shown;
    return shown;
}
}  // namespace

ExitStatus compare_command(const CommonOptions& common, const std::string& a_file, const std::string& b_file,
                           const std::string& output, bool force) {
    const std::string start_time = utc_now();
    const auto loaded_a = load_for_command(common, a_file);
    const auto loaded_b = load_for_command(common, b_file);
    if (!loaded_a || !loaded_b) return ExitStatus::bad_input;
    const Scenario* a = &loaded_a->scenario;
    const Scenario* b = &loaded_b->scenario;
    try {
        check_comparable(*a, *b);
    } catch (const InputError& e) {
        return report_error(e, {"accord compare", ""});
    }
    if (const std::string moved = actor_order_warning(*a, *b); !moved.empty())
        std::cerr << "accord compare: warning: " << moved << "\n";
    // Common random numbers: both variants run A's seeds (s + r for run r) and A's number of runs.
    const RunPlan plan_a = plan_for_command(common, *loaded_a, 0);
    RunPlan plan_b = plan_for_command(common, *loaded_b, 0);
    if (!common.seed && plan_b.seed != plan_a.seed)
        std::cerr << fmt::format("accord compare: note: both variants run with the seed of A ({}); B's file says {}\n",
                                 plan_a.seed, plan_b.seed);
    plan_b.seed = plan_a.seed;
    plan_b.runs = plan_a.runs;
    ExitStatus too_big = ExitStatus::success;
    // The paired differences are held, one block of runs at a time.
    if (!fits_in_memory("compare", compare_memory_bytes(*a, *b, plan_a.runs), plan_a.runs, too_big))
        return too_big;
    const int threads = thread_count(common);
    const bool eu = a->model.dynamics == Dynamics::expected_utility || b->model.dynamics == Dynamics::expected_utility;
    if (!expected_utility_fits("compare", eu, std::max(a->actor_count(), b->actor_count()),
                               static_cast<int>(std::min<long>(threads, plan_a.runs)), too_big))
        return too_big;
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
    ExitStatus refused = ExitStatus::success;
    std::unique_ptr<DirectoryLock> lock;
    if (!output.empty() && !(lock = lock_output("compare", output, refused))) return refused;
    if (!output.empty() && !clear_output("compare", output, force, refused)) return refused;
    std::vector<ComparisonRow> rows;
    try {
        rows = compare_plans(*a, plan_a, *b, plan_b, compare_block_runs(*a, *b, plan_a.runs));
    } catch (const RunError& e) {
        return report_error(e, {"accord compare", ""});
    }
    if (!output.empty()) {
        std::vector<InputFile> inputs = a->inputs;
        inputs.insert(inputs.end(), b->inputs.begin(), b->inputs.end());
        Manifest m = make_manifest(common, a_file, plan_a.seed, plan_a.runs, threads, start_time, inputs);
        m.scenario_b = b_file;
        m.scenario_b_sha256 = m.inputs[a->inputs.size()].sha256;
        if (!write_result_files("compare", output, {{"compare.csv", comparison_csv(rows)}}, m))
            return ExitStatus::failure;
    }
    if (!common.quiet) {
        std::cout << fmt::format("A: {}\nB: {}\n{} runs each on the same seeds ({} to {})\n\n", a_file, b_file,
                                 plan_a.runs, plan_a.seed, plan_a.seed + static_cast<std::uint64_t>(plan_a.runs) - 1);
        std::cout << fmt::format("  {:<24} {:>10} {:>10} {:>10}   {}\n", "quantity", "A", "B", "B - A", "95% interval");
        const std::string if_agreed = "terms_if_agreed.";
        bool if_agreed_heading = false;
        for (const auto& r : rows) {
            const int digits = r.quantity == "agreed" ? 3 : 2;
            std::string name = r.quantity;
            if (name.rfind(if_agreed, 0) == 0) {
                // The deals' terms, on the runs agreed in both, under a heading of their own.
                if (!if_agreed_heading)
                    std::cout << fmt::format("  terms if agreed in both ({} of {} runs):\n", r.pairs, plan_a.runs);
                if_agreed_heading = true;
                name = "  " + name.substr(if_agreed.size());
            }
            if (!r.defined) {
                std::cout << fmt::format("  {:<24} {:>10} {:>10} {:>10}   -\n", name, "-", "-", "-");
                continue;
            }
            const int shown = difference_digits(r, digits);
            std::cout << fmt::format("  {:<24} {:>10.{}f} {:>10.{}f} {:>+10.{}f}   {}\n", name, r.a, digits, r.b, digits,
                                     r.difference, shown,
                                     r.ci_low
                                         ? fmt::format("{:+.{}f} to {:+.{}f}", *r.ci_low, shown, *r.ci_high, shown)
                                         : std::string("-"));
        }
        if (!output.empty()) std::cout << fmt::format("\n  results written to {}/\n", output);
    }
    return ExitStatus::success;
}

}  // namespace accord::app
