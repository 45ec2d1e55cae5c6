#include "commands.hpp"

#include <atomic>
#include <charconv>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <fmt/format.h>
#include <tbb/global_control.h>
#include <tbb/info.h>
#include <tbb/parallel_for.h>

#include "accord/backtest.hpp"
#include "accord/compare.hpp"
#include "accord/load.hpp"
#include "accord/merge.hpp"
#include "accord/monte_carlo.hpp"
#include "accord/network.hpp"
#include "accord/results.hpp"
#include "accord/sensitivity.hpp"
#include "accord/sha256.hpp"
#include "accord/summarize.hpp"
#include "accord/sweep.hpp"
#include "accord/version.hpp"
#include "mpi.hpp"
#include "progress.hpp"

namespace accord::app {

namespace {

// Loads a scenario and applies --set, --seed and --runs; input errors print and return nullopt.
std::optional<LoadLimits> limits_of(const CommonOptions& common) {
    LoadLimits limits;
    for (const auto& l : common.limits) {
        const std::string problem = set_limit(limits, l);
        if (!problem.empty()) {
            std::cerr << problem << "\n";
            return std::nullopt;
        }
    }
    return limits;
}

// `report` false keeps the messages to one process (the ranks of mpirun other than 0).
std::optional<Scenario> load_for_command(const CommonOptions& common, const std::string& file, bool report = true) {
    const auto limits = limits_of(common);
    if (!limits) return std::nullopt;
    try {
        Scenario s = load_scenario(file, *limits);
        apply_overrides(s, common.sets);
        if (common.seed) s.seed = *common.seed;
        if (common.runs) s.runs = *common.runs;
        return s;
    } catch (const InputError& e) {
        if (report) std::cerr << format_diagnostics(e.diagnostics());
        return std::nullopt;
    }
}

int thread_count(const CommonOptions& common) {
    return common.threads > 0 ? common.threads : tbb::info::default_concurrency();
}

std::string file_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

// The manifest fields every command fills alike; the caller adds the rest and the end time.
Manifest make_manifest(const CommonOptions& common, const std::string& scenario, std::uint64_t seed, long runs,
                       int threads, const std::string& start_time) {
    Manifest m;
    m.accord_version = version;
    m.command_line = common.command_line;
    m.scenario = scenario;
    m.scenario_sha256 = sha256_hex(file_bytes(scenario));
    m.seed = seed;
    m.runs = runs;
    m.threads = threads;
    m.start_time = start_time;
    return m;
}

// Writes result files (each complete or absent) and then manifest.json into `dir`; on failure
// prints "accord COMMAND: error: ..." and returns false.
bool write_result_files(const std::string& command, const std::string& dir,
                        const std::vector<std::pair<std::string, std::string>>& files, Manifest manifest) {
    try {
        std::filesystem::create_directories(dir);
        for (const auto& [name, text] : files) write_file_atomically(std::filesystem::path(dir) / name, text);
        manifest.end_time = utc_now();
        write_file_atomically(std::filesystem::path(dir) / "manifest.json", manifest_json(manifest));
    } catch (const std::exception& e) {
        std::cerr << fmt::format("accord {}: error: {}\n", command, e.what());
        return false;
    }
    return true;
}

}  // namespace

int run_command(const CommonOptions& common, const RunOptions& options) {
    long trajectories = 0;
    if (options.trajectories == "all") {
        trajectories = -1;
    } else {
        const auto& t = options.trajectories;
        auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), trajectories);
        if (ec != std::errc() || ptr != t.data() + t.size() || trajectories < 0) {
            std::cerr << fmt::format(
                "accord run: error: --trajectories takes a whole number >= 0 or 'all', found '{}'\n", t);
            return 2;
        }
    }
    const std::string start_time = utc_now();
    auto scenario = load_for_command(common, options.scenario);
    if (!scenario) return 2;
    const Scenario& s = *scenario;
    const int threads = thread_count(common);
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
    BatchOptions batch;
    batch.runs = s.runs;
    batch.seed = s.seed;
    batch.trajectories = trajectories < 0 ? s.runs : trajectories;
    std::vector<RunResult> results;
    try {
        results = run_monte_carlo(s, s.base, batch);
    } catch (const RunError& e) {
        std::cerr << fmt::format("{}: error: {}\n", options.scenario, e.what());
        return 1;
    }
    if (!options.output.empty()) {
        try {
            std::filesystem::create_directories(options.output);
        } catch (const std::exception& e) {
            std::cerr << fmt::format("accord run: error: cannot create the directory '{}': {}\n", options.output,
                                     e.what());
            return 1;
        }
        Manifest m = make_manifest(common, options.scenario, s.seed, s.runs, threads, start_time);
        m.end_time = utc_now();
        try {
            write_run_results(options.output, s, results, m);
        } catch (const std::exception& e) {
            std::cerr << fmt::format("accord run: error: {}\n", e.what());
            return 1;
        }
    }
    if (!common.quiet) {
        std::cout << format_run_summary(s, results);
        if (!options.output.empty()) std::cout << fmt::format("  results written to {}/\n", options.output);
    }
    return 0;
}

