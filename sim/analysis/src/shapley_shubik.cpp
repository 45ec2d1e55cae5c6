#include "accord/shapley_shubik.hpp"

#include <numeric>
#include <stdexcept>
#include <string>

namespace accord {

std::vector<double> shapley_shubik(const std::vector<int>& votes, int quota) {
    const std::size_t n = votes.size();
    for (int v : votes)
        if (v < 0) throw std::invalid_argument("Shapley-Shubik: a negative weight (" + std::to_string(v) + ")");
    const int total = std::accumulate(votes.begin(), votes.end(), 0);
    if (quota < 1 || quota > total)
        throw std::invalid_argument("Shapley-Shubik: the quota " + std::to_string(quota) + " is not in [1, " +
                                    std::to_string(total) + "]");
    std::vector<double> index(n, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
        // ways[s][w]: the coalitions of s players other than i with w votes (w below quota is all
        // that matters, larger weights are capped at quota).
        std::vector<std::vector<double>> ways(n, std::vector<double>(static_cast<std::size_t>(quota) + 1, 0.0));
        ways[0][0] = 1;
        std::size_t others = 0;
        for (std::size_t j = 0; j < n; ++j) {
            if (j == i) continue;
            ++others;
            for (std::size_t s = others; s-- > 0;)
                for (int w = quota; w >= 0; --w) {
                    const double c = ways[s][static_cast<std::size_t>(w)];
                    if (c == 0) continue;
                    const int to = std::min(quota, w + votes[j]);
                    ways[s + 1][static_cast<std::size_t>(to)] += c;
                }
        }
        // i is pivotal after the s players of a losing coalition that it turns winning; such an
        // ordering has probability s! (n - 1 - s)! / n! = 1 / (n * C(n - 1, s)).
        double binom = 1;  // C(n - 1, s)
        for (std::size_t s = 0; s < n; ++s) {
            for (int w = std::max(0, quota - votes[i]); w < quota; ++w)
                index[i] += ways[s][static_cast<std::size_t>(w)] / (static_cast<double>(n) * binom);
            binom = binom * static_cast<double>(n - 1 - s) / static_cast<double>(s + 1);
        }
    }
    return index;
}

}  // namespace accord
