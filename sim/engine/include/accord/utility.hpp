// The utility of terms to an actor (docs/models.md section 7).
#pragma once

#include <vector>

#include "accord/dynamics.hpp"
#include "accord/scenario.hpp"

namespace accord {

// u_i(tau) = 1 - sum_k s^_ik |tau_k - x_ik|, with salience normalised over issues (1 when the
// actor has zero salience everywhere).
double utility(const ActorParams& actor, const Positions& x, int i, const std::vector<double>& terms);

// sum_k s_ik, the actor's salience over all issues (what utility() normalises by).
double salience_total(const ActorParams& actor);

}  // namespace accord