int validate_command(const CommonOptions& common, const std::vector<std::string>& files) {
    const auto limits = limits_of(common);
    if (!limits) return 2;
    bool all_valid = true;
    for (const std::string& file : files) {
        try {
            Scenario s = load_scenario(file, *limits);
            apply_overrides(s, common.sets);
            const Diagnostics warnings = network_warnings(s);
            std::cerr << format_diagnostics(warnings);
            if (!common.quiet)
                std::cout << fmt::format(
                    "{}: valid ({} actors, {} issues, {} influence edges, {} events){}\n", file, s.actors.size(),
                    s.issues.size(), s.base.edges.size(), s.events.size(),
                    warnings.items().empty() ? "" : fmt::format(", {} warnings", warnings.items().size()));
        } catch (const InputError& e) {
            std::cerr << format_diagnostics(e.diagnostics());
            all_valid = false;
        }
    }
    return all_valid ? 0 : 2;
}

int graph_command(const CommonOptions& common, const std::string& file) {
    auto s = load_for_command(common, file);
    if (!s) return 2;
    std::cout << network_dot(*s);
    return 0;
}

}  // namespace accord::app

namespace accord::app {

namespace {

std::atomic<bool> interrupt_requested{false};

extern "C" void on_interrupt(int) {
    interrupt_requested = true;
}

std::optional<Shard> parse_shard(const std::string& text) {
    const auto slash = text.find('/');
    if (slash == std::string::npos) return std::nullopt;
    long k = 0, n = 0;
    const char* a = text.data();
    auto [p1, e1] = std::from_chars(a, a + slash, k);
    auto [p2, e2] = std::from_chars(a + slash + 1, a + text.size(), n);
    if (e1 != std::errc() || e2 != std::errc() || p1 != a + slash || p2 != a + text.size() || n < 1 || k < 0 || k >= n)
        return std::nullopt;
    return Shard{k, n};
}

// What besides the scenario's bytes decides the rows: --resume must see the same.
std::string fingerprint(const CommonOptions& common, const Scenario& s, long replications) {
    std::string text = fmt::format("seed={};replications={};accord={}", s.seed, replications, version);
    for (const auto& set : common.sets) text += ";set=" + set;
    return sha256_hex(text);
}

}  // namespace

namespace {

// Runs this process's share of the sweep into `o.dir`; returns the exit status.
int run_sweep_share(const CommonOptions& common, const SweepCommandOptions& options, const Scenario& s, SweepOptions& o,
                    bool report) {
    Progress progress("points", report && !common.quiet);
    o.progress = [&](long done, long total) { progress.update(done, total); };
    interrupt_requested = false;
    o.interrupted = &interrupt_requested;
    struct sigaction action {
    }, previous_int{}, previous_term{};
    action.sa_handler = on_interrupt;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &previous_int);
    sigaction(SIGTERM, &action, &previous_term);
    SweepOutcome outcome{};
    int status = 0;
    try {
        outcome = run_sweep(s, o);
    } catch (const SweepUsageError& e) {
        std::cerr << fmt::format("accord sweep: error: {}\n", e.what());
        status = 2;
    } catch (const RunError& e) {
        std::cerr << fmt::format("{}: error: {}\n", options.scenario, e.what());
        status = 1;
    } catch (const std::exception& e) {
        std::cerr << fmt::format("accord sweep: error: {}\n", e.what());
        status = 1;
    }
    progress.finish();
    sigaction(SIGINT, &previous_int, nullptr);
    sigaction(SIGTERM, &previous_term, nullptr);
    if (status == 0 && !outcome.complete) {
        if (report) {
            // The same command line, without --force and with --resume.
            std::string again;
            for (std::size_t i = 0; i < common.command_line.size(); ++i) {
                const std::string& arg = common.command_line[i];
                if (arg == "--force" || arg == "--resume") continue;
                const bool plain = !arg.empty() && arg.find_first_of(" \t'\"$\\;&|<>*?()") == std::string::npos;
                std::string quoted = "'";
                for (char c : arg) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
                again += (i ? " " : "") + (plain ? arg : quoted + "'");
            }
            std::cerr << fmt::format(
                "accord sweep: interrupted after {} of {} design points; the finished points are "
                "kept.\nFinish with the same command and --resume:\n  {} --resume\n",
                outcome.points_done, outcome.points_total, again);
        }
        status = 1;
    }
    if (status == 0 && report && !common.quiet)
        std::cout << fmt::format(
            "{}: {} design points x {} replications{}{}; results in {}/\n", s.name.empty() ? options.scenario : s.name,
            options.shard.empty() ? outcome.design_points : outcome.points_total, o.replications,
            options.shard.empty() ? ""
                                  : fmt::format(" (shard {} of the {} points)", options.shard, outcome.design_points),
            outcome.points_resumed ? fmt::format(", {} points resumed", outcome.points_resumed) : "", options.output);
    return status;
}

// What `sweep` and `sensitivity` share: directory, replications (--runs, else sweep.replications,
// else monte_carlo.runs), --resume/--force, the fingerprint of the options and the manifest.
SweepOptions make_sweep_options(const CommonOptions& common, const SweepCommandOptions& options, const Scenario& s,
                                int threads, const std::string& start_time) {
    SweepOptions o;
    o.dir = options.output;
    o.replications = common.runs ? *common.runs : s.sweep->replications.value_or(s.runs);
    o.resume = options.resume;
    o.force = options.force;
    o.fingerprint = fingerprint(common, s, o.replications);
    o.manifest = make_manifest(common, options.scenario, s.seed, 0, threads, start_time);
    return o;
}

std::filesystem::path rank_directory(const std::string& output, int rank, int size) {
    return std::filesystem::path(output) / fmt::format(".mpi-rank-{}-of-{}", rank, size);
}

}  // namespace

