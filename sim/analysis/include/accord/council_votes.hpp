// The member states' votes in the Council of the EU under qualified majority voting, per
// membership (sim/analysis/data/council_votes.csv, with its sources), for the DEU models of
// `accord backtest` (docs/backtest.md).
#pragma once

#include <map>
#include <string>
#include <vector>

namespace accord {

struct CouncilVotes {
    std::string regime;               // eu15, eu25, eu27, eu28
    std::map<std::string, int> votes;  // member code (as in DEU III) -> votes
    int quota = 0;                    // votes a qualified majority needs
    int total = 0;                    // all members' votes
};

// The votes of one membership; throws std::invalid_argument for an unknown regime.
const CouncilVotes& council_votes(const std::string& regime);

// The membership of the Council when an issue was negotiated, read from the members that stated a
// position on it (DEU III gives no date of the Council's decision): eu28 when Croatia (cr) did,
// else eu27 when Bulgaria (bu) or Romania (ro) did, else eu25 when one of the ten members of 2004
// did, else eu15. The Lisbon double majority (from 1 November 2014) has no entry: issues decided
// under it are counted with eu28 (data/council_votes.csv).
std::string council_regime(const std::vector<std::string>& members_with_position);

}  // namespace accord
