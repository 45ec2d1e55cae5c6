// The per-actor inputs of a decision in arrays of their own (structure of arrays, issue 13 item 4):
// a decision reads them for every actor at every round, and the actors' ActorParams (about 180
// bytes an actor with their vectors) fall out of the caches on big networks. A run fills them once
// and again after each event that sets a parameter; the values are the same products and sums, in
// the same order, as the decisions computed from Params, so results keep every byte.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "accord/dynamics.hpp"
#include "accord/utility.hpp"
#include "accord/scenario.hpp"

namespace accord {

struct DecisionInputs {
    std::size_t actors = 0;
    std::size_t issues = 0;
    std::vector<double> capability;      // c_i
    std::vector<double> weight;          // c_i s_ik, issue-major: weight[k * actors + i]
    std::vector<double> weight_total;    // sum over i of c_i s_ik, added in actor order from 0 (the terms' denominators)
    std::vector<double> salience;        // s_ik, actor-major: salience[i * issues + k]
    std::vector<double> salience_total;  // sum over k of s_ik, added in issue order from 0
    std::vector<double> reservation;     // the fixed reservation (unused where status_quo is set)
    std::vector<char> status_quo;        // `reservation: status-quo`
    std::vector<char> veto;
    std::vector<char> needed;            // needed_actors_into's verdict (docs/models.md section 16.10)
    bool any_status_quo = false;
    bool any_ratifiers = false;

    // Weights of issue k, one per actor.
    std::span<const double> issue_weights(std::size_t k) const { return {weight.data() + k * actors, actors}; }
};

// Fills `inputs` from the parameters `p` (its vectors keep their capacity).
void decision_inputs_into(const Scenario& s, const Params& p, DecisionInputs& inputs);
// `inputs` filled from `p` before an event changed the capability, salience, reservation or veto
// of `actors` only: their entries and the sums over the actors made again from `p`, the same
// doubles as decision_inputs_into (a run's events, run.cpp). `inputs` must have been made for this
// scenario: whether its actors have ratifiers is kept from that fill.
void decision_inputs_of_actors_into(const Scenario& s, const Params& p, const std::vector<int>& actors,
                                    DecisionInputs& inputs);

// Actor i's utility of `terms` (docs/models.md section 6), as utility() of utility.hpp computes it.
// Inline: every decision calls it for every actor.
inline double utility(const DecisionInputs& in, const Positions& x, int i, const std::vector<double>& terms) {
    const std::size_t row = static_cast<std::size_t>(i);
    return utility_of(in.salience.data() + row * in.issues, in.salience_total[row], x, i, terms);
}

}  // namespace accord
