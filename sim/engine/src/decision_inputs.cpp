#include "accord/decision_inputs.hpp"

#include <cmath>

#include "accord/decision.hpp"
#include "accord/utility.hpp"

namespace accord {

namespace {

// Actor i's entries.
void fill_actor(const ActorParams& a, std::size_t i, DecisionInputs& in) {
    const std::size_t n = in.actors, m = in.issues;
    in.capability[i] = a.capability;
    for (std::size_t k = 0; k < m; ++k) {
        in.weight[k * n + i] = a.capability * a.salience[k];
        in.salience[i * m + k] = a.salience[k];
    }
    in.salience_total[i] = salience_total(a);
    in.reservation[i] = a.reservation;
    in.status_quo[i] = a.reservation_status_quo;
    in.veto[i] = a.veto;
}

// What is made of every actor's entries: the terms' denominators, whether any reservation is the
// status quo and the needed actors, from in.any_ratifiers (whether any actor has ratifiers).
void fill_totals(const Scenario& s, DecisionInputs& in) {
    const std::size_t n = in.actors, m = in.issues;
    in.any_status_quo = false;
    for (std::size_t i = 0; i < n; ++i) in.any_status_quo = in.any_status_quo || in.status_quo[i];
    in.weight_total.assign(m, 0.0);
    for (std::size_t k = 0; k < m; ++k)
        for (double w : in.issue_weights(k)) in.weight_total[k] += w;
    needed_actors_into(s, in.veto, in.any_ratifiers, in.needed);
}

}  // namespace

void decision_inputs_into(const Scenario& s, const Params& p, DecisionInputs& in) {
    const std::size_t n = p.actors.size();
    const std::size_t m = static_cast<std::size_t>(s.issue_count());
    in.actors = n;
    in.issues = m;
    in.capability.resize(n);
    in.weight.resize(n * m);
    in.salience.resize(n * m);
    in.salience_total.resize(n);
    in.reservation.resize(n);
    in.status_quo.resize(n);
    in.veto.resize(n);
    for (std::size_t i = 0; i < n; ++i) fill_actor(p.actors[i], i, in);
    in.any_ratifiers = any_ratifiers(s);
    fill_totals(s, in);
}

void decision_inputs_of_actors_into(const Scenario& s, const Params& p, const std::vector<int>& actors,
                                    DecisionInputs& in) {
    // Inputs not made for these actors and issues (review: the precondition was unchecked): made whole.
    if (in.actors != p.actors.size() || in.issues != static_cast<std::size_t>(s.issue_count()))
        return decision_inputs_into(s, p, in);
    // Made for `s` (the precondition): whether its actors have ratifiers is known.
    for (int i : actors) fill_actor(p.actors[static_cast<std::size_t>(i)], static_cast<std::size_t>(i), in);
    fill_totals(s, in);
}

}  // namespace accord
