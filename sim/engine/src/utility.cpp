#include "accord/utility.hpp"

#include <cmath>
#include <numeric>

namespace accord {

double salience_total(const ActorParams& a) {
    return std::accumulate(a.salience.begin(), a.salience.end(), 0.0);
}

double utility(const ActorParams& a, const Positions& x, int i, const std::vector<double>& terms) {
    return utility_of(a.salience.data(), salience_total(a), x, i, terms);
}

}  // namespace accord
