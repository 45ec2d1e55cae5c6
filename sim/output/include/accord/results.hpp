// The result files of `accord run` (docs/interface.md section 4), each written whole or not at all.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "accord/csv.hpp"
#include "accord/manifest.hpp"
#include "accord/run.hpp"
#include "accord/run_tally.hpp"
#include "accord/scenario.hpp"
#include "accord/stats.hpp"

namespace accord {

// The rows of summary.csv of `results` (RunTally::rows, for results held whole).
std::vector<SummaryRow> summarize_runs(const Scenario& scenario, const std::vector<RunResult>& results);

// The meeting rounds at which decisions are judged (empty unless decide: at-meetings), in order.
std::vector<int> meeting_rounds(const Scenario& scenario);

// RunTally::blockers of `results`.
std::vector<BlockerShare> blocker_shares(const Scenario& scenario, const std::vector<RunResult>& results);

// The header and rows of runs.csv. The outcome columns (rounds ... drawn parameters) are shared
// with sweeps, which put their own columns before them.
// `draws`: the uncertain parameters of the run plan, one column each.
std::string runs_header(const Scenario& scenario, const std::vector<Uncertain>& draws);
// One string per row: kept only as the "before" figure of bench_csv's runs_csv_rows (and for tests that
// compare rows); RunFiles writes through append_runs_row.
std::string runs_row(const Scenario& scenario, const std::vector<Uncertain>& draws, long run, const RunResult& result);
// The same row appended to `out` through `row` (emptied after), which keeps its buffer between rows.
void append_runs_row(std::string& out, CsvRow& row, const Scenario& scenario, const std::vector<Uncertain>& draws,
                     long run, const RunResult& result);
void add_outcome_header(CsvRow& row, const Scenario& scenario, const std::vector<Uncertain>& draws);
void add_outcome_fields(CsvRow& row, const Scenario& scenario, const std::vector<Uncertain>& draws,
                        const RunResult& result);
// A parameter's value as its column is typed: `model.rounds` a whole number ("2000000", never
// "2e+06", which std::to_chars's shortest form gives), every other path a real number.
void add_param_value(CsvRow& row, const ParamPath& path, double value);

// A parameter's value as a message writes it (a sweep's failing design point): as add_param_value
// writes the cell, but veto as true or false, as a scenario file and --set write it (the CSV column is
// a bool, 0 or 1).
std::string param_value_text(const ParamPath& path, double value);

// The files of `accord run` in `dir`, written as the runs come, so that no run need be held:
// runs.csv, trajectory.csv and terms.csv (the runs recording their rounds), blockers.csv (every needed
// actor at each run's final decision) and zopa.csv (the acceptable intervals at every decision of the
// runs recording their rounds); commit() adds summary.csv and manifest.json and renames them all into
// place. Destroyed without commit(), it leaves none of them (each is written to a temporary name).
class RunFiles {
public:
    RunFiles(const std::filesystem::path& dir, const Scenario& scenario, const std::vector<Uncertain>& draws);
    // Run `run`'s rows (runs come in run order); throws std::runtime_error once a write has failed.
    void add(long run, const RunResult& result);
    void commit(RunTally& tally, const Manifest& manifest);
    // Bytes written so far of the files that grow with every run (runs.csv, blockers.csv) and of those
    // only the runs recording their rounds write (trajectory.csv, terms.csv, zopa.csv).
    std::size_t per_run_bytes() const { return runs_.written() + blockers_.written(); }
    std::size_t recorded_bytes() const { return trajectory_.written() + terms_.written() + zopa_.written(); }

private:
    const Scenario* scenario_;
    std::vector<Uncertain> draws_;
    std::filesystem::path dir_;
    AtomicFile runs_, trajectory_, terms_, blockers_, zopa_;
    CsvRow runs_row_;        // reused for every run's row of runs.csv (append_runs_row)
    std::string runs_line_;  // and its line, so that a row allocates nothing
};

// Writes the files of RunFiles for results held whole (the Python module, tests).
void write_run_results(const std::filesystem::path& dir, const Scenario& scenario, const std::vector<Uncertain>& draws,
                       const std::vector<RunResult>& results, const Manifest& manifest);

// The human summary printed by `accord run`; `start` the starting parameters the runs used (the
// file's after --set: the status quo it quotes), the file's own when not given.
std::string format_run_summary(const Scenario& scenario, RunTally& tally, const Params& start);
std::string format_run_summary(const Scenario& scenario, RunTally& tally);
std::string format_run_summary(const Scenario& scenario, const std::vector<RunResult>& results);

}  // namespace accord
