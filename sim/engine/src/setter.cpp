#include "accord/setter.hpp"

#include "accord/lifted_lp.hpp"

#include <ClpMessage.hpp>
#include <ClpSimplex.hpp>
#include <CoinMessage.hpp>
#include <CoinFinite.hpp>
#include <CoinPackedMatrix.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>

namespace accord {

namespace {

// Clp's primal and dual tolerances. A row of the lifted LP met within 1e-10 bounds the utility
// shortfall by 1e-10 (1 + sum_k w_k) <= 2e-10, stricter than the 1e-9 at which a decision is judged
// (docs/models.md section 16.6), so an offer found feasible here always passes; and the reduced costs to
// 1e-10 on variables bounded by [0, 1] keep u* within ~1e-10 of the true maximum.
constexpr double kLpTolerance = 1e-10;
// A constraint of the projection met within this counts as met (rounding of u on [0, 1] is ~1e-16).
constexpr double kProjectionTolerance = 1e-12;
// Utilities met within this count as met (docs/models.md section 16.6).
constexpr double kJudgeTolerance = 1e-9;

bool all_zero(const std::vector<double>& w) {
    return std::all_of(w.begin(), w.end(), [](double v) { return v == 0; });
}

double loss(const LinearUtility& u, const std::vector<double>& tau) {
    double sum = 0;
    for (std::size_t k = 0; k < tau.size(); ++k) sum += u.weight[k] * std::abs(tau[k] - u.ideal[k]);
    return sum;
}

double utility_of(const LinearUtility& u, const std::vector<double>& tau) {
    return 1 - loss(u, tau);
}

// The largest loss anywhere in the unit cube: a budget at least this is met everywhere.
double largest_loss(const LinearUtility& u) {
    double sum = 0;
    for (std::size_t k = 0; k < u.ideal.size(); ++k)
        sum += u.weight[k] * std::max(std::abs(u.ideal[k]), std::abs(1 - u.ideal[k]));
    return sum;
}

void check_utility(const LinearUtility& u, std::size_t m, const std::string& what) {
    if (u.ideal.size() != m || u.weight.size() != m)
        throw std::invalid_argument(what + ": expected " + std::to_string(m) + " ideals and weights, found " +
                                    std::to_string(u.ideal.size()) + " and " + std::to_string(u.weight.size()));
    for (std::size_t k = 0; k < m; ++k) {
        if (!std::isfinite(u.ideal[k]))
            throw std::invalid_argument(what + ": ideal of issue " + std::to_string(k) + " is not finite");
        if (!(u.weight[k] >= 0) || !std::isfinite(u.weight[k]))
            throw std::invalid_argument(what + ": weight of issue " + std::to_string(k) +
                                        " must be finite and non-negative");
    }
}

// The constraints u_i >= floor_i as loss budgets, without those met everywhere in the cube.
// nullopt when one can never be met (a floor above 1 + tolerance, which no utility reaches).
std::optional<std::vector<LossBudget>> to_budgets(const std::vector<LinearUtility>& needed,
                                                  const std::vector<double>& floor, std::size_t m) {
    if (floor.size() != needed.size())
        throw std::invalid_argument("setter: " + std::to_string(needed.size()) + " needed actors but " +
                                    std::to_string(floor.size()) + " floors");
    std::vector<LossBudget> budgets;
    bool possible = true;
    for (std::size_t i = 0; i < needed.size(); ++i) {
        check_utility(needed[i], m, "needed actor " + std::to_string(i));
        if (std::isnan(floor[i])) throw std::invalid_argument("floor of needed actor " + std::to_string(i) + " is NaN");
        // u <= 1 everywhere: a floor above 1 is met only within the tolerance, at the ideal.
        const double budget = 1 - floor[i];
        if (budget < -2 * kLpTolerance)
            possible = false;
        else if (std::max(budget, 0.0) < largest_loss(needed[i]))
            budgets.push_back({&needed[i], std::max(budget, 0.0)});
    }
    if (!possible) return std::nullopt;
    return budgets;
}

// The lifted LP of lifted_lp.hpp, solved by Clp. Minimises sum_k w_pk d_pk, i.e. maximises u_p.
// Returns tau, or nullopt when infeasible.
std::optional<std::vector<double>> solve_lifted_lp(std::size_t m, const std::vector<LossBudget>& budgets,
                                                   const LinearUtility* proposer) {
    if (m == 0) return std::vector<double>{};
    // Built column by column into arrays this thread reuses: the same arrays as the triplets sorted
    // into a CoinPackedMatrix (tests/unit/test_setter.cpp), so Clp sees the same problem.
    thread_local LiftedLp lp;
    build_lifted_lp(m, budgets, proposer, lp);
    const CoinPackedMatrix matrix(true, lp.rows, lp.cols, static_cast<CoinBigIndex>(lp.value.size()), lp.value.data(),
                                  lp.index.data(), lp.starts.data(), nullptr);
    // ClpModel's constructor builds Clp's and CoinUtils' message texts (5% of a run of the reference
    // scenario); with `true` it leaves them empty and does nothing else differently (Clp 1.17.6,
    // ClpModel.cpp), so a model given copies of texts built once per thread is the default-built
    // one. The texts only format what Clp prints, which is nothing at log level 0.
    thread_local const ClpMessage clp_messages;
    thread_local const CoinMessage coin_messages;
    ClpSimplex model(true);
    *model.messagesPointer() = clp_messages;
    *model.coinMessagesPointer() = coin_messages;
    model.setLogLevel(0);
    model.loadProblem(matrix, lp.col_low.data(), lp.col_up.data(), lp.objective.data(), lp.row_low.data(),
                      lp.row_up.data());
    model.scaling(0);  // tolerances in utility units; the problem is already on [0, 1]
    model.setPrimalTolerance(kLpTolerance);
    model.setDualTolerance(kLpTolerance);
    // The all-slack basis is dual feasible (costs >= 0, d at its lower bound 0), so dual simplex.
    model.dual();
    if (model.status() != 0 && model.status() != 1) model.primal();
    if (model.isProvenPrimalInfeasible()) return std::nullopt;
    if (!model.isProvenOptimal())
        throw std::runtime_error("internal error: Clp returned status " + std::to_string(model.status()) +
                                 " on the setter LP");
    const double* solution = model.getColSolution();
    std::vector<double> tau(m);
    for (std::size_t k = 0; k < m; ++k) tau[k] = std::clamp(solution[k], 0.0, 1.0);
    return tau;
}

// The point nearest to `target` in { tau in [0,1]^m : sum_k w_ik |tau_k - c_ik| <= budget_i }.
//
// Own code rather than Clp's quadratic simplex, because that missed the exact projection by more
// than 1e-9 (up to 1e-8) in 7 of 3000 random cases (m = 1..3, tolerances 1e-10), while this is the
// dual active-set method of Goldfarb and Idnani (1983, Math. Programming 27:1) with Hessian I: finite,
// exact up to rounding, a few m steps. Each budget stands for the 2^m half-spaces
// -sum_k w_k s_k (tau_k - c_k) >= -budget (s in {-1,1}^m); the method only ever needs a violated
// one, and the most violated is the one whose signs are those of tau - c, so the half-spaces are
// generated when needed, never enumerated. nullopt when the polytope is empty to 1e-12 (or, on
// badly conditioned vertices, when rounding leaves a constraint missed by more than that).
class Projection {
public:
    Projection(std::size_t m, const std::vector<LossBudget>& budgets) : m_(m), budgets_(budgets) {}

