// The result files of `accord run` (docs/interface.md section 4), each written whole or not at all.
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
// Then, after those, the rows of the negotiation process (docs/models.md section 16): `outcome.<issue>` and
// `terms_if_agreed.<issue>` where some issue has a status quo, `agreed_at.<round>` per meeting under
// at-meetings, and `blocked_by.<actor>` for every actor needed at some run's final decision.
std::vector<SummaryRow> summarize_runs(const Scenario& scenario, const std::vector<RunResult>& results);

// The meeting rounds at which decisions are judged (empty unless decide: at-meetings), in order.
std::vector<int> meeting_rounds(const Scenario& scenario);

// Over the runs without agreement: the share in which each actor was needed at the final decision
// and did not accept by its own verdict (docs/models.md section 16.10); actors never needed are left out.
struct BlockerShare {
    int actor = 0;
    Summary summary;
};
std::vector<BlockerShare> blocker_shares(const Scenario& scenario, const std::vector<RunResult>& results);

// blockers.csv (every needed actor at each run's final decision) and zopa.csv (the acceptable
// intervals at every decision of the runs with trajectories).
void write_blockers(const std::filesystem::path& path, const Scenario& scenario, const std::vector<RunResult>& results);
void write_zopa(const std::filesystem::path& path, const Scenario& scenario, const std::vector<RunResult>& results);

// The header and rows of runs.csv. The outcome columns (rounds ... drawn parameters) are shared
// with sweeps, which put their own columns before them.
// `draws`: the uncertain parameters of the run plan, one column each.
std::string runs_header(const Scenario& scenario, const std::vector<Uncertain>& draws);
std::string runs_row(const Scenario& scenario, long run, const RunResult& result);
// The same row appended to `out` through `row` (emptied after), which keeps its buffer between rows.
void append_runs_row(std::string& out, CsvRow& row, const Scenario& scenario, long run, const RunResult& result);
void add_outcome_header(CsvRow& row, const Scenario& scenario, const std::vector<Uncertain>& draws);
void add_outcome_fields(CsvRow& row, const Scenario& scenario, const RunResult& result);

// Writes runs.csv, trajectory.csv, terms.csv, summary.csv and manifest.json into `dir`.
void write_run_results(const std::filesystem::path& dir, const Scenario& scenario, const std::vector<Uncertain>& draws,
                       const std::vector<RunResult>& results, const Manifest& manifest);

// The human summary printed by `accord run`.
std::string format_run_summary(const Scenario& scenario, const std::vector<RunResult>& results);

}  // namespace accord
