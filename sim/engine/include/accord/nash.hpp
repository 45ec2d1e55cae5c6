// The asymmetric Nash bargaining solution as the terms rule `nash` (docs/models.md section 6).
#pragma once

#include "accord/dynamics.hpp"
#include "accord/scenario.hpp"
#include "accord/terms.hpp"

namespace accord {

// argmax over tau in [0, 1]^m of sum_{i in D} w_i ln(u_i(tau) - rho_i) among the points where every
// margin u_i(tau) - rho_i is positive: D the actors the decision needs (needed_actors: ratifiers included),
// w_i = c_i (1 each when the capabilities of D are all 0), rho_i = params.actors[i].reservation.
// Issues on which no actor of D has salience keep the weighted mean. Without a feasible point, the
// weighted-mean terms with `feasible` false.
Proposal nash_terms(const Scenario& scenario, const Params& params, const Positions& x);

}  // namespace accord
