#include "accord/position_exchange.hpp"

#include <algorithm>
#include <cmath>

namespace accord {

namespace {

struct Exchange {
    double gain = 0;             // each party's gain, at the initial positions
    std::size_t gainer = 0;      // i: gains on issue g, moves on issue h
    std::size_t giver = 0;       // j: moves on issue g, gains on issue h
    std::size_t g = 0, h = 0;
    double move_g = 0, move_h = 0;  // j's move on g towards i, i's move on h towards j
};

// The exchange in which `i` gains on g and `j` on h, if they can make one.
std::optional<Exchange> value_exchange(const std::vector<ExchangeActor>& actors, const std::vector<double>& weight,
                                       const std::vector<std::optional<double>>& outcome, std::size_t i,
                                       std::size_t j, std::size_t g, std::size_t h) {
    const ExchangeActor &a = actors[i], &b = actors[j];
    const double xig = *a.position[g], xjg = *b.position[g], xih = *a.position[h], xjh = *b.position[h];
    const double og = *outcome[g], oh = *outcome[h];
    if (!((xig - og) * (xjg - og) < 0 && (xih - oh) * (xjh - oh) < 0)) return std::nullopt;
    const double sig = a.salience[g], sjg = b.salience[g], sih = a.salience[h], sjh = b.salience[h];
    if (!(sig * sjh > sih * sjg)) return std::nullopt;
    const double shift_g = b.capability * sjg / weight[g], shift_h = a.capability * sih / weight[h];
    if (!(shift_g > 0 && shift_h > 0)) return std::nullopt;
    // Equal gains: shift_g d_g (s_ig + s_jg) = shift_h d_h (s_ih + s_jh), i.e. d_h = ratio d_g.
    const double ratio = shift_g * (sig + sjg) / (shift_h * (sih + sjh));
    const double max_g = std::min(std::abs(xig - xjg), std::abs(og - xig) / shift_g);
    const double max_h = std::min(std::abs(xjh - xih), std::abs(oh - xjh) / shift_h);
    const double move_g = std::min(max_g, max_h / ratio);
    Exchange e{0, i, j, g, h, move_g, move_g * ratio};
    e.gain = sig * shift_g * e.move_g - sih * shift_h * e.move_h;
    if (!(e.gain > 0)) return std::nullopt;
    return e;
}

}  // namespace

std::optional<double> exchange_compromise(const std::vector<ExchangeActor>& actors,
                                          const std::vector<std::vector<std::optional<double>>>& positions,
                                          std::size_t k) {
    double sum = 0, weight = 0;
    for (std::size_t a = 0; a < actors.size(); ++a) {
        if (!positions[a][k]) continue;
        const double w = actors[a].capability * actors[a].salience[k];
        sum += w * *positions[a][k];
        weight += w;
    }
    if (!(weight > 0)) return std::nullopt;
    return sum / weight;
}

std::vector<std::vector<std::optional<double>>> exchange_positions(const std::vector<ExchangeActor>& actors,
                                                                   std::size_t issues) {
    std::vector<std::vector<std::optional<double>>> positions;
    for (const auto& a : actors) positions.push_back(a.position);
    std::vector<std::optional<double>> outcome(issues);
    std::vector<double> weight(issues, 0.0);
    for (std::size_t k = 0; k < issues; ++k) {
        outcome[k] = exchange_compromise(actors, positions, k);
        for (const auto& a : actors)
            if (a.position[k]) weight[k] += a.capability * a.salience[k];
    }
    std::vector<Exchange> possible;
    // i < j: the ordered issue pair (g, h) already says who gains where.
    for (std::size_t i = 0; i < actors.size(); ++i)
        for (std::size_t j = i + 1; j < actors.size(); ++j)
            for (std::size_t g = 0; g < issues; ++g)
                for (std::size_t h = 0; h < issues; ++h) {
                    if (g == h || !outcome[g] || !outcome[h]) continue;
                    if (!actors[i].position[g] || !actors[i].position[h] || !actors[j].position[g] ||
                        !actors[j].position[h])
                        continue;
                    if (auto e = value_exchange(actors, weight, outcome, i, j, g, h)) possible.push_back(*e);
                }
    std::stable_sort(possible.begin(), possible.end(), [](const Exchange& x, const Exchange& y) {
        return x.gain > y.gain;  // equal gains keep the order of (i, j, g, h)
    });
    std::vector<std::vector<bool>> moved(actors.size(), std::vector<bool>(issues, false));
    for (const auto& e : possible) {
        if (moved[e.giver][e.g] || moved[e.gainer][e.h]) continue;
        moved[e.giver][e.g] = moved[e.gainer][e.h] = true;
        auto towards = [](double from, double to, double by) { return from < to ? from + by : from - by; };
        positions[e.giver][e.g] = towards(*positions[e.giver][e.g], *actors[e.gainer].position[e.g], e.move_g);
        positions[e.gainer][e.h] = towards(*positions[e.gainer][e.h], *actors[e.giver].position[e.h], e.move_h);
    }
    return positions;
}

}  // namespace accord
