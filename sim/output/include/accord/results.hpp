// The result files of `accord run` (interface.md section 4), each written whole or not at all.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "accord/csv.hpp"
#include "accord/manifest.hpp"
#include "accord/run.hpp"
#include "accord/scenario.hpp"
#include "accord/stats.hpp"

namespace accord {

// The rows of summary.csv: `agreed`, `agreement_round` (over agreed runs), one per `terms.<issue>`.
struct SummaryRow {
    std::string quantity;
    Summary summary;
};
std::vector<SummaryRow> summarize_runs(const Scenario& scenario, const std::vector<RunResult>& results);

// The header and rows of runs.csv. The outcome columns (rounds ... drawn parameters) are shared
// with sweeps, which put their own columns before them.
std::string runs_header(const Scenario& scenario);
std::string runs_row(const Scenario& scenario, long run, const RunResult& result);
void add_outcome_header(CsvRow& row, const Scenario& scenario);
void add_outcome_fields(CsvRow& row, const Scenario& scenario, const RunResult& result);

// Writes runs.csv, trajectory.csv, terms.csv, summary.csv and manifest.json into `dir`.
void write_run_results(const std::filesystem::path& dir, const Scenario& scenario,
                       const std::vector<RunResult>& results, const Manifest& manifest);

// The human summary printed by `accord run`.
std::string format_run_summary(const Scenario& scenario, const std::vector<RunResult>& results);

}  // namespace accord
