// Equal-width bins of a continuous column (`accord summarize --bins PARAM=N`, docs/interface.md).
#pragma once

#include <string>
#include <vector>

namespace accord {

// N bins of width (hi - lo) / N over [lo, hi] = [min, max] of the values: bin i is
// [edge(i), edge(i + 1)), the last one closed, [.., hi]. If all values are equal there is one
// bin, [lo, lo].
struct EqualBins {
    double lo = 0, hi = 0;
    int count = 1;
    int digits = 6;  // significant digits of the labels: 6, more where 6 would print two edges alike
    // lo + (hi - lo) k / N as a double (edge(0) = lo, edge(N) = hi), also where hi - lo overflows.
    double edge(int k) const;
    // The bin of v (v in [lo, hi]) by the edges as doubles: a value equal to an edge is in the bin
    // that edge opens, whatever the rounding of (v - lo) / w.
    int index(double v) const;
    // "[lo,hi)", or "[lo,hi]" for the last bin, the edges with `digits` significant digits.
    std::string label(int i) const;
};

// Throws std::invalid_argument if `values` is empty, a value is not finite or n < 1.
EqualBins equal_bins(const std::vector<double>& values, int n);

}  // namespace accord
