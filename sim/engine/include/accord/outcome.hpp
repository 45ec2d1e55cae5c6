// Terms, utility, acceptance and the decision rule (models.md section 3).
#pragma once

#include <vector>

#include "accord/dynamics.hpp"
#include "accord/scenario.hpp"

namespace accord {

// The actors whose acceptance a rule needs: veto actors under veto-players, all otherwise.
bool needs_acceptance(const Scenario& scenario, const Params& params, int actor);

// u_i(tau) = 1 - sum_k s^_ik |tau_k - x_ik|, with salience normalised over issues (1 when the
// actor has zero salience everywhere).
double utility(const ActorParams& actor, const Positions& x, int i, const std::vector<double>& terms);

struct Proposal {
    std::vector<double> terms;  // normalised, per issue
    bool feasible = true;       // false when nash found no point every needed actor prefers to its reservation
};

// The terms proposed from the positions `x` by `outcome.rule`.
Proposal propose_terms(const Scenario& scenario, const Params& params, const Positions& x);

struct Verdict {
    double accepting_share = 0;  // share of all capability held by the accepting actors
    bool agreed = false;
};

// Who accepts `proposal`, and whether the decision rule holds.
Verdict judge_terms(const Scenario& scenario, const Params& params, const Positions& x, const Proposal& proposal);

// Weighted mean and weighted median of values with non-negative weights (the median is the
// smallest value whose cumulative weight reaches half the total).
double weighted_mean(const std::vector<double>& values, const std::vector<double>& weights);
double weighted_median(const std::vector<double>& values, const std::vector<double>& weights);

}  // namespace accord
