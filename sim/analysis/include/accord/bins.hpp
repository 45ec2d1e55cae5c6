// Equal-width bins of a continuous column (`accord summarize --bins PARAM=N`, docs/interface.md).
#pragma once

#include <string>
#include <vector>

namespace accord {

// N bins of width (hi - lo) / N over [lo, hi] = [min, max] of the values: bin i is
// [lo + i w, lo + (i + 1) w), the last one closed, [.., hi]. If all values are equal there is one
// bin, [lo, lo].
struct EqualBins {
    double lo = 0, hi = 0;
    int count = 1;
    // The bin of v (v in [lo, hi]); rounding of the edges never puts v past the last bin.
    int index(double v) const;
    // "[lo,hi)", or "[lo,hi]" for the last bin, the edges with 6 significant digits.
    std::string label(int i) const;
};

// Throws std::invalid_argument if `values` is empty, a value is not finite or n < 1.
EqualBins equal_bins(const std::vector<double>& values, int n);

}  // namespace accord
