// The terms proposed at a round by `outcome.rule` (docs/models.md section 6): the weighted mean
// and the weighted median here, Nash bargaining in nash.hpp, the agenda setter in decision.hpp.
#pragma once

#include <vector>

#include "accord/dynamics.hpp"
#include "accord/scenario.hpp"

namespace accord {

struct DecisionInputs;

struct Proposal {
    std::vector<double> terms;  // normalised, per issue
    bool feasible = true;       // false when nash found no point every needed actor prefers to its reservation
};

// The terms proposed from the positions `x` by `outcome.rule`.
Proposal propose_terms(const Scenario& scenario, const Params& params, const Positions& x);
// The same with the weights c_i s_ik of `inputs` (filled from `params`; decision_inputs.hpp).
Proposal propose_terms(const Scenario& scenario, const Params& params, const DecisionInputs& inputs, const Positions& x);
// The same into `proposal`, whose terms keep their capacity (decisions run every round; weighted
// mean and median allocate nothing once the thread's buffers have grown).
void propose_terms_into(const Scenario& scenario, const Params& params, const DecisionInputs& inputs,
                        const Positions& x, Proposal& proposal);

// Weighted mean and weighted median of values with non-negative weights (the median is the
// smallest value whose cumulative weight reaches half the total).
double weighted_mean(const std::vector<double>& values, const std::vector<double>& weights);
double weighted_median(const std::vector<double>& values, const std::vector<double>& weights);

// The weighted-mean terms of every issue: actor i weighs c_i s_ik on issue k.
std::vector<double> weighted_mean_terms(const Params& params, const Positions& x);
std::vector<double> weighted_mean_terms(const DecisionInputs& inputs, const Positions& x);

}  // namespace accord
