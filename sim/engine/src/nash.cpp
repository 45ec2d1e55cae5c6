#include "accord/nash.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

#include "accord/decision.hpp"
#include "accord/utility.hpp"

namespace accord {

namespace {

// The program of one Nash decision: the needed actors D, their weights, the issues that move the
// objective (the free coordinates), and the objective, margins and subgradients at a point.
struct NashProblem {
    const Params& p;
    const Positions& x;
    std::vector<int> needed;        // D, in listed order
    double capability_sum = 0;      // of D
    std::vector<std::size_t> free;  // issues on which some actor of D has salience

    NashProblem(const Scenario& s, const Params& params, const Positions& positions) : p(params), x(positions) {
        // D is every actor the decision needs, ratifiers included (docs/models.md sections 6 and
        // 16.8): terms that a ratifier refuses make its negotiator refuse.
        const std::vector<bool> is_needed = needed_actors(s, p);
        const std::size_t n = p.actors.size();
        for (std::size_t i = 0; i < n; ++i)
            if (is_needed[i]) {
                needed.push_back(static_cast<int>(i));
                capability_sum += p.actors[i].capability;
            }
        // Issues on which no needed actor has salience do not move the objective: they keep the mean.
        for (std::size_t k = 0; k < s.issues.size(); ++k) {
            bool matters = false;
            for (int i : needed) matters = matters || actor(i).salience[k] > 0;
            if (matters) free.push_back(k);
        }
    }

    const ActorParams& actor(int i) const { return p.actors[static_cast<std::size_t>(i)]; }
    // When the needed actors hold no capability, each counts equally.
    double weight_of(int i) const { return capability_sum > 0 ? actor(i).capability : 1.0; }
    // u_i(tau) - rho_i, the margin by which actor i prefers the terms to its reservation.
    double margin(int i, const std::vector<double>& tau) const {
        return utility(actor(i), x, i, tau) - actor(i).reservation;
    }

    // The least margin over D at `t`, and the actor that has it (`worst`, -1 when D is empty).
    double feasible_margin(const std::vector<double>& t, int& worst) const {
        double least = INFINITY;
        worst = -1;
        for (int i : needed) {
            const double g = margin(i, t);
            if (g < least) {
                least = g;
                worst = i;
            }
        }
        return least;
    }

    double objective(const std::vector<double>& t) const {
        double value = 0;
        for (int i : needed) value += weight_of(i) * std::log(margin(i, t));
        return value;
    }

    // Subgradient of u_i with respect to the free coordinates.
    void utility_gradient(int i, const std::vector<double>& t, Eigen::VectorXd& g) const {
        const ActorParams& a = actor(i);
        const double total = salience_total(a);
        for (std::size_t f = 0; f < free.size(); ++f) {
            const std::size_t k = free[f];
            const double diff = t[k] - x(i, static_cast<long>(k));
            const double sign = diff > 0 ? 1.0 : diff < 0 ? -1.0 : 0.0;
            g(static_cast<long>(f)) = total > 0 ? -a.salience[k] / total * sign : 0.0;
        }
    }

