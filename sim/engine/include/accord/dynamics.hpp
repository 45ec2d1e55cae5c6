// One synchronous round of stance dynamics (docs/models.md section 3).
#pragma once

#include <Eigen/Dense>

#include "accord/influence.hpp"
#include "accord/scenario.hpp"

namespace accord {

// Normalised positions: one row per actor, one column per issue.
using Positions = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// The normalised positions of `params` (the anchors x(0)) as a matrix.
Positions initial_positions(const Params& params, int issues);
// The same into `x`, whose storage is kept when its size does not change.
void initial_positions_into(const Params& params, int issues, Positions& x);
// The same for the rows of `actors` only, into `x` already of that size.
void initial_positions_of_actors_into(const Params& params, const std::vector<int>& actors, Positions& x);

// Computes round t+1 from round t: `x` the positions of round t, `anchor` the anchors x(0) (the
// initial positions or those last set by an event). Writes into `next`, clamped to [0, 1].
void step_dynamics(const Scenario& scenario, const Params& params, const InfluenceNetwork& network, const Positions& x,
                   const Positions& anchor, Positions& next);

}  // namespace accord
