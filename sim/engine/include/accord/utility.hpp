// The utility of terms to an actor (docs/models.md section 7).
#pragma once

#include <cmath>
#include <vector>

#include "accord/dynamics.hpp"
#include "accord/scenario.hpp"

namespace accord {

// u_i(tau) = 1 - sum_k s^_ik |tau_k - x_ik|, with salience normalised over issues (1 when the
// actor has zero salience everywhere).
double utility(const ActorParams& actor, const Positions& x, int i, const std::vector<double>& terms);

// The same utility from actor i's saliences (one per issue, contiguous) and their sum: what both
// utility() above and utility() over DecisionInputs (decision_inputs.hpp) compute, in one place.
// Inline: it is the inner step of every decision.
// `position` is the actor's row of positions, `m` the number of issues (a constant where the caller
// fixes it, so the compiler unrolls the sum; the terms are still added in issue order from 0).
inline double utility_of(const double* salience, double salience_total, const double* position, const double* terms,
                         std::size_t m) {
    if (salience_total <= 0) return 1;
    double loss = 0;
    for (std::size_t k = 0; k < m; ++k) loss += salience[k] * std::abs(terms[k] - position[k]);
    return 1 - loss / salience_total;
}
inline double utility_of(const double* salience, double salience_total, const Positions& x, int i,
                         const std::vector<double>& terms) {
    return utility_of(salience, salience_total, x.row(i).data(), terms.data(), terms.size());
}

// sum_k s_ik, the actor's salience over all issues (what utility() normalises by).
double salience_total(const ActorParams& actor);

}  // namespace accord
