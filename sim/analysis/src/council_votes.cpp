#include "accord/council_votes.hpp"

#include <algorithm>
#include <set>
#include <sstream>
#include <stdexcept>

#include "accord/council_votes_data.hpp"  // generated from data/council_votes.csv

namespace accord {

namespace {

// The embedded table, parsed once; its format is fixed by data/council_votes.csv in the repository.
std::map<std::string, CouncilVotes> parse_table() {
    std::map<std::string, CouncilVotes> table;
    std::istringstream in{std::string(council_votes_csv)};
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#' || line.rfind("regime,", 0) == 0) continue;
        const auto a = line.find(','), b = line.find(',', a + 1);
        const std::string regime = line.substr(0, a), member = line.substr(a + 1, b - a - 1);
        const int votes = std::stoi(line.substr(b + 1));
        CouncilVotes& c = table[regime];
        c.regime = regime;
        if (member == "quota") {
            c.quota = votes;
        } else {
            c.votes[member] = votes;
            c.total += votes;
        }
    }
    return table;
}

}  // namespace

const CouncilVotes& council_votes(const std::string& regime) {
    static const std::map<std::string, CouncilVotes> table = parse_table();
    const auto it = table.find(regime);
    if (it == table.end()) throw std::invalid_argument("no Council votes for the membership '" + regime + "'");
    return it->second;
}

std::string council_regime(const std::vector<std::string>& members_with_position) {
    const std::set<std::string> m(members_with_position.begin(), members_with_position.end());
    if (m.count("cr")) return "eu28";
    if (m.count("bu") || m.count("ro")) return "eu27";
    for (const char* joined_2004 : {"cy", "cz", "ee", "hu", "lv", "lt", "mt", "pl", "sk", "si"})
        if (m.count(joined_2004)) return "eu25";
    return "eu15";
}

}  // namespace accord
