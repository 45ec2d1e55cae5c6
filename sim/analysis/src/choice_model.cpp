#include "accord/choice_model.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include <Eigen/Dense>

#include "accord/stated_position.hpp"
#include "accord/stats.hpp"

namespace accord {

namespace {

constexpr double same_option = 1e-9;  // positions read as x / 100 * 100 differ from x in the last bits
constexpr double distance_scale = 20;
constexpr std::size_t n_theta = choice_features + choice_outside_features;

bool same(double a, double b) { return std::abs(a - b) <= same_option; }

bool same(const std::optional<double>& a, double b) { return a && same(*a, b); }

}  // namespace

ChoiceIssue choice_issue(const ChoiceInputs& in, double observed) {
    ChoiceIssue out;
    std::vector<double> v = in.position;
    v.push_back(0);
    v.push_back(100);
    if (in.reference_point) v.push_back(*in.reference_point);
    std::sort(v.begin(), v.end());
    for (double x : v)
        if (out.value.empty() || !same(out.value.back(), x)) out.value.push_back(x);
    const double total = std::accumulate(in.weight.begin(), in.weight.end(), 0.0);
    const auto com = stated_position(in.id, in.position, "com"), ep = stated_position(in.id, in.position, "ep");
    const double qmv = in.qmv ? 1 : 0, cod = in.codecision ? 1 : 0;
    for (std::size_t k = 0; k < out.value.size(); ++k) {
        const double x = out.value[k];
        double weight = 0, actors = 0;
        for (std::size_t a = 0; a < in.position.size(); ++a) {
            if (!same(in.position[a], x)) continue;
            weight += in.weight[a];
            actors += 1;
        }
        const double is_rp = same(in.reference_point, x) ? 1 : 0, is_com = same(com, x) ? 1 : 0;
        const double is_ep = same(ep, x) ? 1 : 0;
        out.fixed.push_back({weight / total, actors / static_cast<double>(in.position.size()), actors > 0 ? 1.0 : 0.0,
                             is_rp, is_com, is_ep, (same(x, 0) || same(x, 100)) ? 1.0 : 0.0, is_rp * (1 - qmv),
                             is_com * qmv, is_ep * cod});
        if (std::abs(x - observed) <= 1e-8 + 1e-5 * std::abs(observed)) out.label = static_cast<int>(k);
    }
    std::size_t distinct = 0;
    for (std::size_t k = 0; k < out.value.size(); ++k) distinct += out.fixed[k][2] > 0 ? 1 : 0;
    const double n = static_cast<double>(in.position.size());
    const double mean = std::accumulate(in.position.begin(), in.position.end(), 0.0) / n;
    double ss = 0;
    for (double x : in.position) ss += (x - mean) * (x - mean);
    out.outside = {1.0, qmv, cod, static_cast<double>(distinct) / 10, std::sqrt(ss / n) / 100};
    return out;
}

std::vector<std::array<double, choice_features>> choice_option_features(const ChoiceIssue& issue, double blend) {
    std::vector<std::array<double, choice_features>> f(issue.value.size());
    std::size_t nearest = 0;
    for (std::size_t k = 0; k < issue.value.size(); ++k) {
        const double d = std::abs(issue.value[k] - blend) / distance_scale;
        f[k][0] = d;
        f[k][1] = d * d;
        if (d < f[nearest][0]) nearest = k;
        std::copy(issue.fixed[k].begin(), issue.fixed[k].end(), f[k].begin() + 3);
    }
    if (!f.empty()) f[nearest][2] = 1;
    return f;
}

namespace {

// The utilities of an issue's options and of "no option" (last).
std::vector<double> utilities(const ChoiceIssue& issue, const std::vector<std::array<double, choice_features>>& f,
                              const ChoiceCoefficients& theta) {
    std::vector<double> u(issue.value.size() + 1, 0.0);
    for (std::size_t k = 0; k < issue.value.size(); ++k)
        for (std::size_t j = 0; j < choice_features; ++j) u[k] += theta[j] * f[k][j];
    for (std::size_t j = 0; j < choice_outside_features; ++j) u.back() += theta[choice_features + j] * issue.outside[j];
    return u;
}

// The alternative a of an issue as a vector in the coefficients' space.
Eigen::Matrix<double, n_theta, 1> alternative(const ChoiceIssue& issue,
                                              const std::vector<std::array<double, choice_features>>& f,
                                              std::size_t a) {
    Eigen::Matrix<double, n_theta, 1> x = Eigen::Matrix<double, n_theta, 1>::Zero();
    if (a < issue.value.size()) {
        for (std::size_t j = 0; j < choice_features; ++j) x(static_cast<Eigen::Index>(j)) = f[a][j];
    } else {
        for (std::size_t j = 0; j < choice_outside_features; ++j)
            x(static_cast<Eigen::Index>(choice_features + j)) = issue.outside[j];
    }
    return x;
}

struct Objective {
    double value = 0;
    Eigen::Matrix<double, n_theta, 1> gradient;
    Eigen::Matrix<double, n_theta, n_theta> hessian;
};

Objective objective(const std::vector<const ChoiceIssue*>& issues,
                    const std::vector<std::vector<std::array<double, choice_features>>>& features, double lambda,
                    const ChoiceCoefficients& theta) {
    Objective o;
    o.gradient.setZero();
    o.hessian.setZero();
    for (std::size_t i = 0; i < issues.size(); ++i) {
        const ChoiceIssue& issue = *issues[i];
        const auto p = choice_probabilities(issue, features[i], theta);
        const auto u = utilities(issue, features[i], theta);
        const std::size_t chosen = issue.label >= 0 ? static_cast<std::size_t>(issue.label) : issue.value.size();
        o.value -= std::log(p[chosen]);
        Eigen::Matrix<double, n_theta, 1> mean = Eigen::Matrix<double, n_theta, 1>::Zero();
        for (std::size_t a = 0; a < p.size(); ++a) {
            const auto x = alternative(issue, features[i], a);
            mean += p[a] * x;
            o.hessian += p[a] * x * x.transpose();
        }
        o.hessian -= mean * mean.transpose();
        o.gradient += mean - alternative(issue, features[i], chosen);
    }
    for (std::size_t j = 0; j < n_theta; ++j) {
        if (j == choice_features) continue;  // the intercept of "no option"
        const auto e = static_cast<Eigen::Index>(j);
        o.value += lambda * theta[j] * theta[j];
        o.gradient(e) += 2 * lambda * theta[j];
        o.hessian(e, e) += 2 * lambda;
    }
    return o;
}

}  // namespace

std::vector<double> choice_probabilities(const ChoiceIssue& issue,
                                         const std::vector<std::array<double, choice_features>>& features,
                                         const ChoiceCoefficients& theta) {
    auto u = utilities(issue, features, theta);
    const double top = *std::max_element(u.begin(), u.end());
    double sum = 0;
    for (double& v : u) sum += v = std::exp(v - top);
    for (double& v : u) v /= sum;
    return u;
}

ChoiceFit fit_choice_logit(const std::vector<const ChoiceIssue*>& issues,
                           const std::vector<std::vector<std::array<double, choice_features>>>& features,
                           double lambda) {
    ChoiceFit fit;
    const double tolerance = 1e-9 * static_cast<double>(issues.size() + 1);
    Objective o = objective(issues, features, lambda, fit.theta);
    for (; fit.steps < 100; ++fit.steps) {
        if (o.gradient.cwiseAbs().maxCoeff() < tolerance) break;
        const Eigen::Matrix<double, n_theta, 1> step = o.hessian.ldlt().solve(-o.gradient);
        double t = 1;
        bool moved = false;
        for (int halving = 0; halving < 40; ++halving, t /= 2) {
            ChoiceCoefficients trial = fit.theta;
            for (std::size_t j = 0; j < n_theta; ++j) trial[j] += t * step(static_cast<Eigen::Index>(j));
            Objective next = objective(issues, features, lambda, trial);
            if (next.value <= o.value) {
                fit.theta = trial;
                o = next;
                moved = true;
                break;
            }
        }
        if (!moved) break;  // no step lowers the objective: at the minimum to rounding, or not finite
    }
    const bool finite = std::isfinite(o.value) && o.gradient.allFinite();
    const double nan = std::numeric_limits<double>::quiet_NaN();
    fit.gradient = finite ? o.gradient.cwiseAbs().maxCoeff() : nan;
    // The Newton decrement g' H^-1 g / 2: how far the objective is from its minimum (Boyd & Vandenberghe,
    // Convex Optimization, 9.5.1). The gradient test alone is too strict where the objective's rounding
    // stops the steps first (DEU III's held-out fits: 100 steps, decrement 1e-14 of a value near 400).
    fit.decrement = finite ? o.gradient.dot(o.hessian.ldlt().solve(o.gradient)) / 2 : nan;
    fit.converged = finite && (fit.gradient < tolerance ||
                               (std::isfinite(fit.decrement) && fit.decrement <= 1e-12 * std::max(1.0, std::abs(o.value))));
    return fit;
}

// numpy's default quantile (linear between order statistics, R's type 7) at (k + 0.5) / n: quantile_sorted().
std::vector<double> residual_quantiles(std::vector<double> residuals, std::size_t n) {
    std::vector<double> q(n, 0.0);
    if (residuals.empty()) return q;
    std::sort(residuals.begin(), residuals.end());
    for (std::size_t k = 0; k < n; ++k)
        q[k] = quantile_sorted(residuals, (static_cast<double>(k) + 0.5) / static_cast<double>(n));
    return q;
}

double choice_mixture_median(const ChoiceIssue& issue, const std::vector<double>& p, double blend,
                             const std::vector<double>& quantiles) {
    std::vector<std::pair<double, double>> mass;  // (point, probability), spread points first
    for (double q : quantiles)
        mass.emplace_back(std::clamp(blend + q, 0.0, 100.0), p.back() / static_cast<double>(quantiles.size()));
    for (std::size_t k = 0; k < issue.value.size(); ++k) mass.emplace_back(issue.value[k], p[k]);
    std::stable_sort(mass.begin(), mass.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    double cumulative = 0;
    for (const auto& [point, probability] : mass)
        if ((cumulative += probability) >= 0.5) return point;
    return mass.back().first;
}

double capped_move(double c, double m, double cap) { return c + std::clamp(m - c, -cap, cap); }

double clustered_t_ratio(const std::vector<double>& d, const std::vector<std::size_t>& cluster) {
    if (std::all_of(d.begin(), d.end(), [](double v) { return v == 0; })) return 0;
    const double n = static_cast<double>(d.size());
    const double mean = std::accumulate(d.begin(), d.end(), 0.0) / n;
    const std::size_t clusters = cluster.empty() ? 0 : *std::max_element(cluster.begin(), cluster.end()) + 1;
    std::vector<double> sum(clusters, 0.0);
    std::vector<bool> present(clusters, false);
    for (std::size_t i = 0; i < d.size(); ++i) {
        sum[cluster[i]] += d[i] - mean;
        present[cluster[i]] = true;
    }
    const double g = static_cast<double>(std::count(present.begin(), present.end(), true));
    if (g < 2) return 0;
    double ss = 0;
    for (double s : sum) ss += s * s;
    const double se = std::sqrt(g / (g - 1) * ss) / n;
    if (se > 0) return -mean / se;
    if (mean == 0) return 0;  // no gain either way (d = {1, -1, 1, -1} in two clusters)
    return mean < 0 ? std::numeric_limits<double>::infinity() : -std::numeric_limits<double>::infinity();
}

}  // namespace accord
