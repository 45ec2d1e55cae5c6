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
    EqualBins bins{*lo, *hi, *lo == *hi ? 1 : n};
    // Two distinct edges never share a label (1e6 and 1e6 + 0.001 read "1e+06" at 6 digits).
    auto text = [&](int k) { return fmt::format("{:.{}g}", bins.edge(k), bins.digits); };
    // (From the first edge again at each step: more digits can also round two texts alike.)
    for (int k = 0; k < bins.count && bins.digits < 17;)
        if (bins.edge(k) != bins.edge(k + 1) && text(k) == text(k + 1)) {
            ++bins.digits;
            k = 0;
        } else {
            ++k;
        }
    return bins;
}

double EqualBins::edge(int k) const {
    if (k <= 0) return lo;
    if (k >= count) return hi;
    const double scaled = (hi - lo) * k;
    if (std::isfinite(scaled)) return lo + scaled / count;
    // hi - lo (or its multiple) overflows: weights of lo and hi, each term finite, lo < 0 < hi.
    const double t = static_cast<double>(k) / count;
    return lo * (1 - t) + hi * t;
}

int EqualBins::index(double v) const {
    if (hi == lo) return 0;
    // The last bin whose opening edge is at most v, by bisection over the edges (monotone in k): no
    // arithmetic on v that could round it across an edge, overflow or divide 0 by 0.
    int low = 0, high = count - 1;  // edge(low) <= v; the answer is in [low, high]
    while (low < high) {
        const int mid = low + (high - low + 1) / 2;
        if (edge(mid) <= v)
            low = mid;
        else
            high = mid - 1;
    }
    return low;
}

std::string EqualBins::label(int i) const {
    return fmt::format("[{:.{}g},{:.{}g}{}", edge(i), digits, edge(i + 1), digits, i + 1 == count ? "]" : ")");
}

}  // namespace accord
