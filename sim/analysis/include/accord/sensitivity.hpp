// Global sensitivity analysis (docs/models.md section 11): the designs over the unit hypercube [0,1]^d
// and the estimators of Morris elementary effects (mu*, sigma) and of Sobol first-order and total
// indices (Saltelli / Jansen). The caller scales the designs to the parameters' ranges, runs the
// model once per point in design order, and hands the outputs back here.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace accord {

// An index with its 95% bootstrap percentile interval; each part is nullopt where undefined.
struct SensitivityEstimate {
    std::optional<double> value, ci_low, ci_high;
};

// Morris step Delta = p / (2 (p - 1)) for p levels (Morris 1991): p must be even and >= 2, so
// that a step of p/2 grid cells from the lower half of the grid {0, 1/(p-1), ..., 1} lands on it.
double morris_step(int levels);

// `trajectories` Morris (1991) trajectories of d + 1 points each, numbered trajectory by
// trajectory, drawn from Rng(seed). Each is Morris's randomised orientation matrix
// B* = (J x* + (Delta/2) ((2B - J) D* + J)) P*: a base point x* uniform on the grid cells
// {0, ..., 1 - Delta}, a random direction +-1 per factor, and a random order of factors; point
// k + 1 differs from point k in exactly one factor, by +-Delta, and every factor moves once.
// No Campolongo et al. (2007) spread optimisation: trajectories are independent random draws.
// Throws std::invalid_argument for d < 1, trajectories < 1 or levels that are odd or < 2.
std::vector<std::vector<double>> morris_design(int d, int trajectories, int levels, std::uint64_t seed);

// The n * (d + 2) points of the Saltelli et al. (2010) radial scheme, in blocks of n rows:
//   rows [0, n)                      A,    the first d coordinates of Boost.Random's sobol(2d)
//   rows [n, 2n)                     B,    the last d coordinates of the same points
//   rows [(2 + i) n, (3 + i) n)      AB_i, A with column i taken from B (i = 0, ..., d - 1)
// so row j of every block belongs to the same Sobol point j. The sequence is unscrambled and
// skips nothing; Boost's first point is (1/2, ..., 1/2) (it never emits the origin). Use n a
// power of two for the sequence's balance properties. Throws std::invalid_argument for d < 1 or
// n < 2.
std::vector<std::vector<double>> saltelli_design(int d, long n);

// The elementary effects of a Morris design (as returned by morris_design, in unit coordinates)
// given one output per point: row t, column i is EE_i = (y(x') - y(x)) / (x'_i - x_i) for the
// step of trajectory t that moves factor i, so the sign follows the direction of the step and
// effects are per unit of the factor's whole range. Throws std::invalid_argument if the sizes
// disagree, an output is not finite, or a step does not move exactly one factor.
std::vector<std::vector<double>> elementary_effects(const std::vector<std::vector<double>>& design,
                                                    const std::vector<double>& y);

// Per factor: mu* = mean |EE| (Campolongo et al. 2007) with a 95% bootstrap percentile interval
// from `resamples` resamples of whole trajectories drawn from Rng(seed), and sigma = sd of EE
// with n - 1 (Morris 1991). sigma carries no interval: a percentile bootstrap of an sd from the
// usual 10 to 50 trajectories is biased low and would look more certain than it is (SALib, too,
// reports a confidence only for mu*). With one trajectory sigma and the interval are nullopt.
struct MorrisIndices {
    SensitivityEstimate mu_star, sigma;
};
std::vector<MorrisIndices> morris_indices(const std::vector<std::vector<double>>& design, const std::vector<double>& y,
                                          std::uint64_t seed, int resamples = 1000);

// Per factor, from the outputs y of saltelli_design(d, n) in its order (n = y.size() / (d + 2)):
//   V    = variance (divided by 2n) of the 2n outputs of A and B, about their mean f0
//   S1_i = mean((y_B - f0) (y_ABi - y_A)) / V       Saltelli et al. (2010), Table 2 (b)
//   ST_i = mean((y_A - y_ABi)^2) / (2 V)             Jansen (1999); Saltelli et al. (2010), (f)
// Subtracting f0 leaves the expectation of (b) unchanged (y_ABi - y_A has mean zero) but keeps
// an output far from zero, such as terms on a 0-100 scale, from inflating its variance (SALib
// centres for the same reason). Intervals are 95% bootstrap percentiles from `resamples`
// resamples of the n rows (row j of every block together) drawn from Rng(seed); estimates are
// not clipped to [0, 1]. If V = 0 (all outputs of A and B equal) the indices are undefined and
// every part is nullopt; resamples with V = 0 are left out of the interval. Throws
// std::invalid_argument if y.size() is not a multiple of d + 2 with n >= 2 or an output is not
// finite.
struct SobolIndices {
    SensitivityEstimate s1, st;
};
std::vector<SobolIndices> sobol_indices(const std::vector<double>& y, int d, std::uint64_t seed, int resamples = 1000);

}  // namespace accord