int sweep_command(const CommonOptions& common, const SweepCommandOptions& options) {
    const std::string start_time = utc_now();
    const int rank = mpi_rank(), size = mpi_size();
    const bool lead = rank == 0;
    // Every rank parses and loads alike, so every rank reaches the same verdict on bad input.
    Shard shard;
    if (!options.shard.empty()) {
        auto parsed = parse_shard(options.shard);
        if (!parsed || size > 1) {
            if (lead)
                std::cerr << (size > 1 ? std::string("accord sweep: error: --shard cannot be combined with mpirun: the "
                                                     "ranks already share the points\n")
                                       : fmt::format("accord sweep: error: --shard takes K/N with 0 <= K < N, found "
                                                     "'{}'\n",
                                                     options.shard));
            return 2;
        }
        shard = *parsed;
    }
    if (options.resume && options.force) {
        if (lead) std::cerr << "accord sweep: error: --resume and --force exclude each other\n";
        return 2;
    }
    auto scenario = load_for_command(common, options.scenario, lead);
    if (!scenario) return 2;
    const Scenario& s = *scenario;
    if (!s.sweep) {
        if (lead)
            std::cerr << fmt::format("{}: error: the scenario has no 'sweep' block: nothing to sweep\n",
                                     options.scenario);
        return 2;
    }
    // Values apply in the order file, --set, sweep point: on a swept path the point wins. Say so.
    for (const std::string& set : common.sets) {
        std::string why;
        const auto path = parse_param_path(set.substr(0, set.find('=')), s, why);
        for (const auto& p : s.sweep->parameters)
            if (path && *path == p.path && lead)
                std::cerr << fmt::format("--set {}: warning: '{}' is swept: every design point replaces this value\n",
                                         set, p.name);
    }
    const int threads = thread_count(common);
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
    SweepOptions o = make_sweep_options(common, options, s, threads, start_time);
    o.shard = shard;
    if (size == 1) return run_sweep_share(common, options, s, o, true);

    // Under mpirun: rank K runs shard K of N into a directory of its own inside the output, then
    // rank 0 merges the shards into the output as `accord merge` would.
    const std::filesystem::path out = options.output;
    int status = 0;  // 2: refused; 3: --resume of the same finished sweep, nothing to do
    if (lead) {
        try {
            const bool results =
                std::filesystem::exists(out / "runs.csv") || std::filesystem::exists(out / "manifest.json");
            if (options.resume && holds_finished_sweep(out)) {
                status = finished_sweep_matches(out, o, Shard{0, 1}) ? 3 : 2;
                if (status == 2)
                    std::cerr << fmt::format(
                        "accord sweep: error: '{}' holds a sweep made from another scenario or "
                        "with other options; use a new directory or --force\n",
                        options.output);
            } else if (results && !options.force && !options.resume) {
                std::cerr << fmt::format(
                    "accord sweep: error: '{}' already holds results: use --resume to finish an "
                    "interrupted sweep, or --force to replace them\n",
                    options.output);
                status = 2;
            }
        } catch (const std::exception& e) {
            std::cerr << fmt::format("accord sweep: error: {}\n", e.what());
            status = 1;
        }
    }
    status = mpi_max(status);
    if (status == 3) return 0;
    if (status != 0) return status;
    o.shard = Shard{rank, size};
    o.dir = rank_directory(options.output, rank, size);
    status = run_sweep_share(common, options, s, o, lead);
    status = mpi_max(status);
    if (status != 0) return status;
    if (lead) {
        std::vector<std::filesystem::path> parts;
        for (int r = 0; r < size; ++r) parts.push_back(rank_directory(options.output, r, size));
        try {
            merge_sweeps(parts, out, common.command_line);
            for (const auto& part : parts) std::filesystem::remove_all(part);
        } catch (const std::exception& e) {
            std::cerr << fmt::format("accord sweep: error: merging the ranks' results: {}\n", e.what());
            status = 1;
        }
    }
    return mpi_max(status);
}

