// `accord sensitivity`: a global sensitivity study of a scenario over its sweep parameters
// (docs/sensitivity.md). The study gives the design (run as a sweep by the runner), then reads
// the sweep's points.csv back and computes the indices with the estimators of sensitivity.hpp.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "accord/design.hpp"
#include "accord/scenario.hpp"
#include "accord/sensitivity.hpp"

namespace accord {

enum class SensitivityMethod { sobol, morris };

struct SensitivityStudy {
    SensitivityMethod method = SensitivityMethod::sobol;
    long samples = 0;                       // sobol: base samples N (N(d+2) points); morris: trajectories
    std::vector<std::vector<double>> unit;  // the design in [0, 1]^d, in run order
    std::vector<DesignPoint> design;        // the same points in the parameters' units, clamped
    std::string label;                      // the manifest's design: saltelli-N or morris-N
    std::uint64_t seed = 1;                 // the run plan's seed: the morris design and the bootstrap
};

// Morris trajectories move on a grid of this many levels per factor.
inline constexpr int morris_levels = 4;

// The design of a study in [0, 1]^d, in run order: saltelli_design(d, samples) for sobol,
// morris_design(d, samples, morris_levels, design_stream_seed(seed)) for morris.
std::vector<std::vector<double>> unit_design(SensitivityMethod method, int d, long samples, std::uint64_t seed);

// "sobol" or "morris".
std::string method_name(SensitivityMethod method);

// The design of a study: each swept parameter varies over its range, or over [min, max] of its
// grid values. `samples` defaults to the sweep's samples when above 1, else 256 (sobol) or 20
// (morris). `seed` is the run plan's (--seed, else the file's). Throws InputError naming the
// scenario's file when a parameter does not vary.
SensitivityStudy plan_sensitivity(const Scenario& scenario, SensitivityMethod method, std::optional<long> samples,
                                  std::uint64_t seed);

// One row of sensitivity.csv.
struct SensitivityRow {
    std::string output;     // agreed, terms.<issue>; with a status quo, outcome.<issue> and terms_if_agreed.<issue>
    std::string parameter;  // the sweep parameter
    std::string index;      // S1, ST (sobol); mu_star, sigma (morris)
    SensitivityEstimate estimate;
};

// How much of the design the indices of a terms_if_agreed output could use: it is undefined at a
// design point where no run agreed, and its indices use the base samples (sobol: row j of every
// Saltelli block) or trajectories (morris) with a deal at every point.
struct OutputCoverage {
    std::string output;       // terms_if_agreed.<issue>
    long points_without = 0;  // design points without a deal
    long used = 0;            // base samples or trajectories the indices use
    long units = 0;           // base samples or trajectories in the design
};

// The indices of every output for every parameter, from the points.csv of the study's sweep
// (outputs per point: p_agree and terms.<issue>.mean; with a status quo, then outcome.<issue>.mean of
// each issue that has one and terms_if_agreed.<issue>.mean of every issue). A terms_if_agreed index
// is empty (nullopt) when fewer than 2 base samples (sobol) or no trajectory (morris) have a deal at
// every point; `coverage`, if given, receives one entry per terms_if_agreed output. Throws
// std::runtime_error when the file cannot be read or lacks a column.
std::vector<SensitivityRow> sensitivity_indices(const Scenario& scenario, const SensitivityStudy& study,
                                                const std::filesystem::path& points_csv,
                                                std::vector<OutputCoverage>* coverage = nullptr);

// One line per terms_if_agreed output that some design point has no deal for: how many, and how much of
// the design its indices use (docs/sensitivity.md); the command prints them as notes, the Python module
// as warnings.
std::vector<std::string> points_without_deal_notes(const SensitivityStudy& study,
                                                   const std::vector<OutputCoverage>& coverage);

// The rows whose 95% interval is wider than the index itself (|value|): indices that the
// study's samples do not tell from their noise. Rows without a value or an interval are skipped, and
// so are those whose whole interval lies within (-0.0005, 0.0005): a negligible index, whatever its sign.
std::vector<SensitivityRow> wide_intervals(const std::vector<SensitivityRow>& rows);

// The warning about each of wide_intervals(rows), as `accord sensitivity` prints it after its prefix
// and the Python module warns with it: "S1 of x for agreed is 0.012 but its 95% interval ... is wider
// than the index: raise --samples (or --runs, for a noisy output)".
std::vector<std::string> wide_interval_warnings(const std::vector<SensitivityRow>& rows);

std::string sensitivity_csv(const SensitivityStudy& study, const std::vector<SensitivityRow>& rows);

}  // namespace accord
