#include "accord/option_winner.hpp"

#include <map>

namespace accord {

std::optional<double> option_winner(const std::vector<StatedOption>& stated, std::size_t max_options) {
    std::map<double, double> support;  // ordered: a tie goes to the lowest position
    for (const auto& s : stated) support[s.position] += s.weight;
    if (support.empty() || support.size() > max_options) return std::nullopt;
    std::optional<double> best;
    double best_weight = 0;
    for (const auto& [position, weight] : support)
        if (weight > best_weight) {
            best = position;
            best_weight = weight;
        }
    return best;
}

}  // namespace accord
