// The result files of `accord run` (interface.md section 4), each written whole or not at all.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "accord/run.hpp"
#include "accord/scenario.hpp"
#include "accord/stats.hpp"

namespace accord {

// What manifest.json records about how a result directory was made.
struct Manifest {
    std::string accord_version;
    std::vector<std::string> command_line;
    std::string scenario;
    std::string scenario_sha256;
    std::uint64_t seed = 0;
    long runs = 0;
    int threads = 0;
    std::string start_time;
    std::string end_time;
};

std::string manifest_json(const Manifest& manifest);
// The current time as ISO 8601 UTC, e.g. 2026-11-28T21:16:21Z.
std::string utc_now();

// The rows of summary.csv: `agreed`, `agreement_round` (over agreed runs), one per `terms.<issue>`.
struct SummaryRow {
    std::string quantity;
    Summary summary;
};
std::vector<SummaryRow> summarize_runs(const Scenario& scenario, const std::vector<RunResult>& results);

// The header and rows of runs.csv (also used by sweeps with their own leading columns).
std::string runs_header(const Scenario& scenario);
std::string runs_row(const Scenario& scenario, long run, const RunResult& result);

// Writes runs.csv, trajectory.csv, terms.csv, summary.csv and manifest.json into `dir`.
void write_run_results(const std::filesystem::path& dir, const Scenario& scenario,
                       const std::vector<RunResult>& results, const Manifest& manifest);

// The human summary printed by `accord run`.
std::string format_run_summary(const Scenario& scenario, const std::vector<RunResult>& results);

}  // namespace accord
