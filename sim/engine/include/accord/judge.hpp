// Acceptance and the decision rule (docs/models.md sections 7 and 8): who accepts the terms on
// the table, and whether the accepting actors make an agreement.
#pragma once

#include "accord/dynamics.hpp"
#include "accord/scenario.hpp"
#include "accord/terms.hpp"

namespace accord {

struct Verdict {
    double accepting_share = 0;  // share of all capability held by the accepting actors
    bool agreed = false;
};

// Who accepts `proposal` (u_i(tau) >= rho_i), and whether the decision rule holds.
Verdict judge_terms(const Scenario& scenario, const Params& params, const Positions& x, const Proposal& proposal);

// The decision rule of section 8 on the verdicts: every actor accepts (unanimity), every veto
// actor accepts (veto-players), or the accepting share reaches `threshold` and every veto actor
// accepts (majority). The proposal's feasibility is the caller's.
bool decision_rule_holds(Decision rule, bool all_accept, bool vetoes_accept, double accepting_share, double threshold);

}  // namespace accord
