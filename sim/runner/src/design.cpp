#include "accord/design.hpp"

#include <algorithm>
#include <numeric>

#include <boost/random/sobol.hpp>

#include "accord/random.hpp"
#include "accord/sweep.hpp"

namespace accord {

namespace {
std::vector<double> grid_values(const SweepParameter& p) {
    if (!p.values.empty()) return p.values;
    std::vector<double> out;
    const double lo = *p.lo, hi = *p.hi;
    if (p.steps == 1) return {lo};
    for (int i = 0; i < p.steps; ++i) out.push_back(i == p.steps - 1 ? hi : lo + (hi - lo) * i / (p.steps - 1));
    return out;
}
}  // namespace

long design_size(const SweepSpec& sweep) {
    if (sweep.design != Design::grid) return sweep.samples;
    long size = 1;
    for (const auto& p : sweep.parameters)
        if (__builtin_mul_overflow(size, static_cast<long>(grid_values(p).size()), &size))
            throw SweepUsageError("the grid has more points than accord can count; use fewer steps or values");
    return size;
}

std::uint64_t design_stream_seed(std::uint64_t seed) {
    // A fixed, documented transformation: the design stream is seeded from the scenario seed
    // mixed with a constant, so it never coincides with the runs' SplitMix64 streams s + r.
    return (seed ^ 0xd1b54a32d192ed03ULL) * 0x9e3779b97f4a7c15ULL + 0x5851f42d4c957f2dULL;
}

DesignPoints::DesignPoints(const Scenario& s, const SweepSpec& sweep, std::uint64_t seed)
    : scenario_(&s), sweep_(&sweep), grid_(sweep.design == Design::grid), size_(design_size(sweep)) {
    if (grid_)
        for (const auto& p : sweep.parameters) axes_.push_back(grid_values(p));
    else
        built_ = make_design(s, sweep, seed);
}

DesignPoints::DesignPoints(const std::vector<DesignPoint>& points)
    : points_(&points), size_(static_cast<long>(points.size())) {}

DesignPoint DesignPoints::at(long p) const {
    if (points_) return (*points_)[static_cast<std::size_t>(p)];
    if (!grid_) return built_[static_cast<std::size_t>(p)];
    // Row-major over the parameters as listed, the last varying fastest (as make_design builds it).
    const std::size_t d = axes_.size();
    DesignPoint point(d);
    for (std::size_t j = d; j-- > 0;) {
        const long n = static_cast<long>(axes_[j].size());
        point[j] = clamp_param_value(sweep_->parameters[j].path, axes_[j][static_cast<std::size_t>(p % n)], *scenario_);
        p /= n;
    }
    return point;
}

std::vector<DesignPoint> make_design(const Scenario& s, const SweepSpec& sweep, std::uint64_t seed) {
    const std::size_t d = sweep.parameters.size();
    std::vector<DesignPoint> points;
    auto scale = [&](std::size_t j, double u) {
        const auto& p = sweep.parameters[j];
        return *p.lo + u * (*p.hi - *p.lo);
    };
    switch (sweep.design) {
        case Design::grid: {
            std::vector<std::vector<double>> axes;
            for (const auto& p : sweep.parameters) axes.push_back(grid_values(p));
            const long n = design_size(sweep);
            points.reserve(static_cast<std::size_t>(n));
            std::vector<std::size_t> index(d, 0);
            for (long i = 0; i < n; ++i) {
                DesignPoint point(d);
                for (std::size_t j = 0; j < d; ++j) point[j] = axes[j][index[j]];
                points.push_back(point);
                for (std::size_t j = d; j-- > 0;) {  // the last parameter varies fastest
                    if (++index[j] < axes[j].size()) break;
                    index[j] = 0;
                }
            }
            break;
        }
        case Design::random: {
            Rng rng(design_stream_seed(seed));
            for (long i = 0; i < sweep.samples; ++i) {
                DesignPoint point(d);
                for (std::size_t j = 0; j < d; ++j) point[j] = scale(j, rng.uniform());
                points.push_back(point);
            }
            break;
        }
        case Design::lhs: {
            // Latin hypercube: for each parameter a random permutation of the n strata, and a uniform
            // position inside each stratum; exactly one point per stratum of every parameter.
            Rng rng(design_stream_seed(seed));
            const auto n = static_cast<std::size_t>(sweep.samples);
            points.assign(n, DesignPoint(d));
            for (std::size_t j = 0; j < d; ++j) {
                std::vector<std::size_t> strata(n);
                std::iota(strata.begin(), strata.end(), 0);
                for (std::size_t i = n; i > 1; --i) std::swap(strata[i - 1], strata[rng.below(i)]);  // Fisher-Yates
                for (std::size_t i = 0; i < n; ++i)
                    points[i][j] = scale(j, (static_cast<double>(strata[i]) + rng.uniform()) / static_cast<double>(n));
            }
            break;
        }
        case Design::sobol: {
            boost::random::sobol engine(d);
            for (long i = 0; i < sweep.samples; ++i) {
                DesignPoint point(d);
                for (std::size_t j = 0; j < d; ++j) point[j] = scale(j, static_cast<double>(engine()) * 0x1p-64);
                points.push_back(point);
            }
            break;
        }
    }
    for (auto& point : points)
        for (std::size_t j = 0; j < d; ++j) point[j] = clamp_param_value(sweep.parameters[j].path, point[j], s);
    return points;
}

}  // namespace accord
