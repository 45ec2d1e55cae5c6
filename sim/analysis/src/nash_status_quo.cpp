// Own code rather than the engine's Nash solver (docs/models.md section 6): in one dimension the
// feasible set is an interval in closed form, and the objective is concave on it, so Boost's Brent
// minimiser on that interval finds the solution without the engine's scenario machinery.
#include "accord/nash_status_quo.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <boost/math/tools/minima.hpp>

namespace accord {

std::optional<double> nash_status_quo(const std::vector<NashBargainer>& actors, double status_quo) {
    const double q = status_quo;
    bool above = false, below = false, power = false;
    double nearest = std::numeric_limits<double>::infinity();  // distance of the ideal nearest q
    for (const auto& a : actors) {
        if (a.power <= 0) continue;
        power = true;
        above = above || a.ideal > q;
        below = below || a.ideal < q;
        if (a.ideal == q || (above && below)) return std::nullopt;  // someone cannot gain
        nearest = std::min(nearest, std::abs(a.ideal - q));
    }
    if (!power) return std::nullopt;
    const double side = above ? 1.0 : -1.0;
    // Along t = side (x - q) in [nearest, 2 nearest): g_i = |ideal_i - q| - |q + side t - ideal_i|.
    auto minus_log_product = [&](double t) {
        double sum = 0;
        for (const auto& a : actors) {
            if (a.power <= 0) continue;
            const double d = std::abs(a.ideal - q);
            const double gain = d - std::abs(t - d);
            if (!(gain > 0)) return std::numeric_limits<double>::infinity();
            sum += a.power * std::log(gain);
        }
        return -sum;
    };
    // The upper end 2 nearest itself is infeasible (the nearest actor's gain is 0 there); Brent
    // evaluates only inside the bracket, and the concave objective has its maximum inside.
    const int bits = std::numeric_limits<double>::digits / 2;
    const auto best = boost::math::tools::brent_find_minima(minus_log_product, nearest, 2 * nearest, bits);
    return q + side * best.first;
}

}  // namespace accord
