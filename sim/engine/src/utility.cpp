#include "accord/utility.hpp"

#include <cmath>
#include <numeric>

namespace accord {

double salience_total(const ActorParams& a) {
    return std::accumulate(a.salience.begin(), a.salience.end(), 0.0);
}

double utility(const ActorParams& a, const Positions& x, int i, const std::vector<double>& terms) {
    const double total = salience_total(a);
    if (total <= 0) return 1;
    double loss = 0;
    for (std::size_t k = 0; k < terms.size(); ++k)
        loss += a.salience[k] * std::abs(terms[k] - x(i, static_cast<long>(k)));
    return 1 - loss / total;
}

}  // namespace accord