    std::optional<std::vector<double>> project(const std::vector<double>& target) {
        x_ = target;
        J_.assign(m_ * m_, 0.0);
        for (std::size_t i = 0; i < m_; ++i) J(i, i) = 1.0;
        R_.assign(m_ * m_, 0.0);
        active_.clear();
        multipliers_.clear();
        const int max_steps = 100 + 50 * static_cast<int>(m_ * (budgets_.size() + 2));
        for (int step = 0; step < max_steps; ++step) {
            HalfSpace add = most_violated();
            if (add.slack >= -kProjectionTolerance) return x_;
            if (!enter(add, max_steps)) return std::nullopt;
        }
        return std::nullopt;  // cycling on a degenerate vertex: the caller falls back
    }

private:
    struct HalfSpace {
        std::vector<double> normal;  // a in a.tau >= b
        double b = 0;
        double slack = 0;  // a.tau - b at the current point
    };

    double& J(std::size_t i, std::size_t j) { return J_[i * m_ + j]; }
    double& R(std::size_t i, std::size_t j) { return R_[i * m_ + j]; }

    double slack_of(const HalfSpace& h) const {
        return std::inner_product(h.normal.begin(), h.normal.end(), x_.begin(), 0.0) - h.b;
    }

    HalfSpace most_violated() const {
        HalfSpace worst;
        worst.slack = std::numeric_limits<double>::infinity();
        for (std::size_t k = 0; k < m_; ++k) {
            for (int upper = 0; upper < 2; ++upper) {
                const double slack = upper ? 1 - x_[k] : x_[k];
                if (slack < worst.slack) {
                    worst.normal.assign(m_, 0.0);
                    worst.normal[k] = upper ? -1.0 : 1.0;
                    worst.b = upper ? -1.0 : 0.0;
                    worst.slack = slack;
                }
            }
        }
        for (const LossBudget& budget : budgets_) {
            const LinearUtility& u = *budget.utility;
            const double slack = budget.budget - loss(u, x_);
            if (slack < worst.slack) {
                worst.normal.assign(m_, 0.0);
                worst.b = -budget.budget;
                for (std::size_t k = 0; k < m_; ++k) {
                    const double sign = x_[k] >= u.ideal[k] ? 1.0 : -1.0;
                    worst.normal[k] = -u.weight[k] * sign;
                    worst.b -= u.weight[k] * sign * u.ideal[k];
                }
                worst.slack = slack;
            }
        }
        return worst;
    }

