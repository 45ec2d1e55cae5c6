// Own code rather than the engine's agenda setter (sim/engine setter.cpp): that setter needs a
// fixed set of actors who must all accept, while under QMV any qualified coalition suffices (a
// disjunction the linear program cannot state); in one dimension the pivotal member gives the
// answer in closed form.
#include "accord/procedural_model.hpp"

#include <algorithm>
#include <limits>

namespace accord {

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

}  // namespace

double council_pivot(const ProceduralIssue& issue, bool upward) {
    std::vector<CouncilMember> members = issue.council;
    std::sort(members.begin(), members.end(), [upward](const CouncilMember& a, const CouncilMember& b) {
        return upward ? a.ideal > b.ideal : a.ideal < b.ideal;
    });
    const double none = upward ? -kInfinity : kInfinity;
    if (issue.unanimity) {
        if (members.empty()) return -none;
        return members.back().ideal;  // the member least keen on the move
    }
    double votes = issue.silent_votes;
    if (votes >= issue.quota) return -none;
    for (std::size_t i = 0; i < members.size(); ++i) {
        votes += members[i].votes;
        // members tied at one ideal join together
        if (i + 1 < members.size() && members[i + 1].ideal == members[i].ideal) continue;
        if (votes >= issue.quota) return members[i].ideal;
    }
    return none;
}

double procedural_outcome(const ProceduralIssue& issue) {
    const double q = issue.status_quo, c = issue.agenda_setter;
    if (c == q) return q;
    const bool upward = c > q;
    const double p = council_pivot(issue, upward);
    // The farthest point on the setter's side that the Council accepts, then the ratifier.
    double reach = upward ? std::min(issue.hi, 2 * p - q) : std::max(issue.lo, 2 * p - q);
    if (issue.ratifier) {
        const double r = 2 * *issue.ratifier - q;  // the ratifier accepts the points between q and r
        reach = upward ? std::min(reach, std::max(q, r)) : std::max(reach, std::min(q, r));
    }
    if (upward) return reach <= q ? q : std::min(c, reach);
    return reach >= q ? q : std::max(c, reach);
}

}  // namespace accord
