// Sweep designs (docs/models.md section 11): the design points of a scenario's `sweep` block, each a
// value per swept parameter, in the parameter's own units and clamped to its valid range.
#pragma once

#include <cstdint>
#include <vector>

#include "accord/scenario.hpp"

namespace accord {

using DesignPoint = std::vector<double>;  // one value per sweep parameter, in listed order

// Number of points without building them (a grid is the product of its parameters' sizes).
long design_size(const SweepSpec& sweep);

// All points, numbered from 0: a grid in row-major order over the parameters as listed (the last
// varies fastest); random and lhs from a generator seeded with the scenario seed on a stream of
// its own; sobol the first `samples` points of Boost.Random's unscrambled Sobol sequence.
std::vector<DesignPoint> make_design(const Scenario& scenario, const SweepSpec& sweep, std::uint64_t seed);

// The seed of the design's own random stream (never equal to a run's seed s + r in practice:
// it goes through a different mixing function).
std::uint64_t design_stream_seed(std::uint64_t seed);

}  // namespace accord
