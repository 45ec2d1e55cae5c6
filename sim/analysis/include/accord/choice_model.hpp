// The choice model of which stated option a DEU outcome sits at (docs/backtest.md, "choice-cap";
// docs/validation.md, "Fourth round" and "Fifth round"): a conditional logit with an outside option
// over an issue's options (every distinct stated position, the reference point, 0 and 100), its
// prediction the median of the predictive mixture, "no option" spread by the training residuals.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace accord {

// What the choice model reads of one DEU issue, on the 0-100 scale.
struct ChoiceInputs {
    std::vector<std::string> id;           // the actors stating a position ("com", "ep", member states)
    std::vector<double> position, weight;  // weight: capability x salience
    std::optional<double> reference_point;
    bool qmv = true, codecision = false;
};

inline constexpr std::size_t choice_static_features = 10;
inline constexpr std::size_t choice_features = 3 + choice_static_features;  // with distance, its square, nearest
inline constexpr std::size_t choice_outside_features = 5;

// One issue's options (ascending, distinct) and their features computed from inputs only.
struct ChoiceIssue {
    std::vector<double> value;
    // per option: capability x salience share and actor share stating it, stated at all, is the
    // reference point, the Commission's, the Parliament's position, an end of the scale, the reference
    // point under unanimity, the Commission's under QMV, the Parliament's under codecision
    std::vector<std::array<double, choice_static_features>> fixed;
    // "no option": 1, QMV, codecision, distinct positions / 10, their standard deviation / 100
    std::array<double, choice_outside_features> outside{};
    int label = -1;  // the option the outcome equals (within 1e-8), -1 for none
};

// The options and features of an issue; `observed` (0-100) sets the label. Positions that differ by
// less than 1e-9 are one option.
ChoiceIssue choice_issue(const ChoiceInputs& in, double observed);

// The features of every option given the blend prediction b of the issue: |v - b| / 20, its square,
// 1 for the option nearest b (the first on ties), then the fixed ones.
std::vector<std::array<double, choice_features>> choice_option_features(const ChoiceIssue& issue, double blend);

// The coefficients: choice_features for the options, then choice_outside_features for "no option".
using ChoiceCoefficients = std::array<double, choice_features + choice_outside_features>;

// The fitted coefficients and whether the fit converged: after at most 100 Newton steps, the largest
// component of the objective's gradient is below 1e-9 (issues + 1), or the Newton decrement (the
// objective's distance from its minimum, to second order) is at most 1e-12 of the objective. It fails
// when the objective is not finite (a feature NaN or infinite) or is still falling after 100 steps;
// theta is then the last iterate, which the caller must not use silently (backtest_choice.cpp reports
// it and leaves the part without a prediction).
struct ChoiceFit {
    ChoiceCoefficients theta{};
    bool converged = false;
    int steps = 0;        // Newton steps taken
    double gradient = 0;   // the largest absolute component of the gradient at theta (NaN when not finite)
    double decrement = 0;  // the Newton decrement at theta, g' H^-1 g / 2 (NaN when not finite)
};

// Penalised maximum likelihood on the issues given (features[i] for issues[i]): minimises the negative
// log-likelihood plus lambda times the sum of squared coefficients (the intercept of "no option" not
// penalised), by Newton's method with step halving (the objective is strictly convex for lambda > 0).
ChoiceFit fit_choice_logit(const std::vector<const ChoiceIssue*>& issues,
                           const std::vector<std::vector<std::array<double, choice_features>>>& features,
                           double lambda);

// The probability of each option and (last) of "no option".
std::vector<double> choice_probabilities(const ChoiceIssue& issue,
                                         const std::vector<std::array<double, choice_features>>& features,
                                         const ChoiceCoefficients& theta);

// The quantiles (k + 0.5) / n, k = 0..n-1, of `residuals` with linear interpolation between order
// statistics (numpy's default); all 0 when there is no residual.
std::vector<double> residual_quantiles(std::vector<double> residuals, std::size_t n);

// The median of the predictive mixture: each option a point mass at its probability, "no option"
// (probability `p.back()`) spread as equal masses at clip(blend + q, 0, 100) for the quantiles q; the
// first point, in ascending order (spread points before options on ties), where the cumulative mass
// reaches 1/2.
double choice_mixture_median(const ChoiceIssue& issue, const std::vector<double>& p, double blend,
                             const std::vector<double>& quantiles);

// The compromise model c moved towards m by at most `cap` points: c + clip(m - c, -cap, cap).
double capped_move(double c, double m, double cap);

// -mean(d) / se(d), se clustered by `cluster` (ids 0..clusters-1): sqrt(G / (G - 1) sum_g (sum_{i in g}
// (d_i - mean))^2) / n over the G clusters present; 0 when every d is 0 or fewer than two clusters;
// +-infinity when se is 0 (the sign of -mean), 0 when both are.
double clustered_t_ratio(const std::vector<double>& d, const std::vector<std::size_t>& cluster);

}  // namespace accord
