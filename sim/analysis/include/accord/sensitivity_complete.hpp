// The part of a sensitivity design on which an output is defined everywhere. terms_if_agreed.<issue>
// (the mean terms of a point's deals) is undefined at a design point where no run agreed; the
// Sobol and Morris estimators need the output at every point of a base sample (row j of every
// Saltelli block) or of a trajectory, so those with a gap are left out (docs/sensitivity.md).
#pragma once

#include <cstddef>
#include <vector>

namespace accord {

// The outputs and unit points of the complete base samples (sobol) or trajectories (morris) of a
// design, in the same layout as the whole design (Saltelli blocks of `used` rows; trajectories of
// d + 1 points), ready for sobol_indices or morris_indices.
struct CompleteDesign {
    std::vector<std::vector<double>> unit;  // morris only: the kept trajectories' points
    std::vector<double> y;                  // the kept outputs
    long used = 0;                          // base samples or trajectories kept
    long units = 0;                         // base samples or trajectories in the design
    long points_without = 0;                // design points whose output is undefined (NaN)
};

// `y` holds one output per design point, NaN where undefined. Sobol: y.size() = n (d + 2).
CompleteDesign complete_sobol(const std::vector<double>& y, int d);
// Morris: `unit` is the design (trajectories of d + 1 points), y one output per point.
CompleteDesign complete_morris(const std::vector<std::vector<double>>& unit, const std::vector<double>& y, int d);

}  // namespace accord