    // Goldfarb-Idnani step 2: moves until `h` is met and joins the active set, dropping active
    // constraints whose multipliers reach zero on the way. False when the problem is infeasible.
    bool enter(HalfSpace h, int max_steps) {
        double entering_multiplier = 0;
        const double scale = std::sqrt(std::inner_product(h.normal.begin(), h.normal.end(), h.normal.begin(), 0.0));
        for (int step = 0; step < max_steps; ++step) {
            const std::size_t q = active_.size();
            std::vector<double> d(m_, 0.0);  // J^T n
            for (std::size_t j = 0; j < m_; ++j)
                for (std::size_t i = 0; i < m_; ++i) d[j] += J(i, j) * h.normal[i];
            std::vector<double> z(m_, 0.0);  // primal direction: n projected off the active normals
            double z_norm2 = 0;
            for (std::size_t j = q; j < m_; ++j) {
                z_norm2 += d[j] * d[j];
                for (std::size_t i = 0; i < m_; ++i) z[i] += J(i, j) * d[j];
            }
            std::vector<double> r(q, 0.0);  // R^-1 d_1: how the active multipliers fall per unit step
            for (std::size_t jj = q; jj-- > 0;) {
                double sum = d[jj];
                for (std::size_t l = jj + 1; l < q; ++l) sum -= R(jj, l) * r[l];
                r[jj] = sum / R(jj, jj);
            }
            double partial = std::numeric_limits<double>::infinity();
            std::size_t drop = q;
            for (std::size_t j = 0; j < q; ++j) {
                if (r[j] > 1e-12 * scale) {
                    const double t = multipliers_[j] / r[j];
                    if (t < partial) {
                        partial = t;
                        drop = j;
                    }
                }
            }
            const bool moves = std::sqrt(z_norm2) > 1e-12 * scale;
            // Met already (rounding after a partial step) with its normal in the span of the active ones.
            if (!moves && h.slack >= -kProjectionTolerance) return true;
            const double full = moves ? std::max(0.0, -h.slack) / z_norm2 : std::numeric_limits<double>::infinity();
            const double t = std::min(partial, full);
            if (!std::isfinite(t)) return false;  // n is a non-positive combination of the active normals
            for (std::size_t j = 0; j < q; ++j) multipliers_[j] = std::max(0.0, multipliers_[j] - t * r[j]);
            entering_multiplier += t;
            if (moves) {
                for (std::size_t i = 0; i < m_; ++i) x_[i] += t * z[i];
            }
            if (moves && full <= partial) {
                add_active(d);
                active_.push_back(std::move(h));
                multipliers_.push_back(entering_multiplier);
                return true;
            }
            remove_active(drop);
            h.slack = slack_of(h);
        }
        return false;
    }

    // Appends a column d = J^T n to R, rotating J so that J^T N stays upper triangular.
    void add_active(std::vector<double>& d) {
        const std::size_t q = active_.size();
        for (std::size_t j = m_ - 1; j > q; --j) {
            const double h = std::hypot(d[j - 1], d[j]);
            if (h == 0) continue;
            const double c = d[j - 1] / h, s = d[j] / h;
            d[j - 1] = h;
            d[j] = 0;
            for (std::size_t i = 0; i < m_; ++i) {
                const double a = J(i, j - 1), b = J(i, j);
                J(i, j - 1) = c * a + s * b;
                J(i, j) = -s * a + c * b;
            }
        }
        for (std::size_t i = 0; i <= q; ++i) R(i, q) = d[i];
    }

