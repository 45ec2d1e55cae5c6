#include "commands.hpp"

#include <charconv>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <fmt/format.h>
#include <tbb/global_control.h>
#include <tbb/info.h>

#include "accord/load.hpp"
#include "accord/monte_carlo.hpp"
#include "accord/network.hpp"
#include "accord/results.hpp"
#include "accord/sha256.hpp"

namespace accord::app {

namespace {

// Loads a scenario and applies --set, --seed and --runs; input errors print and return nullopt.
std::optional<Scenario> load_for_command(const CommonOptions& common, const std::string& file) {
    try {
        Scenario s = load_scenario(file);
        apply_overrides(s, common.sets);
        if (common.seed) s.seed = *common.seed;
        if (common.runs) s.runs = *common.runs;
        return s;
    } catch (const InputError& e) {
        std::cerr << format_diagnostics(e.diagnostics());
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

}  // namespace

int run_command(const CommonOptions& common, const RunOptions& options) {
    long trajectories = 0;
    if (options.trajectories == "all") {
        trajectories = -1;
    } else {
        const auto& t = options.trajectories;
        auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), trajectories);
        if (ec != std::errc() || ptr != t.data() + t.size() || trajectories < 0) {
            std::cerr << fmt::format("accord run: error: --trajectories takes a whole number >= 0 or 'all', found '{}'\n", t);
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
            std::cerr << fmt::format("accord run: error: cannot create the directory '{}': {}\n", options.output, e.what());
            return 1;
        }
        Manifest m;
        m.accord_version = ACCORD_VERSION;
        m.command_line = common.command_line;
        m.scenario = options.scenario;
        m.scenario_sha256 = sha256_hex(file_bytes(options.scenario));
        m.seed = s.seed;
        m.runs = s.runs;
        m.threads = threads;
        m.start_time = start_time;
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
    bool all_valid = true;
    for (const std::string& file : files) {
        try {
            Scenario s = load_scenario(file);
            apply_overrides(s, common.sets);
            const Diagnostics warnings = network_warnings(s);
            std::cerr << format_diagnostics(warnings);
            if (!common.quiet)
                std::cout << fmt::format("{}: valid ({} actors, {} issues, {} influence edges, {} events){}\n", file,
                                         s.actors.size(), s.issues.size(), s.base.edges.size(), s.events.size(),
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
