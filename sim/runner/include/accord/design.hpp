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

// The points of a design as a sweep reads them, one at a time: a grid's point p is computed from
// p, so that a grid of any size costs no memory up front; the other designs (whose points are
// drawn in sequence) are built whole with make_design, and explicit points are read in place.
class DesignPoints {
public:
    DesignPoints(const Scenario& scenario, const SweepSpec& sweep, std::uint64_t seed);
    // Explicit points (`accord sensitivity`), which must outlive this object.
    explicit DesignPoints(const std::vector<DesignPoint>& points);
    long size() const { return size_; }
    // Point p (0 <= p < size()), the same values make_design gives it.
    DesignPoint at(long p) const;

private:
    const Scenario* scenario_ = nullptr;
    const SweepSpec* sweep_ = nullptr;
    bool grid_ = false;
    std::vector<std::vector<double>> axes_;             // a grid's values per parameter
    std::vector<DesignPoint> built_;                    // the other designs
    const std::vector<DesignPoint>* points_ = nullptr;  // explicit points
    long size_ = 0;
};

// The seed of the design's own random stream (never equal to a run's seed s + r in practice:
// it goes through a different mixing function).
std::uint64_t design_stream_seed(std::uint64_t seed);

}  // namespace accord
