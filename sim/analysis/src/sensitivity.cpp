#include "accord/sensitivity.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>

#include <boost/random/sobol.hpp>

#include "accord/random.hpp"
#include "accord/stats.hpp"

namespace accord {

namespace {

void require(bool ok, const std::string& message) {
    if (!ok) throw std::invalid_argument(message);
}

void require_finite(const std::vector<double>& y, const char* who) {
    for (std::size_t k = 0; k < y.size(); ++k)
        require(std::isfinite(y[k]), std::string(who) + ": output " + std::to_string(k) + " is not finite");
}

// One bootstrap resample: rows.size() indices drawn uniformly with replacement from [0, rows.size()).
void draw_resample(Rng& rng, std::vector<std::size_t>& rows) {
    for (auto& r : rows) r = static_cast<std::size_t>(rng.below(rows.size()));
}

// The 95% percentile interval of bootstrap replicates (R type 7 quantiles, as everywhere else);
// nullopt without replicates.
void set_percentile_interval(std::vector<double> replicates, SensitivityEstimate& e) {
    if (replicates.empty()) return;
    std::sort(replicates.begin(), replicates.end());
    e.ci_low = quantile_sorted(replicates, 0.025);
    e.ci_high = quantile_sorted(replicates, 0.975);
}

// mu* of factor i over the trajectories listed in `rows` (Campolongo et al. 2007).
double mean_abs_effect(const std::vector<std::vector<double>>& ee, const std::vector<std::size_t>& rows,
                       std::size_t i) {
    double sum = 0;
    for (std::size_t t : rows) sum += std::abs(ee[t][i]);
    return sum / static_cast<double>(rows.size());
}

// S1 and ST of every factor over the rows listed (Saltelli et al. 2010, Table 2 (b) and (f));
// false when V = 0 over those rows, i.e. every output of A and B is the same.
bool estimate_sobol(const std::vector<double>& y, std::size_t n, std::size_t d, const std::vector<std::size_t>& rows,
                    std::vector<double>& s1, std::vector<double>& st) {
    const auto a = [&](std::size_t j) { return y[j]; };
    const auto b = [&](std::size_t j) { return y[n + j]; };
    const auto ab = [&](std::size_t i, std::size_t j) { return y[(2 + i) * n + j]; };
    const double m = static_cast<double>(rows.size());
    double lo = a(rows[0]), hi = lo, sum = 0;
    for (std::size_t j : rows) {
        lo = std::min({lo, a(j), b(j)});
        hi = std::max({hi, a(j), b(j)});
        sum += a(j) + b(j);
    }
    if (lo == hi) return false;  // a rounding residue of the mean would otherwise pass for a variance
    const double f0 = sum / (2 * m);
    double ss = 0;  // two passes, for accuracy when the mean is large against the spread
    for (std::size_t j : rows) ss += (a(j) - f0) * (a(j) - f0) + (b(j) - f0) * (b(j) - f0);
    const double v = ss / (2 * m);
    for (std::size_t i = 0; i < d; ++i) {
        double first = 0, total = 0;
        for (std::size_t j : rows) {
            const double step = ab(i, j) - a(j);
            first += (b(j) - f0) * step;
            total += step * step;
        }
        s1[i] = first / m / v;
        st[i] = total / m / (2 * v);
    }
    return true;
}

}  // namespace

double morris_step(int levels) {
    require(levels >= 2 && levels % 2 == 0,
            "morris: the number of levels must be even and at least 2, got " + std::to_string(levels));
    return levels / (2.0 * (levels - 1));
}

std::vector<std::vector<double>> morris_design(int d, int trajectories, int levels, std::uint64_t seed) {
    require(d >= 1, "morris_design: needs at least one factor");
    require(trajectories >= 1, "morris_design: needs at least one trajectory");
    morris_step(levels);  // validates levels
    // Work in grid indices 0..p-1 so that every coordinate is exactly k / (p - 1); a step of
    // Delta is p/2 grid cells, and a base index below p/2 leaves room for it.
    const auto p = static_cast<std::uint64_t>(levels);
    const std::uint64_t half = p / 2;
    const auto dd = static_cast<std::size_t>(d);
    const auto coordinate = [&](std::uint64_t k) { return static_cast<double>(k) / static_cast<double>(p - 1); };
    Rng rng(seed);
    std::vector<std::vector<double>> points;
    points.reserve(static_cast<std::size_t>(trajectories) * (dd + 1));
    std::vector<std::uint64_t> level(dd);
    std::vector<bool> up(dd);
    std::vector<std::size_t> order(dd);
    for (int t = 0; t < trajectories; ++t) {
        // Morris (1991): first row of B* is x* + (Delta/2)(J - D*): x* where the factor will step
        // up, x* + Delta where it will step down.
        for (std::size_t i = 0; i < dd; ++i) {
            const std::uint64_t base = rng.below(half);
            up[i] = rng.below(2) == 0;
            level[i] = up[i] ? base : base + half;
        }
        std::iota(order.begin(), order.end(), 0);
        for (std::size_t i = dd; i > 1; --i) std::swap(order[i - 1], order[rng.below(i)]);  // Fisher-Yates: P*
        std::vector<double> x(dd);
        for (std::size_t i = 0; i < dd; ++i) x[i] = coordinate(level[i]);
        points.push_back(x);
        for (std::size_t i : order) {
            level[i] = up[i] ? level[i] + half : level[i] - half;
            x[i] = coordinate(level[i]);
            points.push_back(x);
        }
    }
    return points;
}

std::vector<std::vector<double>> saltelli_design(int d, long n) {
    require(d >= 1, "saltelli_design: needs at least one factor");
    require(n >= 2, "saltelli_design: needs at least two base rows");
    const auto dd = static_cast<std::size_t>(d);
    const auto nn = static_cast<std::size_t>(n);
    std::vector<std::vector<double>> points(nn * (dd + 2), std::vector<double>(dd));
    boost::random::sobol engine(2 * dd);
    for (std::size_t j = 0; j < nn; ++j) {
        for (std::size_t i = 0; i < dd; ++i) points[j][i] = static_cast<double>(engine()) * 0x1p-64;       // A
        for (std::size_t i = 0; i < dd; ++i) points[nn + j][i] = static_cast<double>(engine()) * 0x1p-64;  // B
    }
    for (std::size_t i = 0; i < dd; ++i)
        for (std::size_t j = 0; j < nn; ++j) {
            auto& row = points[(2 + i) * nn + j];
            row = points[j];
            row[i] = points[nn + j][i];
        }
    return points;
}

std::vector<std::vector<double>> elementary_effects(const std::vector<std::vector<double>>& design,
                                                    const std::vector<double>& y) {
    require(!design.empty(), "elementary_effects: empty design");
    require(design.size() == y.size(), "elementary_effects: " + std::to_string(design.size()) + " points but " +
                                           std::to_string(y.size()) + " outputs");
    require_finite(y, "elementary_effects");
    const std::size_t d = design.front().size();
    require(d >= 1 && design.size() % (d + 1) == 0,
            "elementary_effects: the design is not made of trajectories of d + 1 points");
    const std::size_t r = design.size() / (d + 1);
    std::vector<std::vector<double>> ee(r, std::vector<double>(d, 0));
    for (std::size_t t = 0; t < r; ++t) {
        std::vector<bool> moved(d, false);
        for (std::size_t k = 0; k < d; ++k) {
            const std::size_t from = t * (d + 1) + k;
            const auto& x = design[from];
            const auto& x2 = design[from + 1];
            require(x.size() == d && x2.size() == d, "elementary_effects: points of different dimensions");
            std::size_t changed = d, count = 0;
            for (std::size_t i = 0; i < d; ++i) {
                if (x2[i] == x[i]) continue;
                changed = i;
                ++count;
            }
            require(count == 1 && !moved[changed], "elementary_effects: step " + std::to_string(k) + " of trajectory " +
                                                       std::to_string(t) + " does not move one new factor");
            moved[changed] = true;
            // Morris (1991), eq. (1); dividing by the signed step makes the sign that of the slope.
            ee[t][changed] = (y[from + 1] - y[from]) / (x2[changed] - x[changed]);
        }
    }
    return ee;
}

std::vector<MorrisIndices> morris_indices(const std::vector<std::vector<double>>& design, const std::vector<double>& y,
                                          std::uint64_t seed, int resamples) {
    const auto ee = elementary_effects(design, y);
    const std::size_t r = ee.size(), d = ee.front().size();
    std::vector<MorrisIndices> out(d);
    std::vector<std::size_t> rows(r);
    std::iota(rows.begin(), rows.end(), 0);
    for (std::size_t i = 0; i < d; ++i) {
        const double mu_star = mean_abs_effect(ee, rows, i);
        out[i].mu_star.value = mu_star;
        if (r < 2) continue;
        double mean = 0;
        for (const auto& e : ee) mean += e[i];
        mean /= static_cast<double>(r);
        double ss = 0;
        for (const auto& e : ee) ss += (e[i] - mean) * (e[i] - mean);
        out[i].sigma.value = std::sqrt(ss / static_cast<double>(r - 1));
    }
    if (r < 2 || resamples < 1) return out;
    // Resample whole trajectories, so that the factors of one resample come from the same runs.
    Rng rng(seed);
    std::vector<std::vector<double>> replicates(d);
    for (int b = 0; b < resamples; ++b) {
        draw_resample(rng, rows);
        for (std::size_t i = 0; i < d; ++i) replicates[i].push_back(mean_abs_effect(ee, rows, i));
    }
    for (std::size_t i = 0; i < d; ++i) set_percentile_interval(std::move(replicates[i]), out[i].mu_star);
    return out;
}

std::vector<SobolIndices> sobol_indices(const std::vector<double>& y, int d, std::uint64_t seed, int resamples) {
    require(d >= 1, "sobol_indices: needs at least one factor");
    const auto dd = static_cast<std::size_t>(d);
    require(y.size() % (dd + 2) == 0 && y.size() / (dd + 2) >= 2,
            "sobol_indices: " + std::to_string(y.size()) +
                " outputs are not n (d + 2) with n >= 2 for d = " + std::to_string(d));
    require_finite(y, "sobol_indices");
    const std::size_t n = y.size() / (dd + 2);
    std::vector<SobolIndices> out(dd);
    std::vector<std::size_t> rows(n);
    std::iota(rows.begin(), rows.end(), 0);
    std::vector<double> s1(dd), st(dd);
    if (!estimate_sobol(y, n, dd, rows, s1, st)) return out;  // V = 0: undefined, all nullopt
    for (std::size_t i = 0; i < dd; ++i) {
        out[i].s1.value = s1[i];
        out[i].st.value = st[i];
    }
    Rng rng(seed);
    std::vector<std::vector<double>> rep_s1(dd), rep_st(dd);
    for (int b = 0; b < resamples; ++b) {
        draw_resample(rng, rows);
        if (!estimate_sobol(y, n, dd, rows, s1, st)) continue;
        for (std::size_t i = 0; i < dd; ++i) {
            rep_s1[i].push_back(s1[i]);
            rep_st[i].push_back(st[i]);
        }
    }
    for (std::size_t i = 0; i < dd; ++i) {
        set_percentile_interval(std::move(rep_s1[i]), out[i].s1);
        set_percentile_interval(std::move(rep_st[i]), out[i].st);
    }
    return out;
}

}  // namespace accord
