// The agenda setter's proposal (docs/models.md section 16.6) and the zone of possible agreement
// (docs/models.md section 16.10), on the piecewise-linear utilities of models.md section 3.
// Everything is normalised: terms, ideals and floors live in [0, 1].
#pragma once

#include <optional>
#include <utility>
#include <vector>

namespace accord {

// One actor's piecewise-linear utility 1 - sum_k weight[k] * |tau_k - ideal[k]| (weights already
// normalised: non-negative, sum 1 or all 0; all 0 means u = 1 everywhere).
struct LinearUtility {
    std::vector<double> ideal;
    std::vector<double> weight;
};

struct SetterProblem {
    LinearUtility proposer;
    std::vector<LinearUtility> needed;  // the constraint set C (may include the proposer itself)
    std::vector<double> floor;          // per needed actor: u_i(tau) >= floor[i]
    // The weighted-mean terms: among the maximisers, the offer is the one nearest (Euclidean) to
    // this. A non-finite component (an issue no one weighs) reads as the proposer's ideal.
    std::vector<double> tie_target;
};

struct SetterOffer {
    bool feasible = false;
    std::vector<double> terms;
    double proposer_utility = 0;  // the proposer's utility of `terms`
};

// tau* = argmax u_p(tau) over [0,1]^m s.t. u_i(tau) >= floor_i for all needed i; ties broken by
// Euclidean distance to tie_target. Feasibility is decided to 2e-10 in utility (stricter than the
// 1e-9 at which a decision is judged). The offer meets every floor to 1e-12 (to 2e-10 when the
// floors meet only within that), its u_p is the maximum to ~1e-10 (1e-12 on well-conditioned
// problems) and, among the maximisers, it is the nearest to tie_target. Solved with Clp (the LP)
// and an exact active-set projection (the tie-break). Infeasible: feasible = false and terms = the
// proposer's ideal. Throws std::invalid_argument on mismatched sizes, negative or non-finite
// weights, non-finite ideals, or a NaN floor.
SetterOffer solve_setter(const SetterProblem& problem);

// Whether some tau in [0,1]^m meets every constraint at once (the `zone` of docs/models.md section 16
// section 9): one linear program, decided as solve_setter decides feasibility.
bool zone_exists(const std::vector<LinearUtility>& needed, const std::vector<double>& floor);

// The same answer; with more than 64 needed actors, found by solving the program over a growing
// subset of them, starting from `candidate` (any point, e.g. the terms just judged): a subset
// without a point proves none, a point meeting every floor exactly proves one (docs/performance.md,
// "zopa.csv on big networks"). Clp over all of a big network's actors grows much faster than they.
bool zone_exists(const std::vector<LinearUtility>& needed, const std::vector<double>& floor,
                 const std::vector<double>& candidate);

// The interval of values of issue k that actor u accepts (u(tau) >= floor) with the other issues
// held at `terms` (terms[k] is ignored), clipped to [0, 1]; nullopt when none. Closed form. A slack
// within 1e-9 of zero counts as met (terms on the boundary by construction give [x_k, x_k]).
// Throws std::invalid_argument on a k out of range or mismatched sizes.
std::optional<std::pair<double, double>> acceptable_interval(const LinearUtility& u, double floor,
                                                             const std::vector<double>& terms, int k);

}  // namespace accord
