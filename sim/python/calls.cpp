#include "calls.hpp"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <random>

#include <fmt/format.h>
#include <tbb/global_control.h>
#include <tbb/info.h>

#include "accord/compare.hpp"
#include "accord/sensitivity_uncertainty.hpp"
#include "accord/csv.hpp"
#include "accord/directory_lock.hpp"
#include "accord/load.hpp"
#include "accord/memory_budget.hpp"
#include "accord/results.hpp"
#include "accord/sensitivity_study.hpp"
#include "accord/sha256.hpp"
#include "accord/summarize.hpp"
#include "accord/sweep.hpp"
#include "accord/version.hpp"
#include "interruptible.hpp"

namespace fs = std::filesystem;

namespace accord::python {

namespace {

int thread_count(const Request& request) {
    return request.threads > 0 ? request.threads : tbb::info::default_concurrency();
}

tbb::global_control thread_limit(const Request& request) {
    return tbb::global_control(tbb::global_control::max_allowed_parallelism,
                               static_cast<std::size_t>(thread_count(request)));
}

RunPlan plan_of(const LoadedFile& file, const Request& request, std::optional<long> trajectories, bool per_point) {
    PlanRequest r;
    r.overrides = parse_overrides(file.scenario, request.sets);
    r.seed = request.seed;
    r.runs = request.runs;
    r.trajectories = trajectories;
    r.per_point = per_point;
    return make_run_plan(file.scenario, r);
}

Manifest manifest_of(const LoadedFile& file, const Request& request, std::uint64_t seed, long runs) {
    Manifest m;
    m.accord_version = version;
    m.command_line = request.call;
    // As the command line records them (sim/app/common.cpp): the bytes the loader read, so that
    // --resume and merge refuse a table changed since, from either side.
    record_inputs(m, file.path, file.scenario.inputs);
    m.seed = seed;
    m.runs = runs;
    m.threads = thread_count(request);
    m.start_time = utc_now();
    return m;
}

// A new empty directory under the system's temporary directory, removed with its files on scope exit.
struct TemporaryDirectory {
    fs::path path;
    TemporaryDirectory() {
        std::random_device random;
        std::error_code ec;
        const fs::path base = fs::temp_directory_path(ec);
        for (int attempt = 0; path.empty() && !ec; ++attempt) {
            const fs::path p = base / fmt::format("accord-python-{:016x}", random() * 65536ull + random());
            if (fs::create_directory(p, ec)) path = p;
            if (attempt > 100) throw std::runtime_error("cannot create a temporary directory");
        }
        if (ec) {  // the filesystem error named neither the directory nor TMPDIR
            const char* tmpdir = std::getenv("TMPDIR");
            throw std::runtime_error(fmt::format(
                "cannot make a temporary directory for the result files under '{}'{}: {}",
                base.empty() ? (tmpdir ? tmpdir : "") : base.string(), tmpdir ? " (TMPDIR)" : "", ec.message()));
        }
    }
    ~TemporaryDirectory() {
        std::error_code ignored;
        fs::remove_all(path, ignored);
    }
    TemporaryDirectory(const TemporaryDirectory&) = delete;
    TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;
};

SweepOptions sweep_options(const LoadedFile& file, const Request& request, const DirectoryRequest& where,
                           const RunPlan& plan) {
    SweepOptions o = sweep_options_for(plan, where.output, where.resume, where.force);
    o.manifest = manifest_of(file, request, plan.seed, 0);
    // As the command line: replications of a point that cannot fit are refused, naming runs=.
    o.memory_available = available_memory_bytes();
    o.runs_option = python_names.runs;
    return o;
}

// The expected-utility model's tables with `runs_at_once` runs at once, as the command line checks them.
void check_model_memory(const Scenario& s, long runs_at_once) {
    check_expected_utility_memory(s.model.dynamics == Dynamics::expected_utility, s.actor_count(),
                                  static_cast<int>(runs_at_once), python_names);
}

// run_sweep on a worker, Ctrl-C honoured; throws Interrupted when stopped before the end.
void sweep_with_signals(const Scenario& scenario, SweepOptions& o) {
    std::atomic<bool> stop{false};
    o.interrupted = &stop;
    SweepOutcome outcome;
    run_with_signals([&] { outcome = run_sweep(scenario, o); }, stop);
    if (!outcome.complete)
        throw Interrupted(fmt::format("interrupted after {} of {} design points", outcome.points_done,
                                      outcome.points_total));
}

}  // namespace

LoadedFile load_file(const std::string& path) {
    // The command line's check before yaml-cpp builds its tree (sim/app/common.cpp), its text.
    const LoadLimits limits;
    check_yaml_memory(path, static_cast<double>(limits.max_file_bytes), python_names);
    Diagnostics warnings;
    LoadedFile file{path, load_scenario(path, limits, &warnings), {}};
    for (const Diagnostic& d : warnings.items()) file.warnings.push_back(format_diagnostic(d));
    return file;
}

// What the module holds beyond `accord run`'s batch: every file's text as a C++ string, as Python bytes
// and as str, and the DataFrames made of them: 3.7 times the text in the reference scenario (4.9 KB a
// run, whose rows of runs.csv and blockers.csv take 1.3 KB). Taken as 4.
constexpr double text_copies = 4;

// The tables' bytes, from those of the files: a run's rows of runs.csv and blockers.csv, and a
// recording run's rows of trajectory.csv, terms.csv and zopa.csv.
struct TableBytes {
    double per_run = 0;
    double per_recorded = 0;
};

// An upper bound, without running: 25 characters a cell (a double's shortest form takes at most 24),
// a row of blockers.csv per actor, and every round recorded of every actor on every issue (trajectory
// and zopa) and of every issue (terms).
TableBytes table_bytes_bound(const Scenario& s, const RunPlan& plan) {
    const double issues = static_cast<double>(s.issues.size()), actors = s.actor_count();
    const double runs_cells = 9.0 + 2.0 * issues + static_cast<double>(plan.draws.size());
    // Every round a run may reach: an event or a draw may raise model.rounds (most_rounds).
    const double rounds = std::max<double>(plan.start.rounds, most_rounds(s));
    return {25 * (runs_cells + 9.0 * actors), 25 * 8.0 * (rounds + 1.0) * (2 * actors * issues + issues)};
}

// Whether `batch` (what `accord run` holds) and the tables of `runs` runs, of which the first
// `recorded` record their rounds, fit in what is available (everything fits where that is unknown).
bool tables_fit(double batch, const TableBytes& bytes, long runs, long recorded, std::optional<double> available) {
    const double per_run = static_cast<double>(runs) * bytes.per_run * text_copies;
    const double per_recorded = static_cast<double>(recorded) * bytes.per_recorded * text_copies;
    return !available || batch + per_run + per_recorded <= *available;
}

// Refuses what would not fit (tables_fit), saying what to lower.
void check_tables_memory(double batch, const TableBytes& bytes, long runs, long recorded,
                         std::optional<double> available) {
    if (tables_fit(batch, bytes, runs, recorded, available)) return;
    const double per_run = static_cast<double>(runs) * bytes.per_run * text_copies;
    const double per_recorded = static_cast<double>(recorded) * bytes.per_recorded * text_copies;
    if (per_recorded > per_run + batch)
        throw MemoryBudgetError(fmt::format(
            "the tables of the {} runs recording their rounds (trajectory.csv, terms.csv, zopa.csv) would hold about "
            "{:.1f} GiB in memory, more than the {:.1f} GiB available: lower trajectories (about {} fit)",
            recorded, per_recorded / (1 << 30), *available / (1 << 30),
            static_cast<long>(std::max(0.0, (*available - batch - per_run) / (bytes.per_recorded * text_copies)))));
    check_runs_memory(batch + per_run + per_recorded, runs, python_names, available);
}

std::map<std::string, std::string> run_files(const LoadedFile& file, const Request& request,
                                             std::optional<long> trajectories) {
    const RunPlan plan = plan_of(file, request, trajectories, false);
    // The memory checks of `accord run` (sim/app/run_command.cpp), before anything runs, and what the
    // module holds besides: its tables, which `accord run` writes to disk as it goes.
    const int threads = thread_count(request);
    const double batch = batch_memory_bytes(file.scenario, plan, threads);
    const auto available = available_memory_bytes();
    check_runs_memory(batch, plan.runs, python_names, available);
    check_model_memory(file.scenario, std::min<long>(threads, plan.runs));
    const long recorded = std::clamp(plan.trajectories, 0L, plan.runs);
    // Where the bound is more than is available (it is three times what the reference scenario's runs
    // write, and counts every round of every actor), the tables are measured on the first runs, at
    // least 64, with a quarter to spare, and the check is made again then, before the rest runs.
    bool measure = !tables_fit(batch, table_bytes_bound(file.scenario, plan), plan.runs, recorded, available);
    Manifest m = manifest_of(file, request, plan.seed, plan.runs);
    const auto limit = thread_limit(request);
    TemporaryDirectory dir;
    // As `accord run -o`: the runs are written as they come and only the summary's values are kept.
    RunTally tally(file.scenario, plan.runs);
    RunFiles files_out(dir.path, file.scenario, plan.draws);
    in_blocks(plan.runs, [&](long first, long count) {
        const std::vector<RunResult> results = run_block(file.scenario, plan, first, count);
        for (std::size_t i = 0; i < results.size(); ++i) {
            files_out.add(first + static_cast<long>(i), results[i]);
            tally.add(results[i]);
        }
        const long done = first + count;
        if (measure && (done >= 64 || done == plan.runs)) {
            measure = false;
            const long recorded_done = std::min(recorded, done);
            TableBytes bytes = table_bytes_bound(file.scenario, plan);
            bytes.per_run = 1.25 * static_cast<double>(files_out.per_run_bytes()) / static_cast<double>(done);
            if (recorded_done > 0)
                bytes.per_recorded =
                    1.25 * static_cast<double>(files_out.recorded_bytes()) / static_cast<double>(recorded_done);
            check_tables_memory(batch, bytes, plan.runs, recorded, available);
        }
    });
    m.end_time = utc_now();
    files_out.commit(tally, m);
    std::map<std::string, std::string> files;
    for (const auto& entry : fs::directory_iterator(dir.path))
        files[entry.path().filename().string()] = read_file_bytes(entry.path());
    return files;
}

std::string compare_text(const LoadedFile& a, const LoadedFile& b, const Request& request) {
    check_comparable(a.scenario, b.scenario);
    // Common random numbers: both variants run A's seeds and A's number of runs.
    const RunPlan plan_a = plan_of(a, request, 0, false);
    RunPlan plan_b = plan_of(b, request, 0, false);
    plan_b.seed = plan_a.seed;
    plan_b.runs = plan_a.runs;
    // The memory checks of `accord compare` (sim/app/compare_command.cpp).
    check_runs_memory(compare_memory_bytes(a.scenario, b.scenario, plan_a.runs), plan_a.runs, python_names);
    check_expected_utility_memory(a.scenario.model.dynamics == Dynamics::expected_utility ||
                                      b.scenario.model.dynamics == Dynamics::expected_utility,
                                  std::max(a.scenario.actor_count(), b.scenario.actor_count()),
                                  static_cast<int>(std::min<long>(thread_count(request), plan_a.runs)), python_names);
    const auto limit = thread_limit(request);
    // As `accord compare`: run r of A and run r of B are paired as they come, neither batch is held.
    PairedRuns paired(a.scenario, b.scenario, plan_a.runs);
    in_blocks(plan_a.runs, [&](long first, long count) {
        const std::vector<RunResult> runs_a = run_block(a.scenario, plan_a, first, count);
        const std::vector<RunResult> runs_b = run_block(b.scenario, plan_b, first, count);
        for (std::size_t i = 0; i < runs_a.size(); ++i) paired.add(runs_a[i], runs_b[i]);
    });
    return comparison_csv(paired.rows());
}

std::string summarize_text(const std::string& runs_csv, const std::vector<std::string>& by,
                           const std::vector<std::pair<std::string, int>>& bins) {
    std::vector<SummarizeBins> binned;
    for (const auto& [column, count] : bins) binned.push_back({column, count});
    return summarize_runs_file(runs_csv, by, binned);
}

void sweep_into(const LoadedFile& file, const Request& request, const DirectoryRequest& where) {
    if (!file.scenario.sweep)
        throw InputError(Location{file.path, 1, 1}, "the scenario has no 'sweep' block: nothing to sweep");
    // The memory checks of `accord sweep` (sim/app/sweep_command.cpp); the replications of a point are
    // checked by run_sweep (sweep_options).
    check_sweep_design_memory(*file.scenario.sweep);
    check_model_memory(file.scenario, thread_count(request));
    const RunPlan plan = plan_of(file, request, 0, true);
    const auto limit = thread_limit(request);
    SweepOptions o = sweep_options(file, request, where, plan);
    DirectoryLock lock(where.output);
    sweep_with_signals(file.scenario, o);
}

std::vector<std::string> sensitivity_into(const LoadedFile& file, const Request& request,
                                          const DirectoryRequest& where, const std::string& method,
                                          std::optional<long> samples, const std::string& over) {
    if (method != "sobol" && method != "morris")
        throw std::invalid_argument(fmt::format("method must be 'sobol' or 'morris', found '{}'", method));
    if (over != "sweep" && over != "uncertainty")
        throw std::invalid_argument(fmt::format("over must be 'sweep' or 'uncertainty', found '{}'", over));
    const bool over_uncertainty = over == "uncertainty";
    if (!file.scenario.sweep && !over_uncertainty)
        throw InputError(Location{file.path, 1, 1},
                         "the scenario has no 'sweep' block: its parameters and ranges are what the analysis varies");
    const auto m = method == "sobol" ? SensitivityMethod::sobol : SensitivityMethod::morris;
    RunPlan plan = plan_of(file, request, 0, true);
    // As `accord sensitivity --over uncertainty` (sensitivity_command.cpp): the drawn parameters become
    // the sweep of a derived scenario, and are no longer drawn inside a point.
    const Scenario s = over_uncertainty ? uncertainty_study_scenario(file.scenario, plan.draws) : file.scenario;
    // The memory checks of `accord sensitivity` (sim/app/sensitivity_command.cpp), before the design is built.
    check_sensitivity_design_memory(s, over_uncertainty ? plan.draws.size() : s.sweep->parameters.size(),
                                    over_uncertainty, m, samples, python_names);
    check_model_memory(s, thread_count(request));
    const SensitivityStudy study = over_uncertainty
                                       ? plan_uncertainty_sensitivity(file.scenario, plan.draws, m, samples, plan.seed)
                                       : plan_sensitivity(s, m, samples, plan.seed);
    if (over_uncertainty) plan.draws.clear();
    const auto limit = thread_limit(request);
    SweepOptions o = sweep_options(file, request, where, plan);
    o.fingerprint += fmt::format(";{};{}", method, study.samples);
    if (over_uncertainty) o.fingerprint += ";over-uncertainty";
    o.design = &study.design;
    o.design_label = study.label;
    DirectoryLock lock(where.output);
    sweep_with_signals(s, o);
    std::vector<OutputCoverage> coverage;
    const auto rows = sensitivity_indices(s, study, fs::path(where.output) / "points.csv", &coverage);
    write_file_atomically(fs::path(where.output) / "sensitivity.csv", sensitivity_csv(study, rows));
    // The notes and warnings the command line prints on stderr (sensitivity_command.cpp).
    auto notes = points_without_deal_notes(study, coverage);
    if (study.method == SensitivityMethod::sobol)
        for (auto& warning : wide_interval_warnings(rows)) notes.push_back(std::move(warning));
    return notes;
}

}  // namespace accord::python
