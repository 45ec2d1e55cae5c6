#include "accord/outcome.hpp"

#include "accord/decision.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace accord {

bool needs_acceptance(const Scenario& s, const Params& p, int actor) {
    return s.outcome.decision != Decision::veto_players || p.actors[static_cast<std::size_t>(actor)].veto;
}

namespace {

double salience_total(const ActorParams& a) {
    return std::accumulate(a.salience.begin(), a.salience.end(), 0.0);
}

// u_i(tau) - rho_i, the margin by which actor i prefers the terms to its reservation.
double margin(const ActorParams& a, const Positions& x, int i, const std::vector<double>& tau) {
    return utility(a, x, i, tau) - a.reservation;
}

}  // namespace

double utility(const ActorParams& a, const Positions& x, int i, const std::vector<double>& terms) {
    const double total = salience_total(a);
    if (total <= 0) return 1;
    double loss = 0;
    for (std::size_t k = 0; k < terms.size(); ++k)
        loss += a.salience[k] * std::abs(terms[k] - x(i, static_cast<long>(k)));
    return 1 - loss / total;
}

double weighted_mean(const std::vector<double>& values, const std::vector<double>& weights) {
    double sum = 0, total = 0;
    for (std::size_t i = 0; i < values.size(); ++i) {
        sum += weights[i] * values[i];
        total += weights[i];
    }
    return total > 0 && std::isfinite(total) ? sum / total : std::nan("");
}

