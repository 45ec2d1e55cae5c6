#include "accord/judge.hpp"

#include "accord/utility.hpp"

namespace accord {

bool decision_rule_holds(Decision rule, bool all_accept, bool vetoes_accept, double accepting_share, double threshold) {
    switch (rule) {
        case Decision::unanimity:
            return all_accept;
        case Decision::veto_players:
            return vetoes_accept;
        case Decision::majority:
            return vetoes_accept && accepting_share >= threshold;
    }
    return false;
}

Verdict judge_terms(const Scenario& s, const Params& p, const Positions& x, const Proposal& proposal) {
    Verdict v;
    double total = 0, accepting = 0;
    bool all_accept = true, vetoes_accept = true;
    for (std::size_t i = 0; i < p.actors.size(); ++i) {
        const ActorParams& a = p.actors[i];
        total += a.capability;
        if (utility(a, x, static_cast<int>(i), proposal.terms) >= a.reservation) {
            accepting += a.capability;
        } else {
            all_accept = false;
            if (a.veto) vetoes_accept = false;
        }
    }
    v.accepting_share = total > 0 ? accepting / total : 0;
    v.agreed = decision_rule_holds(s.outcome.decision, all_accept, vetoes_accept, v.accepting_share, p.threshold) &&
               proposal.feasible;
    return v;
}

}  // namespace accord
