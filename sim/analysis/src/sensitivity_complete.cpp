#include "accord/sensitivity_complete.hpp"

#include <cmath>

namespace accord {

namespace {

long count_nan(const std::vector<double>& y) {
    long n = 0;
    for (const double v : y) n += std::isnan(v) ? 1 : 0;
    return n;
}

}  // namespace

CompleteDesign complete_sobol(const std::vector<double>& y, int d) {
    const std::size_t blocks = static_cast<std::size_t>(d) + 2;
    const std::size_t n = y.size() / blocks;
    std::vector<std::size_t> kept;
    for (std::size_t j = 0; j < n; ++j) {
        bool whole = true;
        for (std::size_t b = 0; b < blocks && whole; ++b) whole = !std::isnan(y[b * n + j]);
        if (whole) kept.push_back(j);
    }
    CompleteDesign out;
    for (std::size_t b = 0; b < blocks; ++b)
        for (const std::size_t j : kept) out.y.push_back(y[b * n + j]);
    out.used = static_cast<long>(kept.size());
    out.units = static_cast<long>(n);
    out.points_without = count_nan(y);
    return out;
}

CompleteDesign complete_morris(const std::vector<std::vector<double>>& unit, const std::vector<double>& y, int d) {
    const std::size_t length = static_cast<std::size_t>(d) + 1;
    const std::size_t trajectories = y.size() / length;
    CompleteDesign out;
    for (std::size_t t = 0; t < trajectories; ++t) {
        bool whole = true;
        for (std::size_t k = 0; k < length && whole; ++k) whole = !std::isnan(y[t * length + k]);
        if (!whole) continue;
        for (std::size_t k = 0; k < length; ++k) {
            out.unit.push_back(unit[t * length + k]);
            out.y.push_back(y[t * length + k]);
        }
        ++out.used;
    }
    out.units = static_cast<long>(trajectories);
    out.points_without = count_nan(y);
    return out;
}

}  // namespace accord
