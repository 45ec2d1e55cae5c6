#include "accord/quantile.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/triangular.hpp>

namespace accord {

double distribution_quantile(const Distribution& d, double p) {
    if (!(p > 0 && p < 1)) throw std::invalid_argument("distribution_quantile: p must lie in (0, 1)");
    const auto& a = d.args;
    switch (d.kind) {
        case DistributionKind::normal:
            if (a[1] == 0) return a[0];
            return boost::math::quantile(boost::math::normal_distribution<double>(a[0], a[1]), p);
        case DistributionKind::uniform:
            return a[0] + p * (a[1] - a[0]);
        case DistributionKind::triangular:
            if (a[2] == a[0]) return a[0];
            return boost::math::quantile(boost::math::triangular_distribution<double>(a[0], a[1], a[2]), p);
        case DistributionKind::choice: {
            const auto k = a.size();
            const auto j = std::min(static_cast<std::size_t>(std::floor(p * static_cast<double>(k))), k - 1);
            return a[j];
        }
    }
    throw std::invalid_argument("distribution_quantile: unknown distribution");
}

bool distribution_varies(const Distribution& d) {
    const auto& a = d.args;
    switch (d.kind) {
        case DistributionKind::normal:
            return a[1] > 0;
        case DistributionKind::uniform:
            return a[0] < a[1];
        case DistributionKind::triangular:
            return a[0] < a[2];
        case DistributionKind::choice:
            return std::any_of(a.begin(), a.end(), [&](double v) { return v != a[0]; });
    }
    return false;
}

}  // namespace accord