    // Removes active constraint l: shifts the columns of R left and restores it to upper
    // triangular with rotations of the rows, applied to the columns of J alike.
    void remove_active(std::size_t l) {
        const std::size_t q = active_.size();
        for (std::size_t j = l; j + 1 < q; ++j)
            for (std::size_t i = 0; i < m_; ++i) R(i, j) = R(i, j + 1);
        for (std::size_t i = 0; i < m_; ++i) R(i, q - 1) = 0;
        active_.erase(active_.begin() + static_cast<std::ptrdiff_t>(l));
        multipliers_.erase(multipliers_.begin() + static_cast<std::ptrdiff_t>(l));
        for (std::size_t j = l; j + 1 < q; ++j) {
            const double h = std::hypot(R(j, j), R(j + 1, j));
            if (h == 0) continue;
            const double c = R(j, j) / h, s = R(j + 1, j) / h;
            R(j, j) = h;
            R(j + 1, j) = 0;
            for (std::size_t k = j + 1; k + 1 < q; ++k) {
                const double a = R(j, k), b = R(j + 1, k);
                R(j, k) = c * a + s * b;
                R(j + 1, k) = -s * a + c * b;
            }
            for (std::size_t i = 0; i < m_; ++i) {
                const double a = J(i, j), b = J(i, j + 1);
                J(i, j) = c * a + s * b;
                J(i, j + 1) = -s * a + c * b;
            }
        }
    }

