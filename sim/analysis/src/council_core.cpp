#include "accord/council_core.hpp"

namespace accord {

std::optional<std::pair<double, double>> council_core(const ProceduralIssue& issue) {
    const double lower = council_pivot(issue, true), upper = council_pivot(issue, false);
    if (!(lower <= upper)) return std::nullopt;
    return std::make_pair(lower, upper);
}

}  // namespace accord