int merge_command(const CommonOptions& common, const std::vector<std::string>& shards, const std::string& output) {
    std::vector<std::filesystem::path> dirs(shards.begin(), shards.end());
    try {
        merge_sweeps(dirs, output, common.command_line);
    } catch (const MergeError& e) {
        std::cerr << fmt::format("accord merge: error: {}\n", e.what());
        return 2;
    } catch (const std::exception& e) {
        std::cerr << fmt::format("accord merge: error: {}\n", e.what());
        return 1;
    }
    if (!common.quiet) std::cout << fmt::format("merged {} shards into {}/\n", shards.size(), output);
    return 0;
}

}  // namespace accord::app

namespace accord::app {

int compare_command(const CommonOptions& common, const std::string& a_file, const std::string& b_file,
                    const std::string& output) {
    const std::string start_time = utc_now();
    auto a = load_for_command(common, a_file);
    auto b = load_for_command(common, b_file);
    if (!a || !b) return 2;
    try {
        check_comparable(*a, *b);
    } catch (const InputError& e) {
        std::cerr << format_diagnostics(e.diagnostics());
        return 2;
    }
    // Common random numbers: both variants run A's seeds (s + r for run r) and A's number of runs.
    if (!common.seed && b->seed != a->seed)
        std::cerr << fmt::format("accord compare: note: both variants run with the seed of A ({}); B's file says {}\n",
                                 a->seed, b->seed);
    b->seed = a->seed;
    b->runs = a->runs;
    const int threads = thread_count(common);
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
    BatchOptions batch;
    batch.runs = a->runs;
    batch.seed = a->seed;
    batch.trajectories = 0;
    std::vector<ComparisonRow> rows;
    try {
        const auto runs_a = run_monte_carlo(*a, a->base, batch);
        const auto runs_b = run_monte_carlo(*b, b->base, batch);
        rows = compare_runs(*a, runs_a, *b, runs_b);
    } catch (const RunError& e) {
        std::cerr << fmt::format("accord compare: error: {}\n", e.what());
        return 1;
    }
    if (!output.empty()) {
        Manifest m = make_manifest(common, a_file, a->seed, a->runs, threads, start_time);
        m.scenario_b = b_file;
        m.scenario_b_sha256 = sha256_hex(file_bytes(b_file));
        if (!write_result_files("compare", output, {{"compare.csv", comparison_csv(rows)}}, m)) return 1;
    }
    if (!common.quiet) {
        std::cout << fmt::format("A: {}\nB: {}\n{} runs each on the same seeds ({} to {})\n\n", a_file, b_file, a->runs,
                                 a->seed, a->seed + static_cast<std::uint64_t>(a->runs) - 1);
        std::cout << fmt::format("  {:<24} {:>10} {:>10} {:>10}   {}\n", "quantity", "A", "B", "B - A", "95% interval");
        for (const auto& r : rows) {
            const int digits = r.quantity == "agreed" ? 3 : 2;
            std::cout << fmt::format("  {:<24} {:>10.{}f} {:>10.{}f} {:>+10.{}f}   {}\n", r.quantity, r.a, digits, r.b,
                                     digits, r.difference, digits,
                                     r.ci_low
                                         ? fmt::format("{:+.{}f} to {:+.{}f}", *r.ci_low, digits, *r.ci_high, digits)
                                         : std::string("-"));
        }
        if (!output.empty()) std::cout << fmt::format("\n  results written to {}/\n", output);
    }
    return 0;
}

int summarize_command(const CommonOptions& common, const std::string& runs_csv, const std::vector<std::string>& by,
                      const std::string& output) {
    (void)common;
    std::string table;
    try {
        table = summarize_runs_file(runs_csv, by);
    } catch (const InputError& e) {
        std::cerr << format_diagnostics(e.diagnostics());
        return 2;
    }
    if (output.empty()) {
        std::cout << table;
        return 0;
    }
    try {
        write_file_atomically(output, table);
    } catch (const std::exception& e) {
        std::cerr << fmt::format("accord summarize: error: {}\n", e.what());
        return 1;
    }
    return 0;
}

}  // namespace accord::app

