// One decision of the negotiation process (docs/models.md sections 16.5 to 16.10): the reservations of the
// moment, who proposes, the terms on the table, each actor's verdict (by threshold or by a logistic
// draw), ratification, the decision rule, and the zone of possible agreement.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "accord/dynamics.hpp"
#include "accord/scenario.hpp"

namespace accord {

struct DecisionInputs;

// One needed actor at a decision (blockers.csv).
struct ActorVerdict {
    int actor = 0;
    double utility = 0;
    double reservation = 0;
    bool accepted = false;  // the actor's own verdict, before its ratifiers
};

// One row of zopa.csv: the values of `issue` that `actor` accepts with the other issues held at the
// proposed terms (actor -1: the intersection over the needed actors).
struct ZopaSlice {
    int issue = 0;
    int actor = -1;
    std::optional<double> low, high;  // normalised; empty when no value is acceptable
};

struct DecisionOutcome {
    std::vector<double> terms;  // normalised
    double accepting_share = 0;
    bool agreed = false;
    bool offer_feasible = true;         // false when no terms met every needed actor (nash, setter)
    int proposer = -1;                  // rule: setter only
    std::vector<ActorVerdict> needed;   // the needed actors (docs/models.md section 16.10), in listed order
    std::vector<ZopaSlice> zopa;        // filled when asked for
    bool zone = false;                  // some terms acceptable to every needed actor at once (with zopa)
};

// The draw U in [0, 1) of docs/models.md section 16.7 for actor `index` (from 1; 0 is the random proposer) at
// `round` of the run with `seed`: independent of the run's generator (common random numbers).
double decision_draw(std::uint64_t seed, int round, int index);


// The actors a decision needs (docs/models.md section 16.10): the veto actors under veto-players, every actor
// otherwise, and the ratifiers of each, following chains.
std::vector<bool> needed_actors(const Scenario& scenario, const Params& params);
// The same into `needed` (its capacity kept from one decision to the next); returns whether any
// actor has ratifiers.
bool needed_actors_into(const Scenario& scenario, const Params& params, std::vector<bool>& needed);
// The same as one char an actor (DecisionInputs::needed) from the actors' veto flags, one char an
// actor (DecisionInputs::veto: contiguous, where the parameters' are 88 bytes apart), following
// ratifiers when `ratifiers` (any_ratifiers of `scenario`).
void needed_actors_into(const Scenario& scenario, const std::vector<char>& veto, bool ratifiers,
                        std::vector<char>& needed);
// Whether some actor of `scenario` has ratifiers.
bool any_ratifiers(const Scenario& scenario);

// Makes the decision of `round` from the positions `x`. Without the process keys this computes exactly
// what propose_terms and judge_terms compute (the same operations in the same order).
DecisionOutcome decide(const Scenario& scenario, const Params& params, const Positions& x, std::uint64_t seed,
                       int round, bool with_zopa);
// The same into `out`, whose vectors keep their capacity from one decision to the next.
void decide_into(const Scenario& scenario, const Params& params, const Positions& x, std::uint64_t seed, int round,
                 bool with_zopa, DecisionOutcome& out);
// The same from the actors' inputs in arrays (decision_inputs.hpp), filled from `params`: what a run
// keeps from one decision to the next.
void decide_into(const Scenario& scenario, const Params& params, const DecisionInputs& inputs, const Positions& x,
                 std::uint64_t seed, int round, bool with_zopa, DecisionOutcome& out);

// Whether some terms meet every actor of `needed` at its reservation there (zopa.csv's `zone`,
// docs/models.md section 16.10), for the positions `x` and parameters of that decision; `terms` the
// terms judged there (the linear program runs only when they miss some actor's reservation).
bool zone_exists_at(const Params& params, const Positions& x, const std::vector<ActorVerdict>& needed,
                    const std::vector<double>& terms);

// The decision of `round` without its details, for a run that records nothing: out.terms,
// out.offer_feasible, out.proposer and out.agreed exactly as decide_into computes them (the same
// bits), but not out.needed, out.accepting_share nor the zone (left as they were). Only where the
// deal holds iff every needed actor accepts by its own verdict: terms weighted-mean,
// weighted-median, or nash without status-quo reservations, under veto-players or unanimity, with
// deterministic acceptance (the loader allows logistic only at meetings); it
// judges actor `first` (when needed), then the other needed actors in order, stops at the first who
// rejects and leaves that actor in `first` (a run's hint from one round to the next). Returns false,
// with `out` untouched, elsewhere (decide_into then decides). `margin`, when given, receives by how
// much that actor's utility fell short of its reservation under weighted-mean terms and a fixed
// reservation (not one from the status quo), the terms' weights on each issue and the actor's
// saliences adding up to at least 2^-1000; else 0 (run.cpp's rounds that cannot agree).
bool decide_quick_into(const Scenario& scenario, const Params& params, const DecisionInputs& inputs, const Positions& x,
                       DecisionOutcome& out, std::size_t& first, double* margin = nullptr);

}  // namespace accord
