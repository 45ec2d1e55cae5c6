#include "accord/expected_utility.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "accord/outcome.hpp"

namespace accord {

ExpectedUtilityModel::ExpectedUtilityModel(const Scenario& s, const Positions& initial) : scenario_(&s) {
    for (long k = 0; k < initial.cols(); ++k) {
        range_.push_back(initial.col(k).maxCoeff() - initial.col(k).minCoeff());
        risk_.emplace_back(static_cast<std::size_t>(initial.rows()), 1.0);
    }
}

// Longer than our usual functions for a reason: it follows the published model's steps for one
// issue in their order (docs/models.md), so that it can be read against the source side by side.
ExpectedUtilityModel::Round ExpectedUtilityModel::play_issue(const Params& p, const Positions& x, int k) const {
    const std::size_t n = p.actors.size();
    const auto ku = static_cast<std::size_t>(k);
    const double range = range_[ku];
    const std::vector<double>& r = risk_[ku];
    Round round;
    round.risk = r;
    std::vector<double> pos(n), cs(n), sal(n);
    for (std::size_t i = 0; i < n; ++i) {
        pos[i] = x(static_cast<long>(i), k);
        sal[i] = p.actors[i].salience[ku];
        cs[i] = p.actors[i].capability * sal[i];
    }
    // The forecast: the position that beats every other in votes with r = 1, in one dimension
    // the c*s-weighted median.
    round.median = weighted_median(pos, cs);
    round.moved_to = pos;
    round.p_win.assign(n, std::vector<double>(n, 0));
    round.eu_own.assign(n, std::vector<double>(n, 0));
    round.eu_target.assign(n, std::vector<double>(n, 0));
    if (!(range > 0)) return round;  // everyone agrees: nothing to contest

    // v^h_ab = c_h s_h [(|x_h - x_b|/R)^r_h - (|x_h - x_a|/R)^r_h]: h's vote for a over b. The n^2
    // powers are computed once (distance[a * n + h] = (|x_h - x_a|/R)^r_h), not n^3 times: the same
    // values, so the same bytes, at a fraction of the time (the sums below stay O(n^3)).
    std::vector<double> distance(n * n);
    for (std::size_t a = 0; a < n; ++a)
        for (std::size_t h = 0; h < n; ++h) distance[a * n + h] = std::pow(std::abs(pos[h] - pos[a]) / range, r[h]);
    auto vote = [&](std::size_t h, std::size_t a, std::size_t b) {
        return cs[h] * (distance[b * n + h] - distance[a * n + h]);
    };
    double all_votes = 0;  // scholz2011: sum over h and all ordered pairs (a, b) of |v^h_ab|
    if (scenario_->model.variant == EuVariant::scholz2011)
        for (std::size_t h = 0; h < n; ++h)
            for (std::size_t a = 0; a < n; ++a)
                for (std::size_t b = 0; b < n; ++b) all_votes += std::abs(vote(h, a, b));
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j) {
            if (i == j || pos[i] == pos[j]) continue;
            double favourable = 0, total = 0;
            for (std::size_t h = 0; h < n; ++h) {
                const double v = vote(h, i, j);
                if (v > 0) favourable += v;
                total += std::abs(v);
            }
            const double denominator = scenario_->model.variant == EuVariant::scholz2011 ? all_votes : total;
            round.p_win[i][j] = denominator > 0 ? favourable / denominator : 0;
        }

