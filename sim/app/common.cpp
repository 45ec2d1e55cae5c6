#include "common.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include <tbb/info.h>

#include "accord/csv.hpp"
#include "accord/result_files.hpp"
#include "accord/sha256.hpp"
#include "accord/version.hpp"
#include "exit_status.hpp"
#include "memory_budget.hpp"

namespace accord::app {

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

std::optional<LoadedScenario> load_for_command(const CommonOptions& common, const std::string& file, bool report) {
    const auto limits = limits_of(common);
    if (!limits) return std::nullopt;
    if (!yaml_fits_in_memory(file, static_cast<double>(limits->max_file_bytes))) return std::nullopt;
    try {
        Diagnostics warnings;
        LoadedScenario loaded{load_scenario(file, *limits, &warnings), {}};
        loaded.overrides = parse_overrides(loaded.scenario, common.sets);
        if (report) {
            std::cerr << format_diagnostics(warnings);
            for (const std::string& warning : event_override_warnings(loaded.scenario, loaded.overrides))
                std::cerr << warning << "\n";
        }
        return loaded;
    } catch (const InputError& e) {
        if (report) report_error(e, {"accord", ""});
        return std::nullopt;
    }
}

RunPlan plan_for_command(const CommonOptions& common, const Scenario& scenario, const std::vector<Override>& overrides,
                         std::optional<long> trajectories, bool per_point) {
    PlanRequest request;
    request.overrides = overrides;
    if (common.seed) request.seed = *common.seed;
    request.runs = common.runs;
    request.trajectories = trajectories;
    request.per_point = per_point;
    return make_run_plan(scenario, request);
}

int thread_count(const CommonOptions& common) {
    return common.threads > 0 ? common.threads : tbb::info::default_concurrency();
}

Manifest make_manifest(const CommonOptions& common, const std::string& scenario, std::uint64_t seed, long runs,
                       int threads, const std::string& start_time, const std::vector<InputFile>& inputs) {
    Manifest m;
    m.accord_version = version;
    m.command_line = common.command_line;
    record_inputs(m, scenario, inputs);
    m.seed = seed;
    m.runs = runs;
    m.threads = threads;
    m.start_time = start_time;
    return m;
}

std::unique_ptr<DirectoryLock> lock_output(const std::string& command, const std::string& dir, ExitStatus& status) {
    try {
        return std::make_unique<DirectoryLock>(dir);
    } catch (const std::exception& e) {
        status = report_error(e, {"accord " + command, ""});
        return nullptr;
    }
}

bool clear_output(const std::string& command, const std::string& dir, bool force, ExitStatus& status) {
    namespace fs = std::filesystem;
    try {
        std::vector<std::string> found;
        for (const auto& entry : fs::directory_iterator(dir))
            if (entry.path().filename() != directory_lock_file) found.push_back(entry.path().filename().string());
        if (found.empty()) return true;
        std::sort(found.begin(), found.end());
        if (!force) {
            std::cerr << fmt::format(
                "accord {}: error: '{}' is not empty (it holds {}{}): use a new directory, or --force to replace "
                "the results in it\n",
                command, dir, found.front(), found.size() > 1 ? fmt::format(" and {} more", found.size() - 1) : "");
            status = ExitStatus::bad_input;
            return false;
        }
        remove_results(dir);
        for (const std::string& name : found)
            if (name.rfind(".mpi-rank-", 0) == 0) fs::remove_all(fs::path(dir) / name);
    } catch (const std::exception& e) {
        status = report_error(e, {"accord " + command, ""});
        return false;
    }
    return true;
}

bool refuse_other_results(const std::string& command, const std::string& dir, std::span<const char* const> own,
                          ExitStatus& status) {
    const std::vector<std::string> other = results_in(dir, own);
    if (other.empty()) return true;
    std::cerr << fmt::format(
        "accord {}: error: '{}' holds the results of another command ({}{}): use a new directory, or remove them\n",
        command, dir, other.front(), other.size() > 1 ? fmt::format(" and {} more", other.size() - 1) : "");
    status = ExitStatus::bad_input;
    return false;
}

bool write_result_files(const std::string& command, const std::string& dir,
                        const std::vector<std::pair<std::string, std::string>>& files, Manifest manifest) {
    try {
        std::filesystem::create_directories(dir);
        for (const auto& [name, text] : files) write_file_atomically(std::filesystem::path(dir) / name, text);
        manifest.end_time = utc_now();
        write_file_atomically(std::filesystem::path(dir) / "manifest.json", manifest_json(manifest));
    } catch (const std::exception& e) {
        report_error(e, {"accord " + command, ""});
        return false;
    }
    return true;
}

}  // namespace accord::app
