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
    std::string output;     // agreed, terms.<issue>
    std::string parameter;  // the sweep parameter
    std::string index;      // S1, ST (sobol); mu_star, sigma (morris)
    SensitivityEstimate estimate;
};

// The indices of every output for every parameter, from the points.csv of the study's sweep
// (outputs per point: p_agree and terms.<issue>.mean). Throws std::runtime_error when the file
// cannot be read or lacks a column.
std::vector<SensitivityRow> sensitivity_indices(const Scenario& scenario, const SensitivityStudy& study,
                                                const std::filesystem::path& points_csv);

// The rows whose 95% interval is wider than the index itself (|value|): indices that the
// study's samples do not tell from their noise. Rows without a value or an interval are skipped, and
// so are those whose whole interval lies within (-0.0005, 0.0005): a negligible index, whatever its sign.
std::vector<SensitivityRow> wide_intervals(const std::vector<SensitivityRow>& rows);

std::string sensitivity_csv(const SensitivityStudy& study, const std::vector<SensitivityRow>& rows);

}  // namespace accord