    const double q = scenario_->model.q, t = scenario_->model.t;
    // EU of i challenging j, as evaluated with risk exponent re.
    auto expected_utility = [&](std::size_t i, std::size_t j, double re) {
        const double d = std::abs(pos[i] - pos[j]) / range;
        const double e = 0.25 * (std::abs(pos[i] - round.median) + std::abs(pos[i] - pos[j])) / range;
        const double us = 2 - 4 * std::pow(std::max(0.0, 0.5 - 0.5 * d), re);
        const double uf = 2 - 4 * std::pow(0.5 + 0.5 * d, re);
        const double usq = 2 - 4 * std::pow(0.5, re);
        const double ub = 2 - 4 * std::pow(std::max(0.0, 0.5 - e), re);
        const double uw = 2 - 4 * std::pow(0.5 + e, re);
        const double pij = round.p_win[i][j];
        return sal[j] * (pij * us + (1 - pij) * uf) + (1 - sal[j]) * us - (q * usq + (1 - q) * (t * ub + (1 - t) * uw));
    };
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j) {
            if (i == j) continue;
            round.eu_own[i][j] = expected_utility(i, j, r[i]);
            round.eu_target[i][j] = expected_utility(i, j, r[j]);
        }

    // Offers: actor i weighs its own EU of challenging j (eu_ij) against j's EU of challenging i
    // as i sees it (eu_ji, with i's own risk exponent).
    for (std::size_t i = 0; i < n; ++i) {
        double best_confrontation = std::numeric_limits<double>::infinity(), confrontation_to = pos[i];
        double best_other = std::numeric_limits<double>::infinity(), other_to = pos[i];
        bool have_confrontation = false, have_other = false;
        for (std::size_t j = 0; j < n; ++j) {
            if (i == j) continue;
            const double eu_ij = round.eu_own[i][j];
            const double eu_ji = round.eu_target[j][i];
            const double move_all = std::abs(pos[j] - pos[i]);
            if (eu_ji > eu_ij && eu_ij > 0) {
                if (move_all < best_confrontation) {
                    best_confrontation = move_all;
                    confrontation_to = pos[j];
                    have_confrontation = true;
                }
            } else if (eu_ji > 0 && eu_ij < 0) {
                const bool compromise = eu_ji > std::abs(eu_ij);
                if (scenario_->model.variant == EuVariant::scholz2011) {
                    if (!compromise) continue;  // capitulation never fires in this variant
                    const double point =
                        (std::abs(eu_ij) * pos[i] + std::abs(eu_ji) * pos[j]) / (std::abs(eu_ij) + std::abs(eu_ji));
                    if (point < best_other) {  // the compromise whose point is smallest
                        best_other = point;
                        other_to = point;
                        have_other = true;
                    }
                } else {
                    const double target = compromise ? pos[i] + (pos[j] - pos[i]) * std::abs(eu_ij / eu_ji) : pos[j];
                    if (std::abs(target - pos[i]) < best_other) {  // the offer needing the smallest move
                        best_other = std::abs(target - pos[i]);
                        other_to = target;
                        have_other = true;
                    }
                }
            }
        }
        if (have_confrontation)
            round.moved_to[i] = confrontation_to;
        else if (have_other)
            round.moved_to[i] = other_to;
    }
    return round;
}

void ExpectedUtilityModel::step(const Params& p, const Positions& x, Positions& next) {
    const std::size_t n = p.actors.size();
    for (long k = 0; k < x.cols(); ++k) {
        const Round round = play_issue(p, x, static_cast<int>(k));
        for (std::size_t i = 0; i < n; ++i) next(static_cast<long>(i), k) = std::clamp(round.moved_to[i], 0.0, 1.0);
        // Risk for the next round: S_k = sum_{j != k} EU^k_jk, the security of k against every
        // challenger as k sees it; R_i = (2 S_i - max S - min S) / (max S - min S).
        std::vector<double> security(n, 0);
        for (std::size_t target = 0; target < n; ++target)
            for (std::size_t j = 0; j < n; ++j)
                if (j != target) security[target] += round.eu_target[j][target];
        const double hi = *std::max_element(security.begin(), security.end());
        const double lo = *std::min_element(security.begin(), security.end());
        auto& r = risk_[static_cast<std::size_t>(k)];
        for (std::size_t i = 0; i < n; ++i) {
            const double big_r = hi > lo ? (2 * security[i] - hi - lo) / (hi - lo) : 0;
            r[i] = (1 - big_r / 3) / (1 + big_r / 3);
        }
    }
}

}  // namespace accord