namespace accord::app {

int backtest_command(const CommonOptions& common, const std::vector<std::string>& files, const std::string& deu,
                     const std::string& output) {
    const std::string start_time = utc_now();
    if (files.empty() && deu.empty()) {
        std::cerr << "accord backtest: error: give scenario files with an 'observed' block, or --deu TABLE\n";
        return 2;
    }
    std::vector<BacktestCase> cases;
    bool input_ok = true;
    for (const auto& file : files) {
        auto s = load_for_command(common, file);
        if (!s) {
            input_ok = false;
            continue;
        }
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
            std::cerr << format_diagnostics(e.diagnostics());
            input_ok = false;
        }
    }
    if (!input_ok) return 2;
    const int threads = thread_count(common);
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
    std::vector<std::vector<CasePrediction>> per_case(cases.size());
    try {
        tbb::parallel_for(std::size_t{0}, cases.size(), [&](std::size_t i) {
            const Scenario& s = cases[i].scenario;
            per_case[i] =
                backtest_case(cases[i], common.runs ? *common.runs : s.runs, common.seed ? *common.seed : s.seed);
        });
    } catch (const RunError& e) {
        std::cerr << fmt::format("accord backtest: error: {}\n", e.what());
        return 1;
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
            return 1;
    }
    if (!common.quiet) {
        std::cout << fmt::format("{} cases, {} issues with an observed outcome\n", cases.size(), predictions.size());
        if (predictions.size() <= 20) {
            std::cout << fmt::format("\n  {:<34} {:>9}", "case / issue", "observed");
            for (const auto& m : backtest_models()) std::cout << fmt::format(" {:>16}", m);
            std::cout << "\n";
            for (const auto& p : predictions) {
                std::cout << fmt::format("  {:<34} {:>9.2f}", (p.case_name + " / " + p.issue).substr(0, 34),
                                         p.observed);
                for (const auto& v : p.predicted)
                    std::cout << fmt::format(" {:>16}", v ? fmt::format("{:.2f}", *v) : "-");
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
    return 0;
}

}  // namespace accord::app

namespace accord::app {

namespace {

// The columns of a points.csv, as numbers (a sensitivity run reads back its own points.csv).
std::vector<std::vector<double>> read_point_columns(const std::filesystem::path& path,
                                                    const std::vector<std::string>& names) {
    std::string error;
    int line = 0, column = 0;
    const auto table = parse_csv(file_bytes(path.string()), error, line, column);
    if (!table || table->rows.empty()) throw std::runtime_error(fmt::format("cannot read '{}'", path.string()));
    std::vector<std::vector<double>> out(names.size());
    for (std::size_t n = 0; n < names.size(); ++n) {
        std::size_t c = 0;
        while (c < table->rows[0].size() && table->rows[0][c].text != names[n]) ++c;
        if (c == table->rows[0].size())
            throw std::runtime_error(fmt::format("'{}' has no column '{}'", path.string(), names[n]));
        for (std::size_t r = 1; r < table->rows.size(); ++r) {
            const std::string& text = table->rows[r][c].text;
            double v = std::nan("");
            std::from_chars(text.data(), text.data() + text.size(), v);
            out[n].push_back(v);
        }
    }
    return out;
}

}  // namespace

int sensitivity_command(const CommonOptions& common, const SensitivityCommandOptions& options) {
    const std::string start_time = utc_now();
    const SweepCommandOptions& so = options.sweep;
    if (so.resume && so.force) {
        std::cerr << "accord sensitivity: error: --resume and --force exclude each other\n";
        return 2;
    }
    auto scenario = load_for_command(common, so.scenario);
    if (!scenario) return 2;
    const Scenario& s = *scenario;
    if (!s.sweep) {
        std::cerr << fmt::format(
            "{}: error: the scenario has no 'sweep' block: its parameters and ranges are what "
            "the analysis varies\n",
            so.scenario);
        return 2;
    }
    // Each swept parameter varies over its range, or over [min, max] of its grid values.
    const auto& parameters = s.sweep->parameters;
    const int d = static_cast<int>(parameters.size());
    std::vector<double> lo, hi;
    for (const auto& p : parameters) {
        const double a = p.lo ? *p.lo : *std::min_element(p.values.begin(), p.values.end());
        const double b = p.hi ? *p.hi : *std::max_element(p.values.begin(), p.values.end());
        if (!(a < b)) {
            std::cerr << fmt::format(
                "{}: error: sweep parameter '{}' does not vary (its range is one value): it has "
                "no sensitivity to measure\n",
                so.scenario, p.name);
            return 2;
        }
        lo.push_back(a);
        hi.push_back(b);
    }
    const bool sobol = options.method == "sobol";
    // sobol: N base samples (N(d+2) points); morris: r trajectories of d+1 points on a 4-level grid.
    const long samples = options.samples.value_or(s.sweep->samples > 1 ? s.sweep->samples : (sobol ? 256 : 20));
    const std::vector<std::vector<double>> unit =
        sobol ? saltelli_design(d, samples)
              : morris_design(d, static_cast<int>(samples), 4, design_stream_seed(s.seed));
    std::vector<DesignPoint> design;
    for (const auto& u : unit) {
        DesignPoint point(static_cast<std::size_t>(d));
        for (int j = 0; j < d; ++j)
            point[static_cast<std::size_t>(j)] = clamp_param_value(
                parameters[static_cast<std::size_t>(j)].path,
                lo[static_cast<std::size_t>(j)] + u[static_cast<std::size_t>(j)] * (hi[static_cast<std::size_t>(j)] -
                                                                                    lo[static_cast<std::size_t>(j)]),
                s);
        design.push_back(point);
    }
    const int threads = thread_count(common);
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
    SweepOptions o = make_sweep_options(common, so, s, threads, start_time);
    const long replications = o.replications;
    o.fingerprint += fmt::format(";{};{}", options.method, samples);
    o.design = &design;
    o.design_label = sobol ? fmt::format("saltelli-{}", samples) : fmt::format("morris-{}", samples);
    const int status = run_sweep_share(common, so, s, o, true);
    if (status != 0) return status;

    // The outputs per design point: the probability of agreement and the mean terms.
    std::vector<std::string> outputs = {"agreed"};
    std::vector<std::string> columns = {"p_agree"};
    for (const auto& issue : s.issues) {
        outputs.push_back("terms." + issue.id);
        columns.push_back("terms." + issue.id + ".mean");
    }
    struct IndexRow {
        std::string output, parameter, index;
        SensitivityEstimate estimate;
    };
    std::vector<IndexRow> rows;
    try {
        const auto y = read_point_columns(std::filesystem::path(so.output) / "points.csv", columns);
        for (std::size_t k = 0; k < outputs.size(); ++k) {
            if (sobol) {
                const auto indices = sobol_indices(y[k], d, s.seed);
                for (int j = 0; j < d; ++j) {
                    const std::string& name = parameters[static_cast<std::size_t>(j)].name;
                    rows.push_back({outputs[k], name, "S1", indices[static_cast<std::size_t>(j)].s1});
                    rows.push_back({outputs[k], name, "ST", indices[static_cast<std::size_t>(j)].st});
                }
            } else {
                const auto indices = morris_indices(unit, y[k], s.seed);
                for (int j = 0; j < d; ++j) {
                    const std::string& name = parameters[static_cast<std::size_t>(j)].name;
                    rows.push_back({outputs[k], name, "mu_star", indices[static_cast<std::size_t>(j)].mu_star});
                    rows.push_back({outputs[k], name, "sigma", indices[static_cast<std::size_t>(j)].sigma});
                }
            }
        }
        std::string table = "method,output,parameter,index,value,ci_low,ci_high\n";
        for (const auto& r : rows)
            table += CsvRow()
                         .add(options.method)
                         .add(r.output)
                         .add(r.parameter)
                         .add(r.index)
                         .add_optional(r.estimate.value)
                         .add_optional(r.estimate.ci_low)
                         .add_optional(r.estimate.ci_high)
                         .line();
        write_file_atomically(std::filesystem::path(so.output) / "sensitivity.csv", table);
    } catch (const std::exception& e) {
        std::cerr << fmt::format("accord sensitivity: error: {}\n", e.what());
        return 1;
    }
    if (!common.quiet) {
        std::cout << fmt::format("\n  {} indices ({} design points x {} replications)\n", options.method, design.size(),
                                 replications);
        std::cout << fmt::format("  {:<22} {:<30} {:<8} {:>8}   {}\n", "output", "parameter", "index", "value",
                                 "95% interval");
        auto number = [](const std::optional<double>& v) { return v ? fmt::format("{:.3f}", *v) : std::string("-"); };
        for (const auto& r : rows)
            std::cout << fmt::format(
                "  {:<22} {:<30} {:<8} {:>8}   {}\n", r.output, r.parameter, r.index, number(r.estimate.value),
                r.estimate.ci_low ? number(r.estimate.ci_low) + " to " + number(r.estimate.ci_high) : std::string("-"));
    }
    return 0;
}

}  // namespace accord::app
