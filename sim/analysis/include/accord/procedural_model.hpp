// The procedural model of EU legislation in one dimension (Tsebelis 1994; Steunenberg 1994;
// Crombez 1996): the Commission, the agenda setter, proposes the point nearest its ideal that the
// Council (by qualified majority or unanimity) and, under codecision, the Parliament prefer at
// least as much as the status quo; utilities -|x - ideal|. docs/backtest.md states the sources.
#pragma once

#include <optional>
#include <vector>

namespace accord {

struct CouncilMember {
    double ideal = 0;
    double votes = 0;
};

struct ProceduralIssue {
    double status_quo = 0;     // the reference point: what holds without agreement
    double agenda_setter = 0;  // the Commission's ideal
    std::vector<CouncilMember> council;  // the members with a stated ideal
    // Votes of the members without a stated ideal: indifferent, they accept whatever is proposed.
    double silent_votes = 0;
    double quota = 0;  // QMV: the votes a qualified majority needs
    bool unanimity = false;  // every member with an ideal must accept (quota ignored)
    std::optional<double> ratifier;  // the Parliament's ideal under codecision; none otherwise
    double lo = 0, hi = 100;   // the issue's scale
};

// The rightmost ideal p such that the members at or above p (and the silent ones) hold the quota
// (under unanimity: the lowest ideal): the Council accepts any y >= q with (q + y) / 2 <= p. +inf
// when the silent members alone hold the quota; -inf when no coalition does. `upward` false mirrors
// it (the leftmost ideal such that the members at or below it hold the quota).
double council_pivot(const ProceduralIssue& issue, bool upward);

// The proposal that passes: the point of [lo, hi] nearest the setter's ideal among those the
// Council and the ratifier weakly prefer to the status quo (the status quo itself when none
// nearer passes). Closed form: under QMV the Council accepts y > q exactly when the members at or
// beyond the midpoint (q + y) / 2 hold `quota` votes, so y may reach 2 p - q, p the pivotal ideal.
double procedural_outcome(const ProceduralIssue& issue);

}  // namespace accord
