#include "accord/dynamics.hpp"

#include <algorithm>
#include <cmath>

namespace accord {

Positions initial_positions(const Params& p, int m) {
    Positions x;
    initial_positions_into(p, m, x);
    return x;
}

void initial_positions_into(const Params& p, int m, Positions& x) {
    x.resize(static_cast<long>(p.actors.size()), m);
    for (std::size_t i = 0; i < p.actors.size(); ++i)
        for (int k = 0; k < m; ++k) x(static_cast<long>(i), k) = p.actors[i].position[static_cast<std::size_t>(k)];
}

void initial_positions_of_actors_into(const Params& p, const std::vector<int>& actors, Positions& x) {
    for (const int i : actors)
        for (long k = 0; k < x.cols(); ++k)
            x(i, k) = p.actors[static_cast<std::size_t>(i)].position[static_cast<std::size_t>(k)];
}

void step_dynamics(const Scenario& s, const Params& p, const InfluenceNetwork& net, const Positions& x,
                   const Positions& anchor, Positions& next) {
    const int n = static_cast<int>(x.rows());
    const int m = static_cast<int>(x.cols());
    // Coupling (Parsegov et al. 2017): y_jk = sum_l C_kl x_jl, i.e. Y = X C^T.
    Positions coupled;
    const Positions* y = &x;
    if (s.model.coupling) {
        coupled = x * s.model.coupling->transpose();
        y = &coupled;
    }
    const bool bounded = s.model.dynamics == Dynamics::bounded_confidence;
    const bool anchored = s.model.dynamics != Dynamics::degroot;
    const double radius = p.confidence + 1e-12;  // ties count
    const double step = p.step;
    for (int i = 0; i < n; ++i) {
        const double a = anchored ? p.actors[static_cast<std::size_t>(i)].stubbornness : 0;
        for (int k = 0; k < m; ++k) {
            double total = net.own_weight(i, k);
            double sum = total * (*y)(i, k);
            for (const auto& src : net.sources(i)) {
                if (bounded && std::abs(x(src.actor, k) - x(i, k)) > radius) continue;
                const double r = src.weight * net.factor(src.actor, k);
                total += r;
                sum += r * (*y)(src.actor, k);
            }
            // A row of W that sums to 0 keeps its current position (docs/models.md section 2).
            if (total <= 0) {
                next(i, k) = x(i, k);
                continue;
            }
            double value = (1 - a) * (sum / total) + a * anchor(i, k);
            // The speed of persuasion (docs/models.md section 16.2): x + step (T(x) - x), clamped after;
            // step 1 is the update itself, computed as before.
            if (step != 1) value = x(i, k) + step * (value - x(i, k));
            next(i, k) = std::clamp(value, 0.0, 1.0);
        }
    }
}

}  // namespace accord
