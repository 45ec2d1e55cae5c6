#include "accord/backtest_folds.hpp"

#include <set>
#include <stdexcept>
#include <utility>

#include <fmt/format.h>

#include "accord/random.hpp"

namespace accord {

std::vector<std::string> fold_labels(const FoldSpec& spec) {
    std::vector<std::string> labels;
    if (spec.kind == FoldSpec::Kind::odd_even) labels = {"odd", "even"};
    if (spec.kind == FoldSpec::Kind::k_fold)
        for (long f = 1; f <= spec.k; ++f) labels.push_back(std::to_string(f));
    return labels;
}

std::map<std::string, std::string> assign_folds(const std::vector<FoldProposal>& proposals, const FoldSpec& spec) {
    std::vector<FoldProposal> distinct;
    std::set<std::string> seen;
    for (const auto& p : proposals)
        if (seen.insert(p.id).second) distinct.push_back(p);
    std::map<std::string, std::string> fold;
    if (spec.kind == FoldSpec::Kind::none) {
        for (const auto& p : distinct) fold[p.id] = "all";
        return fold;
    }
    if (spec.kind == FoldSpec::Kind::odd_even) {
        for (const auto& p : distinct) fold[p.id] = p.number % 2 != 0 ? "odd" : "even";
        return fold;
    }
    if (spec.k < 2 || static_cast<std::size_t>(spec.k) > distinct.size())
        throw std::invalid_argument(
            fmt::format("--folds must be between 2 and the number of proposals ({}), found {}", distinct.size(), spec.k));
    Rng rng(spec.seed);
    for (std::size_t i = distinct.size(); i > 1; --i) std::swap(distinct[i - 1], distinct[rng.below(i)]);
    for (std::size_t i = 0; i < distinct.size(); ++i)
        fold[distinct[i].id] = std::to_string(i % static_cast<std::size_t>(spec.k) + 1);
    return fold;
}

}  // namespace accord