double weighted_median(const std::vector<double>& values, const std::vector<double>& weights) {
    std::vector<std::size_t> order(values.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
    const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
    if (!(total > 0) || !std::isfinite(total)) return std::nan("");
    double cumulative = 0;
    for (std::size_t idx = 0; idx < order.size(); ++idx) {
        cumulative += weights[order[idx]];
        // Equal positions count together: the median is a position, not an actor.
        if (idx + 1 < order.size() && values[order[idx + 1]] == values[order[idx]]) continue;
        if (cumulative >= 0.5 * total) return values[order[idx]];
    }
    return values[order.back()];
}

namespace {

std::vector<double> issue_weights(const Params& p, std::size_t k) {
    std::vector<double> w(p.actors.size());
    for (std::size_t i = 0; i < p.actors.size(); ++i) w[i] = p.actors[i].capability * p.actors[i].salience[k];
    return w;
}

std::vector<double> column(const Positions& x, std::size_t k) {
    std::vector<double> v(static_cast<std::size_t>(x.rows()));
    for (long i = 0; i < x.rows(); ++i) v[static_cast<std::size_t>(i)] = x(i, static_cast<long>(k));
    return v;
}

// Coordinate ascent with exact one-dimensional maximisation, from a feasible point. The kinks of
// the objective sum_i w_i ln(u_i - rho_i) are separable (|tau_k - x_ik|) and ln is smooth, so the
// directional derivative is a sum over coordinates of one-sided coordinate derivatives: a point
// no coordinate can improve is a maximiser, and this converges to one. It finishes what the
// ellipsoid method starts, whose accuracy rounding limits once the ellipsoid is very flat.
template <class Weight>
void polish_nash(const Params& p, const Positions& x, const std::vector<int>& needed, const Weight& weight_of,
                 const std::vector<std::size_t>& free, std::vector<double>& tau) {
    const std::size_t n_needed = needed.size();
    std::vector<double> total(n_needed), gap(n_needed);
    for (std::size_t a = 0; a < n_needed; ++a) total[a] = salience_total(p.actors[static_cast<std::size_t>(needed[a])]);
    auto margin_of = [&](std::size_t a) {
        return margin(p.actors[static_cast<std::size_t>(needed[a])], x, needed[a], tau);
    };
    for (int sweep = 0; sweep < 10000; ++sweep) {
        double largest_move = 0;
        for (std::size_t k : free) {
            // Along coordinate k: g_a(t) = rest_a - w_ak |t - x_ak| with rest_a = gap_a + w_ak |tau_k - x_ak|.
            double lo = 0, hi = 1;
            std::vector<double> w(n_needed), pos(n_needed), rest(n_needed);
            for (std::size_t a = 0; a < n_needed; ++a) {
                const int i = needed[a];
                w[a] = total[a] > 0 ? p.actors[static_cast<std::size_t>(i)].salience[k] / total[a] : 0;
                pos[a] = x(i, static_cast<long>(k));
                rest[a] = margin_of(a) + w[a] * std::abs(tau[k] - pos[a]);
                if (w[a] > 0) {
                    lo = std::max(lo, pos[a] - rest[a] / w[a]);
                    hi = std::min(hi, pos[a] + rest[a] / w[a]);
                }
            }
            // The right derivative of the objective along k at t (concave: decreasing in t).
            auto slope = [&](double t) {
                double d = 0;
                for (std::size_t a = 0; a < n_needed; ++a) {
                    if (w[a] == 0) continue;
                    const double g = rest[a] - w[a] * std::abs(t - pos[a]);
                    d += weight_of(needed[a]) * (t < pos[a] ? w[a] : -w[a]) / g;
                }
                return d;
            };
            double a = lo, b = hi;
            for (int it = 0; it < 200 && b - a > 1e-15; ++it) {
                const double mid = 0.5 * (a + b);
                if (slope(mid) > 0)
                    a = mid;
                else
                    b = mid;
            }
            const double best = 0.5 * (a + b);
            largest_move = std::max(largest_move, std::abs(best - tau[k]));
            tau[k] = best;
        }
        if (largest_move < 1e-13) break;
    }
}

// The Nash bargaining solution: argmax of sum_{i in D} c_i ln(u_i(tau) - rho_i) over tau in [0,1]^m
// where every margin is positive. The objective is concave and the feasible set convex, but both
// have kinks (|tau_k - x_ik|), so the solver is the central-cut ellipsoid method, which needs only
// subgradients: a feasibility cut at an infeasible centre, an objective cut at a feasible one. It
// stops when the ellipsoid is narrower than 1e-9 in every coordinate, so the result is within that
// of a maximiser. In one dimension this is bisection on the sign of the subgradient.
Proposal nash_terms(const Scenario& s, const Params& p, const Positions& x) {
    const std::size_t m = s.issues.size();
    const std::size_t n = p.actors.size();
    Proposal fallback;
    fallback.terms.resize(m);
    for (std::size_t k = 0; k < m; ++k) fallback.terms[k] = weighted_mean(column(x, k), issue_weights(p, k));

    std::vector<int> needed;
    double capability_sum = 0;
    for (std::size_t i = 0; i < n; ++i)
        if (needs_acceptance(s, p, static_cast<int>(i))) {
            needed.push_back(static_cast<int>(i));
            capability_sum += p.actors[i].capability;
        }
    // When the needed actors hold no capability, each counts equally.
    auto weight_of = [&](int i) { return capability_sum > 0 ? p.actors[static_cast<std::size_t>(i)].capability : 1.0; };

    // Issues on which no needed actor has salience do not move the objective: they keep the mean.
    std::vector<std::size_t> free;
    for (std::size_t k = 0; k < m; ++k) {
        bool matters = false;
        for (int i : needed) matters = matters || p.actors[static_cast<std::size_t>(i)].salience[k] > 0;
        if (matters) free.push_back(k);
    }
    std::vector<double> tau = fallback.terms;
    for (double& t : tau)
        if (!std::isfinite(t)) t = 0.5;
    auto feasible_margin = [&](const std::vector<double>& t, int& worst) {
        double least = INFINITY;
        worst = -1;
        for (int i : needed) {
            const double g = margin(p.actors[static_cast<std::size_t>(i)], x, i, t);
            if (g < least) {
                least = g;
                worst = i;
            }
        }
        return least;
    };
    const std::size_t d = free.size();
    if (d == 0) {
        int worst = -1;
        fallback.feasible = needed.empty() || feasible_margin(tau, worst) > 0;
        return fallback;
    }
    // Subgradient of u_i with respect to the free coordinates.
    auto utility_gradient = [&](int i, const std::vector<double>& t, Eigen::VectorXd& g) {
        const ActorParams& a = p.actors[static_cast<std::size_t>(i)];
        const double total = salience_total(a);
        for (std::size_t f = 0; f < d; ++f) {
            const std::size_t k = free[f];
            const double diff = t[k] - x(i, static_cast<long>(k));
            const double sign = diff > 0 ? 1.0 : diff < 0 ? -1.0 : 0.0;
            g(static_cast<long>(f)) = total > 0 ? -a.salience[k] / total * sign : 0.0;
        }
    };

    Eigen::VectorXd centre(static_cast<long>(d));
    for (std::size_t f = 0; f < d; ++f) centre(static_cast<long>(f)) = 0.5;
    Eigen::MatrixXd shape =
        Eigen::MatrixXd::Identity(static_cast<long>(d), static_cast<long>(d)) * (0.25 * static_cast<double>(d));
    std::vector<double> best;
    double best_value = -INFINITY;
    Eigen::VectorXd g(static_cast<long>(d)), gi(static_cast<long>(d));
    const double dd = static_cast<double>(d);
    auto objective = [&](const std::vector<double>& t) {
        double value = 0;
        for (int i : needed) value += weight_of(i) * std::log(margin(p.actors[static_cast<std::size_t>(i)], x, i, t));
        return value;
    };
    for (long iteration = 0; iteration < 20000L * static_cast<long>(d); ++iteration) {
        std::vector<double> t = tau;
        for (std::size_t f = 0; f < d; ++f) t[free[f]] = centre(static_cast<long>(f));
        // The cut direction g points to where the maximiser lies: {z : g.(z - centre) >= 0}.
        g.setZero();
        long outside = -1;
        bool objective_cut = false;
        for (std::size_t f = 0; f < d && outside < 0; ++f) {
            const double c = centre(static_cast<long>(f));
            if (c < 0) {
                outside = static_cast<long>(f);
                g(outside) = 1;
            } else if (c > 1) {
                outside = static_cast<long>(f);
                g(outside) = -1;
            }
        }
        if (outside < 0) {
            int worst = -1;
            if (feasible_margin(t, worst) <= 0) {
                utility_gradient(worst, t, g);
            } else {
                objective_cut = true;
                for (int i : needed) {
                    const double gap = margin(p.actors[static_cast<std::size_t>(i)], x, i, t);
                    utility_gradient(i, t, gi);
                    g += (weight_of(i) / gap) * gi;
                }
                const double value = objective(t);
                if (value > best_value) {
                    best_value = value;
                    best = t;
                }
                if (g.squaredNorm() == 0) break;  // a maximiser: no direction improves
            }
        }
        double gpg = g.dot(shape * g);
        // For a concave objective, max over the ellipsoid <= f(centre) + sqrt(g'Pg): once that gap
        // is negligible the best point found is a maximiser (also when maximisers are not unique).
        if (objective_cut && std::sqrt(std::max(gpg, 0.0)) < 1e-12) break;
        if (!(gpg > 0)) {
            // Rounding has made the shape lose definiteness (it does once the ellipsoid is much
            // narrower in some coordinates than in others): restart from the ball that contains
            // the box around the current ellipsoid, which still contains a maximiser.
            const double radius2 = shape.diagonal().cwiseMax(0.0).sum();
            shape = Eigen::MatrixXd::Identity(static_cast<long>(d), static_cast<long>(d)) * radius2;
            gpg = g.dot(shape * g);
            if (!(gpg > 0)) break;
        }
        if (d == 1) {
            // Bisection: keep the half interval the subgradient points to.
            const double half = std::sqrt(shape(0, 0));
            centre(0) += (g(0) > 0 ? 0.5 : -0.5) * half;
            shape(0, 0) *= 0.25;
        } else {
            const Eigen::VectorXd pg = shape * g / std::sqrt(gpg);
            centre += pg / (dd + 1);
            shape = (dd * dd / (dd * dd - 1)) * (shape - (2 / (dd + 1)) * pg * pg.transpose());
        }
        if (shape.diagonal().maxCoeff() < 1e-18) break;  // narrower than 1e-9 in every coordinate
    }
    if (best.empty()) {
        fallback.feasible = false;
        return fallback;
    }
    // The final centre lies within the ellipsoid's width of a maximiser; it is taken when it is
    // feasible and scores at least as well as the best point visited.
    std::vector<double> t = tau;
    for (std::size_t f = 0; f < d; ++f) t[free[f]] = std::clamp(centre(static_cast<long>(f)), 0.0, 1.0);
    int worst = -1;
    Proposal result;
    result.terms = feasible_margin(t, worst) > 0 && objective(t) >= best_value ? t : best;
    polish_nash(p, x, needed, weight_of, free, result.terms);
    return result;
}

}  // namespace

Proposal propose_terms(const Scenario& s, const Params& p, const Positions& x) {
    const std::size_t m = s.issues.size();
    Proposal proposal;
    switch (s.outcome.rule) {
        case TermsRule::weighted_mean:
            for (std::size_t k = 0; k < m; ++k)
                proposal.terms.push_back(weighted_mean(column(x, k), issue_weights(p, k)));
            break;
        case TermsRule::weighted_median:
            for (std::size_t k = 0; k < m; ++k)
                proposal.terms.push_back(weighted_median(column(x, k), issue_weights(p, k)));
            break;
        case TermsRule::nash:
            proposal = nash_terms(s, p, x);
            break;
        case TermsRule::setter: {
            // The setter's offer belongs to a decision (its proposer may be drawn): that of seed 0, round 0.
            const DecisionOutcome d = decide(s, p, x, 0, 0, false);
            proposal.terms = d.terms;
            proposal.feasible = d.offer_feasible;
            break;
        }
    }
    return proposal;
}

Verdict judge_terms(const Scenario& s, const Params& p, const Positions& x, const Proposal& proposal) {
    Verdict v;
    double total = 0, accepting = 0;
    bool all_accept = true, vetoes_accept = true;
    for (std::size_t i = 0; i < p.actors.size(); ++i) {
        const ActorParams& a = p.actors[i];
        total += a.capability;
        if (utility(a, x, static_cast<int>(i), proposal.terms) >= a.reservation) {
            accepting += a.capability;
        } else {
            all_accept = false;
            if (a.veto) vetoes_accept = false;
        }
    }
    v.accepting_share = total > 0 ? accepting / total : 0;
    switch (s.outcome.decision) {
        case Decision::unanimity:
            v.agreed = all_accept;
            break;
        case Decision::veto_players:
            v.agreed = vetoes_accept;
            break;
        case Decision::majority:
            v.agreed = vetoes_accept && v.accepting_share >= p.threshold;
            break;
    }
    v.agreed = v.agreed && proposal.feasible;
    return v;
}

}  // namespace accord
