// The inverse CDF (quantile function) of each distribution of a scenario's `uncertainty` block
// (docs/scenario-format.md section 13): `accord sensitivity --over uncertainty` maps a design
// point's unit coordinates through it, so that the factors have the distributions the file gives.
#pragma once

#include "accord/scenario.hpp"

namespace accord {

// The value x with P(X <= x) = p for X distributed as `d`, before clamping:
//   normal [m, s]           m + s Phi^-1(p)                      (Boost.Math normal_distribution)
//   uniform [a, b]          a + p (b - a)
//   triangular [a, c, b]    a + sqrt(p (b - a)(c - a))     for p < (c - a)/(b - a),
//                           b - sqrt((1 - p)(b - a)(b - c)) otherwise (Boost.Math triangular_distribution)
//   choice [v1, ..., vk]    v_j with j = min(floor(p k), k - 1) (each value has probability 1/k,
//                           as the draw gives it)
// A distribution of a single value (sd 0, a = b, one choice) gives that value for every p.
// Throws std::invalid_argument unless 0 < p < 1 (the normal's quantile is infinite at 0 and 1).
double distribution_quantile(const Distribution& d, double p);

// Whether `d` can give more than one value (a factor that cannot has no sensitivity to measure).
bool distribution_varies(const Distribution& d);

}  // namespace accord
