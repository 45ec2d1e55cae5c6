#include "accord/bins.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

namespace accord {

EqualBins equal_bins(const std::vector<double>& values, int n) {
    if (values.empty() || n < 1) throw std::invalid_argument("equal_bins: no values or fewer than one bin");
    if (std::any_of(values.begin(), values.end(), [](double v) { return !std::isfinite(v); }))
        throw std::invalid_argument("equal_bins: a value is not finite");
    const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
    return EqualBins{*lo, *hi, *lo == *hi ? 1 : n};
}

int EqualBins::index(double v) const {
    if (hi == lo) return 0;
    const double i = std::floor((v - lo) / (hi - lo) * count);
    return static_cast<int>(std::clamp(i, 0.0, static_cast<double>(count - 1)));
}

std::string EqualBins::label(int i) const {
    // Edges as lo + (hi - lo) i / N, so that the last edge is hi exactly.
    auto edge = [&](int k) { return k == count ? hi : lo + (hi - lo) * k / count; };
    return fmt::format("[{:.6g},{:.6g}{}", edge(i), edge(i + 1), i + 1 == count ? "]" : ")");
}

}  // namespace accord