    std::size_t m_;
    const std::vector<LossBudget>& budgets_;
    std::vector<double> x_;
    std::vector<double> J_;  // m x m, orthogonal; J^T N = [R; 0] for the active normals N
    std::vector<double> R_;  // m x m, upper triangular in its first q columns
    std::vector<HalfSpace> active_;
    std::vector<double> multipliers_;
};

// Whether some point of the cube meets every budget, by the lifted program solved over a growing
// subset of the budgets (constraint generation). Own code: Clp's dual simplex over all of a big
// network's needed actors costs time superlinear in them (minutes at 10,000), while the answer
// rests on few. A subset the program finds without a point proves the whole without one; a point
// meeting every budget exactly proves the whole has one (the program decides feasibility to 1e-10).
// Up to kWholeProgram budgets, or when only budgets already in the subset are missed (by Clp's
// tolerance), the whole program decides, as before.
bool budgets_feasible(std::size_t m, const std::vector<LossBudget>& budgets, const std::vector<double>& start) {
    constexpr std::size_t kWholeProgram = 64;
    if (budgets.size() <= kWholeProgram) return solve_lifted_lp(m, budgets, nullptr).has_value();
    const bool start_in_cube = start.size() == m && std::all_of(start.begin(), start.end(), [](double t) {
                                   return t >= 0 && t <= 1;
                               });
    std::vector<double> point = start_in_cube ? start : std::vector<double>(m, 0.5);
    std::vector<char> chosen(budgets.size(), 0);
    std::vector<LossBudget> subset;
    std::vector<std::pair<double, std::size_t>> missed;  // (excess of loss over budget, budget)
    while (subset.size() < budgets.size()) {
        missed.clear();
        bool all_met = true;
        for (std::size_t i = 0; i < budgets.size(); ++i) {
            const double excess = loss(*budgets[i].utility, point) - budgets[i].budget;
            if (!(excess <= 0)) {
                all_met = false;
                if (!chosen[i]) missed.emplace_back(excess, i);
            }
        }
        if (all_met) return true;
        if (missed.empty()) break;
        // The most missed budgets join, at most as many as the subset holds (at least kWholeProgram).
        const std::size_t take = std::min(missed.size(), std::max(kWholeProgram, subset.size()));
        std::partial_sort(missed.begin(), missed.begin() + static_cast<std::ptrdiff_t>(take), missed.end(),
                          [](const auto& a, const auto& b) { return a.first > b.first || (a.first == b.first && a.second < b.second); });
        for (std::size_t j = 0; j < take; ++j) chosen[missed[j].second] = 1;
        subset.clear();
        for (std::size_t i = 0; i < budgets.size(); ++i)
            if (chosen[i]) subset.push_back(budgets[i]);  // in the budgets' own order
        std::optional<std::vector<double>> found = solve_lifted_lp(m, subset, nullptr);
        if (!found) return false;
        point = std::move(*found);
    }
    return solve_lifted_lp(m, budgets, nullptr).has_value();
}

}  // namespace

SetterOffer solve_setter(const SetterProblem& problem) {
    const std::size_t m = problem.proposer.ideal.size();
    check_utility(problem.proposer, m, "proposer");
    if (problem.tie_target.size() != m)
        throw std::invalid_argument("setter: tie_target has " + std::to_string(problem.tie_target.size()) +
                                    " issues, expected " + std::to_string(m));
    // An issue no one weighs has no weighted mean (NaN): there the proposer's own stance stands in.
    std::vector<double> target = problem.tie_target;
    for (std::size_t k = 0; k < m; ++k)
        if (!std::isfinite(target[k])) target[k] = problem.proposer.ideal[k];
    std::optional<std::vector<LossBudget>> budgets = to_budgets(problem.needed, problem.floor, m);

    SetterOffer offer;
    const bool proposer_cares = !all_zero(problem.proposer.weight);
    std::optional<std::vector<double>> lp;
    if (budgets) {
        // When the proposer's own ideal meets every floor, it is a maximiser (u* = 1): no LP needed.
        const LinearUtility& p = problem.proposer;
        const bool ideal_in_cube =
            std::all_of(p.ideal.begin(), p.ideal.end(), [](double x) { return x >= 0 && x <= 1; });
        const bool ideal_meets = std::all_of(budgets->begin(), budgets->end(), [&](const LossBudget& b) {
            return loss(*b.utility, p.ideal) <= b.budget;
        });
        if (ideal_in_cube && ideal_meets)
            lp = p.ideal;
        else
            lp = solve_lifted_lp(m, *budgets, proposer_cares ? &p : nullptr);
    }
    if (!lp) {
        offer.terms = problem.proposer.ideal;
        offer.proposer_utility = 1;
        return offer;
    }

    // Clp's vertex may miss rows by up to its tolerance, so u* is taken at its projection onto C's
    // polytope, a point meeting every floor to 1e-12 (the vertex itself but for ~1e-15 in all but
    // near-degenerate cases). Among the maximisers u_p >= u*, the offer is the point nearest the tie
    // target: one more projection. Should that fail by rounding (saliences spanning six orders of
    // magnitude and more), the maximiser just found is offered; when C's floors meet only within
    // Clp's tolerance (the polytope is empty to 1e-12), the LP's vertex.
    std::vector<double> terms = *lp;
    if (std::optional<std::vector<double>> attained = Projection(m, *budgets).project(*lp)) {
        terms = *attained;
        std::vector<LossBudget> maximisers = *budgets;
        if (proposer_cares) maximisers.push_back({&problem.proposer, loss(problem.proposer, *attained)});
        if (std::optional<std::vector<double>> nearest = Projection(m, maximisers).project(target))
            terms = std::move(*nearest);
    }
    // The cube's faces are met to 1e-12; clamping never moves a coordinate away from an ideal in [0, 1].
    for (double& t : terms) t = std::clamp(t, 0.0, 1.0);
    offer.feasible = true;
    offer.terms = std::move(terms);
    offer.proposer_utility = utility_of(problem.proposer, offer.terms);
    return offer;
}

bool zone_exists(const std::vector<LinearUtility>& needed, const std::vector<double>& floor) {
    return zone_exists(needed, floor, {});
}

bool zone_exists(const std::vector<LinearUtility>& needed, const std::vector<double>& floor,
                 const std::vector<double>& candidate) {
    if (needed.empty()) return true;
    const std::size_t m = needed.front().ideal.size();
    const std::optional<std::vector<LossBudget>> budgets = to_budgets(needed, floor, m);
    return budgets && budgets_feasible(m, *budgets, candidate);
}

std::optional<std::pair<double, double>> acceptable_interval(const LinearUtility& u, double floor,
                                                             const std::vector<double>& terms, int k) {
    const std::size_t m = u.ideal.size();
    check_utility(u, m, "acceptable_interval");
    if (terms.size() != m) throw std::invalid_argument("acceptable_interval: terms and utility differ in issues");
    if (k < 0 || static_cast<std::size_t>(k) >= m)
        throw std::invalid_argument("acceptable_interval: no issue " + std::to_string(k));
    const auto issue = static_cast<std::size_t>(k);
    // What the other issues leave for issue k: w_k |tau_k - x_k| <= room.
    double room = 1 - floor;
    for (std::size_t l = 0; l < m; ++l)
        if (l != issue) room -= u.weight[l] * std::abs(terms[l] - u.ideal[l]);
    if (!(room >= -kJudgeTolerance)) return std::nullopt;
    const double w = u.weight[issue], x = u.ideal[issue];
    if (w == 0) return std::pair{0.0, 1.0};
    const double radius = std::max(room, 0.0) / w;
    const double low = std::max(0.0, x - radius), high = std::min(1.0, x + radius);
    if (low > high) return std::nullopt;
    return std::pair{low, high};
}

}  // namespace accord