    // `tau` with its free coordinates replaced by `centre`.
    std::vector<double> at(const std::vector<double>& tau, const Eigen::VectorXd& centre) const {
        std::vector<double> t = tau;
        for (std::size_t f = 0; f < free.size(); ++f) t[free[f]] = centre(static_cast<long>(f));
        return t;
    }
};

// The cut at `centre` (the point `t`): g points to where the maximiser lies, {z : g.(z - centre) >= 0}.
// A face of the box when the centre is outside it; a feasibility cut (the worst actor's utility) at
// an infeasible centre; else the objective's subgradient, and `best` is updated. Returns true for an
// objective cut; sets `maximiser` when g = 0 there (no direction improves).
bool cut_at(const NashProblem& np, const Eigen::VectorXd& centre, const std::vector<double>& t, Eigen::VectorXd& g,
            Eigen::VectorXd& gi, std::vector<double>& best, double& best_value, bool& maximiser) {
    const std::size_t d = np.free.size();
    g.setZero();
    long outside = -1;
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
    if (outside >= 0) return false;
    int worst = -1;
    if (np.feasible_margin(t, worst) <= 0) {
        np.utility_gradient(worst, t, g);
        return false;
    }
    for (int i : np.needed) {
        const double gap = np.margin(i, t);
        np.utility_gradient(i, t, gi);
        g += (np.weight_of(i) / gap) * gi;
    }
    const double value = np.objective(t);
    if (value > best_value) {
        best_value = value;
        best = t;
    }
    maximiser = g.squaredNorm() == 0;
    return true;
}

// The central-cut ellipsoid method over the free coordinates, from the ball centred at (1/2, ...)
// that contains the unit cube. Returns the best feasible point, or nullopt when no centre was
// ever feasible (docs/models.md section 6, "Solver").
std::optional<std::vector<double>> ellipsoid(const NashProblem& np, const std::vector<double>& tau) {
    const std::size_t d = np.free.size();
    const long dl = static_cast<long>(d);
    Eigen::VectorXd centre(dl);
    for (std::size_t f = 0; f < d; ++f) centre(static_cast<long>(f)) = 0.5;
    Eigen::MatrixXd shape = Eigen::MatrixXd::Identity(dl, dl) * (0.25 * static_cast<double>(d));
    std::vector<double> best;
    double best_value = -INFINITY;
    Eigen::VectorXd g(dl), gi(dl);
    const double dd = static_cast<double>(d);
    for (long iteration = 0; iteration < 20000L * dl; ++iteration) {
        bool maximiser = false;
        const bool objective_cut = cut_at(np, centre, np.at(tau, centre), g, gi, best, best_value, maximiser);
        if (maximiser) break;
        double gpg = g.dot(shape * g);
        // For a concave objective, max over the ellipsoid <= f(centre) + sqrt(g'Pg): once that gap
        // is negligible the best point found is a maximiser (also when maximisers are not unique).
        if (objective_cut && std::sqrt(std::max(gpg, 0.0)) < 1e-12) break;
        if (!(gpg > 0)) {
            // Rounding has made the shape lose definiteness (it does once the ellipsoid is much
            // narrower in some coordinates than in others): restart from the ball that contains
            // the box around the current ellipsoid, which still contains a maximiser.
            const double radius2 = shape.diagonal().cwiseMax(0.0).sum();
            shape = Eigen::MatrixXd::Identity(dl, dl) * radius2;
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
    if (best.empty()) return std::nullopt;
    // The final centre lies within the ellipsoid's width of a maximiser; it is taken when it is
    // feasible and scores at least as well as the best point visited.
    std::vector<double> t = tau;
    for (std::size_t f = 0; f < d; ++f) t[np.free[f]] = std::clamp(centre(static_cast<long>(f)), 0.0, 1.0);
    int worst = -1;
    return np.feasible_margin(t, worst) > 0 && np.objective(t) >= best_value ? t : best;
}

// Coordinate ascent with exact one-dimensional maximisation, from a feasible point. The kinks of
// the objective sum_i w_i ln(u_i - rho_i) are separable (|tau_k - x_ik|) and ln is smooth, so the
// directional derivative is a sum over coordinates of one-sided coordinate derivatives: a point
// no coordinate can improve is a maximiser, and this converges to one. It finishes what the
// ellipsoid method starts, whose accuracy rounding limits once the ellipsoid is very flat.
void polish(const NashProblem& np, std::vector<double>& tau) {
    const std::vector<int>& needed = np.needed;
    const std::size_t n_needed = needed.size();
    std::vector<double> total(n_needed);
    for (std::size_t a = 0; a < n_needed; ++a) total[a] = salience_total(np.actor(needed[a]));
    for (int sweep = 0; sweep < 10000; ++sweep) {
        double largest_move = 0;
        for (std::size_t k : np.free) {
            // Along coordinate k: g_a(t) = rest_a - w_ak |t - x_ak| with rest_a = gap_a + w_ak |tau_k - x_ak|.
            double lo = 0, hi = 1;
            std::vector<double> w(n_needed), pos(n_needed), rest(n_needed);
            for (std::size_t a = 0; a < n_needed; ++a) {
                const int i = needed[a];
                w[a] = total[a] > 0 ? np.actor(i).salience[k] / total[a] : 0;
                pos[a] = np.x(i, static_cast<long>(k));
                rest[a] = np.margin(i, tau) + w[a] * std::abs(tau[k] - pos[a]);
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
                    d += np.weight_of(needed[a]) * (t < pos[a] ? w[a] : -w[a]) / g;
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

}  // namespace

// The objective is concave and the feasible set convex, but both have kinks (|tau_k - x_ik|), so
// the solver is the central-cut ellipsoid method, which needs only subgradients, finished by
// coordinate ascent (docs/models.md section 6, "Solver" and "Polish").
Proposal nash_terms(const Scenario& s, const Params& p, const Positions& x) {
    Proposal fallback;
    fallback.terms = weighted_mean_terms(p, x);
    const NashProblem np(s, p, x);
    std::vector<double> tau = fallback.terms;
    for (double& t : tau)
        if (!std::isfinite(t)) t = 0.5;
    if (np.free.empty()) {
        int worst = -1;
        fallback.feasible = np.needed.empty() || np.feasible_margin(tau, worst) > 0;
        return fallback;
    }
    auto found = ellipsoid(np, tau);
    if (!found) {
        fallback.feasible = false;
        return fallback;
    }
    Proposal result;
    result.terms = std::move(*found);
    polish(np, result.terms);
    return result;
}

}  // namespace accord
