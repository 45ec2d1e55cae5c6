// Bueno de Mesquita's expected-utility model (docs/models.md section 13): actors challenge, compromise
// and capitulate by their expected utilities; each issue is played separately. It ignores the
// influence network. Unlike the linear dynamics it carries state across rounds: the range R of
// the initial positions and each actor's risk exponent r.
#pragma once

#include <vector>

#include "accord/dynamics.hpp"
#include "accord/scenario.hpp"

namespace accord {

class ExpectedUtilityModel {
public:
    // `initial` fixes R per issue (max - min of the initial positions); every r starts at 1.
    ExpectedUtilityModel(const Scenario& scenario, const Positions& initial);

    // One round for every issue: writes the new positions into `next` and updates the risk
    // exponents for the following round.
    void step(const Params& params, const Positions& x, Positions& next);

    // The quantities of one round on one issue, exposed for tests.
    struct Round {
        double median = 0;
        std::vector<double> risk;                    // r used in this round
        std::vector<std::vector<double>> p_win;      // P_ij
        std::vector<std::vector<double>> eu_own;     // EU^i_ij (i evaluates its challenge of j)
        std::vector<std::vector<double>> eu_target;  // EU^j_ij (j evaluates i's challenge of j)
        std::vector<double> moved_to;                // position after the round
    };
    Round play_issue(const Params& params, const Positions& x, int issue) const;
    const std::vector<double>& risk(int issue) const { return risk_[static_cast<std::size_t>(issue)]; }

private:
    const Scenario* scenario_;
    std::vector<double> range_;              // R per issue
    std::vector<std::vector<double>> risk_;  // r per issue, per actor
};

}  // namespace accord
